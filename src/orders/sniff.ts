import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** What kind of file this is, from its first bytes (never from its name). */
export function sniffFileKind(path: string): 'xlsx' | 'text' {
  const head = Buffer.alloc(4);
  const fd = openSync(path, 'r');
  const length = readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  return length === 4 && head.equals(ZIP_MAGIC) ? 'xlsx' : 'text';
}

/** The first non-empty line, loosely decoded: enough to tell CDNOW's whitespace layout. */
export function firstLine(path: string): string {
  const head = Buffer.alloc(4_096);
  const fd = openSync(path, 'r');
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  return (
    head
      .subarray(0, length)
      .toString('utf8')
      .split(/\r?\n/)
      .find((line) => line.trim() !== '') ?? ''
  );
}

/** SHA-256 of a file, streamed: identifies a re-run of the same file for resuming. */
export async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

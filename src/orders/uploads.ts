import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';

// Saving uploaded files: streamed to disk as they arrive (a 1 GB export never sits in memory),
// under a random name (the client's name is only shown, never used as a path).

export interface SavedUpload {
  readonly path: string;
  readonly name: string;
  readonly bytes: number;
}

export interface UploadForm {
  readonly files: readonly SavedUpload[];
  readonly fields: Readonly<Record<string, string>>;
}

/** The client's file name, for display: control characters and any folder part removed. */
function displayName(name: string): string {
  const printable = [...name]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('');
  const cleaned = printable.replace(/^.*[\\/]/, '').trim();
  return (cleaned || 'upload').slice(0, 200);
}

/** Reads a multipart request: files to the upload folder, text fields into a record. */
export async function saveUploads(
  request: FastifyRequest,
  uploadDir: string,
  storeId: StoreId,
  maxBytes: number,
): Promise<UploadForm> {
  const folder = resolve(uploadDir, String(storeId));
  await mkdir(folder, { recursive: true });
  const files: SavedUpload[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxBytes, files: 20, fields: 10, fieldSize: 1_000 },
    })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const path = join(folder, `${randomUUID()}.upload`);
      files.push({ path, name: displayName(part.filename), bytes: 0 });
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated) {
        throw new LaokeError(
          'import.file_too_large',
          `${displayName(part.filename)} is larger than the ${Math.round(maxBytes / 1024 ** 2)} MiB upload limit.`,
        );
      }
      files[files.length - 1] = { path, name: displayName(part.filename), bytes: part.file.bytesRead };
    }
  } catch (thrown) {
    await Promise.all(files.map((file) => rm(file.path, { force: true })));
    throw thrown;
  }
  if (files.length === 0)
    throw new LaokeError('request.invalid', 'Attach at least one file (multipart field "file").');
  return { files, fields };
}

import { isAscii, isUtf8 } from 'node:buffer';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { TextDecoder } from 'node:util';
import Papa from 'papaparse';
import { type RecordSource, type Rejection, reject, type SourceRecord } from './types.js';

// Text files: the bytes are split into lines and every line is decoded on its own: pure ASCII as
// is, valid UTF-8 as UTF-8, anything else as GB18030 (the superset of GBK that Taobao exports use).
// GBK text is rarely valid UTF-8, so a file that mixes the two (two exports pasted together) is
// still read right, line by line. Rarely is not never: a short line such as `nobody,女,…` is
// valid both ways (女 is C5 AE in GBK, which UTF-8 reads as Ů). A line that decodes both ways
// follows the file: GB18030 once more lines were GB18030-only than UTF-8-only. Bytes that are
// neither are rejected with their line, never guessed. UTF-16 files (Excel's "Unicode text") are recognised by their BOM.

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);
const CHUNK_BYTES = 1 << 20;

interface DecodedLines {
  readonly text: string;
  readonly badLines: readonly number[];
}

class LineDecoder {
  private readonly gb18030 = new TextDecoder('gb18030', { fatal: true });
  private readonly utf8 = new TextDecoder('utf-8');
  private rest: Buffer = Buffer.alloc(0);
  line = 0;
  utf8Lines = 0;
  gb18030Lines = 0;

  /** Decodes the complete lines in `chunk` (the tail waits for the next chunk), joined by \n. */
  push(chunk: Buffer, last: boolean): DecodedLines {
    const bytes = this.rest.length > 0 ? Buffer.concat([this.rest, chunk]) : chunk;
    const end = last ? bytes.length : bytes.lastIndexOf(0x0a) + 1;
    this.rest = Buffer.from(bytes.subarray(end));
    const complete = bytes.subarray(0, end);
    // Fast path: a block of whole lines that is valid UTF-8 decodes in one call, unless the file
    // has shown GB18030 lines, in which case each line is looked at on its own.
    if (this.gb18030Lines === 0 && isUtf8(complete)) {
      const text = this.utf8.decode(complete);
      const lines =
        countNewlines(complete) + (last && complete.length > 0 && complete.at(-1) !== 0x0a ? 1 : 0);
      if (!isAscii(complete)) this.utf8Lines += lines;
      this.line += lines;
      return { text: text.replaceAll('\r\n', '\n'), badLines: [] };
    }
    const parts: string[] = [];
    const badLines: number[] = [];
    let start = 0;
    while (start < complete.length) {
      let stop = complete.indexOf(0x0a, start);
      if (stop === -1) stop = complete.length;
      let lineBytes = complete.subarray(start, stop);
      if (lineBytes.at(-1) === 0x0d) lineBytes = lineBytes.subarray(0, -1);
      this.line += 1;
      parts.push(this.decodeLine(lineBytes, badLines));
      start = stop + 1;
    }
    // Joined with the final newline in one go: a flat string, which the CSV parser reads without
    // first copying it.
    parts.push('');
    return { text: parts.length > 1 ? parts.join('\n') : '', badLines };
  }

  private decodeLine(bytes: Buffer, badLines: number[]): string {
    if (isAscii(bytes)) return bytes.toString('latin1');
    if (isUtf8(bytes)) {
      if (this.gb18030Lines > this.utf8Lines) {
        const asGb = this.tryGb18030(bytes);
        if (asGb !== undefined) return asGb; // valid both ways, in a GB18030 file
      }
      this.utf8Lines += 1;
      return this.utf8.decode(bytes);
    }
    try {
      const text = this.gb18030.decode(bytes);
      this.gb18030Lines += 1;
      return text;
    } catch {
      badLines.push(this.line);
      return this.utf8.decode(bytes); // with U+FFFD where bytes are bad; the row is rejected
    }
  }

  private tryGb18030(bytes: Buffer): string | undefined {
    try {
      return this.gb18030.decode(bytes);
    } catch {
      return undefined;
    }
  }
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  let at = bytes.indexOf(0x0a);
  while (at !== -1) {
    count += 1;
    at = bytes.indexOf(0x0a, at + 1);
  }
  return count;
}

export interface TextSourceOptions {
  /** csv: RFC 4180 with the delimiter guessed from the first line; whitespace: runs of spaces/tabs. */
  readonly layout: 'csv' | 'whitespace';
}

/** Reads a delimited text file as records, with their starting line numbers and original text. */
export function openTextSource(path: string, options: TextSourceOptions): RecordSource {
  const totalBytes = statSync(path).size;
  let bytesRead = 0;
  let encoding = 'utf-8';
  const decoder = new LineDecoder();
  const badLines = new Set<number>();

  async function* decodedText(): AsyncGenerator<string> {
    const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
    let first = true;
    let utf16: TextDecoder | undefined;
    let utf16Rest = '';
    for await (const piece of stream) {
      let chunk = piece as Buffer;
      bytesRead += chunk.length;
      if (first) {
        first = false;
        if (chunk.subarray(0, 3).equals(UTF8_BOM)) chunk = chunk.subarray(3);
        else if (chunk.subarray(0, 2).equals(UTF16LE_BOM)) {
          utf16 = new TextDecoder('utf-16le');
          encoding = 'utf-16le';
          chunk = chunk.subarray(2);
        }
      }
      if (utf16) {
        const text = utf16Rest + utf16.decode(chunk, { stream: true }).replaceAll('\r\n', '\n');
        const cut = text.lastIndexOf('\n') + 1;
        utf16Rest = text.slice(cut);
        if (cut > 0) yield text.slice(0, cut);
        continue;
      }
      const decoded = decoder.push(chunk, false);
      for (const line of decoded.badLines) badLines.add(line);
      if (decoded.text) yield decoded.text;
    }
    if (utf16) {
      const rest = utf16Rest + utf16.decode();
      if (rest) yield rest;
      return;
    }
    const tail = decoder.push(Buffer.alloc(0), true);
    for (const line of tail.badLines) badLines.add(line);
    if (tail.text) yield tail.text;
  }

  const records =
    options.layout === 'csv'
      ? csvRecords(decodedText(), badLines, guessDelimiter(path))
      : whitespaceRecords(decodedText(), badLines);
  return {
    records,
    stats: () => ({
      bytesRead,
      totalBytes,
      encoding:
        encoding === 'utf-16le'
          ? encoding
          : decoder.gb18030Lines > 0 && decoder.utf8Lines === 0
            ? 'gb18030'
            : decoder.gb18030Lines > 0
              ? 'mixed utf-8 and gb18030'
              : 'utf-8',
      utf8Lines: decoder.utf8Lines,
      gb18030Lines: decoder.gb18030Lines,
    }),
  };
}

function badEncoding(line: number, raw: string): Rejection {
  return reject(
    line,
    'bad_encoding',
    `Line ${line} has bytes that are neither UTF-8 nor GB18030/GBK; re-export the file as UTF-8 or GBK`,
    raw,
  );
}

function spansBadLine(badLines: ReadonlySet<number>, first: number, last: number): number | undefined {
  if (badLines.size === 0) return undefined;
  for (let line = first; line <= last; line++) if (badLines.has(line)) return line;
  return undefined;
}

interface ParsedRow {
  readonly fields: string[];
  readonly start: number;
  readonly end: number;
  readonly unclosed: boolean;
}

function parseRows(text: string, delimiter: string): ParsedRow[] {
  const rows: ParsedRow[] = [];
  let start = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    step: (result) => {
      const end = result.meta.cursor;
      const unclosed = result.errors.some((error) => error.code === 'MissingQuotes');
      rows.push({ fields: result.data, start, end, unclosed });
      start = end;
    },
  });
  return rows;
}

/**
 * CSV records from decoded text, parsed by PapaParse one chunk at a time (6× faster than
 * csv-parse on these exports; bench/README.md). Chunks end at line ends; a record whose quoted
 * field runs past the end of a chunk is carried into the next one. Each record keeps the line
 * it starts on and its original text, for the rejection report.
 */
async function* csvRecords(
  text: AsyncIterable<string>,
  badLines: ReadonlySet<number>,
  delimiter: string,
): AsyncGenerator<SourceRecord | Rejection> {
  let carry = '';
  let line = 1; // the line the next text to parse starts on
  const emit = function* (chunk: string, rows: readonly ParsedRow[]): Generator<SourceRecord | Rejection> {
    for (const row of rows) {
      const raw = chunk.slice(row.start, row.end);
      const first = line;
      line += newlines(raw);
      const body = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
      if (row.fields.length === 1 && row.fields[0] === '' && body.trim() === '') continue;
      const last = Math.max(first, line - (raw.endsWith('\n') ? 1 : 0));
      const bad = spansBadLine(badLines, first, last);
      if (bad !== undefined) yield badEncoding(bad, body);
      else if (row.unclosed) {
        yield reject(
          first,
          'unclosed_quote',
          `A quote opened on line ${first} is never closed; lines ${first}–${last} could not be read as rows`,
          body,
        );
      } else yield { kind: 'record', line: first, fields: row.fields, raw: body };
    }
  };
  for await (const piece of text) {
    const chunk = carry + piece;
    const rows = parseRows(chunk, delimiter);
    const tail = rows.at(-1);
    // An unclosed quote at the end of a chunk may close in the next one.
    if (tail?.unclosed) {
      carry = chunk.slice(tail.start);
      yield* emit(chunk, rows.slice(0, -1));
    } else {
      carry = '';
      yield* emit(chunk, rows);
    }
  }
  if (carry !== '') yield* emit(carry, parseRows(carry, delimiter));
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

async function* whitespaceRecords(
  text: AsyncIterable<string>,
  badLines: ReadonlySet<number>,
): AsyncGenerator<SourceRecord | Rejection> {
  let line = 0;
  let rest = '';
  for await (const piece of text) {
    const lines = (rest + piece).split('\n');
    rest = lines.pop() ?? '';
    for (const raw of lines) {
      line += 1;
      if (raw.trim() === '') continue;
      if (badLines.has(line)) yield badEncoding(line, raw);
      else yield { kind: 'record', line, fields: raw.trim().split(/\s+/), raw };
    }
  }
  if (rest.trim() !== '') {
    line += 1;
    yield badLines.has(line)
      ? badEncoding(line, rest)
      : { kind: 'record', line, fields: rest.trim().split(/\s+/), raw: rest };
  }
}

/** Comma, tab or semicolon: whichever the first line has most of (outside quotes, roughly). */
export function guessDelimiter(path: string): string {
  const head = Buffer.alloc(65_536);
  const fd = openSync(path, 'r');
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  let bytes = head.subarray(0, length);
  if (bytes.subarray(0, 2).equals(UTF16LE_BOM)) {
    bytes = Buffer.from(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf8');
  }
  const end = bytes.indexOf(0x0a);
  const firstLine = bytes
    .subarray(0, end === -1 ? bytes.length : end)
    .toString('latin1')
    .replace(/"[^"]*"/g, '');
  const counts = [',', '\t', ';'].map(
    (candidate) => [candidate, firstLine.split(candidate).length - 1] as const,
  );
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}

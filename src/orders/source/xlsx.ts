import { statSync } from 'node:fs';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { LaokeError } from '../../shared/errors.js';
import type { Cell, RecordSource, SourceRecord } from './types.js';

// XLSX through exceljs's streaming reader (the npm `xlsx` package is frozen with known flaws).
// An .xlsx is a zip: before anything is inflated, the zip's own directory is checked so a small
// file cannot expand into gigabytes (a zip bomb).

const MAX_UNCOMPRESSED_BYTES = 2 * 1024 ** 3;
const MAX_RATIO = 200; // real spreadsheets compress 5–20×, very repetitive ones up to ~100×
const MAX_ROWS = 10_000_000;
const MAX_COLUMNS = 1_000;

/** Checks the zip directory of an .xlsx against the limits; throws import.file_too_large. */
export async function assertSafeZip(path: string): Promise<void> {
  const compressed = statSync(path).size;
  let uncompressed = 0;
  await new Promise<void>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip)
        return reject(
          new LaokeError(
            'import.unreadable',
            `The file is not a valid .xlsx (zip) file: ${error?.message ?? 'unknown'}`,
          ),
        );
      zip.on('entry', (entry: yauzl.Entry) => {
        uncompressed += entry.uncompressedSize;
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (cause: Error) =>
        reject(new LaokeError('import.unreadable', `The .xlsx file is damaged: ${cause.message}`)),
      );
      zip.readEntry();
    });
  });
  if (uncompressed > MAX_UNCOMPRESSED_BYTES || uncompressed > Math.max(compressed, 256 * 1024) * MAX_RATIO) {
    throw new LaokeError(
      'import.file_too_large',
      `This .xlsx would expand to ${Math.round(uncompressed / 1024 ** 2)} MiB (${Math.round(uncompressed / Math.max(compressed, 1))}× its size); the limit is 2 GiB and ${MAX_RATIO}×. Export large histories as CSV.`,
      { uncompressedBytes: uncompressed, compressedBytes: compressed },
    );
  }
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || value instanceof Date) return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('text' in value) return String(value.text);
  if ('error' in value) return null;
  return null;
}

/** Reads the first worksheet of an .xlsx file as records; row numbers are the sheet's. */
export async function openXlsxSource(path: string): Promise<RecordSource> {
  await assertSafeZip(path);
  const totalBytes = statSync(path).size;
  let rowsRead = 0;
  async function* records(): AsyncGenerator<SourceRecord> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, {
      worksheets: 'emit',
      sharedStrings: 'cache',
      styles: 'cache', // needed to tell dates from numbers
      hyperlinks: 'ignore',
      entries: 'emit',
    });
    for await (const worksheet of workbook) {
      for await (const row of worksheet as AsyncIterable<ExcelJS.Row>) {
        rowsRead += 1;
        if (rowsRead > MAX_ROWS)
          throw new LaokeError(
            'import.file_too_large',
            `More than ${MAX_ROWS.toLocaleString('en')} rows; split the file.`,
          );
        const values = (row.values as ExcelJS.CellValue[]).slice(1, MAX_COLUMNS + 1);
        const fields = Array.from(values, (value) => cellOf(value));
        if (fields.every((field) => field === null || field === '')) continue;
        const raw = fields
          .map((field) => (field instanceof Date ? field.toISOString() : String(field ?? '')))
          .join(',');
        yield { kind: 'record', line: row.number, fields, raw };
      }
      break; // the first worksheet holds the orders
    }
  }
  return {
    records: records(),
    stats: () => ({
      bytesRead: rowsRead === 0 ? 0 : totalBytes,
      totalBytes,
      encoding: 'xlsx',
      utf8Lines: 0,
      gb18030Lines: 0,
    }),
  };
}

import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { neutralise } from './spreadsheet.js';

// A table streamed to CSV (UTF-8 with BOM, which Excel needs to read Chinese) or XLSX, rows
// arriving in chunks so a million never sit in memory. Text cells are neutralised: a cell that
// starts like a formula (=, +, -, @) cannot run in the operator's spreadsheet.

export type TableFormat = 'csv' | 'xlsx';
export type Cell = string | number;

export interface TableFile {
  readonly stream: Readable;
  readonly fileName: string;
  readonly contentType: string;
}

const safe = (cells: readonly Cell[]) =>
  cells.map((cell) => (typeof cell === 'string' ? neutralise(cell) : cell));

export function tableFile(
  format: TableFormat,
  baseName: string,
  sheetName: string,
  header: readonly string[],
  chunks: AsyncIterable<readonly (readonly Cell[])[]>,
): TableFile {
  const out = new PassThrough();
  const fail = (thrown: unknown) => out.destroy(thrown instanceof Error ? thrown : new Error(String(thrown)));
  const fileName = `${baseName}.${format}`;
  if (format === 'csv') {
    void (async () => {
      out.write(`\uFEFF${Papa.unparse([safe(header)])}\r\n`);
      for await (const rows of chunks) if (rows.length > 0) out.write(`${Papa.unparse(rows.map(safe))}\r\n`);
      out.end();
    })().catch(fail);
    return { stream: out, fileName, contentType: 'text/csv; charset=utf-8' };
  }
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRow(safe(header)).commit();
    for await (const rows of chunks) for (const cells of rows) sheet.addRow(safe(cells)).commit();
    sheet.commit();
    await workbook.commit();
  })().catch(fail);
  return {
    stream: out,
    fileName,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

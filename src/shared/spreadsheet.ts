import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

// What every file Laoke writes for a spreadsheet shares.

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or return) gets an
 * apostrophe in front, so an exported "=HYPERLINK(…)" in a customer's name stays text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type SpreadsheetFormat = 'csv' | 'xlsx';
export type SpreadsheetCell = string | number;

/** Text cells neutralised; numbers as they are. */
export function safeCells(cells: readonly SpreadsheetCell[]): SpreadsheetCell[] {
  return cells.map((cell) => (typeof cell === 'string' ? neutralise(cell) : cell));
}

/**
 * Streams a header and chunks of rows as CSV (UTF-8 with BOM, which Excel needs to read Chinese)
 * or XLSX; the rows are read only as the stream is consumed. Cells must be neutralised already.
 */
export function spreadsheetStream(
  format: SpreadsheetFormat,
  sheetName: string,
  header: readonly string[],
  chunks: AsyncIterable<SpreadsheetCell[][]>,
): { stream: Readable; contentType: string } {
  const out = new PassThrough();
  const fail = (thrown: unknown) => out.destroy(thrown instanceof Error ? thrown : new Error(String(thrown)));
  if (format === 'csv') {
    void (async () => {
      out.write(`\uFEFF${Papa.unparse([[...header]])}\r\n`);
      for await (const rows of chunks) if (rows.length > 0) out.write(`${Papa.unparse(rows)}\r\n`);
      out.end();
    })().catch(fail);
    return { stream: out, contentType: 'text/csv; charset=utf-8' };
  }
  void (async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName);
    sheet.addRow([...header]).commit();
    for await (const rows of chunks) for (const cells of rows) sheet.addRow(cells).commit();
    sheet.commit();
    await workbook.commit();
  })().catch(fail);
  return {
    stream: out,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  };
}

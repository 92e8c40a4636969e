// Reads the header of a sample CSV in the browser, so the column-map form can offer the file's
// column names instead of asking for them to be typed. Only the first line is read; nothing leaves
// the browser.

const SAMPLE_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

// Taobao exports GBK: a first line that is not valid UTF-8 is read as GB18030 (GBK's superset).
// GBK's second bytes are never 0x0A, so the first newline byte ends the header in either encoding.
function decodeLine(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Splits one CSV line on the delimiter, honouring double quotes ("a,b" and "" inside quotes). */
export function splitCsvLine(line: string, delimiter: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index];
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}

/** The column names in a CSV file's first line, or [] when it has none that can be read. */
export async function readCsvHeader(file: Blob): Promise<string[]> {
  const bytes = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return []; // "PK": a zip (XLSX), not text
  const end = bytes.indexOf(NEWLINE);
  const line = decodeLine(bytes.subarray(0, end === -1 ? bytes.length : end))
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '');
  // Tabs or semicolons when they outnumber commas (Excel's "Unicode text", European CSV).
  const counts = [',', '\t', ';'].map((delimiter) => ({ delimiter, n: line.split(delimiter).length }));
  const delimiter = counts.reduce((best, next) => (next.n > best.n ? next : best)).delimiter;
  const names = splitCsvLine(line, delimiter)
    .map((name) => name.trim())
    .filter((name) => name !== '');
  return [...new Set(names)];
}

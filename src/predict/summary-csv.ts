import Papa from 'papaparse';
import { LaokeError } from '../shared/errors.js';
import type { RepeatSummary } from './summary.js';

// A customer summary file, the lifetimes convention: one row per customer with
// id,frequency,recency,T[,monetary_value] — repeat purchases, the age at the last purchase, the
// age now, the mean repeat-purchase value. The names of Fader & Hardie's CDNOW files (x, t_x, T,
// zbar) are read too. Every row is checked; the first errors are reported with their lines.

const aliases: Readonly<Record<string, readonly string[]>> = {
  id: ['id', 'customer_id', 'customer'],
  frequency: ['frequency', 'x'],
  recency: ['recency', 't_x'],
  T: ['t', 'age'],
  monetary: ['monetary_value', 'zbar', 'monetary'],
};

export interface SummaryFile extends RepeatSummary {
  readonly ids: string[];
  readonly hasMonetary: boolean;
}

const MAX_REPORTED = 10;

export function parseSummaryCsv(bytes: Buffer, fileName: string): SummaryFile {
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD'))
    throw new LaokeError(
      'predict.invalid_summary',
      `${fileName} is not UTF-8 text: expected a UTF-8 CSV file.`,
    );
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...records] = parsed.data;
  if (!header)
    throw new LaokeError(
      'predict.invalid_summary',
      `${fileName} is empty: expected a header and one row per customer.`,
    );
  const names = header.map((h) => h.trim().toLowerCase());
  const column = (field: string) => names.findIndex((n) => aliases[field]!.includes(n));
  const at = {
    id: column('id'),
    x: column('frequency'),
    tx: column('recency'),
    T: column('T'),
    m: column('monetary'),
  };
  const missing = (['x', 'tx', 'T'] as const).filter((k) => at[k] < 0);
  if (missing.length > 0)
    throw new LaokeError(
      'predict.invalid_summary',
      `${fileName} has the columns ${header.join(', ')}: expected id,frequency,recency,T[,monetary_value] (or x,t_x,T,zbar).`,
    );
  const n = records.length;
  const out = {
    count: n,
    ids: new Array<string>(n),
    customerId: new Int32Array(n),
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
    holdout: new Float64Array(n),
    hasMonetary: at.m >= 0,
  };
  const errors: string[] = [];
  const number = (record: string[], index: number) =>
    index < 0 ? 0 : Number((record[index] ?? '').trim() || Number.NaN);
  for (const [i, record] of records.entries()) {
    const line = i + 2;
    const problem = (message: string) => {
      if (errors.length < MAX_REPORTED) errors.push(`line ${line}: ${message}`);
    };
    const x = number(record, at.x);
    const tx = number(record, at.tx);
    const T = number(record, at.T);
    const m = number(record, at.m);
    out.ids[i] = at.id >= 0 ? (record[at.id] ?? '').trim() : String(i + 1);
    out.customerId[i] = i + 1;
    if (!Number.isInteger(x) || x < 0) {
      problem(`frequency "${record[at.x] ?? ''}" is not a whole number ≥ 0`);
      continue;
    }
    if (!Number.isFinite(T) || T < 0) {
      problem(`T "${record[at.T] ?? ''}" is not a number ≥ 0`);
      continue;
    }
    if (!Number.isFinite(tx) || tx < 0 || tx > T) {
      problem(`recency "${record[at.tx] ?? ''}" is not a number between 0 and T (${T})`);
      continue;
    }
    if (x === 0 && tx !== 0) {
      problem(`recency is ${tx} with frequency 0: expected 0 (no repeat purchase)`);
      continue;
    }
    if (!Number.isFinite(m) || m < 0) {
      problem(`monetary_value "${record[at.m] ?? ''}" is not a number ≥ 0`);
      continue;
    }
    out.x[i] = x;
    out.tx[i] = tx;
    out.T[i] = T;
    out.monetary[i] = x > 0 ? m : 0;
  }
  if (errors.length > 0)
    throw new LaokeError(
      'predict.invalid_summary',
      `${fileName} has rows that are not valid:\n  ${errors.join('\n  ')}`,
    );
  if (n === 0)
    throw new LaokeError(
      'predict.invalid_summary',
      `${fileName} has a header but no rows: expected one row per customer.`,
    );
  return out;
}

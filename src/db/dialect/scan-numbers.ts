import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { to as copyTo } from 'pg-copy-streams';
import type { Database, PostgresDatabase, SqliteDatabase } from '../database.js';

// Reads many rows of numbers fast, for analyses that scan a whole store (millions of orders).
// Building an object per row through Kysely costs more than the analysis itself, so:
// - SQLite: the statement's raw iterator (arrays, no objects), straight from better-sqlite3.
// - PostgreSQL: COPY (query) TO STDOUT, parsed as tab-separated text; a cursor of 50k-row pages
//   through pg is several times slower.
// Values arrive in a reused Float64Array batch, row-major; SQL NULL becomes NaN.

export interface NumericScan {
  /** A SELECT whose every column is a number (integer or real); `?` marks each parameter. */
  readonly sql: string;
  /** Integer parameters only: PostgreSQL inlines them into the COPY, which takes no parameters. */
  readonly params: readonly number[];
  readonly columns: number;
}

/** Called with `rows` rows of `columns` values in `batch` (reused: copy what you keep). */
export type BatchHandler = (batch: Float64Array, rows: number) => void;

const BATCH_ROWS = 8_192;

function scanSqlite(database: SqliteDatabase, scan: NumericScan, onBatch: BatchHandler): number {
  const batch = new Float64Array(BATCH_ROWS * scan.columns);
  const statement = database.sqlite.prepare(scan.sql).raw(true);
  let rows = 0;
  let total = 0;
  for (const row of statement.iterate(...scan.params) as IterableIterator<(number | bigint | null)[]>) {
    const base = rows * scan.columns;
    for (let c = 0; c < scan.columns; c++) {
      const value = row[c];
      batch[base + c] = value === null || value === undefined ? Number.NaN : Number(value);
    }
    rows += 1;
    if (rows === BATCH_ROWS) {
      onBatch(batch, rows);
      total += rows;
      rows = 0;
    }
  }
  if (rows > 0) onBatch(batch, rows);
  return total + rows;
}

function inlineParams(scan: NumericScan): string {
  let next = 0;
  const text = scan.sql.replace(/\?/g, () => {
    const value = scan.params[next++];
    if (value === undefined || !Number.isSafeInteger(value)) {
      throw new Error(`scanNumbers: parameter ${next} must be a safe integer`);
    }
    return String(value);
  });
  if (next !== scan.params.length) throw new Error('scanNumbers: more parameters than placeholders');
  return text;
}

async function scanPostgres(
  database: PostgresDatabase,
  scan: NumericScan,
  onBatch: BatchHandler,
): Promise<number> {
  const batch = new Float64Array(BATCH_ROWS * scan.columns);
  const columns = scan.columns;
  let rows = 0;
  let total = 0;
  let column = 0;
  let field = '';
  const flushRow = () => {
    rows += 1;
    column = 0;
    if (rows === BATCH_ROWS) {
      onBatch(batch, rows);
      total += rows;
      rows = 0;
    }
  };
  const putField = () => {
    batch[rows * columns + column] = field === '\\N' ? Number.NaN : Number(field);
    column += 1;
    field = '';
  };
  const sink = new Writable({
    decodeStrings: false,
    write(chunk: Buffer, _encoding, done) {
      // Numbers and tabs are ASCII: one byte is one character, no multi-byte split to mind.
      const text = chunk.toString('latin1');
      let start = 0;
      for (let i = 0; i < text.length; i++) {
        const code = text.charCodeAt(i);
        if (code === 9 || code === 10) {
          field += text.slice(start, i);
          putField();
          if (code === 10) flushRow();
          start = i + 1;
        }
      }
      field += text.slice(start);
      done();
    },
  });
  const client = await database.pool.connect();
  try {
    await pipeline(client.query(copyTo(`copy (${inlineParams(scan)}) to stdout`)), sink);
  } finally {
    client.release();
  }
  if (rows > 0) onBatch(batch, rows);
  return total + rows;
}

/** Runs the scan and hands its rows over in batches; returns the number of rows. */
export async function scanNumbers(
  database: Database,
  scan: NumericScan,
  onBatch: BatchHandler,
): Promise<number> {
  return database.dialect === 'sqlite'
    ? scanSqlite(database, scan, onBatch)
    : scanPostgres(database, scan, onBatch);
}

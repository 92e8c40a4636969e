import { sql } from 'kysely';
import type { Database, Db, DialectName } from '../database.js';
import type { Schema } from '../schema.js';

// Loading many rows (the demo store, large imports) is where the two databases differ most:
// - SQLite: one prepared statement run per row on the native handle. better-sqlite3 is
//   synchronous and in-process, so a statement run costs about a microsecond; multi-row VALUES
//   gain little and hit the 32,766-parameter limit.
// - PostgreSQL: one INSERT … SELECT FROM unnest($1::int4[], $2::text[], …) per chunk: each row
//   would otherwise be a network round trip; arrays send a chunk in one message.
// Both run inside the caller's transaction: on SQLite the native handle is the very connection
// the Kysely transaction holds, so its statements belong to that transaction.

export type PgColumnType = 'int4' | 'int8' | 'text' | 'float8';

export interface BulkColumn {
  readonly name: string;
  readonly pgType: PgColumnType;
}

/** A table and the columns the rows give values for, in order. */
export interface BulkTarget {
  readonly table: keyof Schema & string;
  readonly columns: readonly BulkColumn[];
}

export type BulkRow = readonly (string | number | null)[];

type BulkInsert = (
  database: Database,
  trx: Db,
  target: BulkTarget,
  rows: readonly BulkRow[],
) => Promise<void>;

const sqliteStatements = new WeakMap<object, Map<string, { run(...values: unknown[]): unknown }>>();

const insertWithSqlite: BulkInsert = async (database, _trx, target, rows) => {
  if (database.dialect !== 'sqlite') throw new Error('insertWithSqlite needs a SQLite database');
  let cache = sqliteStatements.get(database.sqlite);
  if (!cache) {
    cache = new Map();
    sqliteStatements.set(database.sqlite, cache);
  }
  const key = `${target.table}(${target.columns.map((c) => c.name).join(',')})`;
  let statement = cache.get(key);
  if (!statement) {
    const columns = target.columns.map((c) => `"${c.name}"`).join(', ');
    const placeholders = target.columns.map(() => '?').join(', ');
    statement = database.sqlite.prepare(
      `insert into "${target.table}" (${columns}) values (${placeholders})`,
    );
    cache.set(key, statement);
  }
  for (const row of rows) statement.run(row);
};

const PG_CHUNK_ROWS = 5_000;

const insertWithUnnest: BulkInsert = async (_database, trx, target, rows) => {
  const columnList = sql.join(target.columns.map((c) => sql.ref(c.name)));
  for (let start = 0; start < rows.length; start += PG_CHUNK_ROWS) {
    const chunk = rows.slice(start, start + PG_CHUNK_ROWS);
    const arrays = target.columns.map((column, index) => {
      const values = chunk.map((row) => row[index] ?? null);
      return sql`${values}::${sql.raw(column.pgType)}[]`;
    });
    await sql`insert into ${sql.table(target.table)} (${columnList}) select * from unnest(${sql.join(arrays)})`.execute(
      trx,
    );
  }
};

/** Inserts rows into one table as fast as the database allows, inside the caller's transaction. */
export const bulkInsert = {
  sqlite: insertWithSqlite,
  postgres: insertWithUnnest,
} satisfies Record<DialectName, BulkInsert>;

export function insertRows(
  database: Database,
  trx: Db,
  target: BulkTarget,
  rows: readonly BulkRow[],
): Promise<void> {
  if (rows.length === 0) return Promise.resolve();
  return bulkInsert[database.dialect](database, trx, target, rows);
}

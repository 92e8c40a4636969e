import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database, Db, DialectName, SqliteDatabase } from '../database.js';
import type { Schema } from '../schema.js';

// Loading many rows (the demo store, large imports) is where the two databases differ most, so
// bulk work runs in a bulk session: one transaction with a fast `insert` beside the usual Kysely
// handle (for id allocation and ordinary queries).
// - SQLite: one prepared statement run per row on the native handle. better-sqlite3 is in-process
//   and synchronous, so a run costs about a microsecond, and the native handle is the very
//   connection the Kysely transaction holds: its statements belong to that transaction.
// - PostgreSQL: COPY … FROM STDIN on the transaction's own connection. Row-by-row INSERT is a
//   round trip per row, and INSERT … SELECT FROM unnest(arrays) spent half its time turning
//   arrays into text in Node; COPY loads the same 1M-customer demo about 2.5× faster
//   (bench/README.md, "demo store").

export type PgColumnType = 'int4' | 'int8' | 'text' | 'float8' | 'bytea';

export interface BulkColumn {
  readonly name: string;
  /** What PostgreSQL's COPY parses the text as; documents the column for both databases. */
  readonly pgType: PgColumnType;
}

/** A table and the columns the rows give values for, in order. */
export interface BulkTarget {
  readonly table: keyof Schema & string;
  readonly columns: readonly BulkColumn[];
}

/** Buffers are binary (blob on SQLite, bytea on PostgreSQL). */
export type BulkValue = string | number | Buffer | null;
export type BulkRow = readonly BulkValue[];

export interface BulkSession {
  /** The transaction, for everything that is not bulk loading. */
  readonly db: Db;
  /** Inserts rows into one table as fast as the database allows, inside the transaction. */
  insert(target: BulkTarget, rows: readonly BulkRow[]): Promise<void>;
}

type WithBulkSession = <T>(database: Database, work: (session: BulkSession) => Promise<T>) => Promise<T>;

const sqliteStatements = new WeakMap<object, Map<string, { run(values: BulkRow): unknown }>>();

function sqliteInsert(database: SqliteDatabase, target: BulkTarget, rows: readonly BulkRow[]): void {
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
}

const sqliteSession: WithBulkSession = (database, work) => {
  if (database.dialect !== 'sqlite') throw new Error('sqliteSession needs SQLite');
  return database.db
    .transaction()
    .execute((trx) =>
      work({ db: trx, insert: async (target, rows) => sqliteInsert(database, target, rows) }),
    );
};

// COPY's text format: tab between columns, newline between rows, \N for null; backslash, tab,
// newline and carriage return inside a value are escaped with a backslash.
function copyText(value: BulkValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  // bytea's hex input (\x…), with COPY's own backslash escaped.
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : value;
}

const COPY_CHUNK_ROWS = 2_000;

function* copyChunks(rows: readonly BulkRow[]): Generator<string> {
  for (let start = 0; start < rows.length; start += COPY_CHUNK_ROWS) {
    let chunk = '';
    const end = Math.min(rows.length, start + COPY_CHUNK_ROWS);
    for (let i = start; i < end; i++) chunk += `${rows[i]!.map(copyText).join('\t')}\n`;
    yield chunk;
  }
}

async function copyInto(client: pg.PoolClient, target: BulkTarget, rows: readonly BulkRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = target.columns.map((c) => `"${c.name}"`).join(', ');
  const stream = client.query(copyFrom(`copy "${target.table}" (${columns}) from stdin`));
  await pipeline(Readable.from(copyChunks(rows)), stream);
}

const postgresSession: WithBulkSession = async (database, work) => {
  if (database.dialect !== 'postgres') throw new Error('postgresSession needs PostgreSQL');
  const client = await database.pool.connect();
  // A Kysely handle over this one connection: its queries and the COPYs share the transaction.
  // Kysely releases a connection after each query; this one is released once, below.
  const db = new Kysely<Schema>({
    dialect: new PostgresDialect({ pool: onePool(client) }),
  });
  try {
    await sql`begin`.execute(db);
    const result = await work({ db, insert: (target, rows) => copyInto(client, target, rows) });
    await sql`commit`.execute(db);
    return result;
  } catch (thrown) {
    await client.query('rollback').catch(() => undefined); // the original error is what matters
    throw thrown;
  } finally {
    client.release();
  }
};

/** A stand-in pool that lends the one client; Kysely only calls query() and release() on it. */
function onePool(client: pg.PoolClient) {
  const lent = { query: client.query.bind(client), release: () => undefined };
  return { connect: async () => lent, end: async () => undefined } as unknown as pg.Pool;
}

/** Runs `work` in one transaction with the fastest bulk insert the database offers. */
export const withBulkSession = {
  sqlite: sqliteSession,
  postgres: postgresSession,
} satisfies Record<DialectName, WithBulkSession>;

export function bulkSession<T>(database: Database, work: (session: BulkSession) => Promise<T>): Promise<T> {
  return withBulkSession[database.dialect](database, work);
}

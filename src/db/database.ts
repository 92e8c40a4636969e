import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { LaokeError } from '../shared/errors.js';
import type { Schema } from './schema.js';

/** A Kysely handle or a transaction: store functions take this first. */
export type Db = Kysely<Schema>;
export type DialectName = 'sqlite' | 'postgres';

interface DatabaseBase {
  readonly db: Db;
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  /** How to open another connection to the same data (worker threads). Holds the password: never log it. */
  readonly reopen: { readonly url: string; readonly options: OpenOptions };
  /** Runs `release` when the database closes, before its connections do (listeners, caches). */
  atClose(release: () => Promise<void> | void): void;
  close(): Promise<void>;
}
export interface SqliteDatabase extends DatabaseBase {
  readonly dialect: 'sqlite';
  readonly sqlite: BetterSqlite3.Database;
}
export interface PostgresDatabase extends DatabaseBase {
  readonly dialect: 'postgres';
  readonly pool: pg.Pool;
  /** The schema the tables live in (the first of the search path). */
  readonly schema: string;
}
/** An open database: the Kysely handle plus the native one for the few dialect-specific operations. */
export type Database = SqliteDatabase | PostgresDatabase;

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/** Reads `sqlite:/path.db`, `sqlite:./relative.db`, `sqlite::memory:` or `postgres://…`. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { dialect: 'postgres', connectionString: url };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (file === '')
      throw new LaokeError(
        'db.unsupported_url',
        'The sqlite: URL needs a file path, e.g. sqlite:./data/laoke.db',
      );
    return { dialect: 'sqlite', file };
  }
  throw new LaokeError(
    'db.unsupported_url',
    `Unsupported database URL "${redactUrl(url)}"; expected sqlite:/path/to/file.db or postgres://user@host/db`,
  );
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

export interface OpenOptions {
  /** PostgreSQL only: put the tables in this schema (tests use one schema per file). */
  readonly postgresSchema?: string;
  readonly poolSize?: number;
}

/** Opens the database a URL names; SQLite files and their folder are created if missing. */
export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const target = parseDatabaseUrl(url);
  return target.dialect === 'sqlite'
    ? openSqlite(url, target.file)
    : openPostgres(url, target.connectionString, options);
}

function openSqlite(url: string, file: string): SqliteDatabase {
  const inMemory = file === ':memory:';
  const path = inMemory ? file : resolve(file);
  if (!inMemory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  // WAL lets the dashboard read while an import writes; NORMAL sync is durable across process
  // crashes (only an OS crash can lose the last commits); busy_timeout waits out another writer.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536'); // 64 MiB of page cache
  // Checkpoint the WAL every ~40 MiB instead of every 4 MiB: each checkpoint syncs the database
  // file, and at the default a bulk import synced after nearly every batch (bench/README.md).
  sqlite.pragma('wal_autocheckpoint = 10000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    location: `sqlite:${path}`,
    reopen: { url: inMemory ? url : `sqlite:${path}`, options: {} },
    ...closing(db),
  };
}

// int8 (sums, counts) and numeric (averages) arrive from pg as strings to protect values above
// 2^53; ours are money in minor units and counts, far below that, so read them as numbers.
const INT8_OID = 20;
const NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
} as pg.CustomTypesConfig;

async function openPostgres(
  url: string,
  connectionString: string,
  options: OpenOptions,
): Promise<PostgresDatabase> {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolSize ?? 10,
    types: pgTypes,
    ...(options.postgresSchema ? { options: `-c search_path=${quoteIdent(options.postgresSchema)}` } : {}),
  });
  // Surface a wrong URL or a server that is down now, with a clear message, not at the first query.
  let schema: string;
  try {
    const result = await pool.query<{ schema: string | null }>('select current_schema() as schema');
    schema = result.rows[0]?.schema ?? 'public';
  } catch (thrown) {
    await pool.end();
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    throw new LaokeError(
      'db.unsupported_url',
      `Cannot connect to PostgreSQL at ${redactUrl(connectionString)}: ${reason}`,
    );
  }
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    pool,
    schema,
    location: redactUrl(connectionString),
    reopen: { url, options },
    ...closing(db),
  };
}

function closing(db: Db): Pick<DatabaseBase, 'atClose' | 'close'> {
  const releases: (() => Promise<void> | void)[] = [];
  return {
    atClose: (release) => {
      releases.push(release);
    },
    close: async () => {
      for (const release of releases.splice(0)) await release();
      await db.destroy();
    },
  };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

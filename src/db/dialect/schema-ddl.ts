import {
  type ColumnDefinitionBuilder,
  type CreateTableBuilder,
  type Kysely,
  PostgresAdapter,
  sql,
} from 'kysely';
import type { DialectName } from '../database.js';

// DDL differences between the two databases, one named operation each.

/** Which database a Kysely handle talks to (migrations only get the handle). */
export function dialectOf(db: Kysely<unknown>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

type ColumnModifier = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/**
 * A database-numbered integer primary key, for the two global tables (stores, users).
 * SQLite: AUTOINCREMENT so a deleted row's id is never handed out again.
 * PostgreSQL: an identity column.
 */
export const identityPrimaryKey = {
  sqlite: (column) => column.primaryKey().autoIncrement(),
  postgres: (column) => column.primaryKey().generatedByDefaultAsIdentity(),
} satisfies Record<DialectName, ColumnModifier>;

/** The column type for JSON documents. Text on both, so reads and writes are the same code. */
export const jsonColumnDefault = sql`'{}'`;

type TableModifier = (table: CreateTableBuilder<string, string>) => CreateTableBuilder<string, string>;

/**
 * Store narrow, many-row tables (order lines, tags) clustered by their primary key.
 * SQLite: WITHOUT ROWID, so the key is the table (one B-tree less to maintain on every insert;
 * bench/README.md, "demo store"). PostgreSQL has no such clause: its heap is unordered anyway.
 */
export const clusteredByPrimaryKey = {
  sqlite: (table) => table.modifyEnd(sql`without rowid`),
  postgres: (table) => table,
} satisfies Record<DialectName, TableModifier>;

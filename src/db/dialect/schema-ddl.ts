import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';
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

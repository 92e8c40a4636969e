import { sql } from 'kysely';
import type { Database, DialectName } from '../database.js';

// Where each database keeps the definition of an index, to drop it and create it again.
// Only plain secondary indexes are listed: primary keys and unique constraints stay, because
// they guard the data while it loads.

export interface IndexDefinition {
  readonly name: string;
  readonly table: string;
  /** The complete CREATE INDEX statement. */
  readonly definition: string;
}

type ListIndexes = (database: Database, table: string) => Promise<IndexDefinition[]>;

/** SQLite keeps the CREATE INDEX text in sqlite_master; constraint indexes have none. */
const listFromSqliteMaster: ListIndexes = async (database, table) => {
  const rows = await sql<{ name: string; sql: string }>`
    select name, sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(
    database.db,
  );
  return rows.rows.map((row) => ({ name: row.name, table, definition: row.sql }));
};

/** PostgreSQL rebuilds the text with pg_get_indexdef; indexes behind constraints are skipped. */
const listFromPgIndexes: ListIndexes = async (database, table) => {
  if (database.dialect !== 'postgres') throw new Error('listFromPgIndexes needs PostgreSQL');
  const rows = await sql<{ name: string; definition: string }>`
    select i.indexname as name, i.indexdef as definition
    from pg_indexes i
    where i.schemaname = ${database.schema} and i.tablename = ${table}
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname and c.connamespace = ${database.schema}::regnamespace)`.execute(
    database.db,
  );
  return rows.rows.map((row) => ({ name: row.name, table, definition: row.definition }));
};

export const listSecondaryIndexes = {
  sqlite: listFromSqliteMaster,
  postgres: listFromPgIndexes,
} satisfies Record<DialectName, ListIndexes>;

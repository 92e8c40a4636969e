import { type DatabaseIntrospector, type Kysely, Migrator, sql } from 'kysely';
import { LaokeError } from '../shared/errors.js';
import type { Database } from './database.js';
import { restoreDeferredIndexes } from './deferred-indexes.js';
import { migrations } from './migrations/index.js';

export interface MigrationOutcome {
  readonly applied: readonly string[];
  readonly restoredIndexes: readonly string[];
}

/** Brings the schema up to date; safe to run at every start and from several processes. */
export async function migrateToLatest(database: Database): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db: database.dialect === 'postgres' ? withSchemaIntrospection(database.db, database.schema) : database.db,
    provider: { getMigrations: async () => migrations },
    ...(database.dialect === 'postgres' ? { migrationTableSchema: database.schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new LaokeError('db.migration_failed', `Migration ${failed ?? '(setup)'} failed: ${reason}`, {
      migration: failed,
    });
  }
  // A bulk load that died before rebuilding its indexes left their definitions behind.
  const restoredIndexes = await restoreDeferredIndexes(database);
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    restoredIndexes,
  };
}

/** The names of the tables of this database (on PostgreSQL, of its schema alone), sorted. */
export async function listTables(database: Database): Promise<string[]> {
  if (database.dialect === 'postgres') return tablesIn(database.db, database.schema);
  const found = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database.db);
  return found.rows.map((row) => row.name).sort();
}

async function tablesIn<T>(db: Kysely<T>, schema: string): Promise<string[]> {
  const found = await sql<{ name: string }>`
    select tablename as name from pg_catalog.pg_tables where schemaname = ${schema}`.execute(db);
  return found.rows.map((row) => row.name).sort();
}

/**
 * Kysely's migrator asks whether its tables exist by introspecting every schema of the database,
 * calling pg_get_serial_sequence() on each table it finds. A schema dropped meanwhile by another
 * process (tests drop theirs at the end) makes that call fail with "schema … does not exist", so a
 * start could fail because of someone else's schema. The migrator only needs to know about its own
 * schema: this handle answers the two questions it asks from the catalogue of that schema alone.
 */
function withSchemaIntrospection<T>(db: Kysely<T>, schema: string): Kysely<T> {
  const introspection: DatabaseIntrospector = {
    async getSchemas() {
      const found = await sql<{ name: string }>`
        select nspname as name from pg_catalog.pg_namespace where nspname = ${schema}`.execute(db);
      return found.rows;
    },
    async getTables() {
      return (await tablesIn(db, schema)).map((name) => ({ name, schema, isView: false, columns: [] }));
    },
    async getMetadata() {
      return { tables: await this.getTables() };
    },
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'introspection') return introspection;
      const value = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

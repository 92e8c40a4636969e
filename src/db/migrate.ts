import { Migrator } from 'kysely';
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
    db: database.db,
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

import type { Command } from 'commander';
import { type Config, loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import { type Database, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { systemClock } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { parseStoreSettings } from '../stores/settings.js';
import { findStoreById, findStoreByName } from '../stores/stores.store.js';
import { createOutput, type Output } from './output.js';

export interface GlobalOptions {
  readonly db?: string;
  readonly store?: string;
  readonly json?: boolean;
}

/** What every command gets: configuration (with --db applied), output, and a way to open the database. */
export interface CliRuntime {
  readonly config: Config;
  readonly output: Output;
  readonly options: GlobalOptions;
  /** Opens and migrates the database; closes it when `work` finishes. */
  withContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T>;
}

export function createRuntime(command: Command): CliRuntime {
  const options = command.optsWithGlobals<GlobalOptions>();
  const env = { ...process.env, ...(options.db ? { LAOKE_DATABASE_URL: options.db } : {}) };
  const config = loadConfig(env);
  const output = createOutput(options.json === true);
  return {
    config,
    output,
    options,
    async withContext(work) {
      const database: Database = await openDatabase(config.databaseUrl);
      try {
        await migrateToLatest(database);
        return await work({ database, clock: systemClock, config });
      } finally {
        await database.close();
      }
    },
  };
}

/** The store named by --store (a name or a numeric id); required by store-scoped commands. */
export async function requireStore(ctx: AppContext, selector: string | undefined): Promise<StoreId> {
  if (!selector) throw new LaokeError('cli.invalid_argument', 'Name the store with --store <name or id>.');
  const { db } = ctx.database;
  const byName = await findStoreByName(db, selector);
  if (byName) return byName.id;
  if (/^\d+$/.test(selector)) {
    const byId = await findStoreById(db, Number(selector) as StoreId);
    if (byId) return byId.id;
  }
  throw new LaokeError('store.not_found', `No store named or numbered "${selector}". See: laoke store list`);
}

/** Parses an integer option or fails with a message naming the option. */
export function integerOption(name: string, min: number, max: number) {
  return (value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
      throw new LaokeError(
        'cli.invalid_argument',
        `--${name} expects a whole number from ${min} to ${max}, got "${value}".`,
      );
    }
    return parsed;
  };
}

/** The CLI acts as the store's owner: whoever holds the database file holds the store. */
export async function cliAccess(ctx: AppContext, storeId: StoreId): Promise<StoreAccess> {
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  return { store, storeId, role: 'owner', settings: parseStoreSettings(store.settings) };
}

import { sql } from 'kysely';
import type { Database } from './database.js';
import { type IndexDefinition, listSecondaryIndexes } from './dialect/index-definitions.js';
import type { Schema } from './schema.js';

// Loading millions of rows into empty tables is several times faster without their secondary
// indexes, which are then built once, in one sorted pass (bench/README.md, "demo store"). The
// dropped definitions are saved in deferred_indexes in the same transaction as the drop, and
// every start (migrateToLatest) restores any that a crashed load left behind.

type TableName = keyof Schema & string;

/**
 * Runs `load` with the secondary indexes of `tables` dropped, when all of them are empty; then
 * creates the indexes again, whether or not `load` succeeded. With data present it just runs `load`.
 */
export async function withDeferredIndexes<T>(
  database: Database,
  tables: readonly TableName[],
  load: () => Promise<T>,
): Promise<T> {
  if (!(await allEmpty(database, tables))) return load();
  // Listed before the transaction: on SQLite a query outside it would wait for its one connection.
  const indexes: IndexDefinition[] = [];
  for (const table of tables)
    indexes.push(...(await listSecondaryIndexes[database.dialect](database, table)));
  await database.db.transaction().execute(async (trx) => {
    for (const index of indexes) {
      await trx
        .insertInto('deferred_indexes')
        .values({ name: index.name, table_name: index.table, definition: index.definition })
        .execute();
      await sql`drop index ${sql.id(index.name)}`.execute(trx);
    }
  });
  try {
    return await load();
  } finally {
    await restoreDeferredIndexes(database);
  }
}

/** Creates every index a deferred load dropped; each one with its bookkeeping row in one transaction. */
export async function restoreDeferredIndexes(database: Database): Promise<string[]> {
  const pending = await database.db.selectFrom('deferred_indexes').selectAll().orderBy('name').execute();
  for (const index of pending) {
    await database.db.transaction().execute(async (trx) => {
      await sql.raw(index.definition).execute(trx);
      await trx.deleteFrom('deferred_indexes').where('name', '=', index.name).execute();
    });
  }
  return pending.map((index) => index.name);
}

async function allEmpty(database: Database, tables: readonly TableName[]): Promise<boolean> {
  for (const table of tables) {
    const row = await database.db
      .selectFrom(table)
      .select(sql<number>`1`.as('one'))
      .limit(1)
      .executeTakeFirst();
    if (row) return false;
  }
  return true;
}

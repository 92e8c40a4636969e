import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceCustomers } from '../../src/audiences/audiences.store.js';
import { audienceDefinitionSchema } from '../../src/audiences/definition.js';
import { audienceScope, compileForStore } from '../../src/audiences/service.js';
import { LiveCounter } from '../../src/audiences/snapshot/counter.js';
import { evaluable } from '../../src/audiences/snapshot/evaluate.js';
import type { Database } from '../../src/db/database.js';
import type { StoreRow } from '../../src/db/schema.js';
import type { StoreId } from '../../src/shared/ids.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { definitionArb, evaluate, insertWorld, NOW, PROMOTION, worldArb, ZONE } from './world.js';

// The compiler against a brute-force evaluation of the same definition in TypeScript: on random
// stores (customers, orders, scores, predictions, messages, contacts, saved audiences) and random
// definition trees, the SQL's members are exactly the evaluator's, on both databases.

let stores = 0;

async function newStore(database: Database): Promise<StoreRow> {
  stores++;
  const settings = JSON.stringify({ analytics: { promotions: [PROMOTION] } });
  return database.db
    .insertInto('stores')
    .values({
      name: `world ${stores}`,
      platform: 'taobao',
      currency: 'CNY',
      time_zone: ZONE,
      settings,
      created_at: NOW,
      updated_at: NOW,
    } as never)
    .returningAll()
    .executeTakeFirstOrThrow() as Promise<StoreRow>;
}

async function members(database: Database, store: StoreRow, definition: unknown): Promise<number[]> {
  const parsed = audienceDefinitionSchema.parse(definition);
  const where = await compileForStore(database.db, store, parsed, NOW as never);
  const rows = await audienceCustomers(database.db, store.id as StoreId, where)
    .select('customers.id')
    .orderBy('customers.id')
    .execute();
  return rows.map((row) => Number(row.id));
}

/**
 * The members by the in-memory evaluator of live counts, from a snapshot read just now; null for
 * a definition it leaves to the database (then it must not answer).
 */
async function snapshotMembers(
  counter: LiveCounter,
  database: Database,
  store: StoreRow,
  definition: unknown,
) {
  const parsed = audienceDefinitionSchema.parse(definition);
  const scope = await audienceScope(database.db, store, parsed, NOW as never);
  const live = await counter.count(store.id as StoreId, parsed, scope, Number.MAX_SAFE_INTEGER);
  if (!evaluable(parsed, scope.saved)) {
    expect(live).toBeNull();
    return null;
  }
  if (!live) throw new Error('the snapshot did not answer');
  expect(live.current).toBe(true);
  return live.sample;
}

for (const testDatabase of testDatabases()) {
  describe(`compileAudience on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);

    it('selects exactly the customers a brute-force evaluation selects, in SQL and in memory', async () => {
      const seen = { none: 0, some: 0, all: 0, inMemory: 0 };
      const database = handle.get();
      await fc.assert(
        fc.asyncProperty(
          worldArb,
          fc.array(definitionArb, { minLength: 6, maxLength: 6 }),
          async (world, definitions) => {
            const store = await newStore(database);
            await insertWorld(database.db, store.id as StoreId, world);
            const counter = new LiveCounter(database, {
              stores: 1,
              maxAgeMs: 0,
              rebuildEveryMs: 0,
              now: () => NOW,
            });
            await counter.warm(store.id as StoreId);
            for (const definition of definitions) {
              const expected = evaluate(world, definition);
              seen[
                expected.length === 0
                  ? 'none'
                  : expected.length === world.customers.filter((c) => !c.merged && !c.erased).length
                    ? 'all'
                    : 'some'
              ]++;
              expect(await members(database, store, definition), JSON.stringify(definition)).toEqual(
                expected,
              );
              const inMemory = await snapshotMembers(counter, database, store, definition);
              if (inMemory === null) continue;
              seen.inMemory++;
              expect(inMemory, `in memory: ${JSON.stringify(definition)}`).toEqual(expected);
            }
          },
        ),
        { numRuns: 80, seed: Number(process.env.AUDIENCE_SEED ?? 20261124) },
      );
      // The generators must make definitions that split a store, not only all-or-nothing ones.
      expect(seen.some).toBeGreaterThan(100);
      // Most definitions are evaluated in memory too (those naming answeredCampaign are not).
      expect(seen.inMemory).toBeGreaterThan(300);
    }, 240_000);
  });
}

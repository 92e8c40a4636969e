import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { recomputeRollups } from '../../src/customers/rollups.store.js';
import type { Db } from '../../src/db/database.js';
import { listSecondaryIndexes } from '../../src/db/dialect/index-definitions.js';
import { promoDaysBetween } from '../../src/demo/calendar.js';
import { generateCustomer } from '../../src/demo/generator.js';
import { createDemoStore, type DemoStore } from '../../src/demo/service.js';
import { storeAdapters } from '../../src/messaging/adapters.js';
import type { StoreId } from '../../src/shared/ids.js';
import { DAY_MS } from '../../src/shared/time.js';
import { testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

const CUSTOMERS = 1_200;
const SEED = 3;
const UNTIL = Date.UTC(2026, 10, 23, 15, 59, 59, 999);

/** What the generator itself says the store holds, to compare the database with. */
function expectedFingerprint() {
  const from = UNTIL - 3 * 365 * DAY_MS;
  const window = { from, until: UNTIL, promoDays: promoDaysBetween(from, UNTIL, 'Asia/Shanghai') };
  const orders = Array.from({ length: CUSTOMERS }, (_, i) => generateCustomer(SEED, i, window)).flatMap(
    (c) => c.orders,
  );
  const numbers = orders.map((o) => `${o.externalId}:${o.netAmount}:${o.status}`).sort();
  return { orders: orders.length, digest: createHash('sha256').update(numbers.join('\n')).digest('hex') };
}

async function databaseFingerprint(db: Db, storeId: StoreId) {
  const rows = await db
    .selectFrom('orders')
    .select(['external_id', 'net_amount', 'status'])
    .where('store_id', '=', storeId)
    .execute();
  const numbers = rows.map((o) => `${o.external_id}:${o.net_amount}:${o.status}`).sort();
  return { orders: rows.length, digest: createHash('sha256').update(numbers.join('\n')).digest('hex') };
}

for (const testDatabase of testDatabases()) {
  describe(`building the demo store on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let demo: DemoStore;
    let indexesBefore: string[];
    const progress: number[] = [];

    beforeAll(async () => {
      ctx = testContext(handle.get());
      const database = handle.get();
      indexesBefore = (await listSecondaryIndexes[database.dialect](database, 'orders'))
        .map((i) => i.name)
        .sort();
      demo = await createDemoStore(ctx, {
        customers: CUSTOMERS,
        seed: SEED,
        until: UNTIL,
        password: 'demo-password',
        onProgress: (done) => progress.push(done),
      });
    });

    it('writes exactly the orders the generator describes', async () => {
      const expected = expectedFingerprint();
      expect(demo.orders).toBe(expected.orders);
      expect(await databaseFingerprint(handle.get().db, demo.storeId)).toEqual(expected);
    });

    it('numbers customers 1..n and continues the id sequences after them', async () => {
      const { db } = handle.get();
      const ids = await db
        .selectFrom('customers')
        .select('id')
        .where('store_id', '=', demo.storeId)
        .orderBy('id')
        .execute();
      expect(ids.map((r) => r.id)).toEqual(Array.from({ length: CUSTOMERS }, (_, i) => i + 1));
      const sequences = await db
        .selectFrom('id_sequences')
        .select(['name', 'next_id'])
        .where('store_id', '=', demo.storeId)
        .execute();
      const next = Object.fromEntries(sequences.map((s) => [s.name, s.next_id]));
      expect(next.customers).toBe(CUSTOMERS + 1);
      expect(next.orders).toBe(demo.orders + 1);
    });

    it('stores roll-ups equal to those recomputed from the orders', async () => {
      const { db } = handle.get();
      const read = () =>
        db
          .selectFrom('customers')
          .select(['id', 'first_order_at', 'last_order_at', 'order_count', 'total_spent', 'item_count'])
          .where('store_id', '=', demo.storeId)
          .orderBy('id')
          .execute();
      const stored = await read();
      await recomputeRollups(db, demo.storeId);
      expect(await read()).toEqual(stored);
    });

    it('puts back every index it set aside for the load', async () => {
      const database = handle.get();
      expect(
        (await listSecondaryIndexes[database.dialect](database, 'orders')).map((i) => i.name).sort(),
      ).toEqual(indexesBefore);
      expect(await database.db.selectFrom('deferred_indexes').selectAll().execute()).toEqual([]);
    });

    it('reports progress up to the last customer', () => {
      expect(progress.at(-1)).toBe(CUSTOMERS);
    });

    it('gives the demo user the owner role and a store in Asia/Shanghai', async () => {
      const { db } = handle.get();
      const store = await db
        .selectFrom('stores')
        .selectAll()
        .where('id', '=', demo.storeId)
        .executeTakeFirstOrThrow();
      expect(store).toMatchObject({
        time_zone: 'Asia/Shanghai',
        currency: 'CNY',
        is_demo: 1,
        platform: 'tmall',
      });
      const member = await db
        .selectFrom('store_members')
        .selectAll()
        .where('store_id', '=', demo.storeId)
        .executeTakeFirstOrThrow();
      expect(member).toMatchObject({ user_id: demo.userId, role: 'owner' });
    });

    it('sends the demo store’s messages to the sandbox, with templates and a member-day reminder in the log', async () => {
      const { db } = handle.get();
      const channels = await db
        .selectFrom('message_channels')
        .select(['channel', 'provider'])
        .where('store_id', '=', demo.storeId)
        .orderBy('channel')
        .execute();
      expect(channels).toEqual([
        { channel: 'email', provider: 'local' },
        { channel: 'local', provider: 'local' },
        { channel: 'sms', provider: 'local' },
        { channel: 'task', provider: 'task' },
      ]);
      const templates = await db
        .selectFrom('message_templates')
        .select('name')
        .where('store_id', '=', demo.storeId)
        .execute();
      expect(templates.map((t) => t.name)).toContain('会员日提醒');
      // Each seeded channel builds an adapter the dispatcher can send through
      const adapters = storeAdapters(ctx);
      for (const channel of ['sms', 'email', 'task', 'local'] as const)
        expect(await adapters(demo.storeId, channel), channel).toBeDefined();
      const messages = await db
        .selectFrom('messages')
        .select(['customer_id', 'sent_at', 'status'])
        .where('store_id', '=', demo.storeId)
        .execute();
      expect(messages.length).toBeGreaterThan(100);
      // Only to repeat buyers, within the last two weeks
      const buyers = await db
        .selectFrom('customers')
        .select(['id', 'order_count'])
        .where('store_id', '=', demo.storeId)
        .where(
          'id',
          'in',
          messages.map((m) => m.customer_id!),
        )
        .execute();
      expect(buyers.every((c) => c.order_count >= 2)).toBe(true);
      for (const m of messages.filter((m) => m.sent_at !== null))
        expect(Number(m.sent_at)).toBeGreaterThan(UNTIL - 15 * DAY_MS);
    });

    it('builds a second store beside the first without touching it', async () => {
      const { db } = handle.get();
      const before = await databaseFingerprint(db, demo.storeId);
      const second = await createDemoStore(ctx, {
        customers: 50,
        seed: 9,
        until: UNTIL,
        storeName: '第二家店',
      });
      expect(second.storeId).not.toBe(demo.storeId);
      expect(await databaseFingerprint(db, demo.storeId)).toEqual(before);
      const count = await db
        .selectFrom('customers')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('store_id', '=', second.storeId)
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(50);
    });
  });
}

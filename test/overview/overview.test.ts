import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import type { StoreId } from '../../src/shared/ids.js';
import { addStore, openOwnerSession } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// "Now" is 2026-11-24 10:00 Asia/Shanghai; the twelve months are 2025-12 … 2026-11.
// Hand-checked figures:
//   alice: first bought 2025-06 (before the window): old in 2026-03 (10000) and 2026-11 (20000)
//   bob:   first bought 2026-10-31 16:30Z = 2026-11-01 00:30 in Shanghai: new in 2026-11 (5000),
//          and again in 2026-11 (7000), still new that month (new = first purchase in the month)
//   carol: bought 2026-03 (3000, new), a closed order (not a purchase) and a refunded one
//   dave:  only a closed order: a customer, not a buyer
for (const testDatabase of testDatabases()) {
  describe(`the Overview on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let cookie: string;

    beforeAll(async () => {
      ({ ctx, app, storeId, cookie } = await openOwnerSession(handle.get(), '概览店'));
      const { db } = handle.get();
      await insertCustomerWithOrders(db, storeId, 'alice', [
        { at: '2025-06-10T04:00:00Z', net: 8_000 },
        { at: '2026-03-05T04:00:00Z', net: 10_000 },
        { at: '2026-11-11T04:00:00Z', net: 20_000, items: 3 },
      ]);
      await insertCustomerWithOrders(db, storeId, 'bob', [
        { at: '2026-10-31T16:30:00Z', net: 5_000 },
        { at: '2026-11-20T04:00:00Z', net: 7_000 },
      ]);
      await insertCustomerWithOrders(db, storeId, 'carol', [
        { at: '2026-03-20T04:00:00Z', net: 3_000 },
        { at: '2026-04-01T04:00:00Z', net: 9_999, status: 'closed' },
        { at: '2026-05-01T04:00:00Z', net: 4_444, status: 'refunded' },
      ]);
      await insertCustomerWithOrders(db, storeId, 'dave', [
        { at: '2026-06-01T04:00:00Z', net: 1_234, status: 'closed' },
      ]);
    });

    it('counts customers, buyers and repeat buyers from the roll-ups', async () => {
      const body = (
        await app.inject({ method: 'GET', url: `/api/stores/${storeId}/overview`, headers: { cookie } })
      ).json();
      expect(body).toMatchObject({
        currency: 'CNY',
        timeZone: 'Asia/Shanghai',
        customers: 4,
        buyers: 3,
        repeatBuyers: 2,
        orders: 6,
        revenue: 53_000,
        averageOrderValue: 8_833,
      });
      expect(body.repeatBuyerShare).toBeCloseTo(2 / 3, 10);
    });

    it('splits twelve calendar months of the store into new and old customers', async () => {
      const body = (
        await app.inject({ method: 'GET', url: `/api/stores/${storeId}/overview`, headers: { cookie } })
      ).json();
      const months = body.months as { month: string }[];
      expect(months.map((m) => m.month)).toEqual([
        '2025-12',
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
      ]);
      const byMonth = Object.fromEntries(months.map((m) => [m.month, m]));
      expect(byMonth['2026-03']).toEqual({
        month: '2026-03',
        newBuyers: 1,
        oldBuyers: 1,
        newRevenue: 3_000,
        oldRevenue: 10_000,
        orders: 2,
      });
      expect(byMonth['2026-10']).toEqual({
        month: '2026-10',
        newBuyers: 0,
        oldBuyers: 0,
        newRevenue: 0,
        oldRevenue: 0,
        orders: 0,
      });
      expect(byMonth['2026-11']).toEqual({
        month: '2026-11',
        newBuyers: 1,
        oldBuyers: 1,
        newRevenue: 12_000,
        oldRevenue: 20_000,
        orders: 3,
      });
      expect(byMonth['2026-04']).toMatchObject({ orders: 0, newRevenue: 0, oldRevenue: 0 });
    });

    it('answers a store with no orders with zeros, not errors', async () => {
      const emptyStore = await addStore(
        ctx,
        '空店',
        (
          await handle
            .get()
            .db.selectFrom('users')
            .select('id')
            .where('login', '=', 'owner')
            .executeTakeFirstOrThrow()
        ).id,
      );
      const body = (
        await app.inject({ method: 'GET', url: `/api/stores/${emptyStore}/overview`, headers: { cookie } })
      ).json();
      expect(body).toMatchObject({
        customers: 0,
        buyers: 0,
        repeatBuyerShare: 0,
        orders: 0,
        revenue: 0,
        averageOrderValue: 0,
      });
      expect(body.months).toHaveLength(12);
    });
  });
}

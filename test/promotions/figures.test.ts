import { describe, expect, it } from 'vitest';
import { purchaseHistory, purchasesBetween } from '../../src/promotions/figures.js';
import { type Instant, instant } from '../../src/shared/time.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertBareStore, insertCustomerWithOrders } from '../helpers/fixtures.js';

// purchasesBetween reads the first purchase of the window's buyers only (not of every customer of
// the store, which cost a whole-store pass per window), or takes them from purchaseHistory (one
// pass shared by a review's ten windows, which also gives the roll-ups as the window opened); either way each purchase in the window carries its customer's
// first purchase ever, earlier than the window or in it; orders that are not purchases and other
// stores' orders count for neither.

const at = (iso: string) => instant(Date.parse(iso)) as Instant;

for (const testDatabase of testDatabases()) {
  describe(`purchasesBetween on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);

    it('gives each purchase in the window its customer’s first purchase ever, and nothing else', async () => {
      const db = handle.get().db;
      const store = await insertBareStore(db, 'window');
      const other = await insertBareStore(db, 'other');
      // Old: a refund first (not a purchase), then a purchase before the window, two in it.
      const old = await insertCustomerWithOrders(db, store, 'old', [
        { at: '2025-01-05T04:00:00Z', net: 1_000, status: 'refunded' },
        { at: '2025-03-01T04:00:00Z', net: 2_000 },
        { at: '2025-11-11T04:00:00Z', net: 3_000, items: 2 },
        { at: '2025-11-12T04:00:00Z', net: 4_000 },
      ]);
      // New: first purchase in the window, again after it.
      const fresh = await insertCustomerWithOrders(db, store, 'new', [
        { at: '2025-11-01T04:00:00Z', net: 5_000 },
        { at: '2025-12-01T04:00:00Z', net: 6_000 },
      ]);
      // Outside: bought before and after the window, never in it; a refund in it.
      await insertCustomerWithOrders(db, store, 'outside', [
        { at: '2025-02-01T04:00:00Z', net: 7_000 },
        { at: '2025-11-05T04:00:00Z', net: 8_000, status: 'refunded' },
        { at: '2025-12-05T04:00:00Z', net: 9_000 },
      ]);
      // Another store's customer in the window.
      await insertCustomerWithOrders(db, other, 'elsewhere', [{ at: '2025-11-11T04:00:00Z', net: 9_900 }]);

      const outside = (
        await db
          .selectFrom('customers')
          .select('id')
          .where('customer_key', '=', 'outside')
          .executeTakeFirstOrThrow()
      ).id;
      const history = await purchaseHistory(handle.get(), store, at('2025-10-31T16:00:00Z'));
      const first = history.first;
      expect(new Map([...first].sort((a, b) => a[0] - b[0]))).toEqual(
        new Map([
          [old, at('2025-03-01T04:00:00Z')],
          [fresh, at('2025-11-01T04:00:00Z')],
          [outside, at('2025-02-01T04:00:00Z')],
        ]),
      );
      // As the window opened: old and outside had bought (refunds are not purchases), new had not.
      expect({
        ids: [...history.before.ids],
        last: [...history.before.columns.lastOrderAt],
        orders: [...history.before.columns.orderCount],
        spent: [...history.before.columns.totalSpent],
      }).toEqual({
        ids: [old, outside], // in id order: old was inserted first
        last: [at('2025-03-01T04:00:00Z'), at('2025-02-01T04:00:00Z')],
        orders: [1, 1],
        spent: [2_000, 7_000],
      });
      const between = (shared?: typeof first) =>
        purchasesBetween(db, store, at('2025-10-31T16:00:00Z'), at('2025-11-20T16:00:00Z'), shared).then(
          (purchases) => [...purchases].sort((a, b) => a.at - b.at),
        );
      const purchases = await between();
      expect(await between(first)).toEqual(purchases);
      // A buyer missing from the shared map (imported after it was read) first bought in the window.
      expect((await between(new Map())).map((p) => p.firstAt)).toEqual(purchases.map((p) => p.at));
      expect(purchases).toEqual([
        {
          customer: fresh,
          at: at('2025-11-01T04:00:00Z'),
          net: 5_000,
          items: 1,
          firstAt: at('2025-11-01T04:00:00Z'),
        },
        {
          customer: old,
          at: at('2025-11-11T04:00:00Z'),
          net: 3_000,
          items: 2,
          firstAt: at('2025-03-01T04:00:00Z'),
        },
        {
          customer: old,
          at: at('2025-11-12T04:00:00Z'),
          net: 4_000,
          items: 1,
          firstAt: at('2025-03-01T04:00:00Z'),
        },
      ]);
    });
  });
}

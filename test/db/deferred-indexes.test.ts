import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { withDeferredIndexes } from '../../src/db/deferred-indexes.js';
import { listSecondaryIndexes } from '../../src/db/dialect/index-definitions.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

for (const testDatabase of testDatabases()) {
  describe(`deferred indexes on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    const names = async (table: 'orders' | 'customers') => {
      const database = handle.get();
      return (await listSecondaryIndexes[database.dialect](database, table)).map((i) => i.name).sort();
    };

    it('drops the secondary indexes of empty tables during the load and puts them back', async () => {
      const before = await names('orders');
      expect(before).toEqual(['orders_customer_idx', 'orders_ordered_at_idx']);
      let during: string[] = [];
      await withDeferredIndexes(handle.get(), ['orders', 'customers'], async () => {
        during = await names('orders');
      });
      expect(during).toEqual([]);
      expect(await names('orders')).toEqual(before);
    });

    it('puts them back when the load fails', async () => {
      const before = await names('customers');
      await expect(
        withDeferredIndexes(handle.get(), ['customers'], async () => {
          throw new Error('load failed');
        }),
      ).rejects.toThrow('load failed');
      expect(await names('customers')).toEqual(before);
    });

    it('restores at the next start what a crashed load left dropped', async () => {
      const database = handle.get();
      const [index] = await listSecondaryIndexes[database.dialect](database, 'orders');
      // What a process killed mid-load leaves: the definition saved, the index gone.
      await database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('deferred_indexes')
          .values({ name: index!.name, table_name: 'orders', definition: index!.definition })
          .execute();
        await sql`drop index ${sql.id(index!.name)}`.execute(trx);
      });
      expect(await names('orders')).not.toContain(index!.name);
      const outcome = await migrateToLatest(database);
      expect(outcome.restoredIndexes).toEqual([index!.name]);
      expect(await names('orders')).toContain(index!.name);
      expect(await database.db.selectFrom('deferred_indexes').selectAll().execute()).toEqual([]);
    });
  });
}

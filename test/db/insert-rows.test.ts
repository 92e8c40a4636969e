import { beforeAll, describe, expect, it } from 'vitest';
import type { BulkTarget } from '../../src/db/dialect/bulk-insert.js';
import { insertRows } from '../../src/db/dialect/insert-rows.js';
import type { StoreId } from '../../src/shared/ids.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertBareStore } from '../helpers/fixtures.js';

// insertRows sends rows as JSON (SQLite) or one array per column (PostgreSQL), inside the caller's
// transaction: hostile text, nulls and 13-digit instants must come back exactly; a conflict is
// skipped when asked and counted out; a failure rolls back with the caller's transaction.
const hostile = [
  'plain',
  'a,b',
  '{braces}',
  '{"json":[1,2]}',
  '"quoted"',
  'back\\slash',
  'NULL',
  '',
  ' spaced ',
  '换行\n制表\t回车\r',
  '\\N',
  '🙂 emoji',
  "it's",
  '$[0]',
];

const tagColumns: BulkTarget = {
  table: 'customer_tags',
  columns: [
    { name: 'store_id', pgType: 'int4' },
    { name: 'customer_id', pgType: 'int4' },
    { name: 'tag', pgType: 'text' },
    { name: 'created_at', pgType: 'int8' },
  ],
};

for (const testDatabase of testDatabases()) {
  describe(`insertRows on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let storeId: StoreId;

    beforeAll(async () => {
      storeId = await insertBareStore(handle.get().db, 'rows');
    });

    it('round-trips hostile strings, nulls and large integers, over several statements', async () => {
      const { db } = handle.get();
      // 10,000 rows a statement: 10,014 rows take two
      const rows = Array.from({ length: 10_000 + hostile.length }, (_, index) => {
        const text = hostile[index % hostile.length]!;
        return [
          storeId,
          index + 1,
          `key-${index}`,
          text,
          index % 2 === 0 ? null : text,
          1_700_000_000_000 + index,
          'test',
          1,
          1,
        ];
      });
      const inserted = await insertRows(
        db,
        {
          table: 'customers',
          columns: [
            { name: 'store_id', pgType: 'int4' },
            { name: 'id', pgType: 'int4' },
            { name: 'customer_key', pgType: 'text' },
            { name: 'name', pgType: 'text' },
            { name: 'notes', pgType: 'text' },
            { name: 'first_order_at', pgType: 'int8' },
            { name: 'source', pgType: 'text' },
            { name: 'created_at', pgType: 'int8' },
            { name: 'updated_at', pgType: 'int8' },
          ],
        },
        rows,
      );
      expect(inserted).toBe(rows.length);
      const stored = await db
        .selectFrom('customers')
        .select(['id', 'name', 'notes', 'first_order_at'])
        .where('store_id', '=', storeId)
        .orderBy('id')
        .execute();
      expect(stored.map((r) => r.name)).toEqual(rows.map((row) => row[3]));
      expect(stored.map((r) => r.notes)).toEqual(rows.map((row) => row[4]));
      expect(stored.map((r) => Number(r.first_order_at))).toEqual(rows.map((row) => row[5]));
    });

    it('skips rows whose key exists when asked, and counts only the rows inserted', async () => {
      const { db } = handle.get();
      await insertRows(db, tagColumns, [[storeId, 1, 'vip', 0]]);
      const inserted = await insertRows(
        db,
        tagColumns,
        [
          [storeId, 1, 'vip', 5],
          [storeId, 1, '宝妈', 5],
          [storeId, 2, 'vip', 5],
        ],
        { skipConflictsOn: ['store_id', 'customer_id', 'tag'] },
      );
      expect(inserted).toBe(2);
      const tags = await db
        .selectFrom('customer_tags')
        .select(['customer_id', 'tag', 'created_at'])
        .where('store_id', '=', storeId)
        .orderBy('customer_id')
        .orderBy('tag')
        .execute();
      expect(tags.map((t) => [t.customer_id, t.tag, Number(t.created_at)])).toEqual([
        [1, 'vip', 0],
        [1, '宝妈', 5],
        [2, 'vip', 5],
      ]);
    });

    it('fails on a conflict not asked to skip, and leaves nothing of the caller’s transaction', async () => {
      const { db } = handle.get();
      const attempt = db.transaction().execute(async (trx) => {
        await insertRows(trx, tagColumns, [[storeId, 3, 'new', 0]]);
        await insertRows(trx, tagColumns, [[storeId, 1, 'vip', 0]]);
      });
      await expect(attempt).rejects.toThrow();
      const tags = await db
        .selectFrom('customer_tags')
        .select('tag')
        .where('store_id', '=', storeId)
        .where('customer_id', '=', 3 as never)
        .execute();
      expect(tags).toEqual([]);
    });
  });
}

import { beforeAll, describe, expect, it } from 'vitest';
import { bulkSession } from '../../src/db/dialect/bulk-insert.js';
import type { StoreId } from '../../src/shared/ids.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertBareStore } from '../helpers/fixtures.js';

// PostgreSQL receives bulk rows as COPY text: tabs, newlines, backslashes, the \N marker and the
// word NULL must come back exactly as sent.
const hostile = [
  'plain',
  'a,b',
  '{braces}',
  '"quoted"',
  'back\\slash',
  'NULL',
  '',
  ' spaced ',
  '换行\n制表\t回车\r',
  '\\N',
  '\\.',
  '🙂 emoji',
  "it's",
  '=SUM(A1)',
];

for (const testDatabase of testDatabases()) {
  describe(`bulk insert on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let storeId: StoreId;

    beforeAll(async () => {
      storeId = await insertBareStore(handle.get().db, 'bulk');
    });

    it('round-trips hostile strings, nulls and large integers', async () => {
      const database = handle.get();
      const rows = hostile.map((text, index) => [
        storeId,
        index + 1,
        `key-${index}`,
        text,
        index % 2 === 0 ? null : text,
        1_700_000_000_000 + index,
        'test',
        1,
        1,
      ]);
      await bulkSession(database, (session) =>
        session.insert(
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
        ),
      );
      const stored = await database.db
        .selectFrom('customers')
        .select(['id', 'name', 'notes', 'first_order_at'])
        .where('store_id', '=', storeId)
        .orderBy('id')
        .execute();
      expect(stored.map((r) => r.name)).toEqual(hostile);
      expect(stored.map((r) => r.notes)).toEqual(
        hostile.map((text, index) => (index % 2 === 0 ? null : text)),
      );
      expect(stored.map((r) => r.first_order_at)).toEqual(
        hostile.map((_, index) => 1_700_000_000_000 + index),
      );
    });

    it('inserts nothing and fails as a whole when one row breaks a constraint', async () => {
      // The first row is valid: it must be rolled back with the rest.
      const database = handle.get();
      const target = {
        table: 'customer_tags' as const,
        columns: [
          { name: 'store_id', pgType: 'int4' as const },
          { name: 'customer_id', pgType: 'int4' as const },
          { name: 'tag', pgType: 'text' as const },
          { name: 'created_at', pgType: 'int8' as const },
        ],
      };
      const attempt = bulkSession(database, (session) =>
        session.insert(target, [
          [storeId, 1, 'vip', 0],
          [storeId, 1, 'vip', 0],
        ]),
      );
      await expect(attempt).rejects.toThrow();
      const tags = await database.db
        .selectFrom('customer_tags')
        .selectAll()
        .where('store_id', '=', storeId)
        .execute();
      expect(tags).toEqual([]);
    });
  });
}

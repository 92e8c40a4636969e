import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database.js';
import { listTables, migrateToLatest } from '../../src/db/migrate.js';
import { allocateIds } from '../../src/db/sequences.js';
import { asStoreId } from '../../src/shared/ids.js';
import { instant } from '../../src/shared/time.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

for (const testDatabase of testDatabases()) {
  describe(`migrations on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);

    it('creates every table of the data model', async () => {
      const database = handle.get();
      // On PostgreSQL only this file's schema: other files run beside it in schemas of their own.
      const tables = (await listTables(database)).filter((name) => !name.startsWith('kysely_'));
      expect(tables).toEqual([
        'after_sales_cases',
        'analysis_snapshots',
        'api_tokens',
        'audiences',
        'audit_log',
        'campaign_members',
        'campaigns',
        'coupon_batches',
        'coupon_codes',
        'coupon_redemptions',
        'customer_contacts',
        'customer_predictions',
        'customer_scores',
        'customer_tags',
        'customer_tiers',
        'customers',
        'deferred_indexes',
        'gift_plans',
        'gift_recipients',
        'id_sequences',
        'import_column_maps',
        'import_rejections',
        'import_runs',
        'jobs',
        'member_days',
        'message_channels',
        'message_templates',
        'messages',
        'order_items',
        'orders',
        'product_traffic',
        'products',
        'promotion_events',
        'promotion_phase_audiences',
        'promotion_phases',
        'promotion_plans',
        'promotion_tasks',
        'purchase_logs',
        'sessions',
        'staff_tasks',
        'store_members',
        'stores',
        'suppressions',
        'tier_changes',
        'tier_schemes',
        'tiers',
        'users',
      ]);
    });

    it('is a no-op when run again', async () => {
      const outcome = await migrateToLatest(handle.get());
      expect(outcome.applied).toEqual([]);
    });

    it('puts store_id first in the primary key of every store-owned table', async () => {
      const { db } = handle.get();
      const storeOwned = [
        'after_sales_cases',
        'analysis_snapshots',
        'api_tokens',
        'audiences',
        'campaign_members',
        'campaigns',
        'coupon_batches',
        'coupon_codes',
        'coupon_redemptions',
        'gift_plans',
        'gift_recipients',
        'audit_log',
        'customer_contacts',
        'customer_predictions',
        'customer_scores',
        'customer_tags',
        'customers',
        'import_rejections',
        'import_runs',
        'jobs',
        'message_channels',
        'message_templates',
        'messages',
        'order_items',
        'orders',
        'product_traffic',
        'products',
        'purchase_logs',
        'id_sequences',
        'staff_tasks',
        'store_members',
        'suppressions',
        'tier_schemes',
        'tiers',
        'customer_tiers',
        'tier_changes',
        'member_days',
        'promotion_events',
        'promotion_plans',
        'promotion_phases',
        'promotion_phase_audiences',
        'promotion_tasks',
      ];
      for (const table of storeOwned) {
        const columns = await primaryKeyColumns(handle.get().dialect, db, table);
        expect(columns[0], table).toBe('store_id');
      }
    });

    describe('allocateIds', () => {
      it('numbers each store from 1 and hands out consecutive blocks', async () => {
        const { db } = handle.get();
        const now = instant(Date.UTC(2026, 10, 24));
        const stores = await db
          .insertInto('stores')
          .values([
            {
              name: 'A',
              platform: 'taobao',
              currency: 'CNY',
              time_zone: 'Asia/Shanghai',
              created_at: now,
              updated_at: now,
            },
            {
              name: 'B',
              platform: 'taobao',
              currency: 'CNY',
              time_zone: 'Asia/Shanghai',
              created_at: now,
              updated_at: now,
            },
          ])
          .returning('id')
          .execute();
        const [a, b] = stores.map((s) => asStoreId(s.id));
        expect(await allocateIds(db, a!, 'customers', 10)).toBe(1);
        expect(await allocateIds(db, a!, 'customers')).toBe(11);
        expect(await allocateIds(db, b!, 'customers', 3)).toBe(1);
        expect(await allocateIds(db, a!, 'orders')).toBe(1);
        expect(await allocateIds(db, a!, 'customers', 2)).toBe(12);
      });
    });
  });
}

async function primaryKeyColumns(dialect: 'sqlite' | 'postgres', db: Db, table: string): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows = await sql<{
      name: string;
      pk: number;
    }>`select name, pk from pragma_table_info(${table})`.execute(db);
    return rows.rows
      .filter((r) => r.pk > 0)
      .sort((x, y) => x.pk - y.pk)
      .map((r) => r.name);
  }
  const rows = await sql<{ column_name: string }>`
    select a.attname as column_name
    from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = ${table}::regclass and i.indisprimary
    order by array_position(i.indkey, a.attnum)`.execute(db);
  return rows.rows.map((r) => r.column_name);
}

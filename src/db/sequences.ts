import { sql } from 'kysely';
import type { StoreId } from '../shared/ids.js';
import type { Db } from './database.js';

// Entities inside a store are numbered per store, 1, 2, 3…: a store's customers are a dense range,
// which the analysis code uses as typed-array indexes, and no global counter is shared between
// stores (nothing to contend on when stores are spread over servers). The counter row is locked
// by the update until the caller's transaction ends, so allocate in the transaction that inserts.
export type SequenceName =
  | 'customers'
  | 'orders'
  | 'products'
  | 'jobs'
  | 'audit_log'
  | 'api_tokens'
  | 'import_runs'
  | 'customer_contacts'
  | 'analysis_snapshots'
  | 'messages'
  | 'message_templates'
  | 'staff_tasks'
  | 'audiences'
  | 'campaigns'
  | 'coupon_batches'
  | 'coupon_redemptions'
  | 'gift_plans'
  | 'after_sales_cases'
  | 'tiers'
  | 'tier_changes'
  | 'member_days'
  | 'promotion_events'
  | 'promotion_plans'
  | 'promotion_tasks';

/** Reserves `count` consecutive ids for a store's entity and returns the first. */
export async function allocateIds(db: Db, storeId: StoreId, name: SequenceName, count = 1): Promise<number> {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  const row = await db
    .insertInto('id_sequences')
    .values({ store_id: storeId, name, next_id: count + 1 })
    .onConflict((conflict) =>
      conflict
        .columns(['store_id', 'name'])
        .doUpdateSet({ next_id: sql<number>`id_sequences.next_id + ${count}` }),
    )
    .returning('next_id')
    .executeTakeFirstOrThrow();
  return row.next_id - count;
}

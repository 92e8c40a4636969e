import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { CustomerId, StoreId } from '../shared/ids.js';

/**
 * Recomputes customers' roll-ups (first/last purchase, purchases, spend, items) from their orders.
 * Only purchases count (is_purchase = 1); spend is the net amount after refunds. With no ids,
 * every customer of the store.
 */
export async function recomputeRollups(
  db: Db,
  storeId: StoreId,
  customerIds?: readonly CustomerId[],
): Promise<void> {
  if (customerIds?.length === 0) return;
  const purchases = (select: ReturnType<typeof sql>) => sql`(select ${select} from orders o
      where o.store_id = customers.store_id and o.customer_id = customers.id and o.is_purchase = 1)`;
  let query = db
    .updateTable('customers')
    .set({
      first_order_at: sql`${purchases(sql`min(o.ordered_at)`)}`,
      last_order_at: sql`${purchases(sql`max(o.ordered_at)`)}`,
      order_count: sql`${purchases(sql`count(*)`)}`,
      total_spent: sql`coalesce(${purchases(sql`sum(o.net_amount)`)}, 0)`,
      item_count: sql`coalesce(${purchases(sql`sum(o.item_count)`)}, 0)`,
    })
    .where('store_id', '=', storeId);
  if (customerIds) query = query.where('id', 'in', customerIds);
  await query.execute();
}

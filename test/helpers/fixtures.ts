import { recomputeRollups } from '../../src/customers/rollups.store.js';
import type { Db } from '../../src/db/database.js';
import type { OrderStatus } from '../../src/db/schema.js';
import { allocateIds } from '../../src/db/sequences.js';
import { asCustomerId, type CustomerId, type OrderId, type StoreId } from '../../src/shared/ids.js';
import type { Fen } from '../../src/shared/money.js';
import { type Instant, instant } from '../../src/shared/time.js';

export interface FixtureOrder {
  readonly at: string; // ISO instant, e.g. 2026-10-31T16:30:00Z
  readonly net: number; // fen
  readonly status?: OrderStatus;
  readonly items?: number;
}

/** Inserts a customer with orders (purchases unless the status says otherwise) and its roll-ups. */
export async function insertCustomerWithOrders(
  db: Db,
  storeId: StoreId,
  key: string,
  orders: readonly FixtureOrder[],
): Promise<CustomerId> {
  const customerId = asCustomerId(await allocateIds(db, storeId, 'customers'));
  const created = instant(Date.parse(orders[0]?.at ?? '2020-01-01T00:00:00Z')) as Instant;
  await db
    .insertInto('customers')
    .values({
      store_id: storeId,
      id: customerId,
      customer_key: key,
      nick: key,
      source: 'test',
      created_at: created,
      updated_at: created,
    } as never)
    .execute();
  for (const order of orders) {
    const id = (await allocateIds(db, storeId, 'orders')) as OrderId;
    const status = order.status ?? 'completed';
    const purchase = status !== 'closed' && status !== 'refunded' && status !== 'pending_payment';
    const at = instant(Date.parse(order.at));
    await db
      .insertInto('orders')
      .values({
        store_id: storeId,
        id,
        external_id: `T${storeId}-${id}`,
        customer_id: customerId,
        status,
        is_purchase: purchase ? 1 : 0,
        ordered_at: at,
        paid_at: purchase ? at : null,
        goods_amount: order.net as Fen,
        paid_amount: order.net as Fen,
        net_amount: (purchase ? order.net : 0) as Fen,
        item_count: order.items ?? 1,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await recomputeRollups(db, storeId, [customerId]);
  return customerId;
}

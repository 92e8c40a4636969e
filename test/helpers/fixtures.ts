import { recomputeRollups } from '../../src/customers/rollups.store.js';
import type { Db } from '../../src/db/database.js';
import type { OrderStatus } from '../../src/db/schema.js';
import { allocateIds } from '../../src/db/sequences.js';
import {
  asCustomerId,
  type CustomerId,
  type OrderId,
  type ProductId,
  type StoreId,
} from '../../src/shared/ids.js';
import type { Fen } from '../../src/shared/money.js';
import { type Instant, instant } from '../../src/shared/time.js';

/** A store row written straight to the table (no owner, no audit), for tests below the services. */
export async function insertBareStore(
  db: Db,
  name: string,
  options: { readonly platform?: string; readonly timeZone?: string; readonly at?: Instant } = {},
): Promise<StoreId> {
  const at = options.at ?? instant(Date.UTC(2026, 0, 1));
  const row = await db
    .insertInto('stores')
    .values({
      name,
      platform: options.platform ?? 'other',
      currency: 'CNY',
      time_zone: options.timeZone ?? 'Asia/Shanghai',
      created_at: at,
      updated_at: at,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id as StoreId;
}

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

/** Inserts a product (product_key = key) and returns its id. */
export async function insertProduct(
  db: Db,
  storeId: StoreId,
  key: string,
  title: string,
  options: { readonly sku?: string; readonly category?: string } = {},
): Promise<ProductId> {
  const id = (await allocateIds(db, storeId, 'products')) as ProductId;
  const at = instant(Date.UTC(2020, 0, 1));
  await db
    .insertInto('products')
    .values({
      store_id: storeId,
      id,
      product_key: key,
      sku: options.sku ?? null,
      title,
      category: options.category ?? null,
      price: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

export interface FixtureItem {
  readonly productId: ProductId | null;
  readonly quantity: number;
  readonly amount: number; // fen
  readonly refund?: number; // fen
}

/** Adds order lines (numbered from 1) to an existing order. */
export async function insertOrderItems(
  db: Db,
  storeId: StoreId,
  orderId: OrderId,
  items: readonly FixtureItem[],
): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('order_items')
    .values(
      items.map((item, index) => ({
        store_id: storeId,
        order_id: orderId,
        line_no: index + 1,
        product_id: item.productId,
        sku: null,
        title: item.productId === null ? '赠品' : `product ${item.productId}`,
        attributes: null,
        unit_price: Math.round(item.amount / Math.max(1, item.quantity)) as Fen,
        quantity: item.quantity,
        amount: item.amount as Fen,
        refund_amount: (item.refund ?? 0) as Fen,
        import_run_id: null,
      })),
    )
    .execute();
}

/** A customer's orders, oldest id first. */
export async function orderIdsOf(db: Db, storeId: StoreId, customerId: CustomerId): Promise<OrderId[]> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .orderBy('id')
    .execute();
  return rows.map((row) => row.id);
}

import type { BulkColumn, BulkRow, BulkSession, BulkTarget } from '../db/dialect/bulk-insert.js';
import { allocateIds } from '../db/sequences.js';
import type { StoreId } from '../shared/ids.js';
import { demoCatalog } from './catalog.js';
import { type DemoBatchRows, rowIdColumns } from './rows.js';

// Writes the demo store through the bulk-insert seam, one batch of customers with their orders
// per transaction.

const int4 = (name: string): BulkColumn => ({ name, pgType: 'int4' });
const int8 = (name: string): BulkColumn => ({ name, pgType: 'int8' });
const text = (name: string): BulkColumn => ({ name, pgType: 'text' });

const customerTarget: BulkTarget = {
  table: 'customers',
  columns: [
    int4('store_id'),
    int4('id'),
    text('customer_key'),
    text('nick'),
    text('name'),
    text('gender'),
    int4('birth_year'),
    int4('birth_month'),
    int4('birth_day'),
    text('phone'),
    text('phone_last4'),
    int4('phone_masked'),
    text('address'),
    text('province'),
    text('city'),
    text('district'),
    text('occupation'),
    text('credit_level'),
    text('preferences'),
    text('notes'),
    int4('consent_sms'),
    int4('consent_wechat'),
    text('source'),
    int8('first_order_at'),
    int8('last_order_at'),
    int4('order_count'),
    int8('total_spent'),
    int4('item_count'),
    int8('created_at'),
    int8('updated_at'),
  ],
};

const tagTarget: BulkTarget = {
  table: 'customer_tags',
  columns: [int4('store_id'), int4('customer_id'), text('tag'), int8('created_at')],
};

const orderTarget: BulkTarget = {
  table: 'orders',
  columns: [
    int4('store_id'),
    int4('id'),
    text('external_id'),
    int4('customer_id'),
    text('status'),
    int4('is_purchase'),
    int8('ordered_at'),
    int8('paid_at'),
    int8('goods_amount'),
    int8('discount_amount'),
    int8('paid_amount'),
    int8('refund_amount'),
    int8('net_amount'),
    int4('item_count'),
    text('discount_code'),
    text('buyer_message'),
    text('seller_note'),
    text('province'),
    text('city'),
    int8('created_at'),
    int8('updated_at'),
  ],
};

const itemTarget: BulkTarget = {
  table: 'order_items',
  columns: [
    int4('store_id'),
    int4('order_id'),
    int4('line_no'),
    int4('product_id'),
    text('sku'),
    text('title'),
    int8('unit_price'),
    int4('quantity'),
    int8('amount'),
    int8('refund_amount'),
  ],
};

const productTarget: BulkTarget = {
  table: 'products',
  columns: [
    int4('store_id'),
    int4('id'),
    text('product_key'),
    text('sku'),
    text('title'),
    text('category'),
    int8('price'),
    text('attributes'),
    int8('created_at'),
    int8('updated_at'),
  ],
};

/** Inserts the demo catalogue; returns the id of its first product (the rest follow in order). */
export async function writeCatalog(
  session: BulkSession,
  storeId: StoreId,
  createdAt: number,
): Promise<number> {
  const first = await allocateIds(session.db, storeId, 'products', demoCatalog.length);
  const rows: BulkRow[] = demoCatalog.map((p, index) => [
    storeId,
    first + index,
    p.key,
    p.key,
    p.title,
    p.category,
    p.price,
    JSON.stringify({
      fromMonth: p.fromMonth,
      toMonth: p.toMonth,
      ...(p.stage ? { stage: p.stage } : {}),
      ...(p.size ? { size: p.size } : {}),
    }),
    createdAt,
    createdAt,
  ]);
  await session.insert(productTarget, rows);
  return first;
}

/** Numbers one batch (allocating its customer and order ids) and inserts it; returns its order count. */
export async function writeBatchRows(
  session: BulkSession,
  storeId: StoreId,
  rows: DemoBatchRows,
): Promise<number> {
  const firstCustomerId = await allocateIds(session.db, storeId, 'customers', rows.customers.length);
  const firstOrderId =
    rows.orders.length > 0 ? await allocateIds(session.db, storeId, 'orders', rows.orders.length) : 0;
  offset(rows.customers, rowIdColumns.customers.id, firstCustomerId);
  offset(rows.tags, rowIdColumns.tags.customerId, firstCustomerId);
  offset(rows.orders, rowIdColumns.orders.id, firstOrderId);
  offset(rows.orders, rowIdColumns.orders.customerId, firstCustomerId);
  offset(rows.items, rowIdColumns.items.orderId, firstOrderId);
  await session.insert(customerTarget, rows.customers);
  await session.insert(tagTarget, rows.tags);
  await session.insert(orderTarget, rows.orders);
  await session.insert(itemTarget, rows.items);
  return rows.orders.length;
}

function offset(rows: BulkRow[], column: number, first: number): void {
  for (const row of rows) (row as (string | number | null)[])[column] = (row[column] as number) + first;
}

import type { BulkRow } from '../db/dialect/bulk-insert.js';
import { type DemoCustomer, type DemoOrder, type DemoWindow, generateCustomer } from './generator.js';

// Turns generated customers into table rows. Ids in the rows are relative to the batch (0, 1, …):
// the writer adds the first id it allocates, so a batch can be built away from the database (in
// the generator worker) and numbered when it is written.

export interface DemoBatchRows {
  readonly customers: BulkRow[];
  readonly tags: BulkRow[];
  readonly orders: BulkRow[];
  readonly items: BulkRow[];
}

// Where the relative ids sit in each row, for the writer to offset.
export const rowIdColumns = {
  customers: { id: 1 },
  tags: { customerId: 1 },
  orders: { id: 1, customerId: 3 },
  items: { orderId: 1 },
} as const;

export function demoBatchRows(
  batch: readonly DemoCustomer[],
  storeId: number,
  firstProductId: number,
): DemoBatchRows {
  const customers: BulkRow[] = [];
  const tags: BulkRow[] = [];
  const placed: { order: DemoOrder; customer: DemoCustomer; customerId: number }[] = [];
  batch.forEach((c, customerId) => {
    customers.push([
      storeId,
      customerId,
      c.nick,
      c.nick,
      c.name,
      c.gender,
      c.birthYear,
      c.birthMonth,
      c.birthDay,
      c.phone,
      c.phoneLast4,
      1,
      c.address,
      c.province,
      c.city,
      c.district,
      c.occupation,
      c.creditLevel,
      JSON.stringify(c.preferences),
      c.notes,
      c.consentSms,
      c.consentWechat,
      'demo',
      c.firstOrderAt,
      c.lastOrderAt,
      c.orderCount,
      c.totalSpent,
      c.itemCount,
      c.createdAt,
      c.lastOrderAt ?? c.createdAt,
    ]);
    for (const tag of c.tags) tags.push([storeId, customerId, tag, c.createdAt]);
    for (const order of c.orders) placed.push({ order, customer: c, customerId });
  });
  // Numbered in time order (order numbers start with the date, so also in order-number order):
  // the primary key, the order number and the date index then grow in runs instead of at random
  // places in their B-trees.
  placed.sort((a, b) => a.order.orderedAt - b.order.orderedAt);
  const orders: BulkRow[] = [];
  const items: BulkRow[] = [];
  placed.forEach(({ order: o, customer: c, customerId }, orderId) => {
    orders.push([
      storeId,
      orderId,
      o.externalId,
      customerId,
      o.status,
      o.isPurchase ? 1 : 0,
      o.orderedAt,
      o.paidAt,
      o.goodsAmount,
      o.discountAmount,
      o.paidAmount,
      o.refundAmount,
      o.netAmount,
      o.itemCount,
      o.discountCode,
      o.buyerMessage,
      o.sellerNote,
      c.province,
      c.city,
      o.orderedAt,
      o.paidAt ?? o.orderedAt,
    ]);
    o.items.forEach((item, line) => {
      const refund = o.refundAmount > 0 && line === o.items.length - 1 ? o.refundAmount : 0;
      items.push([
        storeId,
        orderId,
        line + 1,
        firstProductId + item.productIndex,
        item.product.key,
        item.product.title,
        item.product.price,
        item.quantity,
        item.product.price * item.quantity,
        refund,
      ]);
    });
  });
  return { customers, tags, orders, items };
}

export interface BatchRequest {
  readonly seed: number;
  readonly window: DemoWindow;
  readonly start: number;
  readonly end: number;
  readonly storeId: number;
  readonly firstProductId: number;
}

/** Generates customers start..end-1 and their rows: the unit of work of the generator worker. */
export function buildBatch(request: BatchRequest): DemoBatchRows {
  const batch: DemoCustomer[] = [];
  for (let index = request.start; index < request.end; index++)
    batch.push(generateCustomer(request.seed, index, request.window));
  return demoBatchRows(batch, request.storeId, request.firstProductId);
}

import { sql } from 'kysely';
import type { Database } from '../db/database.js';
import type { BulkColumn, BulkRow, BulkSession, BulkTarget } from '../db/dialect/bulk-insert.js';
import { inList } from '../db/dialect/in-list.js';
import { allocateIds } from '../db/sequences.js';
import type { ImportRunId, StoreId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import {
  advanceRun,
  type ExistingCustomer,
  type ExistingOrder,
  findCustomersByKey,
  findOrdersByExternalId,
  findProductsByKey,
  type RunCounts,
  refreshRollups,
  touchOrders,
} from './import.store.js';
import { orderHash } from './order-hash.js';
import type { ParsedCustomer, ParsedItem, ParsedItems, ParsedOrder } from './parsed.js';
import { type Rejection, reject } from './source/types.js';

// Writes one batch of parsed rows in one transaction: customers, products, orders, their lines,
// the customers' roll-ups, the rejected rows and the run's counters and checkpoint. A batch is
// all or nothing, so a run that dies midway leaves whole orders and a checkpoint to resume from.

export interface Batch {
  readonly orders: readonly ParsedOrder[];
  readonly items: readonly ParsedItems[];
  readonly rejections: readonly Rejection[];
  /** Data records consumed (accepted or not). */
  readonly recordsRead: number;
  /** Every source line before this one is in this batch or an earlier one. */
  readonly checkpointLine: number;
}

export interface BatchContext {
  readonly database: Database;
  readonly storeId: StoreId;
  readonly runId: ImportRunId;
  readonly now: Instant;
  readonly leaseUntil: Instant;
}

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
    text('phone'),
    text('phone_last4'),
    int4('phone_masked'),
    text('email'),
    text('address'),
    text('province'),
    text('city'),
    text('district'),
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
    int8('shipping_fee'),
    int8('discount_amount'),
    int8('paid_amount'),
    int8('refund_amount'),
    int8('net_amount'),
    int4('item_count'),
    text('discount_code'),
    text('buyer_message'),
    text('seller_note'),
    text('receiver_name'),
    text('receiver_phone'),
    text('receiver_address'),
    text('province'),
    text('city'),
    int4('import_run_id'),
    text('source_hash'),
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
    text('attributes'),
    int8('unit_price'),
    int4('quantity'),
    int8('amount'),
    int8('refund_amount'),
    int4('import_run_id'),
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
    int8('price'),
    int8('created_at'),
    int8('updated_at'),
  ],
};

const MAX_RAW = 2_000;

/** Writes a batch inside `session`'s transaction; returns what it counted. */
export async function writeBatch(session: BulkSession, ctx: BatchContext, batch: Batch): Promise<RunCounts> {
  const rejections: Rejection[] = [...batch.rejections];
  const orders = dropRepeats(batch.orders, rejections);
  const lookupIds = [
    ...new Set([...orders.map((o) => o.externalId), ...batch.items.map((i) => i.externalId)]),
  ];
  const existing = new Map(
    (await findOrdersByExternalId(ctx.database, session.db, ctx.storeId, lookupIds)).map((o) => [
      o.external_id,
      o,
    ]),
  );

  const inserts: { order: ParsedOrder; hash: string }[] = [];
  const updates: { order: ParsedOrder; hash: string; previous: ExistingOrder }[] = [];
  const unchanged: number[] = [];
  for (const order of orders) {
    const previous = existing.get(order.externalId);
    if (previous?.import_run_id === ctx.runId) {
      rejections.push(
        reject(
          order.line,
          'duplicate_order',
          `Line ${order.line}: order ${order.externalId} appears again in this file; the first row is kept`,
          order.raw,
        ),
      );
      continue;
    }
    const hash = orderHash(order);
    if (!previous) inserts.push({ order, hash });
    else if (previous.source_hash === hash) unchanged.push(previous.id);
    else updates.push({ order, hash, previous });
  }

  const changed = [...inserts, ...updates].map((entry) => entry.order);
  const customers = await resolveCustomers(
    session,
    ctx,
    changed,
    inserts.map((entry) => entry.order),
  );
  const productIds = await resolveProducts(session, ctx, [
    ...changed.flatMap((o) => o.items ?? []),
    ...batch.items.flatMap((i) => i.items),
  ]);
  const itemRows: BulkRow[] = [];
  const affected = new Set<number>();

  const firstOrderId =
    inserts.length > 0 ? await allocateIds(session.db, ctx.storeId, 'orders', inserts.length) : 0;
  const orderRows = inserts.map(({ order, hash }, offset) => {
    const id = firstOrderId + offset;
    const customerId = customers.idOf(order.customer.key);
    if (!customers.createdKeys.has(order.customer.key)) affected.add(customerId);
    pushItems(itemRows, ctx, id, 1, order.items ?? [], productIds);
    return orderRow(ctx, id, customerId, order, hash);
  });
  await session.insert(orderTarget, orderRows);

  for (const { order, hash, previous } of updates) {
    const customerId = customers.idOf(order.customer.key);
    affected.add(customerId).add(previous.customer_id);
    await updateOrder(session, ctx, previous.id, customerId, order, hash);
    if (order.items) {
      await session.db
        .deleteFrom('order_items')
        .where('store_id', '=', ctx.storeId)
        .where('order_id', '=', previous.id as never)
        .execute();
      pushItems(itemRows, ctx, previous.id, 1, order.items, productIds);
    }
  }
  await touchOrders(ctx.database, session.db, ctx.storeId, ctx.runId, unchanged);
  await placeReportedItems(session, ctx, batch.items, existing, productIds, itemRows, rejections);
  await session.insert(itemTarget, itemRows);
  await refreshRollups(ctx.database, session.db, ctx.storeId, [...affected], ctx.now);
  await insertRejections(session, ctx, rejections);

  const counts: RunCounts = {
    rows_read: batch.recordsRead,
    rows_rejected: rejections.length,
    orders_created: inserts.length,
    orders_updated: updates.length,
    orders_unchanged: unchanged.length,
    items_written: itemRows.length,
    customers_created: customers.created,
  };
  await advanceRun(session.db, ctx.storeId, ctx.runId, counts, batch.checkpointLine, ctx.leaseUntil);
  return counts;
}

/** The first row of an order number in a batch wins; repeats are rejected. */
function dropRepeats(orders: readonly ParsedOrder[], rejections: Rejection[]): ParsedOrder[] {
  const firstLine = new Map<string, number>();
  const kept: ParsedOrder[] = [];
  for (const order of orders) {
    const seen = firstLine.get(order.externalId);
    if (seen !== undefined) {
      rejections.push(
        reject(
          order.line,
          'duplicate_order',
          `Line ${order.line}: order ${order.externalId} appears again (first on line ${seen}); the first row is kept`,
          order.raw,
        ),
      );
      continue;
    }
    firstLine.set(order.externalId, order.line);
    kept.push(order);
  }
  return kept;
}

function orderRow(ctx: BatchContext, id: number, customerId: number, o: ParsedOrder, hash: string): BulkRow {
  return [
    ctx.storeId,
    id,
    o.externalId,
    customerId,
    o.status,
    o.isPurchase ? 1 : 0,
    o.orderedAt,
    o.paidAt,
    o.goodsAmount,
    o.shippingFee,
    o.discountAmount,
    o.paidAmount,
    o.refundAmount,
    o.paidAmount - o.refundAmount,
    o.itemCount,
    o.discountCode,
    o.buyerMessage,
    o.sellerNote,
    o.receiverName,
    o.receiverPhone,
    o.receiverAddress,
    o.province,
    o.city,
    ctx.runId,
    hash,
    ctx.now,
    ctx.now,
  ];
}

async function updateOrder(
  session: BulkSession,
  ctx: BatchContext,
  id: number,
  customerId: number,
  o: ParsedOrder,
  hash: string,
) {
  await session.db
    .updateTable('orders')
    .set({
      customer_id: customerId as never,
      status: o.status,
      is_purchase: o.isPurchase ? 1 : 0,
      ordered_at: o.orderedAt as Instant,
      paid_at: o.paidAt as Instant | null,
      goods_amount: o.goodsAmount as Fen,
      shipping_fee: o.shippingFee as Fen,
      discount_amount: o.discountAmount as Fen,
      paid_amount: o.paidAmount as Fen,
      refund_amount: o.refundAmount as Fen,
      net_amount: (o.paidAmount - o.refundAmount) as Fen,
      item_count: o.itemCount,
      discount_code: o.discountCode,
      buyer_message: o.buyerMessage,
      seller_note: o.sellerNote,
      receiver_name: o.receiverName,
      receiver_phone: o.receiverPhone,
      receiver_address: o.receiverAddress,
      province: o.province,
      city: o.city,
      import_run_id: ctx.runId,
      source_hash: hash,
      updated_at: ctx.now,
    })
    .where('store_id', '=', ctx.storeId)
    .where('id', '=', id as never)
    .execute();
}

function pushItems(
  rows: BulkRow[],
  ctx: BatchContext,
  orderId: number,
  firstLine: number,
  items: readonly ParsedItem[],
  productIds: ReadonlyMap<string, number>,
) {
  items.forEach((item, index) => {
    rows.push([
      ctx.storeId,
      orderId,
      firstLine + index,
      productIds.get(item.productKey) ?? null,
      item.sku,
      item.title,
      item.attributes,
      item.unitPrice,
      item.quantity,
      item.amount,
      item.refundAmount,
      ctx.runId,
    ]);
  });
}

interface CustomerIds {
  idOf(key: string): number;
  readonly created: number;
  /** Keys created by this batch, with their roll-ups already written. */
  readonly createdKeys: ReadonlySet<string>;
}

// Profile fields an import fills in when the customer's file has none yet; it never overwrites
// what an operator entered or an earlier import set.
const fillable = ['nick', 'name', 'phone', 'email', 'address', 'province', 'city', 'district'] as const;

/**
 * Finds or creates the batch's customers. A customer created here has no orders but the batch's
 * new ones, so its roll-ups are computed from them and written with the row: no update after.
 */
async function resolveCustomers(
  session: BulkSession,
  ctx: BatchContext,
  orders: readonly ParsedOrder[],
  inserted: readonly ParsedOrder[],
): Promise<CustomerIds> {
  const newOrders = new Map<string, ParsedOrder[]>();
  for (const order of inserted) {
    const list = newOrders.get(order.customer.key);
    if (list) list.push(order);
    else newOrders.set(order.customer.key, [order]);
  }
  // The newest order of each customer in the batch describes them.
  const latest = new Map<string, ParsedOrder>();
  for (const order of orders) {
    const seen = latest.get(order.customer.key);
    if (!seen || order.orderedAt >= seen.orderedAt) latest.set(order.customer.key, order);
  }
  const known = await findCustomersByKey(ctx.database, session.db, ctx.storeId, [...latest.keys()]);
  const ids = new Map(known.map((customer) => [customer.customer_key, customer.id]));
  for (const customer of known)
    await fillProfile(session, ctx, customer, latest.get(customer.customer_key)!.customer);

  const missing = [...latest.keys()].filter((key) => !ids.has(key));
  if (missing.length > 0) {
    const first = await allocateIds(session.db, ctx.storeId, 'customers', missing.length);
    const rows = missing.map((key, offset) => {
      const c = latest.get(key)!.customer;
      ids.set(key, first + offset);
      return [
        ctx.storeId,
        first + offset,
        key,
        c.nick,
        c.name,
        c.phone,
        c.phoneLast4,
        c.phoneMasked ? 1 : 0,
        c.email,
        c.address,
        c.province,
        c.city,
        c.district,
        'import',
        ...rollupOf(newOrders.get(key) ?? []),
        ctx.now,
        ctx.now,
      ] as BulkRow;
    });
    await session.insert(customerTarget, rows);
  }
  return {
    idOf: (key) => {
      const id = ids.get(key);
      if (id === undefined) throw new Error(`customer ${key} was not resolved`);
      return id;
    },
    created: missing.length,
    createdKeys: new Set(missing),
  };
}

/** first_order_at, last_order_at, order_count, total_spent, item_count over the purchases. */
function rollupOf(orders: readonly ParsedOrder[]): BulkRow {
  let first: number | null = null;
  let last: number | null = null;
  let count = 0;
  let spent = 0;
  let items = 0;
  for (const order of orders) {
    if (!order.isPurchase) continue;
    if (first === null || order.orderedAt < first) first = order.orderedAt;
    if (last === null || order.orderedAt > last) last = order.orderedAt;
    count += 1;
    spent += order.paidAmount - order.refundAmount;
    items += order.itemCount;
  }
  return [first, last, count, spent, items];
}

async function fillProfile(
  session: BulkSession,
  ctx: BatchContext,
  stored: ExistingCustomer,
  parsed: ParsedCustomer,
) {
  const changes: Partial<Record<(typeof fillable)[number], string>> = {};
  for (const field of fillable) {
    const value = parsed[field];
    if (stored[field] === null && value) changes[field] = value;
  }
  if (Object.keys(changes).length === 0) return;
  const phone = changes.phone
    ? { phone_last4: parsed.phoneLast4, phone_masked: parsed.phoneMasked ? (1 as const) : (0 as const) }
    : {};
  await session.db
    .updateTable('customers')
    .set({ ...changes, ...phone, updated_at: ctx.now })
    .where('store_id', '=', ctx.storeId)
    .where('id', '=', stored.id as never)
    .execute();
}

async function resolveProducts(
  session: BulkSession,
  ctx: BatchContext,
  items: readonly ParsedItem[],
): Promise<Map<string, number>> {
  const byKey = new Map<string, ParsedItem>();
  for (const item of items) byKey.set(item.productKey, item);
  const found = await findProductsByKey(ctx.database, session.db, ctx.storeId, [...byKey.keys()]);
  const ids = new Map(found.map((product) => [product.product_key, product.id]));
  const missing = [...byKey.keys()].filter((key) => !ids.has(key));
  if (missing.length > 0) {
    const first = await allocateIds(session.db, ctx.storeId, 'products', missing.length);
    await session.insert(
      productTarget,
      missing.map((key, offset) => {
        const item = byKey.get(key)!;
        ids.set(key, first + offset);
        return [ctx.storeId, first + offset, key, item.sku, item.title, item.unitPrice, ctx.now, ctx.now];
      }),
    );
  }
  return ids;
}

/**
 * Lines from an item report (宝贝报表): an order's first lines in this run replace the lines other
 * imports wrote; later ones (a later batch of the same run) are appended after them.
 */
async function placeReportedItems(
  session: BulkSession,
  ctx: BatchContext,
  reported: readonly ParsedItems[],
  existing: ReadonlyMap<string, ExistingOrder>,
  productIds: ReadonlyMap<string, number>,
  itemRows: BulkRow[],
  rejections: Rejection[],
): Promise<void> {
  const byOrder = new Map<string, ParsedItems[]>();
  for (const entry of reported) {
    if (!existing.has(entry.externalId)) {
      rejections.push(
        reject(
          entry.line,
          'order_not_found',
          `Line ${entry.line}: order ${entry.externalId} is not in the store; import the order report (订单报表) first, then this item report again`,
          entry.raw,
        ),
      );
      continue;
    }
    byOrder.set(entry.externalId, [...(byOrder.get(entry.externalId) ?? []), entry]);
  }
  if (byOrder.size === 0) return;
  const orderIds = [...byOrder.keys()].map((id) => existing.get(id)!.id);
  const ids = inList[ctx.database.dialect](orderIds, 'int4');
  await sql`delete from order_items where store_id = ${ctx.storeId} and order_id in ${ids}
    and (import_run_id is null or import_run_id <> ${ctx.runId})`.execute(session.db);
  const highest = await sql<{ order_id: number; line_no: number }>`
    select order_id, max(line_no) as line_no from order_items
    where store_id = ${ctx.storeId} and order_id in ${ids} group by order_id`.execute(session.db);
  const nextLine = new Map(highest.rows.map((row) => [Number(row.order_id), Number(row.line_no) + 1]));
  for (const [externalId, entries] of byOrder) {
    const orderId = existing.get(externalId)!.id;
    pushItems(
      itemRows,
      ctx,
      orderId,
      nextLine.get(orderId) ?? 1,
      entries.flatMap((entry) => entry.items),
      productIds,
    );
  }
}

async function insertRejections(session: BulkSession, ctx: BatchContext, rejections: readonly Rejection[]) {
  for (let start = 0; start < rejections.length; start += 400) {
    const chunk = rejections.slice(start, start + 400);
    await session.db
      .insertInto('import_rejections')
      .values(
        chunk.map((r) => ({
          store_id: ctx.storeId,
          import_run_id: ctx.runId,
          line: r.line,
          code: r.code,
          message: r.message.slice(0, MAX_RAW),
          raw: r.raw.slice(0, MAX_RAW),
        })),
      )
      .onConflict((conflict) => conflict.columns(['store_id', 'import_run_id', 'line']).doNothing())
      .execute();
  }
}

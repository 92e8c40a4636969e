import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

// The review's SQL: purchases per customer in the window, the old customers' top products, the campaigns that belong to a plan's window, and the audience and drafts a review
// creates (found by name, which is what makes creating them idempotent).

/** Per customer: purchases and net revenue in [start, end). */
export async function purchasesByCustomer(db: Db, storeId: StoreId, start: Instant, end: Instant) {
  const rows = await db
    .selectFrom('orders')
    .select([
      'customer_id',
      sql<number>`count(*)`.as('orders'),
      sql<number>`coalesce(sum(net_amount), 0)`.as('revenue'),
    ])
    .where('store_id', '=', storeId)
    .where('is_purchase', '=', 1)
    .where('ordered_at', '>=', start)
    .where('ordered_at', '<', end)
    .groupBy('customer_id')
    .execute();
  return new Map(
    rows.map((r) => [Number(r.customer_id), { orders: Number(r.orders), revenue: Number(r.revenue) }]),
  );
}

/** The old customers' top products in [start, end) by revenue (line amount − line refund). */
export async function topOldProducts(db: Db, storeId: StoreId, start: Instant, end: Instant, limit: number) {
  const rows = await db
    .selectFrom('orders as o')
    .innerJoin('customers as c', (join) =>
      join.onRef('c.store_id', '=', 'o.store_id').onRef('c.id', '=', 'o.customer_id'),
    )
    .innerJoin('order_items as i', (join) =>
      join.onRef('i.store_id', '=', 'o.store_id').onRef('i.order_id', '=', 'o.id'),
    )
    .innerJoin('products as p', (join) =>
      join.onRef('p.store_id', '=', 'i.store_id').onRef('p.id', '=', 'i.product_id'),
    )
    .select([
      'p.id',
      'p.title',
      sql<number>`count(distinct o.customer_id)`.as('buyers'),
      sql<number>`coalesce(sum(i.quantity), 0)`.as('items'),
      sql<number>`coalesce(sum(i.amount - i.refund_amount), 0)`.as('revenue'),
    ])
    .where('o.store_id', '=', storeId)
    .where('o.is_purchase', '=', 1)
    .where('o.ordered_at', '>=', start)
    .where('o.ordered_at', '<', end)
    .where('c.first_order_at', '<', start)
    .groupBy(['p.id', 'p.title'])
    .orderBy(sql`coalesce(sum(i.amount - i.refund_amount), 0)`, 'desc')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    productId: Number(r.id),
    title: r.title,
    buyers: Number(r.buyers),
    items: Number(r.items),
    revenue: Number(r.revenue),
  }));
}

/** The campaigns sent (frozen) inside [start, end), with their name and channel. */
export async function campaignsSentBetween(db: Db, storeId: StoreId, start: Instant, end: Instant) {
  return db
    .selectFrom('campaigns')
    .select(['id'])
    .where('store_id', '=', storeId)
    .where('frozen_at', '>=', start)
    .where('frozen_at', '<', end)
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

/** Name, channel and whether it was sent, of the given campaigns. */
export async function campaignHeads(db: Db, storeId: StoreId, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('campaigns')
    .select(['id', 'name', 'channel', 'frozen_at'])
    .where('store_id', '=', storeId)
    .where('id', 'in', [...ids])
    .orderBy('id')
    .execute();
}

/** A saved audience by its exact name. */
export async function audienceNamed(db: Db, storeId: StoreId, name: string) {
  return db
    .selectFrom('audiences')
    .select(['id', 'definition'])
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Campaign ids by exact name, of those names. */
export async function campaignsNamed(db: Db, storeId: StoreId, names: readonly string[]) {
  if (names.length === 0) return new Map<string, { id: number; templateId: number }>();
  const rows = await db
    .selectFrom('campaigns')
    .select(['id', 'name', 'template_id'])
    .where('store_id', '=', storeId)
    .where('name', 'in', [...names])
    .execute();
  return new Map(rows.map((r) => [r.name, { id: r.id, templateId: r.template_id }]));
}

/** A message template's id by its exact name. */
export async function templateNamed(db: Db, storeId: StoreId, name: string) {
  const row = await db
    .selectFrom('message_templates')
    .select('id')
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.id;
}

/** The given gift plans with their confirmed recipients, unit cost and how many were shipped. */
export async function giftPlansWithShipped(db: Db, storeId: StoreId, ids: readonly number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('gift_plans as g')
    .leftJoin('gift_recipients as r', (join) =>
      join
        .onRef('r.store_id', '=', 'g.store_id')
        .onRef('r.plan_id', '=', 'g.id')
        .on('r.status', '=', 'shipped'),
    )
    .select(['g.id', 'g.name', 'g.status', 'g.recipients', 'g.unit_cost'])
    .select((eb) => eb.fn.count<number | string>('r.customer_id').as('shipped'))
    .where('g.store_id', '=', storeId)
    .where('g.id', 'in', [...new Set(ids)])
    .groupBy(['g.id', 'g.name', 'g.status', 'g.recipients', 'g.unit_cost'])
    .orderBy('g.id')
    .execute();
  return rows.map((row) => ({ ...row, shipped: Number(row.shipped) }));
}

import type { Db } from '../db/database.js';
import type { ProductId, StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

// The SQL of product traffic: naming products, writing traffic rows, and the range totals that
// the low-conversion list compares with the orders.

const CHUNK = 500;

export type ProductMatcher = (name: string) => ProductId | { error: string };

/** Finds a product by product key, then unique SKU, then unique exact title. */
export async function productMatcher(db: Db, storeId: StoreId): Promise<ProductMatcher> {
  const rows = await db
    .selectFrom('products')
    .select(['id', 'product_key', 'sku', 'title'])
    .where('store_id', '=', storeId)
    .orderBy('id')
    .execute();
  const byKey = new Map<string, ProductId>();
  const bySku = new Map<string, ProductId[]>();
  const byTitle = new Map<string, ProductId[]>();
  const add = (map: Map<string, ProductId[]>, name: string | null, id: ProductId) => {
    if (name === null || name === '') return;
    const list = map.get(name);
    if (list) list.push(id);
    else map.set(name, [id]);
  };
  for (const row of rows) {
    byKey.set(row.product_key, row.id);
    add(bySku, row.sku, row.id);
    add(byTitle, row.title, row.id);
  }
  return (name) => {
    const key = byKey.get(name);
    if (key !== undefined) return key;
    for (const [what, map] of [
      ['SKU', bySku],
      ['title', byTitle],
    ] as const) {
      const found = map.get(name);
      if (found?.length === 1) return found[0]!;
      if (found)
        return {
          error: `"${name}" is the ${what} of ${found.length} products; expected a 商家编码 (product key) that names one`,
        };
    }
    return {
      error: `"${name}" matches no product of this store; expected a 商家编码 (product key), SKU or exact title from the imported orders`,
    };
  };
}

export interface TrafficWrite {
  readonly productId: ProductId;
  readonly day: string;
  readonly views: number;
  readonly visitors: number;
  readonly addToCart: number;
}

/** Inserts or replaces a traffic row per (product, day). */
export async function upsertTraffic(
  db: Db,
  storeId: StoreId,
  rows: readonly TrafficWrite[],
  now: Instant,
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    await db
      .insertInto('product_traffic')
      .values(
        rows.slice(start, start + CHUNK).map((row) => ({
          store_id: storeId,
          product_id: row.productId,
          day: row.day,
          views: row.views,
          visitors: row.visitors,
          add_to_cart: row.addToCart,
          updated_at: now,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['store_id', 'product_id', 'day']).doUpdateSet((eb) => ({
          views: eb.ref('excluded.views'),
          visitors: eb.ref('excluded.visitors'),
          add_to_cart: eb.ref('excluded.add_to_cart'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export interface TrafficTotals {
  readonly productId: ProductId;
  readonly key: string;
  readonly title: string;
  readonly views: number;
  readonly visitors: number;
  readonly addToCart: number;
  readonly orders: number;
  readonly buyers: number;
}

/** Per product with traffic between two days (inclusive): traffic sums and its purchases then. */
export async function trafficTotals(
  db: Db,
  storeId: StoreId,
  range: { readonly from: string; readonly to: string; readonly start: Instant; readonly end: Instant },
): Promise<TrafficTotals[]> {
  const traffic = await db
    .selectFrom('product_traffic as t')
    .innerJoin('products as p', (join) =>
      join.onRef('p.store_id', '=', 't.store_id').onRef('p.id', '=', 't.product_id'),
    )
    .select((eb) => [
      't.product_id',
      'p.product_key',
      'p.title',
      eb.fn.sum<number | string>('t.views').as('views'),
      eb.fn.sum<number | string>('t.visitors').as('visitors'),
      eb.fn.sum<number | string>('t.add_to_cart').as('add_to_cart'),
    ])
    .where('t.store_id', '=', storeId)
    .where('t.day', '>=', range.from)
    .where('t.day', '<=', range.to)
    .groupBy(['t.product_id', 'p.product_key', 'p.title'])
    .execute();
  const sales = await db
    .selectFrom('order_items as i')
    .innerJoin('orders as o', (join) =>
      join.onRef('o.store_id', '=', 'i.store_id').onRef('o.id', '=', 'i.order_id'),
    )
    .select((eb) => [
      'i.product_id',
      eb.fn.count<number | string>('o.id').distinct().as('orders'),
      eb.fn.count<number | string>('o.customer_id').distinct().as('buyers'),
    ])
    .where('i.store_id', '=', storeId)
    .where('o.is_purchase', '=', 1)
    .where('o.ordered_at', '>=', range.start)
    .where('o.ordered_at', '<', range.end)
    .where('i.product_id', 'in', (eb) =>
      eb
        .selectFrom('product_traffic')
        .select('product_id')
        .where('store_id', '=', storeId)
        .where('day', '>=', range.from)
        .where('day', '<=', range.to),
    )
    .groupBy('i.product_id')
    .execute();
  const sold = new Map(sales.map((row) => [row.product_id, row]));
  return traffic.map((row) => ({
    productId: row.product_id,
    key: row.product_key,
    title: row.title,
    views: Number(row.views),
    visitors: Number(row.visitors),
    addToCart: Number(row.add_to_cart),
    orders: Number(sold.get(row.product_id)?.orders ?? 0),
    buyers: Number(sold.get(row.product_id)?.buyers ?? 0),
  }));
}

import { z } from 'zod';
import type { AppContext } from '../context.js';
import { scanNumbers } from '../db/dialect/scan-numbers.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { analyzeProducts, type ProductStats, type PurchaseItems } from './product-stats.js';
import { type Purchases, positionsByOrderId } from './purchases.js';
import { insertSnapshot, latestSnapshotResult } from './snapshots.store.js';

// The products analysis of a store (issue 5, products): its items read next to the purchases,
// analysed (./product-stats.ts), and named from the products table as one snapshot.

export { analyzeProducts, type PurchaseItems } from './product-stats.js';

/** Reads the items (with a product) of the store's purchases, grouped by purchase position. */
export async function loadPurchaseItems(
  ctx: AppContext,
  storeId: StoreId,
  purchases: Purchases,
): Promise<PurchaseItems> {
  const positions = positionsByOrderId(purchases);
  // Most orders have one line per unit or fewer: item_count is a good first capacity.
  let capacity = 1 << 12;
  for (let i = 0; i < purchases.count; i++) capacity += purchases.items[i]!;
  let position = new Int32Array(capacity);
  let product = new Int32Array(capacity);
  let quantity = new Int32Array(capacity);
  let revenue = new Float64Array(capacity);
  let n = 0;
  await scanNumbers(
    ctx.database,
    {
      sql: 'select order_id, product_id, quantity, amount - refund_amount from order_items where store_id = ? and product_id is not null',
      params: [storeId],
      columns: 4,
    },
    (batch, rows) => {
      if (n + rows > position.length) {
        const size = Math.max(position.length * 2, n + rows);
        position = copyInto(new Int32Array(size), position);
        product = copyInto(new Int32Array(size), product);
        quantity = copyInto(new Int32Array(size), quantity);
        revenue = copyInto(new Float64Array(size), revenue);
      }
      for (let r = 0; r < rows; r++) {
        const orderId = batch[r * 4]!;
        const at = orderId < positions.length ? positions[orderId]! : -1;
        if (at < 0) continue; // not a purchase
        position[n] = at;
        product[n] = batch[r * 4 + 1]!;
        quantity[n] = batch[r * 4 + 2]!;
        revenue[n] = batch[r * 4 + 3]!;
        n += 1;
      }
    },
  );
  return groupByPurchase(purchases.count, n, position, product, quantity, revenue);
}

function copyInto<T extends Int32Array | Float64Array>(target: T, source: T): T {
  target.set(source as never);
  return target;
}

/**
 * Groups the item columns by purchase position in place (an American flag sort: every swap puts
 * one item into its purchase's slot), so 15M items need no second copy of the columns.
 */
function groupByPurchase(
  purchaseCount: number,
  count: number,
  position: Int32Array,
  product: Int32Array,
  quantity: Int32Array,
  revenue: Float64Array,
): PurchaseItems {
  const start = new Int32Array(purchaseCount + 1);
  for (let i = 0; i < count; i++) start[position[i]! + 1]! += 1;
  for (let p = 0; p < purchaseCount; p++) start[p + 1]! += start[p]!;
  const cursor = start.slice(0, purchaseCount);
  for (let p = 0; p < purchaseCount; p++) {
    while (cursor[p]! < start[p + 1]!) {
      const i = cursor[p]!;
      const home = position[i]!;
      if (home === p) {
        cursor[p]! += 1;
        continue;
      }
      const j = cursor[home]!++;
      swap(position, i, j);
      swap(product, i, j);
      swap(quantity, i, j);
      swap(revenue, i, j);
    }
  }
  return {
    count,
    start,
    productId: product.subarray(0, count),
    quantity: quantity.subarray(0, count),
    revenue: revenue.subarray(0, count),
  };
}

function swap(column: Int32Array | Float64Array, i: number, j: number): void {
  const value = column[i]!;
  column[i] = column[j]!;
  column[j] = value;
}

const rate = z.number().min(0).max(1).nullable().describe('0–1; null when there is nothing to divide by');

export const productRowSchema = z.object({
  productId: z.number().int(),
  key: z.string(),
  title: z.string(),
  category: z.string().nullable(),
  buyers: z.number().int(),
  orders: z.number().int(),
  units: z.number(),
  revenue: z.number().describe('fen, after refunds'),
  repeatBuyers: z.number().int().describe('buyers who bought it on two or more days'),
  repurchaseRate: rate,
  withinWindow: z.number().int().describe('buyers whose second day came within windowDays of the first'),
  withinWindowRate: rate,
  oldRevenueShare: rate,
  oldUnitShare: rate,
  firstBuyers: z.number().int().describe('customers who bought it on their first purchase day'),
  gatewayReturnRate: rate,
  sameAgainShare: rate,
  next: z.array(
    z.object({
      productId: z.number().int(),
      title: z.string(),
      customers: z
        .number()
        .int()
        .describe('customer visits with this product right after one with the product'),
      share: z.number(),
    }),
  ),
});
export type ProductRow = z.infer<typeof productRowSchema>;

export const productsSnapshotSchema = z.object({
  computedAt: z.number().int(),
  windowDays: z.number().int(),
  customers: z.number().int(),
  gatewayMinFirstBuyers: z.number().int(),
  products: z.array(productRowSchema).describe('every product with a buyer, most buyers first'),
  gateway: z
    .array(z.number().int())
    .describe('product ids with at least gatewayMinFirstBuyers first buyers, highest return rate first'),
});
export type ProductsSnapshot = z.infer<typeof productsSnapshotSchema>;

/** Gateway products need this many first buyers to be ranked: 5, or 0.1% of the buyers. */
export function gatewayMinFirstBuyers(customers: number): number {
  return Math.max(5, Math.ceil(customers * 0.001));
}

/** Gateway products: enough first buyers, by return rate, then by first buyers. */
export function gatewayProducts(products: readonly ProductRow[], minFirstBuyers: number): ProductRow[] {
  return products
    .filter((row) => row.firstBuyers >= minFirstBuyers)
    .sort(
      (a, b) =>
        (b.gatewayReturnRate ?? 0) - (a.gatewayReturnRate ?? 0) ||
        b.firstBuyers - a.firstBuyers ||
        a.productId - b.productId,
    );
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** Analyses the purchases' items and names the products; the orchestrator stores the result. */
export async function buildProductsSnapshot(
  ctx: AppContext,
  storeId: StoreId,
  purchases: Purchases,
  settings: { readonly repurchaseWindowDays: number },
): Promise<ProductsSnapshot> {
  const items = await loadPurchaseItems(ctx, storeId, purchases);
  const analysis = analyzeProducts(purchases, items, settings);
  const named = await ctx.database.db
    .selectFrom('products')
    .select(['id', 'product_key', 'title', 'category'])
    .where('store_id', '=', storeId)
    .execute();
  const byId = new Map(named.map((row) => [row.id as number, row]));
  const titleOf = (id: number) => byId.get(id)?.title ?? '';
  const toRow = (stats: ProductStats): ProductRow => ({
    productId: stats.productId,
    key: byId.get(stats.productId)?.product_key ?? '',
    title: titleOf(stats.productId),
    category: byId.get(stats.productId)?.category ?? null,
    buyers: stats.buyers,
    orders: stats.orders,
    units: stats.units,
    revenue: stats.revenue,
    repeatBuyers: stats.repeatBuyers,
    repurchaseRate: ratio(stats.repeatBuyers, stats.buyers),
    withinWindow: stats.withinWindow,
    withinWindowRate: ratio(stats.withinWindow, stats.buyers),
    oldRevenueShare: ratio(stats.oldRevenue, stats.revenue),
    oldUnitShare: ratio(stats.oldUnits, stats.units),
    firstBuyers: stats.firstBuyers,
    gatewayReturnRate: ratio(stats.returned, stats.firstBuyers),
    sameAgainShare: ratio(stats.sameAgain, stats.transitions),
    next: stats.next.map((entry) => ({ ...entry, title: titleOf(entry.productId) })),
  });
  const products = analysis.products
    .map(toRow)
    .sort((a, b) => b.buyers - a.buyers || a.productId - b.productId);
  const minFirstBuyers = gatewayMinFirstBuyers(analysis.customers);
  return {
    computedAt: ctx.clock.now(),
    windowDays: settings.repurchaseWindowDays,
    customers: analysis.customers,
    gatewayMinFirstBuyers: minFirstBuyers,
    products,
    gateway: gatewayProducts(products, minFirstBuyers).map((row) => row.productId),
  };
}

/** Keeps a products snapshot (kind "products"). */
export async function saveProductsSnapshot(
  ctx: AppContext,
  storeId: StoreId,
  snapshot: ProductsSnapshot,
): Promise<void> {
  await insertSnapshot(ctx.database.db, storeId, 'products', snapshot.computedAt as Instant, snapshot);
}

/** The newest products snapshot, or null before the first analysis. */
export async function latestProductsSnapshot(
  ctx: AppContext,
  storeId: StoreId,
): Promise<ProductsSnapshot | null> {
  const result = await latestSnapshotResult(ctx.database.db, storeId, 'products');
  return result === null ? null : productsSnapshotSchema.parse(result);
}

import { z } from 'zod';
import type { AppContext } from '../context.js';
import type { StoreId } from '../shared/ids.js';
import { analyzeProducts, type ProductStats, type PurchaseItems } from './product-stats.js';
import type { Purchases } from './purchases.js';
import { latestSnapshot, saveSnapshot } from './snapshots.js';

// The products analysis of a store (issue 5, products): the purchases' order lines (from the
// purchase logs) analysed (./product-stats.ts), and named from the products table as one snapshot.

export { analyzeProducts, type PurchaseItems } from './product-stats.js';

/** The purchases' order lines that name a product, as the products analysis takes them. */
export function purchaseItemsOf(purchases: Purchases): PurchaseItems {
  const { lineStart, lineProduct, lineQuantity, lineAmount } = purchases;
  const total = lineStart[purchases.count]!;
  let named = 0;
  for (let l = 0; l < total; l++) if (lineProduct[l]! >= 0) named += 1;
  if (named === total) {
    return {
      count: total,
      start: lineStart,
      productId: lineProduct,
      quantity: lineQuantity,
      revenue: lineAmount,
    };
  }
  const start = new Int32Array(purchases.count + 1);
  const productId = new Int32Array(named);
  const quantity = new Int32Array(named);
  const revenue = new Int32Array(named);
  let n = 0;
  for (let i = 0; i < purchases.count; i++) {
    for (let l = lineStart[i]!; l < lineStart[i + 1]!; l++) {
      if (lineProduct[l]! < 0) continue;
      productId[n] = lineProduct[l]!;
      quantity[n] = lineQuantity[l]!;
      revenue[n] = lineAmount[l]!;
      n += 1;
    }
    start[i + 1] = n;
  }
  return { count: n, start, productId, quantity, revenue };
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
  const items = purchaseItemsOf(purchases);
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
  await saveSnapshot(ctx.database.db, storeId, 'products', snapshot.computedAt, snapshot);
}

/** The newest products snapshot, or null before the first analysis. */
export async function latestProductsSnapshot(
  ctx: AppContext,
  storeId: StoreId,
): Promise<ProductsSnapshot | null> {
  return latestSnapshot(ctx.database.db, storeId, 'products', productsSnapshotSchema);
}

import { describe, expect, it } from 'vitest';
import { rankLowConversion } from '../../src/analytics/low-conversion.js';
import { analyzeProducts, type PurchaseItems } from '../../src/analytics/product-stats.js';
import { gatewayMinFirstBuyers, gatewayProducts, type ProductRow } from '../../src/analytics/products.js';
import { arrangePurchases, type Purchases, positionsByOrderId } from '../../src/analytics/purchases.js';
import type { ProductId } from '../../src/shared/ids.js';

// Hand-worked: four customers, four products (1 奶粉1段, 2 奶粉2段, 3 奶瓶, 4 玩具), days in
// Asia/Shanghai counted from 2026-01-01, every order at 10:00 local time.

const DAY = 86_400_000;
const DAY0 = Date.UTC(2026, 0, 1, 2, 0, 0);

interface Line {
  readonly product: number;
  readonly quantity: number;
  readonly revenue: number;
}
interface Order {
  readonly id: number;
  readonly customer: number;
  readonly day: number;
  readonly minute?: number;
  readonly lines: readonly Line[];
}

/** Purchases and their items from hand-written orders, as the loaders would build them. */
function build(orders: readonly Order[]): { purchases: Purchases; items: PurchaseItems } {
  const n = orders.length;
  const purchases = arrangePurchases(
    {
      orderId: Int32Array.from(orders, (o) => o.id),
      customerId: Int32Array.from(orders, (o) => o.customer),
      at: Float64Array.from(orders, (o) => DAY0 + o.day * DAY + (o.minute ?? 0) * 60_000),
      amount: new Float64Array(n),
      items: Int32Array.from(orders, (o) => o.lines.length),
      count: n,
      lines: {
        count: 0,
        orderId: new Int32Array(0),
        product: new Int32Array(0),
        quantity: new Int32Array(0),
        amount: new Float64Array(0),
      },
    },
    'Asia/Shanghai',
  );
  const positions = positionsByOrderId(purchases);
  const byPosition = new Array<readonly Line[]>(n);
  for (const order of orders) byPosition[positions[order.id]!] = order.lines;
  const lines = byPosition.flat();
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + byPosition[i]!.length;
  return {
    purchases,
    items: {
      count: lines.length,
      start,
      productId: Int32Array.from(lines, (l) => l.product),
      quantity: Int32Array.from(lines, (l) => l.quantity),
      revenue: Int32Array.from(lines, (l) => l.revenue),
    },
  };
}

const line = (product: number, revenue: number, quantity = 1): Line => ({ product, quantity, revenue });

const orders: Order[] = [
  // Customer 1: stage 1 and a bottle, stage 1 again the same day, stage 2 on day 30, stage 1 on day 100.
  { id: 1, customer: 1, day: 0, lines: [line(1, 10_000), line(3, 2_000)] },
  { id: 2, customer: 1, day: 0, minute: 60, lines: [line(1, 10_000)] },
  { id: 3, customer: 1, day: 30, lines: [line(2, 24_000, 2)] },
  { id: 4, customer: 1, day: 100, lines: [line(1, 10_000)] },
  // Customer 2: stage 1, then stage 1 and a bottle (¥5 refunded) ten days later.
  { id: 5, customer: 2, day: 0, lines: [line(1, 10_000)] },
  { id: 6, customer: 2, day: 10, lines: [line(1, 10_000), line(3, 1_500)] },
  // Customer 3: stage 2 once.
  { id: 7, customer: 3, day: 5, lines: [line(2, 12_000)] },
  // Customer 4: a bottle, a toy 199 days later.
  { id: 8, customer: 4, day: 1, lines: [line(3, 2_000)] },
  { id: 9, customer: 4, day: 200, lines: [line(4, 5_000)] },
];

describe('analyzeProducts', () => {
  const { purchases, items } = build(orders);
  const analysis = analyzeProducts(purchases, items, { repurchaseWindowDays: 90 });
  const product = (id: number) => analysis.products.find((p) => p.productId === id)!;

  it('lists every product bought, and counts the store’s buyers', () => {
    expect(analysis.products.map((p) => p.productId)).toEqual([1, 2, 3, 4]);
    expect(analysis.customers).toBe(4);
  });

  it('counts buyers, orders, units and revenue per product', () => {
    expect(product(1)).toMatchObject({ buyers: 2, orders: 5, units: 5, revenue: 50_000 });
    expect(product(2)).toMatchObject({ buyers: 2, orders: 2, units: 3, revenue: 36_000 });
    expect(product(3)).toMatchObject({ buyers: 3, orders: 3, units: 3, revenue: 5_500 });
    expect(product(4)).toMatchObject({ buyers: 1, orders: 1, units: 1, revenue: 5_000 });
  });

  it('counts repeat buyers by distinct days, and the window from the first day to the second', () => {
    // Customer 1 bought stage 1 twice on day 0 (one occasion) and again on day 100 (> 90 days).
    expect(product(1)).toMatchObject({ repeatBuyers: 2, withinWindow: 1 });
    expect(product(2)).toMatchObject({ repeatBuyers: 0, withinWindow: 0 });
    expect(product(3)).toMatchObject({ repeatBuyers: 0, withinWindow: 0 });
    expect(product(4)).toMatchObject({ repeatBuyers: 0, withinWindow: 0 });
  });

  it('attributes to old customers what was bought after their first purchase day', () => {
    expect(product(1)).toMatchObject({ oldRevenue: 20_000, oldUnits: 2 });
    expect(product(2)).toMatchObject({ oldRevenue: 24_000, oldUnits: 2 });
    expect(product(3)).toMatchObject({ oldRevenue: 1_500, oldUnits: 1 });
    expect(product(4)).toMatchObject({ oldRevenue: 5_000, oldUnits: 1 });
  });

  it('counts first buyers (bought on their first day) and those of them who came back', () => {
    expect(product(1)).toMatchObject({ firstBuyers: 2, returned: 2 });
    expect(product(2)).toMatchObject({ firstBuyers: 1, returned: 0 });
    expect(product(3)).toMatchObject({ firstBuyers: 2, returned: 2 });
    expect(product(4)).toMatchObject({ firstBuyers: 0, returned: 0 });
  });

  it('lists what the next visit bought, ties by product id, and the share bought again', () => {
    expect(product(1)).toMatchObject({
      transitions: 2,
      sameAgain: 1,
      next: [
        { productId: 2, customers: 1, share: 0.5 },
        { productId: 3, customers: 1, share: 0.5 },
      ],
    });
    expect(product(2)).toMatchObject({
      transitions: 1,
      sameAgain: 0,
      next: [{ productId: 1, customers: 1, share: 1 }],
    });
    expect(product(3)).toMatchObject({
      transitions: 2,
      sameAgain: 0,
      next: [
        { productId: 2, customers: 1, share: 0.5 },
        { productId: 4, customers: 1, share: 0.5 },
      ],
    });
    expect(product(4)).toMatchObject({ transitions: 0, sameAgain: 0, next: [] });
  });

  it('keeps the five most frequent next products', () => {
    const many = build([
      { id: 1, customer: 1, day: 0, lines: [line(1, 100)] },
      { id: 2, customer: 1, day: 1, lines: [2, 3, 4, 5, 6, 7, 8].map((p) => line(p, 100)) },
      { id: 3, customer: 2, day: 0, lines: [line(1, 100)] },
      { id: 4, customer: 2, day: 3, lines: [line(6, 100), line(5, 100)] },
    ]);
    const first = analyzeProducts(many.purchases, many.items, { repurchaseWindowDays: 90 }).products[0]!;
    expect(first.next.map((n) => [n.productId, n.customers])).toEqual([
      [5, 2],
      [6, 2],
      [2, 1],
      [3, 1],
      [4, 1],
    ]);
    expect(first.transitions).toBe(2);
  });

  it('finds the same next products in a catalogue too big to count pairs in a matrix', () => {
    // Ids past 4,096 products switch the pair counting from a matrix to sorted columns.
    const shift = 10_000;
    const shifted = build(
      orders.map((o) => ({ ...o, lines: o.lines.map((l) => ({ ...l, product: l.product + shift })) })),
    );
    const big = analyzeProducts(shifted.purchases, shifted.items, { repurchaseWindowDays: 90 });
    expect(
      big.products.map((p) => ({
        ...p,
        productId: p.productId - shift,
        next: p.next.map((n) => ({ ...n, productId: n.productId - shift })),
      })),
    ).toEqual(analysis.products);
  });
});

describe('gatewayMinFirstBuyers', () => {
  it('asks for 5 first buyers, or 0.1% of the buyers in a large store', () => {
    expect(gatewayMinFirstBuyers(4)).toBe(5);
    expect(gatewayMinFirstBuyers(100_000)).toBe(100);
  });
});

describe('rankLowConversion', () => {
  const row = (productId: number, visitors: number, buyers: number) => ({
    productId: productId as ProductId,
    key: `P${productId}`,
    title: `P${productId}`,
    views: visitors * 3,
    visitors,
    addToCart: 0,
    orders: buyers,
    buyers,
  });

  it('puts products under the median conversion first, most visitors first, then the rest', () => {
    const ranked = rankLowConversion([
      row(1, 1_000, 100),
      row(2, 500, 5),
      row(3, 200, 1),
      row(4, 50, 25),
      row(5, 0, 0),
    ]);
    // Conversions 0.1, 0.01, 0.005, 0.5: median 0.055.
    expect(ranked.medianConversion).toBeCloseTo(0.055, 12);
    expect(ranked.products.map((p) => [p.productId, p.belowMedian])).toEqual([
      [2, true],
      [3, true],
      [1, false],
      [4, false],
      [5, false],
    ]);
    expect(ranked.products.at(-1)!.conversion).toBeNull();
  });
});

describe('gatewayProducts', () => {
  const row = (productId: number, firstBuyers: number, gatewayReturnRate: number | null) =>
    ({ productId, firstBuyers, gatewayReturnRate }) as ProductRow;

  it('ranks products with enough first buyers by return rate, then by first buyers', () => {
    const ranked = gatewayProducts(
      [row(1, 10, 0.5), row(2, 4, 1), row(3, 20, 0.5), row(4, 8, 0.75), row(5, 0, null)],
      5,
    );
    expect(ranked.map((r) => r.productId)).toEqual([4, 3, 1]);
  });
});

import type { Purchases } from './purchases.js';

// Per-product repurchase, old-customer share, gateway and next-product figures, in one pass over
// the purchases sorted by customer. Pure: purchases and their items in, counts out. Per-product
// counters are typed arrays indexed by product id; per customer only stamps are reset (no Map
// per customer), and the (X, Y) "bought next" pairs are two growing columns (see NextPairs).

/** Order items of the purchases, grouped by purchase: purchase i owns [start[i], start[i + 1]). */
export interface PurchaseItems {
  readonly count: number;
  /** Length purchases.count + 1. */
  readonly start: Int32Array;
  readonly productId: Int32Array;
  readonly quantity: Int32Array;
  /** amount - refund_amount, fen. */
  readonly revenue: Int32Array;
}

export interface NextProduct {
  readonly productId: number;
  /** Customer-visit pairs (bought X on visit k, this product on visit k + 1). */
  readonly customers: number;
  /** customers / transitions of X. */
  readonly share: number;
}

export interface ProductStats {
  readonly productId: number;
  readonly buyers: number;
  readonly orders: number;
  readonly units: number;
  readonly revenue: number;
  readonly oldUnits: number;
  readonly oldRevenue: number;
  readonly repeatBuyers: number;
  readonly withinWindow: number;
  readonly firstBuyers: number;
  readonly returned: number;
  /** Customer visits with X that were followed by another visit. */
  readonly transitions: number;
  /** Of those, the visits whose next visit had X again. */
  readonly sameAgain: number;
  readonly next: readonly NextProduct[];
}

export interface ProductAnalysis {
  /** Every product with at least one buyer, by product id. */
  readonly products: readonly ProductStats[];
  /** Buyers of the store (customers with a purchase). */
  readonly customers: number;
}

export const NEXT_PRODUCTS = 5;

function maxProductId(items: PurchaseItems): number {
  let max = 0;
  for (let i = 0; i < items.count; i++) if (items.productId[i]! > max) max = items.productId[i]!;
  return max;
}

/**
 * The (X, Y) "bought next" pairs, kept as two growing columns and counted per X at the end:
 * a counting sort by X, then a dense counter over Y per X. Ten million pairs take 80 MB and
 * about a second; a Map keyed by X * P + Y took 17 s and 700 MB of heap on the same input.
 */
class NextPairs {
  private from = new Int32Array(1 << 16);
  private to = new Int32Array(1 << 16);
  private length = 0;
  /**
   * With up to DENSE_PRODUCTS products the pairs are counted in place in a square matrix (64 MB
   * at most) instead: a dense store's 20M pairs would otherwise take 160 MB and their copies.
   */
  private readonly matrix: Int32Array | null;
  constructor(private readonly size: number) {
    this.matrix = size <= DENSE_PRODUCTS ? new Int32Array(size * size) : null;
  }

  add(from: number, to: number): void {
    if (this.matrix) {
      this.matrix[from * this.size + to]! += 1;
      return;
    }
    if (this.length === this.from.length) {
      this.from = grow(this.from);
      this.to = grow(this.to);
    }
    this.from[this.length] = from;
    this.to[this.length] = to;
    this.length += 1;
  }

  /** The top `limit` next products per product: most customers first, then lower id. */
  top(limit: number): Map<number, { productId: number; customers: number }[]> {
    if (this.matrix) return this.topOfMatrix(this.matrix, limit);
    const { size, length } = this;
    const start = new Int32Array(size + 1);
    for (let i = 0; i < length; i++) start[this.from[i]! + 1]! += 1;
    for (let x = 0; x < size; x++) start[x + 1]! += start[x]!;
    const byFrom = new Int32Array(length);
    const cursor = start.slice(0, size);
    for (let i = 0; i < length; i++) byFrom[cursor[this.from[i]!]!++] = this.to[i]!;
    this.from = new Int32Array(0);
    this.to = new Int32Array(0);
    const counts = new Int32Array(size);
    const touched = new Int32Array(size);
    const result = new Map<number, { productId: number; customers: number }[]>();
    for (let x = 0; x < size; x++) {
      let distinct = 0;
      for (let i = start[x]!; i < start[x + 1]!; i++) {
        const y = byFrom[i]!;
        if (counts[y] === 0) touched[distinct++] = y;
        counts[y]! += 1;
      }
      if (distinct === 0) continue;
      const list: { productId: number; customers: number }[] = [];
      for (let t = 0; t < distinct; t++) {
        const productId = touched[t]!;
        const customers = counts[productId]!;
        counts[productId] = 0;
        const last = list[list.length - 1];
        if (list.length === limit && last && !better(customers, productId, last)) continue;
        let at = list.length;
        while (at > 0 && better(customers, productId, list[at - 1]!)) at -= 1;
        list.splice(at, 0, { productId, customers });
        if (list.length > limit) list.pop();
      }
      result.set(x, list);
    }
    return result;
  }

  private topOfMatrix(
    matrix: Int32Array,
    limit: number,
  ): Map<number, { productId: number; customers: number }[]> {
    const { size } = this;
    const result = new Map<number, { productId: number; customers: number }[]>();
    for (let x = 0; x < size; x++) {
      const list: { productId: number; customers: number }[] = [];
      for (let productId = 0; productId < size; productId++) {
        const customers = matrix[x * size + productId]!;
        if (customers === 0) continue;
        const last = list[list.length - 1];
        if (list.length === limit && last && !better(customers, productId, last)) continue;
        let at = list.length;
        while (at > 0 && better(customers, productId, list[at - 1]!)) at -= 1;
        list.splice(at, 0, { productId, customers });
        if (list.length > limit) list.pop();
      }
      if (list.length > 0) result.set(x, list);
    }
    return result;
  }
}

const DENSE_PRODUCTS = 4_096;

function better(customers: number, productId: number, than: { productId: number; customers: number }) {
  return customers > than.customers || (customers === than.customers && productId < than.productId);
}

/** Repurchase, old-customer share, gateway and next products for every product bought. */
export function analyzeProducts(
  purchases: Purchases,
  items: PurchaseItems,
  options: { readonly repurchaseWindowDays: number },
): ProductAnalysis {
  const size = maxProductId(items) + 1;
  const counter = () => new Int32Array(size);
  const amount = () => new Float64Array(size);
  const buyers = counter();
  const orders = counter();
  const repeatBuyers = counter();
  const withinWindow = counter();
  const firstBuyers = counter();
  const returned = counter();
  const transitions = counter();
  const sameAgain = counter();
  const units = amount();
  const revenue = amount();
  const oldUnits = amount();
  const oldRevenue = amount();
  // Per customer: who last touched the product, its first and last day, its number of days (≤ 2).
  const customerStamp = new Int32Array(size).fill(-1);
  const firstDay = new Int32Array(size);
  const lastDay = new Int32Array(size);
  const days = new Uint8Array(size);
  const orderStamp = new Int32Array(size).fill(-1);
  // The distinct products of the previous and the current visit.
  const visitStamp = new Int32Array(size).fill(-1);
  let previous: Int32Array<ArrayBuffer> = new Int32Array(16);
  let previousLength = 0;
  let current: Int32Array<ArrayBuffer> = new Int32Array(16);
  let currentLength = 0;
  let visitNumber = 0;
  const pairs = new NextPairs(size);

  const closeVisit = (hasPrevious: boolean) => {
    if (hasPrevious) {
      for (let a = 0; a < previousLength; a++) {
        const from = previous[a]!;
        transitions[from]! += 1;
        for (let b = 0; b < currentLength; b++) {
          const to = current[b]!;
          if (to === from) sameAgain[from]! += 1;
          else pairs.add(from, to);
        }
      }
    }
    [previous, current] = [current, previous];
    previousLength = currentLength;
    currentLength = 0;
    visitNumber += 1;
  };

  const customers = purchases.runStart.length - 1;
  for (let k = 0; k < customers; k++) {
    const first = purchases.runStart[k]!;
    const end = purchases.runStart[k + 1]!;
    const comesBack = purchases.visit[end - 1]! >= 1;
    previousLength = 0;
    currentLength = 0;
    for (let i = first; i < end; i++) {
      const visit = purchases.visit[i]!;
      const day = purchases.day[i]!;
      if (i > first && visit !== purchases.visit[i - 1]) closeVisit(purchases.visit[i - 1]! > 0);
      for (let j = items.start[i]!; j < items.start[i + 1]!; j++) {
        const x = items.productId[j]!;
        units[x]! += items.quantity[j]!;
        revenue[x]! += items.revenue[j]!;
        if (visit > 0) {
          oldUnits[x]! += items.quantity[j]!;
          oldRevenue[x]! += items.revenue[j]!;
        }
        if (orderStamp[x] !== i) {
          orderStamp[x] = i;
          orders[x]! += 1;
        }
        if (visitStamp[x] !== visitNumber) {
          visitStamp[x] = visitNumber;
          if (currentLength === current.length) current = grow(current);
          current[currentLength++] = x;
        }
        if (customerStamp[x] !== k) {
          customerStamp[x] = k;
          buyers[x]! += 1;
          firstDay[x] = day;
          lastDay[x] = day;
          days[x] = 1;
          if (visit === 0) {
            firstBuyers[x]! += 1;
            if (comesBack) returned[x]! += 1;
          }
        } else if (day !== lastDay[x] && days[x] === 1) {
          days[x] = 2;
          lastDay[x] = day;
          repeatBuyers[x]! += 1;
          if (day - firstDay[x]! <= options.repurchaseWindowDays) withinWindow[x]! += 1;
        }
      }
    }
    closeVisit(purchases.visit[end - 1]! > 0);
  }

  const next = pairs.top(NEXT_PRODUCTS);
  const products: ProductStats[] = [];
  for (let x = 0; x < size; x++) {
    if (buyers[x] === 0) continue;
    const moves = transitions[x]!;
    products.push({
      productId: x,
      buyers: buyers[x]!,
      orders: orders[x]!,
      units: units[x]!,
      revenue: revenue[x]!,
      oldUnits: oldUnits[x]!,
      oldRevenue: oldRevenue[x]!,
      repeatBuyers: repeatBuyers[x]!,
      withinWindow: withinWindow[x]!,
      firstBuyers: firstBuyers[x]!,
      returned: returned[x]!,
      transitions: moves,
      sameAgain: sameAgain[x]!,
      next: (next.get(x) ?? []).map((entry) => ({ ...entry, share: entry.customers / moves })),
    });
  }
  return { products, customers };
}

function grow(array: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

import { IANAZone } from 'luxon';
import { DAY_MS } from '../shared/time.js';

// Every purchase of a store (is_purchase = 1: paid and not closed) with its order lines, in
// memory as columns, grouped by customer and in time order within each customer: the one input of
// the order-level analyses (lifecycle, new vs old, cohorts, products). Ten million purchases and
// seventeen million lines take about 500 MB here; objects would take ten times that.

/** Purchases grouped by customer, each customer's in time order. Index i is one purchase. */
export interface Purchases {
  readonly count: number;
  readonly orderId: Int32Array;
  readonly customerId: Int32Array;
  /** The calendar day in the store's time zone, as days since 1970-01-01 (see dayIndexer). */
  readonly day: Int32Array;
  /** net_amount in fen (paid minus refunded), capped to 32 bits (±¥21,474,836). */
  readonly amount: Int32Array;
  readonly items: Int32Array;
  /**
   * Which purchase day of its customer this is: 0 on the day of the first purchase (every order
   * placed that day), 1 on the next day they bought, and so on. "New customer" orders are visit 0.
   */
  readonly visit: Int32Array;
  /** Customer k's purchases are [runStart[k], runStart[k + 1]); there are runStart.length - 1 buyers. */
  readonly runStart: Int32Array;
  /** Purchase i's order lines are [lineStart[i], lineStart[i + 1]). */
  readonly lineStart: Int32Array;
  /** The line's product id, or -1 for a line without a product. */
  readonly lineProduct: Int32Array;
  readonly lineQuantity: Int32Array;
  /** The line's amount less its refund, fen, capped like amount. */
  readonly lineAmount: Int32Array;
}

const INT32_MAX = 2_147_483_647;

/** Money in fen as a 32-bit integer: rounded, and capped at ±¥21,474,836 rather than wrapped. */
export const clampInt32 = (value: number) => Math.max(-INT32_MAX, Math.min(INT32_MAX, Math.round(value)));

/** Turns instants into local calendar days fast: the zone's offset is cached per UTC day. */
export function dayIndexer(timeZone: string): (at: number) => number {
  const zone = IANAZone.create(timeZone);
  const cache = new Map<number, number>(); // UTC day → offset (ms) valid all that day, or NaN
  return (at) => {
    const utcDay = Math.floor(at / DAY_MS);
    let offset = cache.get(utcDay);
    if (offset === undefined) {
      const start = zone.offset(utcDay * DAY_MS);
      const end = zone.offset(utcDay * DAY_MS + DAY_MS - 1);
      offset = start === end ? start * 60_000 : Number.NaN;
      cache.set(utcDay, offset);
    }
    const exact = Number.isNaN(offset) ? zone.offset(at) * 60_000 : offset;
    return Math.floor((at + exact) / DAY_MS);
  };
}

/** The local day number of `at` in a time zone (days since 1970-01-01 in that zone). */
export function dayOfInstant(at: number, timeZone: string): number {
  return dayIndexer(timeZone)(at);
}

/** yyyy-MM-dd of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of yyyy-MM-dd (no time zone: day numbers are already local). */
export function dayOfDate(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** Purchases as read from the orders, in any order, with their lines keyed by order id. */
export interface RawPurchases {
  readonly count: number;
  readonly orderId: Int32Array;
  readonly customerId: Int32Array;
  /** ordered_at, epoch ms. */
  readonly at: Float64Array;
  readonly amount: Float64Array;
  readonly items: Int32Array;
  readonly lines: {
    readonly count: number;
    readonly orderId: Int32Array;
    readonly product: Int32Array;
    readonly quantity: Int32Array;
    readonly amount: Float64Array;
  };
}

/** Where each order sits in `orderIds`, indexed by order id; -1 for ids not there. */
export function positionsOf(orderIds: Int32Array, count: number): Int32Array {
  let maxId = 0;
  for (let i = 0; i < count; i++) if (orderIds[i]! > maxId) maxId = orderIds[i]!;
  const positions = new Int32Array(maxId + 1).fill(-1);
  for (let i = 0; i < count; i++) positions[orderIds[i]!] = i;
  return positions;
}

/**
 * Groups raw purchases by customer (in customer id order) and by time within each customer
 * (ordered_at, then order id), derives day and visit, and attaches each purchase's lines.
 */
export function arrangePurchases(raw: RawPurchases, timeZone: string): Purchases {
  const count = raw.count;
  // Counting sort by customer id (ids are dense per store), then each customer's few orders by time.
  let maxCustomer = 0;
  for (let i = 0; i < count; i++) if (raw.customerId[i]! > maxCustomer) maxCustomer = raw.customerId[i]!;
  const bucket = new Int32Array(maxCustomer + 2);
  for (let i = 0; i < count; i++) bucket[raw.customerId[i]! + 1]! += 1;
  let buyers = 0;
  for (let c = 1; c < bucket.length; c++) {
    if (bucket[c]! > 0) buyers += 1;
    bucket[c]! += bucket[c - 1]!;
  }
  const order = new Int32Array(count);
  const next = bucket.slice(0, maxCustomer + 1);
  for (let i = 0; i < count; i++) order[next[raw.customerId[i]!]!++] = i;

  const byTime = (a: number, b: number) => raw.at[a]! - raw.at[b]! || raw.orderId[a]! - raw.orderId[b]!;
  const runStart = new Int32Array(buyers + 1);
  let run = 0;
  for (let c = 0; c <= maxCustomer; c++) {
    const start = bucket[c]!;
    const end = bucket[c + 1]!;
    if (end === start) continue;
    runStart[run++] = start;
    if (end - start > 1) order.set(Array.from(order.subarray(start, end)).sort(byTime), start);
  }
  runStart[buyers] = count;

  // Lines: count per purchase, then place them in purchase order (stable: line order kept).
  const position = new Int32Array(count); // raw index → arranged index
  for (let i = 0; i < count; i++) position[order[i]!] = i;
  const rawIndexOfOrder = positionsOf(raw.orderId, count);
  const lines = raw.lines;
  const lineOf = new Int32Array(lines.count); // arranged purchase index per line, -1 if none
  const lineStart = new Int32Array(count + 1);
  for (let l = 0; l < lines.count; l++) {
    const id = lines.orderId[l]!;
    const rawIndex = id < rawIndexOfOrder.length ? rawIndexOfOrder[id]! : -1;
    const at = rawIndex < 0 ? -1 : position[rawIndex]!;
    lineOf[l] = at;
    if (at >= 0) lineStart[at + 1]! += 1;
  }
  for (let i = 0; i < count; i++) lineStart[i + 1]! += lineStart[i]!;
  const total = lineStart[count]!;
  const lineProduct = new Int32Array(total);
  const lineQuantity = new Int32Array(total);
  const lineAmount = new Int32Array(total);
  const fill = lineStart.slice(0, count);
  for (let l = 0; l < lines.count; l++) {
    const at = lineOf[l]!;
    if (at < 0) continue;
    const slot = fill[at]!++;
    lineProduct[slot] = lines.product[l]!;
    lineQuantity[slot] = lines.quantity[l]!;
    lineAmount[slot] = clampInt32(lines.amount[l]!);
  }

  const out = {
    count,
    orderId: new Int32Array(count),
    customerId: new Int32Array(count),
    day: new Int32Array(count),
    amount: new Int32Array(count),
    items: new Int32Array(count),
    visit: new Int32Array(count),
    runStart,
    lineStart,
    lineProduct,
    lineQuantity,
    lineAmount,
  } satisfies Purchases;
  const toDay = dayIndexer(timeZone);
  for (let k = 0; k < buyers; k++) {
    let visit = -1;
    let lastDay = Number.NaN;
    for (let i = runStart[k]!; i < runStart[k + 1]!; i++) {
      const from = order[i]!;
      out.orderId[i] = raw.orderId[from]!;
      out.customerId[i] = raw.customerId[from]!;
      out.amount[i] = clampInt32(raw.amount[from]!);
      out.items[i] = raw.items[from]!;
      const day = toDay(raw.at[from]!);
      out.day[i] = day;
      if (day !== lastDay) {
        visit += 1;
        lastDay = day;
      }
      out.visit[i] = visit;
    }
  }
  return out;
}

/** Where each order sits in `purchases`, indexed by order id; -1 for orders that are not purchases. */
export function positionsByOrderId(purchases: Purchases): Int32Array {
  return positionsOf(purchases.orderId, purchases.count);
}

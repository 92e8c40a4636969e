import { IANAZone } from 'luxon';
import type { AppContext } from '../context.js';
import { scanNumbers } from '../db/dialect/scan-numbers.js';
import type { StoreId } from '../shared/ids.js';
import { DAY_MS } from '../shared/time.js';

// Every purchase of a store (is_purchase = 1: paid and not closed), in memory as columns, sorted
// by customer and then by time: the one input of the order-level analyses (lifecycle, new vs old,
// cohorts, products). Ten million purchases take about 300 MB here; objects would take ten times.

/** Purchases sorted by customer, then ordered_at, then order id. Index i is one purchase. */
export interface Purchases {
  readonly count: number;
  readonly orderId: Int32Array;
  readonly customerId: Int32Array;
  /** ordered_at, epoch ms. */
  readonly at: Float64Array;
  /** The calendar day in the store's time zone, as days since 1970-01-01 (see dayOfInstant). */
  readonly day: Int32Array;
  /** net_amount in fen (paid minus refunded). */
  readonly amount: Float64Array;
  readonly items: Int32Array;
  /**
   * Which purchase day of its customer this is: 0 on the day of the first purchase (every order
   * placed that day), 1 on the next day they bought, and so on. "New customer" orders are visit 0.
   */
  readonly visit: Int32Array;
  /** Customer k's purchases are [runStart[k], runStart[k + 1]); there are runStart.length - 1 buyers. */
  readonly runStart: Int32Array;
}

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

interface Columns {
  orderId: Int32Array;
  customerId: Int32Array;
  at: Float64Array;
  amount: Float64Array;
  items: Int32Array;
}

function allocate(capacity: number): Columns {
  return {
    orderId: new Int32Array(capacity),
    customerId: new Int32Array(capacity),
    at: new Float64Array(capacity),
    amount: new Float64Array(capacity),
    items: new Int32Array(capacity),
  };
}

function grow(columns: Columns, capacity: number): Columns {
  const bigger = allocate(capacity);
  bigger.orderId.set(columns.orderId);
  bigger.customerId.set(columns.customerId);
  bigger.at.set(columns.at);
  bigger.amount.set(columns.amount);
  bigger.items.set(columns.items);
  return bigger;
}

/** Sorts raw purchase columns by (customer, at, order id) and derives day, visit and the runs. */
export function arrangePurchases(raw: Columns, count: number, timeZone: string): Purchases {
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
    if (end - start > 1) {
      const sorted = Array.from(order.subarray(start, end)).sort(byTime);
      order.set(sorted, start);
    }
  }
  runStart[buyers] = count;

  const out: Purchases = {
    count,
    orderId: new Int32Array(count),
    customerId: new Int32Array(count),
    at: new Float64Array(count),
    day: new Int32Array(count),
    amount: new Float64Array(count),
    items: new Int32Array(count),
    visit: new Int32Array(count),
    runStart,
  };
  const toDay = dayIndexer(timeZone);
  for (let k = 0; k < buyers; k++) {
    let visit = -1;
    let lastDay = Number.NaN;
    for (let i = runStart[k]!; i < runStart[k + 1]!; i++) {
      const from = order[i]!;
      out.orderId[i] = raw.orderId[from]!;
      out.customerId[i] = raw.customerId[from]!;
      out.at[i] = raw.at[from]!;
      out.amount[i] = raw.amount[from]!;
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

/** Reads every purchase of the store; `onRows` reports how many have been read so far. */
export async function loadPurchases(
  ctx: AppContext,
  storeId: StoreId,
  timeZone: string,
  onRows?: (rows: number) => void,
): Promise<Purchases> {
  let columns = allocate(1 << 16);
  let n = 0;
  await scanNumbers(
    ctx.database,
    {
      sql: 'select id, customer_id, ordered_at, net_amount, item_count from orders where store_id = ? and is_purchase = 1',
      params: [storeId],
      columns: 5,
    },
    (batch, rows) => {
      if (n + rows > columns.orderId.length)
        columns = grow(columns, Math.max(columns.orderId.length * 2, n + rows));
      for (let r = 0; r < rows; r++) {
        const base = r * 5;
        columns.orderId[n] = batch[base]!;
        columns.customerId[n] = batch[base + 1]!;
        columns.at[n] = batch[base + 2]!;
        columns.amount[n] = batch[base + 3]!;
        columns.items[n] = batch[base + 4]!;
        n += 1;
      }
      onRows?.(n);
    },
  );
  return arrangePurchases(columns, n, timeZone);
}

/** Where each order sits in `purchases`, indexed by order id; -1 for orders that are not purchases. */
export function positionsByOrderId(purchases: Purchases): Int32Array {
  let maxId = 0;
  for (let i = 0; i < purchases.count; i++) if (purchases.orderId[i]! > maxId) maxId = purchases.orderId[i]!;
  const positions = new Int32Array(maxId + 1).fill(-1);
  for (let i = 0; i < purchases.count; i++) positions[purchases.orderId[i]!] = i;
  return positions;
}

import type { Purchases } from './purchases.js';
import { type LifecycleState, lifecycleStates } from './schemas.js';

// The store's purchase cycle (复购周期) and each buyer's lifecycle state.
//
// The cycle is measured between purchase days, not orders: two orders on one day (a forgotten
// item, a split parcel) are one purchase occasion and would otherwise pull the cycle towards 0.
// From the distribution of gaps between a customer's consecutive purchase days:
// - active up to the median gap: half of all repeat purchases come sooner;
// - churned beyond the 90th percentile: nine in ten repeat purchases come before it, so a customer
//   still silent by then is unlikely to return by themselves;
// - silent in between.
// Either line can be set by the store instead. With fewer than MIN_GAPS gaps the cycle says too
// little and the defaults (90 and 365 days) apply.
//
// A buyer's state on a day, with r the days since their last purchase day:
//   r > churnDays → churned; r > activeDays → silent;
//   otherwise new (a single purchase day so far), won back (the gap before the latest purchase
//   exceeded churnDays: they had churned and came back), or active.

export const MIN_GAPS = 30;
export const DEFAULT_ACTIVE_DAYS = 90;
export const DEFAULT_CHURN_DAYS = 365;

/** State codes stored per buyer in memory; index into lifecycleStates. */
export const stateCode: Readonly<Record<LifecycleState, number>> = {
  new: 0,
  active: 1,
  silent: 2,
  churned: 3,
  won_back: 4,
};

export interface Thresholds {
  readonly activeDays: number;
  readonly churnDays: number;
  readonly activeSource: 'cycle' | 'settings' | 'default';
  readonly churnSource: 'cycle' | 'settings' | 'default';
}

export interface PurchaseCycle {
  readonly gaps: number;
  readonly repeatBuyers: number;
  readonly medianDays: number | null;
  readonly p25Days: number | null;
  readonly p75Days: number | null;
  readonly p90Days: number | null;
  readonly meanDays: number | null;
  /** gapCounts[d] = number of gaps of exactly d days (d ≥ 1). */
  readonly gapCounts: Float64Array;
}

/** The distribution of gaps between consecutive purchase days of each customer. */
export function purchaseCycle(purchases: Purchases): PurchaseCycle {
  const { runStart, day } = purchases;
  const buyers = runStart.length - 1;
  let maxGap = 0;
  for (let k = 0; k < buyers; k++) {
    const span = day[runStart[k + 1]! - 1]! - day[runStart[k]!]!;
    if (span > maxGap) maxGap = span;
  }
  const gapCounts = new Float64Array(maxGap + 1);
  let gaps = 0;
  let sum = 0;
  let repeatBuyers = 0;
  for (let k = 0; k < buyers; k++) {
    let previous = day[runStart[k]!]!;
    let repeated = false;
    for (let i = runStart[k]! + 1; i < runStart[k + 1]!; i++) {
      const gap = day[i]! - previous;
      if (gap === 0) continue;
      gapCounts[gap]! += 1;
      gaps += 1;
      sum += gap;
      previous = day[i]!;
      repeated = true;
    }
    if (repeated) repeatBuyers += 1;
  }
  const percentile = (share: number): number | null => {
    if (gaps === 0) return null;
    // The smallest gap g with at least share × gaps gaps ≤ g (the nearest-rank percentile).
    const rank = Math.max(1, Math.ceil(share * gaps));
    let seen = 0;
    for (let g = 1; g < gapCounts.length; g++) {
      seen += gapCounts[g]!;
      if (seen >= rank) return g;
    }
    return gapCounts.length - 1;
  };
  return {
    gaps,
    repeatBuyers,
    medianDays: percentile(0.5),
    p25Days: percentile(0.25),
    p75Days: percentile(0.75),
    p90Days: percentile(0.9),
    meanDays: gaps === 0 ? null : sum / gaps,
    gapCounts,
  };
}

/** The active and churn lines: the store's settings where given, else from the cycle. */
export function lifecycleThresholds(
  cycle: PurchaseCycle,
  settings: { readonly activeDays: number | null; readonly churnDays: number | null },
): Thresholds {
  const enough = cycle.gaps >= MIN_GAPS && cycle.medianDays !== null && cycle.p90Days !== null;
  const activeDays = settings.activeDays ?? (enough ? cycle.medianDays! : DEFAULT_ACTIVE_DAYS);
  const activeSource = settings.activeDays !== null ? 'settings' : enough ? 'cycle' : 'default';
  let churnDays = settings.churnDays ?? (enough ? cycle.p90Days! : DEFAULT_CHURN_DAYS);
  const churnSource = settings.churnDays !== null ? 'settings' : enough ? 'cycle' : 'default';
  // Silent needs room: churn lies beyond active (a derived line moves; a setting is validated).
  if (churnDays <= activeDays) churnDays = activeDays + 1;
  return { activeDays, churnDays, activeSource, churnSource };
}

/** Each buyer's state on `today` (a local day number), as codes (stateCode), one per run. */
export function lifecycleStatesOf(purchases: Purchases, today: number, thresholds: Thresholds): Uint8Array {
  const { runStart, day, visit } = purchases;
  const buyers = runStart.length - 1;
  const states = new Uint8Array(buyers);
  for (let k = 0; k < buyers; k++) {
    const last = runStart[k + 1]! - 1;
    const lastDay = day[last]!;
    const recency = today - lastDay;
    if (recency > thresholds.churnDays) states[k] = stateCode.churned;
    else if (recency > thresholds.activeDays) states[k] = stateCode.silent;
    else if (visit[last] === 0) states[k] = stateCode.new;
    else {
      // The purchase day before the latest: walk back over the latest day's orders.
      let i = last;
      while (day[i] === lastDay) i -= 1;
      states[k] = lastDay - day[i]! > thresholds.churnDays ? stateCode.won_back : stateCode.active;
    }
  }
  return states;
}

export interface Bucket {
  readonly from: number;
  readonly to: number | null;
  readonly count: number;
}

/** Counts values into buckets [bounds[i], bounds[i + 1] - 1], the last one open. */
export function bucketCounts(counts: ArrayLike<number>, bounds: readonly number[]): Bucket[] {
  return bounds.map((from, i) => {
    const next = bounds[i + 1];
    let total = 0;
    for (let v = from; v < (next ?? counts.length); v++) total += counts[v] ?? 0;
    return { from, to: next === undefined ? null : next - 1, count: total };
  });
}

export const GAP_BUCKETS = [1, 8, 15, 31, 61, 91, 181, 366];
export const ORDER_BUCKETS = [1, 2, 3, 4, 5, 6, 11];
export const ITEM_BUCKETS = [1, 2, 3, 4, 5];

export interface PurchaseShape {
  readonly orders: number;
  readonly purchasesPerCustomer: number;
  readonly purchaseDaysPerCustomer: number;
  readonly ordersPerCustomer: Bucket[];
  readonly itemsPerOrder: number;
  readonly itemsPerOrderDistribution: Bucket[];
}

/** Average purchases per customer, and the orders-per-customer and items-per-order distributions. */
export function purchaseShape(purchases: Purchases): PurchaseShape {
  const { runStart, visit, items } = purchases;
  const buyers = runStart.length - 1;
  const perCustomer = new Float64Array(ORDER_BUCKETS.at(-1)! + 1);
  let days = 0;
  for (let k = 0; k < buyers; k++) {
    const n = runStart[k + 1]! - runStart[k]!;
    perCustomer[Math.min(n, perCustomer.length - 1)]! += 1;
    days += visit[runStart[k + 1]! - 1]! + 1;
  }
  const perOrder = new Float64Array(ITEM_BUCKETS.at(-1)! + 1);
  let itemSum = 0;
  for (let i = 0; i < purchases.count; i++) {
    const n = Math.max(1, items[i]!);
    itemSum += items[i]!;
    perOrder[Math.min(n, perOrder.length - 1)]! += 1;
  }
  return {
    orders: purchases.count,
    purchasesPerCustomer: buyers === 0 ? 0 : purchases.count / buyers,
    purchaseDaysPerCustomer: buyers === 0 ? 0 : days / buyers,
    ordersPerCustomer: bucketCounts(perCustomer, ORDER_BUCKETS),
    itemsPerOrder: purchases.count === 0 ? 0 : itemSum / purchases.count,
    itemsPerOrderDistribution: bucketCounts(perOrder, ITEM_BUCKETS),
  };
}

export interface StateSummary {
  readonly state: LifecycleState;
  readonly customers: number;
  readonly revenueShare: number;
}

/** Customers and revenue share per state. */
export function summarizeStates(purchases: Purchases, states: Uint8Array): StateSummary[] {
  const customers = new Float64Array(lifecycleStates.length);
  const revenue = new Float64Array(lifecycleStates.length);
  let total = 0;
  const { runStart, amount } = purchases;
  for (let k = 0; k < states.length; k++) {
    customers[states[k]!]! += 1;
    for (let i = runStart[k]!; i < runStart[k + 1]!; i++) {
      revenue[states[k]!]! += amount[i]!;
      total += amount[i]!;
    }
  }
  return lifecycleStates.map((state, code) => ({
    state,
    customers: customers[code]!,
    revenueShare: total > 0 ? Math.max(0, revenue[code]! / total) : 0,
  }));
}

/** Counts of (previous state, current state); previous NONE means not a buyer at the last refresh. */
export const NONE = 255;

export function transitionCounts(
  previous: Uint8Array,
  current: Uint8Array,
): { from: LifecycleState | null; to: LifecycleState; customers: number }[] {
  const counts = new Map<number, number>();
  for (let k = 0; k < current.length; k++) {
    const key = previous[k]! * 256 + current[k]!;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .sort(([a], [b]) => a - b)
    .map(([key, customers]) => {
      const from = Math.floor(key / 256);
      return {
        from: from === NONE ? null : lifecycleStates[from]!,
        to: lifecycleStates[key % 256]!,
        customers,
      };
    });
}

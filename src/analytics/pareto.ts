// The 80/20 rule (二八定律): how much of the revenue the biggest spenders bring. Buyers are ranked
// by what they spent (net of refunds, from the roll-ups); the top 20% are the core list.

export const CORE_SHARE = 0.2;

export interface Pareto {
  readonly buyers: number;
  readonly revenue: number;
  readonly top20RevenueShare: number;
  readonly customerShareFor80: number;
  readonly coreCustomers: number;
  readonly coreRevenue: number;
  /** Cumulative revenue share at 0%, 1%, …, 100% of buyers, biggest spenders first. */
  readonly curve: number[];
  /** rank[i]: buyer i's place by spend, 1 = biggest; ties broken by position (customer id). */
  readonly rank: Int32Array;
}

const clampShare = (value: number) => Math.min(1, Math.max(0, value));

export function analyzePareto(spent: Float64Array): Pareto {
  const n = spent.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => spent[b]! - spent[a]! || a - b);
  const rank = new Int32Array(n);
  const cumulative = new Float64Array(n + 1);
  for (let r = 0; r < n; r++) {
    rank[order[r]!] = r + 1;
    cumulative[r + 1] = cumulative[r]! + spent[order[r]!]!;
  }
  const revenue = cumulative[n]!;
  const shareOfTop = (k: number) => (revenue > 0 ? clampShare(cumulative[k]! / revenue) : 0);
  const coreCustomers = Math.ceil(n * CORE_SHARE);
  let for80 = n;
  if (revenue > 0) {
    // The cumulative sum rises while spend is positive: binary search the first k reaching 80%.
    let low = 0;
    let high = n;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! >= 0.8 * revenue) high = mid;
      else low = mid + 1;
    }
    for80 = low;
  }
  return {
    buyers: n,
    revenue,
    top20RevenueShare: shareOfTop(coreCustomers),
    customerShareFor80: n === 0 ? 0 : for80 / n,
    coreCustomers,
    coreRevenue: cumulative[coreCustomers]!,
    curve: Array.from({ length: 101 }, (_, p) => shareOfTop(Math.round((n * p) / 100))),
    rank,
  };
}

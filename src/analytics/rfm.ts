// RFM scoring (issue 5, first part): recency, frequency and monetary value scored 1–5, and the
// two segment schemes operators use. Pure functions over typed arrays: a million customers are
// three Float64Arrays, sorted once each, no objects per customer.
//
// Scores by quintile are cut by value, not by rank: the four cut points are the values at the
// 20/40/60/80% positions of the sorted column, and a customer's score counts the cut points its
// value passes. Equal values always get equal scores (NTILE would split a run of one-order
// customers across buckets arbitrarily); the price is uneven buckets where values repeat, which
// is the truth about the store (most customers bought once: they all have F = 1).

export const DAY_MS = 86_400_000;

/** The customers to score: buyers only (at least one purchase), as parallel columns. */
export interface RfmColumns {
  readonly lastOrderAt: Float64Array; // epoch ms
  readonly orderCount: Float64Array;
  readonly totalSpent: Float64Array; // fen
}

/** Four ascending cut points per measure: recency in days, frequency in orders, monetary in fen. */
export interface RfmCuts {
  readonly recencyDays: readonly [number, number, number, number];
  readonly orders: readonly [number, number, number, number];
  readonly spent: readonly [number, number, number, number];
}

export type RfmMethod =
  | { readonly kind: 'quintiles' }
  | { readonly kind: 'thresholds'; readonly cuts: RfmCuts };

export interface RfmScores {
  readonly r: Uint8Array;
  readonly f: Uint8Array;
  readonly m: Uint8Array;
  /** The cut points used: computed (quintiles) or the store's (thresholds). */
  readonly cuts: RfmCuts;
}

type Four = [number, number, number, number];

/** The values at the 20/40/60/80% positions of `values` (which it sorts a copy of). */
export function quintileCuts(values: Float64Array): Four {
  if (values.length === 0) return [0, 0, 0, 0];
  const sorted = Float64Array.from(values).sort();
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * share) - 1)]!;
  return [at(0.2), at(0.4), at(0.6), at(0.8)];
}

/** 1 + how many cut points the value is above: more is better (frequency, monetary). */
export function scoreHigherBetter(value: number, cuts: readonly number[]): number {
  let score = 1;
  for (const cut of cuts) if (value > cut) score += 1;
  return score;
}

/** 1 + how many cut points the value is below: less is better (recency in days). */
export function scoreLowerBetter(value: number, cuts: readonly number[]): number {
  let score = 1;
  for (const cut of cuts) if (value <= cut) score += 1;
  return score;
}

/** Recency in whole days before `now` (a purchase earlier today is 0 days). */
export function recencyDays(columns: RfmColumns, now: number): Float64Array {
  const days = new Float64Array(columns.lastOrderAt.length);
  for (let i = 0; i < days.length; i++)
    days[i] = Math.max(0, Math.floor((now - columns.lastOrderAt[i]!) / DAY_MS));
  return days;
}

export function scoreRfm(columns: RfmColumns, now: number, method: RfmMethod): RfmScores {
  const days = recencyDays(columns, now);
  const cuts: RfmCuts =
    method.kind === 'thresholds'
      ? method.cuts
      : {
          recencyDays: quintileCuts(days),
          orders: quintileCuts(columns.orderCount),
          spent: quintileCuts(columns.totalSpent),
        };
  const n = days.length;
  const r = new Uint8Array(n);
  const f = new Uint8Array(n);
  const m = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    r[i] = scoreLowerBetter(days[i]!, cuts.recencyDays);
    f[i] = scoreHigherBetter(columns.orderCount[i]!, cuts.orders);
    m[i] = scoreHigherBetter(columns.totalSpent[i]!, cuts.spent);
  }
  return { r, f, m, cuts };
}

// The eight segments of Chinese e-commerce practice: each of R, F, M is high or low against a
// reference (the store's average score by default), giving 2 × 2 × 2 groups.
export const chineseSegments = [
  '重要价值',
  '重要发展',
  '重要保持',
  '重要挽留',
  '一般价值',
  '一般发展',
  '一般保持',
  '一般挽留',
] as const;
export type ChineseSegment = (typeof chineseSegments)[number];

/** High means above the reference: the average score, or a fixed score (e.g. 3: 4 and 5 are high). */
export function chineseSegment(
  r: number,
  f: number,
  m: number,
  reference: { readonly r: number; readonly f: number; readonly m: number },
): ChineseSegment {
  const recent = r > reference.r;
  const frequent = f > reference.f;
  const valuable = m > reference.m;
  const index = (valuable ? 0 : 4) + (recent ? (frequent ? 0 : 1) : frequent ? 2 : 3);
  return chineseSegments[index]!;
}

// The eleven segments common in English-language RFM practice, on the grid of R against the
// average of F and M (rounded half up).
export const englishSegments = [
  'Champions',
  'Loyal Customers',
  'Potential Loyalists',
  'New Customers',
  'Promising',
  'Need Attention',
  'About To Sleep',
  'At Risk',
  "Can't Lose Them",
  'Hibernating',
  'Lost',
] as const;
export type EnglishSegment = (typeof englishSegments)[number];

export function englishSegment(r: number, f: number, m: number): EnglishSegment {
  const fm = Math.floor((f + m) / 2 + 0.5);
  if (r >= 5 && fm >= 4) return 'Champions';
  if (r >= 3 && fm >= 4) return 'Loyal Customers';
  if (r >= 4 && fm >= 2) return 'Potential Loyalists';
  if (r === 5) return 'New Customers'; // fm = 1
  if (r === 4) return 'Promising'; // fm = 1
  if (r === 3 && fm === 3) return 'Need Attention';
  if (r === 3) return 'About To Sleep'; // fm 1–2
  if (fm === 5) return "Can't Lose Them"; // r 1–2
  if (fm >= 3) return 'At Risk'; // r 1–2, fm 3–4
  if (r === 2) return 'Hibernating';
  return 'Lost';
}

export interface SegmentSummary<S extends string> {
  readonly segment: S;
  readonly customers: number;
  /** The segment's spend over all scored customers' spend. */
  readonly revenueShare: number;
  readonly averageR: number;
  readonly averageF: number;
  readonly averageM: number;
}

/** Per segment: size, share of revenue, average scores; every segment listed, empty ones too. */
export function summarizeSegments<S extends string>(
  names: readonly S[],
  segmentOf: (index: number) => S,
  scores: RfmScores,
  spent: Float64Array,
): SegmentSummary<S>[] {
  const count = new Map<S, number>();
  const revenue = new Map<S, number>();
  const sums = new Map<S, [number, number, number]>();
  let total = 0;
  for (let i = 0; i < spent.length; i++) {
    const segment = segmentOf(i);
    count.set(segment, (count.get(segment) ?? 0) + 1);
    revenue.set(segment, (revenue.get(segment) ?? 0) + spent[i]!);
    const sum = sums.get(segment) ?? [0, 0, 0];
    sum[0] += scores.r[i]!;
    sum[1] += scores.f[i]!;
    sum[2] += scores.m[i]!;
    sums.set(segment, sum);
    total += spent[i]!;
  }
  return names.map((segment) => {
    const customers = count.get(segment) ?? 0;
    const sum = sums.get(segment) ?? [0, 0, 0];
    return {
      segment,
      customers,
      revenueShare: total > 0 ? (revenue.get(segment) ?? 0) / total : 0,
      averageR: customers > 0 ? sum[0] / customers : 0,
      averageF: customers > 0 ? sum[1] / customers : 0,
      averageM: customers > 0 ? sum[2] / customers : 0,
    };
  });
}

/** The average of each score: the default reference for the Chinese segments. */
export function averageScores(scores: RfmScores): { r: number; f: number; m: number } {
  const n = scores.r.length;
  if (n === 0) return { r: 0, f: 0, m: 0 };
  let r = 0;
  let f = 0;
  let m = 0;
  for (let i = 0; i < n; i++) {
    r += scores.r[i]!;
    f += scores.f[i]!;
    m += scores.m[i]!;
  }
  return { r: r / n, f: f / n, m: m / n };
}

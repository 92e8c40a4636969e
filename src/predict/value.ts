import {
  type BgNbdParams,
  type CompressedRows,
  expectedIfAlive,
  medianWaitIfAlive,
  probabilityAlive,
} from './bgnbd.js';
import { expectedAverageValue, type GammaGammaParams } from './gamma-gamma.js';

// Each customer's predictions from the two fitted models: P(alive), expected purchases over a few
// horizons, expected spend per purchase, the discounted value of the next months (CLV) and the
// median wait to the next purchase. Computed once per distinct (x, tₓ, T) row; the
// hypergeometric part depends only on (x, T), and rows come sorted by x then T, so it is computed
// once per run of equal (x, T).

export interface ValueOptions {
  /** Horizons for the expected purchases, in the model's time unit (30, 90, 365 days). */
  readonly horizons: readonly number[];
  readonly clvMonths: number;
  /** A month in the model's time unit (30 days; 4.345 weeks, as lifetimes counts). */
  readonly monthLength: number;
  /** Discount per month: the value of month i counts 1/(1 + d)^i. */
  readonly monthlyDiscount: number;
}

export interface CustomerValues {
  readonly pAlive: Float64Array;
  /** expected[h][i]: customer i's expected purchases within horizons[h]. */
  readonly expected: Float64Array[];
  /** Expected spend per purchase (the Gamma-Gamma model, or the fallback). */
  readonly averageValue: Float64Array;
  readonly clv: Float64Array;
  /**
   * The CLV if the customer is still active (CLV / P(alive)): what is at stake. CLV already
   * weighs the value by P(alive), so a valuable customer who is slipping away has a low CLV and a
   * high potential: win-back lists rank by this.
   */
  readonly potential: Float64Array;
  /** Median time to the next purchase if alive, in the model's unit. */
  readonly medianWait: Float64Array;
}

/** Discounted expected purchases over the CLV months, given alive: Σᵢ (E(iL) − E((i−1)L)) / (1+d)^i. */
function discountedIfAlive(bg: BgNbdParams, x: number, T: number, options: ValueOptions): number {
  let total = 0;
  let previous = 0;
  for (let i = 1; i <= options.clvMonths; i++) {
    const cumulative = expectedIfAlive(bg, i * options.monthLength, x, T);
    total += (cumulative - previous) / (1 + options.monthlyDiscount) ** i;
    previous = cumulative;
  }
  return total;
}

/**
 * Predictions for every customer of `rows` (x, recency and age in the model's unit; m̄ the mean
 * repeat-purchase value, 0 without repeats). `spendOf(x, m̄)` gives the expected spend per purchase.
 */
export function predictValues(
  bg: BgNbdParams,
  rows: CompressedRows,
  monetary: Float64Array,
  spendOf: (x: number, m: number) => number,
  options: ValueOptions,
): CustomerValues {
  const rowAlive = new Float64Array(rows.count);
  const rowExpected = options.horizons.map(() => new Float64Array(rows.count));
  const rowDiscounted = new Float64Array(rows.count);
  const rowIfAlive = new Float64Array(rows.count);
  const rowWait = new Float64Array(rows.count);
  const ifAlive = new Float64Array(options.horizons.length);
  let discounted = 0;
  let wait = 0;
  for (let k = 0; k < rows.count; k++) {
    const x = rows.x[k]!;
    const T = rows.T[k]!;
    if (k === 0 || x !== rows.x[k - 1] || T !== rows.T[k - 1]) {
      for (let h = 0; h < options.horizons.length; h++)
        ifAlive[h] = expectedIfAlive(bg, options.horizons[h]!, x, T);
      discounted = discountedIfAlive(bg, x, T, options);
      wait = medianWaitIfAlive(bg, x, T);
    }
    const alive = probabilityAlive(bg, x, rows.tx[k]!, T);
    rowAlive[k] = alive;
    for (let h = 0; h < ifAlive.length; h++) rowExpected[h]![k] = alive * ifAlive[h]!;
    rowDiscounted[k] = alive * discounted;
    rowIfAlive[k] = discounted;
    rowWait[k] = wait;
  }
  const n = rows.rowOf.length;
  const pAlive = new Float64Array(n);
  const expected = options.horizons.map(() => new Float64Array(n));
  const averageValue = new Float64Array(n);
  const clv = new Float64Array(n);
  const potential = new Float64Array(n);
  const medianWait = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const k = rows.rowOf[i]!;
    pAlive[i] = rowAlive[k]!;
    for (let h = 0; h < expected.length; h++) expected[h]![i] = rowExpected[h]![k]!;
    const value = spendOf(rows.x[k]!, monetary[i]!);
    averageValue[i] = value;
    clv[i] = value * rowDiscounted[k]!;
    potential[i] = value * rowIfAlive[k]!;
    medianWait[i] = rowWait[k]!;
  }
  return { pAlive, expected, averageValue, clv, potential, medianWait };
}

/** The Gamma-Gamma expectation as a `spendOf`, or the observed mean where the model cannot be used. */
export function spendModel(
  gg: GammaGammaParams | null,
  observedMean: number,
): (x: number, m: number) => number {
  if (!gg || gg.q <= 1) return (x, m) => (x > 0 && m > 0 ? m : observedMean);
  return (x, m) => expectedAverageValue(gg, x > 0 && m > 0 ? x : 0, m);
}

import { createHash } from 'node:crypto';

// The numbers behind a campaign's result: who is held out as the control group, and how much the
// campaign changed what customers did, with a confidence interval.

/** A customer's place in the draw for a campaign: uniform in [0, 1), fixed by seed and id. */
export function drawOf(seed: number, customerId: number): number {
  const digest = createHash('sha256').update(`${seed}:${customerId}`).digest();
  // 48 bits are plenty for a uniform draw and stay exact in a double
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/**
 * The control group: exactly round(share × n) of the members, those with the smallest draws.
 * Reproducible from the seed and independent of the order the members come in.
 */
export function controlGroup(customerIds: readonly number[], share: number, seed: number): Set<number> {
  if (!(share >= 0 && share < 1)) throw new RangeError(`share must be in [0, 1), got ${share}`);
  const size = Math.round(share * customerIds.length);
  if (size === 0) return new Set();
  const drawn = customerIds.map((id) => ({ id, draw: drawOf(seed, id) }));
  drawn.sort((a, b) => a.draw - b.draw || a.id - b.id);
  return new Set(drawn.slice(0, size).map((d) => d.id));
}

export interface Interval {
  readonly estimate: number;
  readonly low: number;
  readonly high: number;
}

const Z95 = 1.959963984540054;

const meanAndVariance = (values: readonly number[]) => {
  const n = values.length;
  if (n === 0) return { n, mean: 0, variance: 0 };
  let mean = 0;
  let m2 = 0;
  // Welford: stable for revenue figures in fen
  values.forEach((x, i) => {
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  });
  return { n, mean, variance: n > 1 ? m2 / (n - 1) : 0 };
};

/**
 * The difference of two means (treated − control) with a 95% interval (Welch's standard error,
 * normal quantile: campaign groups are hundreds or more). Null when a group is empty.
 */
export function differenceOfMeans(treated: readonly number[], control: readonly number[]): Interval | null {
  const t = meanAndVariance(treated);
  const c = meanAndVariance(control);
  if (t.n === 0 || c.n === 0) return null;
  const estimate = t.mean - c.mean;
  const se = Math.sqrt(t.variance / t.n + c.variance / c.n);
  return { estimate, low: estimate - Z95 * se, high: estimate + Z95 * se };
}

/** The difference of two proportions (treated − control) with a 95% Wald interval. */
export function differenceOfProportions(
  treated: { readonly yes: number; readonly n: number },
  control: { readonly yes: number; readonly n: number },
): Interval | null {
  if (treated.n === 0 || control.n === 0) return null;
  const p1 = treated.yes / treated.n;
  const p2 = control.yes / control.n;
  const se = Math.sqrt((p1 * (1 - p1)) / treated.n + (p2 * (1 - p2)) / control.n);
  const estimate = p1 - p2;
  return { estimate, low: estimate - Z95 * se, high: estimate + Z95 * se };
}

/** Incremental revenue: the per-customer uplift scaled to the treated group, with its interval. */
export function incrementalRevenue(treated: readonly number[], control: readonly number[]): Interval | null {
  const diff = differenceOfMeans(treated, control);
  if (!diff) return null;
  const n = treated.length;
  return { estimate: diff.estimate * n, low: diff.low * n, high: diff.high * n };
}

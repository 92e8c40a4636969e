import { Random } from '../demo/random.js';
import type { BgNbdParams } from './bgnbd.js';
import type { GammaGammaParams } from './gamma-gamma.js';
import type { RepeatSummary } from './summary.js';

// Customers drawn from the two models' own stories, for tests that check a fit recovers known
// parameters and for benchmarks: λ ~ Gamma(r, α) and p ~ Beta(a, b) per customer, purchases at
// rate λ with a dropout chance p after each; spend per purchase Gamma(p, ν), ν ~ Gamma(q, γ).

export interface SimulationOptions {
  readonly customers: number;
  readonly seed: number;
  /** Each customer's age T is drawn uniformly from [minAge, maxAge] (the model's unit). */
  readonly minAge: number;
  readonly maxAge: number;
  /** Whole ages (days), as a store's own data has them. */
  readonly wholeTimes?: boolean;
}

/** A summary of simulated customers (no holdout). */
export function simulateCustomers(
  bg: BgNbdParams,
  spend: GammaGammaParams,
  options: SimulationOptions,
): RepeatSummary {
  const random = new Random(options.seed, 0xb9);
  const n = options.customers;
  const out = {
    count: n,
    customerId: Int32Array.from({ length: n }, (_, i) => i + 1),
    x: new Float64Array(n),
    tx: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
    holdout: new Float64Array(n),
  };
  const time = (t: number) => (options.wholeTimes ? Math.floor(t) : t);
  for (let i = 0; i < n; i++) {
    const T = time(options.minAge + (options.maxAge - options.minAge) * random.next());
    const lambda = random.gamma(bg.r, 1 / bg.alpha);
    const dropout = random.beta(bg.a, bg.b);
    const nu = random.gamma(spend.q, 1 / spend.gamma);
    let t = 0;
    let x = 0;
    let last = 0;
    let total = 0;
    for (;;) {
      t += random.exponential(1 / lambda);
      if (!(t <= T)) break;
      // Purchases on the same whole day count once (as a store's purchase days do).
      if (options.wholeTimes && time(t) === last && x > 0) continue;
      if (options.wholeTimes && time(t) === 0) continue;
      x += 1;
      last = time(t);
      total += random.gamma(spend.p, 1 / nu);
      if (random.chance(dropout)) break;
    }
    out.x[i] = x;
    out.tx[i] = x > 0 ? last : 0;
    out.T[i] = T;
    out.monetary[i] = x > 0 ? total / x : 0;
  }
  return out;
}

import { type Fit, standardErrorsOf, startFrom } from './bgnbd.js';
import { MAX_LOG_PARAMETER, minimize, type Objective } from './optimize.js';
import { digamma, logGamma } from './special.js';

// The Gamma-Gamma model of spend (Fader & Hardie 2013, "The Gamma-Gamma model of monetary
// value"): a customer's purchase values are Gamma(p, ν) around their own mean p/ν, with
// ν ~ Gamma(q, γ) across customers. Fitted on customers with repeat purchases, from the number of
// repeat purchases x and their mean value m̄; it assumes spend does not depend on frequency.

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

/**
 * The negative mean log-likelihood over (ln p, ln q, ln γ), and its gradient:
 * ln f(m̄ | x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m̄ + px ln x − (px+q) ln(γ + x m̄).
 * The Γ and ψ terms are computed once per distinct x, the rest once per distinct (x, m̄).
 */
export function gammaGammaObjective(x: Float64Array, m: Float64Array): Objective {
  // Equal (x, m̄) pairs once, with a weight: by x, then each x's values sorted natively.
  const byX = new Map<number, number[]>();
  for (let i = 0; i < x.length; i++) {
    const values = byX.get(x[i]!);
    if (values) values.push(m[i]!);
    else byX.set(x[i]!, [m[i]!]);
  }
  const sx: number[] = [];
  const sm: number[] = [];
  const sw: number[] = [];
  const starts: number[] = [];
  for (const value of [...byX.keys()].sort((a, b) => a - b)) {
    starts.push(sx.length);
    const sorted = Float64Array.from(byX.get(value)!).sort();
    for (let k = 0; k < sorted.length; k++) {
      if (k > 0 && sorted[k] === sorted[k - 1]) sw[sw.length - 1]! += 1;
      else {
        sx.push(value);
        sm.push(sorted[k]!);
        sw.push(1);
      }
    }
  }
  starts.push(sx.length);
  const logM = Float64Array.from(sm, Math.log);
  const xm = Float64Array.from(sm, (v, i) => sx[i]! * v);
  const weight = Float64Array.from(sw);
  const n = x.length;
  return (theta, gradient) => {
    if (theta.some((t) => Math.abs(t) > MAX_LOG_PARAMETER)) return Number.NaN;
    const p = Math.exp(theta[0]!);
    const q = Math.exp(theta[1]!);
    const gamma = Math.exp(theta[2]!);
    if (![p, q, gamma].every((v) => Number.isFinite(v) && v > 0)) return Number.NaN;
    const lgQ = logGamma(q);
    const psiQ = digamma(q);
    const logGammaParam = Math.log(gamma);
    let ll = 0;
    let gp = 0;
    let gq = 0;
    let gg = 0;
    for (let g = 0; g + 1 < starts.length; g++) {
      const x = sx[starts[g]!]!;
      const px = p * x;
      const constant = logGamma(px + q) - logGamma(px) - lgQ + q * logGammaParam + px * Math.log(x);
      const psiPxQ = digamma(px + q);
      const dConstP = x * (psiPxQ - digamma(px) + Math.log(x));
      const dConstQ = psiPxQ - psiQ + logGammaParam;
      let sumLogM = 0;
      let sumLogDen = 0;
      let sumInvDen = 0;
      let count = 0;
      for (let i = starts[g]!; i < starts[g + 1]!; i++) {
        const w = weight[i]!;
        const denominator = gamma + xm[i]!;
        count += w;
        sumLogM += w * logM[i]!;
        sumLogDen += w * Math.log(denominator);
        sumInvDen += w / denominator;
      }
      ll += count * constant + (px - 1) * sumLogM - (px + q) * sumLogDen;
      gp += count * dConstP + x * sumLogM - x * sumLogDen;
      gq += count * dConstQ - sumLogDen;
      gg += (count * q) / gamma - (px + q) * sumInvDen;
    }
    gradient[0] = (-gp * p) / n;
    gradient[1] = (-gq * q) / n;
    gradient[2] = (-gg * gamma) / n;
    return -ll / n;
  };
}

/** Fits on customers with x ≥ 1 repeat purchases of mean value m̄ > 0 (the caller selects them). */
export function fitGammaGamma(
  x: Float64Array,
  m: Float64Array,
  start?: GammaGammaParams,
): Fit<GammaGammaParams> {
  const customers = x.length;
  if (customers === 0) throw new Error('fitGammaGamma: no repeat buyers');
  const objective = gammaGammaObjective(x, m);
  // Start where the mean spend p/ν has the data's mean: p = q = 1... and γ = mean m̄.
  const meanM = m.reduce((s, v) => s + v, 0) / customers;
  const found = minimize(
    objective,
    start ? startFrom(start, ['p', 'q', 'gamma']) : [0, Math.log(2), Math.log(Math.max(meanM, 1e-6))],
  );
  const [p, q, gamma] = Array.from(found.theta, Math.exp) as [number, number, number];
  const errors = standardErrorsOf(objective, found.theta, customers);
  return {
    params: { p, q, gamma },
    standardErrors: errors ? { p: errors[0]!, q: errors[1]!, gamma: errors[2]! } : null,
    logLikelihood: -found.value * customers,
    customers,
    iterations: found.iterations,
    converged: found.converged,
  };
}

/** The population's mean spend per purchase, pγ/(q − 1); infinite when q ≤ 1. */
export function populationMeanValue(g: GammaGammaParams): number {
  return g.q > 1 ? (g.p * g.gamma) / (g.q - 1) : Number.POSITIVE_INFINITY;
}

/**
 * E[M | x, m̄] = p(γ + x m̄)/(px + q − 1): the customer's expected spend per purchase, a weighted
 * mean of the population mean and their own average. With x = 0 it is the population mean.
 */
export function expectedAverageValue(g: GammaGammaParams, x: number, m: number): number {
  return (g.p * (g.gamma + x * m)) / (g.p * x + g.q - 1);
}

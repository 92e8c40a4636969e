import { hessianFromGradient, invert, MAX_LOG_PARAMETER, minimize, type Objective } from './optimize.js';
import { digamma, hyp2f1, logGamma } from './special.js';

// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers the easy way"): while
// alive a customer buys at rate λ ~ Gamma(r, α); after each purchase they drop out with
// probability p ~ Beta(a, b). Fitted by maximum likelihood on each customer's (x, tₓ, T): repeat
// purchases, time of the last one and age, all measured from the first purchase.

export interface BgNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** Customers with the same (x, tₓ, T), once each with a weight, sorted by x, then T, then tₓ. */
export interface CompressedRows {
  readonly count: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly weight: Float64Array;
  /** The row of each customer, in the caller's order. */
  readonly rowOf: Int32Array;
}

const X_LIMIT = 2 ** 16;
const TIME_LIMIT = 2 ** 17;

/** Whole x < 2¹⁶ and whole 0 ≤ tₓ ≤ T < 2¹⁷ pack exactly into one number that sorts as (x, T, tₓ). */
function packable(x: Float64Array, tx: Float64Array, T: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) {
    const a = x[i]!;
    const t = T[i]!;
    const r = tx[i]!;
    if (!(Number.isInteger(a) && Number.isInteger(t) && Number.isInteger(r))) return false;
    if (a < 0 || a >= X_LIMIT || r < 0 || t < 0 || t >= TIME_LIMIT || r >= TIME_LIMIT) return false;
  }
  return true;
}

/**
 * Groups identical (x, tₓ, T): a store's million customers measured in days are a few hundred
 * thousand rows. Whole numbers (days) are packed into one sortable key and sorted natively, then
 * each customer finds their row by binary search; anything else is sorted with a comparator.
 */
export function compressRows(x: Float64Array, tx: Float64Array, T: Float64Array): CompressedRows {
  const n = x.length;
  const rowOf = new Int32Array(n);
  if (packable(x, tx, T)) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (x[i]! * TIME_LIMIT + T[i]!) * TIME_LIMIT + tx[i]!;
    const sorted = keys.slice().sort();
    let count = 0;
    const weight = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      if (k === 0 || sorted[k] !== sorted[k - 1]) sorted[count++] = sorted[k]!;
      weight[count - 1]! += 1;
    }
    const unique = sorted.subarray(0, count);
    for (let i = 0; i < n; i++) {
      let lo = 0;
      let hi = count - 1;
      const key = keys[i]!;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (unique[mid]! < key) lo = mid + 1;
        else hi = mid;
      }
      rowOf[i] = lo;
    }
    const rx = new Float64Array(count);
    const rT = new Float64Array(count);
    const rtx = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const key = unique[k]!;
      rtx[k] = key % TIME_LIMIT;
      const rest = (key - rtx[k]!) / TIME_LIMIT;
      rT[k] = rest % TIME_LIMIT;
      rx[k] = (rest - rT[k]!) / TIME_LIMIT;
    }
    return { count, x: rx, tx: rtx, T: rT, weight: weight.slice(0, count), rowOf };
  }
  const order = Int32Array.from({ length: n }, (_, i) => i);
  order.sort((i, j) => x[i]! - x[j]! || T[i]! - T[j]! || tx[i]! - tx[j]!);
  const rx: number[] = [];
  const rtx: number[] = [];
  const rT: number[] = [];
  const rw: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    const last = rx.length - 1;
    if (last >= 0 && rx[last] === x[i] && rT[last] === T[i] && rtx[last] === tx[i]) rw[last]! += 1;
    else {
      rx.push(x[i]!);
      rtx.push(tx[i]!);
      rT.push(T[i]!);
      rw.push(1);
    }
    rowOf[i] = rx.length - 1;
  }
  return {
    count: rx.length,
    x: Float64Array.from(rx),
    tx: Float64Array.from(rtx),
    T: Float64Array.from(rT),
    weight: Float64Array.from(rw),
    rowOf,
  };
}

/** Where each run of equal x starts in the (x-sorted) rows, and one past the end. */
function xGroups(rows: CompressedRows): Int32Array {
  const starts: number[] = [];
  for (let i = 0; i < rows.count; i++) if (i === 0 || rows.x[i] !== rows.x[i - 1]) starts.push(i);
  starts.push(rows.count);
  return Int32Array.from(starts);
}

/**
 * The negative mean log-likelihood over log-parameters (ln r, ln α, ln a, ln b) and its gradient.
 * Everything that depends on x alone (the Γ and ψ terms) is computed once per distinct x.
 */
export function bgNbdObjective(rows: CompressedRows): Objective {
  const groups = xGroups(rows);
  const total = rows.weight.reduce((s, w) => s + w, 0);
  return (theta, gradient) => {
    if (theta.some((t) => Math.abs(t) > MAX_LOG_PARAMETER)) return Number.NaN;
    const r = Math.exp(theta[0]!);
    const alpha = Math.exp(theta[1]!);
    const a = Math.exp(theta[2]!);
    const b = Math.exp(theta[3]!);
    if (![r, alpha, a, b].every((v) => Number.isFinite(v) && v > 0)) return Number.NaN;
    const logAlpha = Math.log(alpha);
    const logA = Math.log(a);
    const lgR = logGamma(r);
    const lgB = logGamma(b);
    const lgAB = logGamma(a + b);
    const psiR = digamma(r);
    const psiB = digamma(b);
    const psiAB = digamma(a + b);
    let ll = 0;
    let gr = 0;
    let galpha = 0;
    let ga = 0;
    let gb = 0;
    for (let g = 0; g + 1 < groups.length; g++) {
      const x = rows.x[groups[g]!]!;
      const rx = r + x;
      // A₁ + A₂ of FHL's appendix: ln Γ(r+x)/Γ(r) + r ln α + ln B(a, b+x)/B(a, b)
      const constant = logGamma(rx) - lgR + r * logAlpha + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x);
      const dConstR = digamma(rx) - psiR + logAlpha;
      const dConstAB = psiAB - digamma(a + b + x);
      const dConstB = dConstAB + digamma(b + x) - psiB;
      const repeat = x > 0;
      const logRatio = repeat ? logA - Math.log(b + x - 1) : 0;
      let sumW = 0;
      let sumLog = 0;
      let sumR = 0;
      let sumAlpha = 0;
      let sumA = 0;
      let sumB = 0;
      for (let i = groups[g]!; i < groups[g + 1]!; i++) {
        const w = rows.weight[i]!;
        const logT = Math.log(alpha + rows.T[i]!);
        const a3 = -rx * logT;
        let logSum = a3;
        let w4 = 0;
        let logTx = 0;
        if (repeat) {
          logTx = Math.log(alpha + rows.tx[i]!);
          const a4 = logRatio - rx * logTx;
          // ln(e^A₃ + e^A₄) and the share of the second term, without overflow
          if (a4 > a3) {
            const e = Math.exp(a3 - a4);
            logSum = a4 + Math.log1p(e);
            w4 = 1 / (1 + e);
          } else {
            const e = Math.exp(a4 - a3);
            logSum = a3 + Math.log1p(e);
            w4 = e / (1 + e);
          }
        }
        const w3 = 1 - w4;
        sumW += w;
        sumLog += w * logSum;
        sumR += w * (-w3 * logT - w4 * logTx);
        sumAlpha += w * (w3 / (alpha + rows.T[i]!) + (repeat ? w4 / (alpha + rows.tx[i]!) : 0));
        if (repeat) {
          sumA += w * w4;
          sumB += w * w4;
        }
      }
      ll += sumW * constant + sumLog;
      gr += sumW * dConstR + sumR;
      galpha += (sumW * r) / alpha - rx * sumAlpha;
      ga += sumW * dConstAB + sumA / a;
      gb += sumW * dConstB - (repeat ? sumB / (b + x - 1) : 0);
    }
    // d/d ln θ = θ d/dθ, of the negative mean
    gradient[0] = (-gr * r) / total;
    gradient[1] = (-galpha * alpha) / total;
    gradient[2] = (-ga * a) / total;
    gradient[3] = (-gb * b) / total;
    return -ll / total;
  };
}

export interface Fit<P> {
  readonly params: P;
  /** From the inverse Hessian of the log-likelihood (delta method from the log-parameters); null if singular. */
  readonly standardErrors: P | null;
  readonly logLikelihood: number;
  readonly customers: number;
  readonly iterations: number;
  readonly converged: boolean;
}

/** Standard errors of exp(θ) from the Hessian of the negative mean log-likelihood over θ. */
export function standardErrorsOf(f: Objective, theta: Float64Array, customers: number): number[] | null {
  const n = theta.length;
  const hessian = hessianFromGradient(f, theta).map((h) => h * customers);
  const covariance = invert(hessian, n);
  if (!covariance) return null;
  const errors = Array.from({ length: n }, (_, i) => Math.exp(theta[i]!) * Math.sqrt(covariance[i * n + i]!));
  return errors.every(Number.isFinite) ? errors : null;
}

/** A starting point from an earlier fit's parameters (yesterday's, say), kept inside the domain. */
export function startFrom<P extends object>(params: P, keys: readonly (keyof P & string)[]): number[] {
  return keys.map((key) => Math.max(-25, Math.min(25, Math.log(params[key] as number))));
}

/** Fits by maximum likelihood, from `start` (an earlier fit: fewer iterations) or a default start. */
export function fitBgNbd(rows: CompressedRows, start?: BgNbdParams): Fit<BgNbdParams> {
  const customers = rows.weight.reduce((s, w) => s + w, 0);
  if (customers === 0) throw new Error('fitBgNbd: no customers');
  let meanX = 0;
  let meanT = 0;
  for (let i = 0; i < rows.count; i++) {
    meanX += rows.weight[i]! * rows.x[i]!;
    meanT += rows.weight[i]! * rows.T[i]!;
  }
  meanX /= customers;
  meanT /= customers;
  // Start at r = a = b = 1 with α matching the mean purchase rate: λ̄ = r/α ≈ x̄ / T̄.
  const alpha0 = meanX > 0 && meanT > 0 ? meanT / meanX : 1;
  const objective = bgNbdObjective(rows);
  const found = minimize(
    objective,
    start ? startFrom(start, ['r', 'alpha', 'a', 'b']) : [0, Math.log(alpha0), 0, 0],
  );
  const [r, alpha, a, b] = Array.from(found.theta, Math.exp) as [number, number, number, number];
  const errors = standardErrorsOf(objective, found.theta, customers);
  return {
    params: { r, alpha, a, b },
    standardErrors: errors ? { r: errors[0]!, alpha: errors[1]!, a: errors[2]!, b: errors[3]! } : null,
    logLikelihood: -found.value * customers,
    customers,
    iterations: found.iterations,
    converged: found.converged,
  };
}

/** P(alive | x, tₓ, T): 1 for customers without a repeat purchase (they cannot have dropped out yet). */
export function probabilityAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  if (x <= 0) return 1;
  const log =
    Math.log(p.a) - Math.log(p.b + x - 1) + (p.r + x) * (Math.log(p.alpha + T) - Math.log(p.alpha + tx));
  return log > 0 ? Math.exp(-log) / (1 + Math.exp(-log)) : 1 / (1 + Math.exp(log));
}

/**
 * E[Y(t) | alive, x, T]: the purchases expected in the next t of a customer known to be alive.
 * FHL (10) divided by P(alive): (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x; a+b+x−1; z)]
 * with z = t/(α+T+t). By Pfaff's transformation the power times ₂F₁ is ₂F₁(r+x, a−1; a+b+x−1; w)
 * with w = −t/(α+T): no huge function value times a tiny power, and well-behaved when a and b
 * are very large (a store whose customers hardly differ in how soon they stop buying).
 */
export function expectedIfAlive(p: BgNbdParams, t: number, x: number, T: number): number {
  if (t <= 0) return 0;
  // At a = 1 exactly the formula is 0/0; the limit is continuous, so step off it.
  const a = Math.abs(p.a - 1) < 1e-7 ? 1 + 1e-7 : p.a;
  const c = a + p.b + x - 1;
  const bracket = 1 - hyp2f1(p.r + x, a - 1, c, -t / (p.alpha + T));
  return (c / (a - 1)) * bracket;
}

/** E[Y(t) | x, tₓ, T] (FHL eq. 10): expected purchases in the next t. */
export function conditionalExpectedPurchases(
  p: BgNbdParams,
  t: number,
  x: number,
  tx: number,
  T: number,
): number {
  return probabilityAlive(p, x, tx, T) * expectedIfAlive(p, t, x, T);
}

/**
 * The median time to a customer's next purchase if they are alive: their rate is then
 * Gamma(r + x, α + T) given the history, so the wait from now is Lomax with
 * P(wait > s) = ((α+T)/(α+T+s))^{r+x}, whose median is (α+T)(2^{1/(r+x)} − 1).
 */
export function medianWaitIfAlive(p: BgNbdParams, x: number, T: number): number {
  return (p.alpha + T) * (2 ** (1 / (p.r + x)) - 1);
}

/** The log-likelihood of one customer (for tests against a direct evaluation). */
export function customerLogLikelihood(p: BgNbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = p;
  const logBeta = (u: number, v: number) => logGamma(u) + logGamma(v) - logGamma(u + v);
  const common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha);
  const first = logBeta(a, b + x) - logBeta(a, b) + common - (r + x) * Math.log(alpha + T);
  if (x === 0) return first;
  const second = logBeta(a + 1, b + x - 1) - logBeta(a, b) + common - (r + x) * Math.log(alpha + tx);
  const m = Math.max(first, second);
  return m + Math.log(Math.exp(first - m) + Math.exp(second - m));
}

// Special functions the customer-value models need, for real arguments: log Γ, digamma, and the
// Gauss hypergeometric function ₂F₁ on [0, 1). Pure, no allocation in the hot paths.

const LANCZOS_G = 7;
const LANCZOS = [
  0.9999999999998099, 676.5203681218851, -1259.1392167224028, 771.3234287776531, -176.6150291621406,
  12.507343278686905, -0.13857109526572012, 9.984369578019572e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.9189385332046728;

/** ln Γ(x) for x > 0 (Lanczos, g = 7: about 15 significant digits). NaN for x ≤ 0. */
export function logGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x < 0.5) {
    // Reflection keeps the approximation in its accurate range: Γ(x)Γ(1 − x) = π / sin(πx).
    return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  }
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to x ≥ 8, then the asymptotic series. */
export function digamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  let shift = 0;
  while (x < 8) {
    shift -= 1 / x;
    x += 1;
  }
  const inv = 1 / x;
  const inv2 = inv * inv;
  const series =
    inv2 *
    (1 / 12 -
      inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132 - inv2 * (691 / 32760))))));
  return shift + Math.log(x) - 0.5 * inv - series;
}

const EPSILON = 1e-17;
const MAX_TERMS = 10_000;
/**
 * A continuation step's series converges like 2⁻ᵏ after its first terms; with moderate
 * parameters 60 terms do. Huge parameters make the equation stiff: the terms grow for a long
 * while first. The cap keeps such a case from running for minutes.
 */
const STEP_TERMS = 2_000;

/** The power series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ and its derivative, for |z| ≤ 1/2. */
function seriesAt(a: number, b: number, c: number, z: number): [value: number, slope: number] {
  let term = 1;
  let value = 1;
  let slope = 0;
  for (let n = 0; n < MAX_TERMS; n++) {
    // term is the nth term; the (n+1)th adds to the value, and (n+1)·term(n+1)/z to the slope.
    const ratio = ((a + n) * (b + n)) / ((c + n) * (n + 1));
    const next = term * ratio * z;
    slope += ratio * term * (n + 1);
    value += next;
    term = next;
    if (Math.abs(next) <= EPSILON * Math.abs(value) && n > 2) break;
    if (next === 0) break;
  }
  return [value, slope];
}

/**
 * Continues a solution of the hypergeometric equation z(1 − z)F'' + [c − (a + b + 1)z]F' − abF = 0
 * from z0 (value and slope given) to z along the real axis, by Taylor series about each point. A
 * series about a point converges within the distance to the nearer singular point (0 or 1), so
 * each step goes half that far and each series converges like 2⁻ᵏ: towards 1 the distance to 1
 * halves each step, towards −∞ the distance to 0 grows by half each step. No special cases: unlike
 * the connection formulas this has no trouble when c − a − b or a − b is (nearly) an integer.
 */
function continueTo(a: number, b: number, c: number, z0: number, f0: number, d0: number, z: number): number {
  let at = z0;
  let value = f0;
  let slope = d0;
  const direction = Math.sign(z - z0);
  while ((z - at) * direction > 0) {
    const radius = Math.min(Math.abs(at), Math.abs(1 - at));
    const h = direction * Math.min(Math.abs(z - at), radius / 2);
    const p0 = at * (1 - at);
    const p1 = 1 - 2 * at;
    const q0 = c - (a + b + 1) * at;
    const q1 = -(a + b + 1);
    const ab = a * b;
    // Terms dₖ = cₖhᵏ of F(at + h) = Σ cₖhᵏ, from the equation, two at a time. (The cₖ alone
    // overflow near 1, growing like (1 − at)⁻ᵏ; the terms shrink like 2⁻ᵏ.)
    let dPrev = value; // d_k
    let dCur = slope * h; // d_{k+1}
    let newValue = dPrev + dCur;
    let newSlope = slope;
    for (let k = 0; k < STEP_TERMS; k++) {
      const dNext =
        -((p1 * k * (k + 1) + q0 * (k + 1)) * dCur * h + (-k * (k - 1) + q1 * k - ab) * dPrev * h * h) /
        (p0 * (k + 1) * (k + 2));
      const slopeTerm = ((k + 2) * dNext) / h;
      newValue += dNext;
      newSlope += slopeTerm;
      dPrev = dCur;
      dCur = dNext;
      if (
        k > 4 &&
        Math.abs(dNext) <= EPSILON * Math.abs(newValue) &&
        Math.abs(slopeTerm) <= EPSILON * Math.abs(newSlope)
      )
        break;
    }
    value = newValue;
    slope = newSlope;
    at += h;
  }
  return value;
}

/** The power series when it converges within `budget` terms; NaN otherwise. */
function seriesWithin(a: number, b: number, c: number, z: number, budget: number): number {
  let term = 1;
  let value = 1;
  for (let n = 0; n < budget; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    value += term;
    if (term === 0 || (Math.abs(term) <= EPSILON * Math.abs(value) && n > 2)) return value;
  }
  return Number.NaN;
}

/** ₂F₁ for −1/2 ≤ z < 1. */
function hyp2f1Near(a: number, b: number, c: number, z: number): number {
  if (Math.abs(z) <= 0.5) return seriesAt(a, b, c, z)[0];
  // The series often still converges fast (always when the parameters are large and their ratio
  // keeps the terms small); otherwise continue from 1/2, where it converges like 2⁻ⁿ.
  const direct = seriesWithin(a, b, c, z, 1_000);
  if (Number.isFinite(direct)) return direct;
  const [value, slope] = seriesAt(a, b, c, 0.5);
  return continueTo(a, b, c, 0.5, value, slope, z);
}

/**
 * ₂F₁(a, b; c; z) for real z < 1 and c not a non-positive integer. Below −1/2, Pfaff's
 * transformation ₂F₁(a, b; c; z) = (1 − z)^{−a} ₂F₁(a, c − b; c; z/(z − 1)) (or the same with a
 * and b swapped) brings z into [1/3, 1). Then the power series, or the
 * series at 1/2 continued along the differential equation. 12 to 16 significant digits (tested
 * against mpmath). NaN for z ≥ 1.
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z < 1) || !Number.isFinite(z)) return Number.NaN;
  if (z < -0.5) {
    // Pfaff can keep either upper parameter; keep the one that leaves the smaller numerator
    // parameters: with c huge (a store whose customers never stop buying, say) the other choice
    // makes terms that only shrink after thousands of them.
    const u = z / (z - 1);
    if (Math.abs(a * (c - b)) <= Math.abs((c - a) * b)) return (1 - z) ** -a * hyp2f1Near(a, c - b, c, u);
    return (1 - z) ** -b * hyp2f1Near(c - a, b, c, u);
  }
  return hyp2f1Near(a, b, c, z);
}

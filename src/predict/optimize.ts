// Unconstrained minimisation of a smooth function of a few variables (the models' log-parameters),
// its Hessian from the gradient, and small matrix inverses for standard errors.

/**
 * Log-parameters beyond ±30 (e¹³) are outside the models' domain: a fit that runs there has found
 * a direction in which the data cannot tell values apart (see the warnings in model.ts).
 */
export const MAX_LOG_PARAMETER = 30;

/** Three steps in a row that improve the objective by less than this (relative) end the search. */
const FLAT = 1e-10;

/** A search that cannot descend with the gradient this small has converged as far as rounding allows. */
const STALL_TOLERANCE = 1e-6;

/** f(θ), writing ∇f(θ) into `gradient`. Non-finite values mark θ as outside the domain. */
export type Objective = (theta: Float64Array, gradient: Float64Array) => number;

export interface Minimum {
  readonly theta: Float64Array;
  readonly value: number;
  readonly gradientNorm: number;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface MinimizeOptions {
  readonly maxIterations?: number;
  /** Converged when the largest gradient component is below this. */
  readonly gradientTolerance?: number;
}

const maxAbs = (v: Float64Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, x, i) => s + x * v[i]!, 0);

/**
 * BFGS with a backtracking line search (Armijo, with the curvature condition checked before each
 * update), then Newton steps on the finite-difference Hessian to settle the last digits. Steps
 * into non-finite territory are halved; a search that cannot descend restarts from the steepest
 * descent direction once before giving up.
 */
export function minimize(f: Objective, start: ArrayLike<number>, options: MinimizeOptions = {}): Minimum {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 500;
  const tolerance = options.gradientTolerance ?? 1e-9;
  let theta = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = f(theta, gradient);
  if (!Number.isFinite(value)) throw new Error('minimize: the objective is not finite at the start');
  // Inverse Hessian approximation, starting as the identity.
  const inverse = new Float64Array(n * n);
  const resetInverse = () => {
    inverse.fill(0);
    for (let i = 0; i < n; i++) inverse[i * n + i] = 1;
  };
  resetInverse();
  const direction = new Float64Array(n);
  const trial = new Float64Array(n);
  let trialGradient = new Float64Array(n);
  let iterations = 0;
  let restarted = false;
  let stalled = false;
  let flatSteps = 0;
  for (; iterations < maxIterations && maxAbs(gradient) > tolerance; iterations++) {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < n; j++) s -= inverse[i * n + j]! * gradient[j]!;
      direction[i] = s;
    }
    let slope = dot(direction, gradient);
    if (!(slope < 0)) {
      resetInverse();
      for (let i = 0; i < n; i++) direction[i] = -gradient[i]!;
      slope = dot(direction, gradient);
    }
    // Never move a log-parameter by more than 5 (a factor of 150) in one step.
    let step = Math.min(1, 5 / Math.max(maxAbs(direction), 1e-300));
    let trialValue = Number.NaN;
    for (let halvings = 0; halvings < 40; halvings++) {
      for (let i = 0; i < n; i++) trial[i] = theta[i]! + step * direction[i]!;
      trialValue = f(trial, trialGradient);
      if (Number.isFinite(trialValue) && trialValue <= value + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(Number.isFinite(trialValue) && trialValue <= value)) {
      // No step descends: at the optimum to within rounding (the objective's noise is about
      // 1e-12 of its value), or on a bad approximation, which one restart clears.
      stalled = maxAbs(gradient) <= STALL_TOLERANCE;
      if (restarted || stalled) break;
      restarted = true;
      resetInverse();
      continue;
    }
    restarted = false;
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = trial[i]! - theta[i]!;
      y[i] = trialGradient[i]! - gradient[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (iterations === 0) {
        // Scale the identity to the curvature seen (Nocedal & Wright 6.20).
        const scale = sy / dot(y, y);
        for (let i = 0; i < n; i++) inverse[i * n + i] = scale;
      }
      updateInverse(inverse, s, y, sy, n);
    }
    const improvement = value - trialValue;
    theta = Float64Array.from(trial);
    [gradient, trialGradient] = [trialGradient, gradient];
    value = trialValue;
    if (improvement <= 1e-16 * Math.max(1, Math.abs(value)) && maxAbs(gradient) < tolerance * 1e3) break;
    // A run of steps that gain almost nothing: the optimum lies at the edge of the domain (a
    // parameter heading for 0 or ∞, e.g. no dropout at all), where the gradient never vanishes.
    flatSteps = improvement <= FLAT * Math.max(1, Math.abs(value)) ? flatSteps + 1 : 0;
    if (flatSteps >= 3) break;
  }
  // Newton polish: a few steps on the Hessian from gradient differences.
  for (let k = 0; k < 5 && !stalled && maxAbs(gradient) > tolerance / 100; k++) {
    const hessian = hessianFromGradient(f, theta);
    const step = solveSymmetric(hessian, gradient, n);
    if (!step) break;
    for (let i = 0; i < n; i++) trial[i] = theta[i]! - step[i]!;
    const trialValue = f(trial, trialGradient);
    if (!(Number.isFinite(trialValue) && trialValue <= value + 1e-12 * Math.abs(value))) break;
    theta = Float64Array.from(trial);
    [gradient, trialGradient] = [trialGradient, gradient];
    value = trialValue;
  }
  const gradientNorm = maxAbs(gradient);
  return {
    theta,
    value,
    gradientNorm,
    iterations,
    converged: gradientNorm <= tolerance * 10 || (stalled && gradientNorm <= STALL_TOLERANCE),
  };
}

/** H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ with ρ = 1 / yᵀs. */
function updateInverse(h: Float64Array, s: Float64Array, y: Float64Array, sy: number, n: number): void {
  const rho = 1 / sy;
  const hy = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += h[i * n + j]! * y[j]!;
    hy[i] = sum;
  }
  const yhy = dot(y, hy);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      h[i * n + j] =
        h[i * n + j]! - rho * (hy[i]! * s[j]! + s[i]! * hy[j]!) + (rho * rho * yhy + rho) * s[i]! * s[j]!;
    }
  }
}

/** The Hessian of f at θ by central differences of its gradient, symmetrised; n × n, row-major. */
export function hessianFromGradient(f: Objective, theta: Float64Array, step = 1e-5): Float64Array {
  const n = theta.length;
  const hessian = new Float64Array(n * n);
  const plus = new Float64Array(n);
  const minus = new Float64Array(n);
  const at = Float64Array.from(theta);
  for (let j = 0; j < n; j++) {
    const h = step * Math.max(1, Math.abs(theta[j]!));
    at[j] = theta[j]! + h;
    f(at, plus);
    at[j] = theta[j]! - h;
    f(at, minus);
    at[j] = theta[j]!;
    for (let i = 0; i < n; i++) hessian[i * n + j] = (plus[i]! - minus[i]!) / (2 * h);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const mean = (hessian[i * n + j]! + hessian[j * n + i]!) / 2;
      hessian[i * n + j] = mean;
      hessian[j * n + i] = mean;
    }
  }
  return hessian;
}

/** The inverse of a small square matrix by Gauss–Jordan with partial pivoting; null if singular. */
export function invert(matrix: Float64Array, n: number): Float64Array | null {
  const a = Float64Array.from(matrix);
  const inverse = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inverse[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(a[r * n + col]!) > Math.abs(a[pivot * n + col]!)) pivot = r;
    const p = a[pivot * n + col]!;
    if (!(Math.abs(p) > 1e-300) || !Number.isFinite(p)) return null;
    for (let k = 0; k < n; k++) {
      [a[col * n + k], a[pivot * n + k]] = [a[pivot * n + k]!, a[col * n + k]!];
      [inverse[col * n + k], inverse[pivot * n + k]] = [inverse[pivot * n + k]!, inverse[col * n + k]!];
    }
    for (let k = 0; k < n; k++) {
      a[col * n + k] = a[col * n + k]! / p;
      inverse[col * n + k] = inverse[col * n + k]! / p;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r * n + col]!;
      if (factor === 0) continue;
      for (let k = 0; k < n; k++) {
        a[r * n + k] = a[r * n + k]! - factor * a[col * n + k]!;
        inverse[r * n + k] = inverse[r * n + k]! - factor * inverse[col * n + k]!;
      }
    }
  }
  return inverse;
}

function solveSymmetric(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array | null {
  const inverse = invert(matrix, n);
  if (!inverse) return null;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < n; j++) sum += inverse[i * n + j]! * rhs[j]!;
    x[i] = sum;
  }
  return x;
}

import { describe, expect, it } from 'vitest';
import { Random } from '../../src/demo/random.js';
import {
  bgNbdObjective,
  compressRows,
  customerLogLikelihood,
  expectedIfAlive,
  fitBgNbd,
} from '../../src/predict/bgnbd.js';
import { fitGammaGamma, gammaGammaObjective } from '../../src/predict/gamma-gamma.js';
import { fitModels } from '../../src/predict/model.js';
import type { Objective } from '../../src/predict/optimize.js';
import { simulateCustomers } from '../../src/predict/simulate.js';

// Data drawn from known parameters: the fits must find them again, within their standard errors;
// and the analytic gradients the optimiser follows must be the derivatives of the likelihood.

const truth = { r: 0.55, alpha: 12, a: 0.85, b: 2.6 };
const spend = { p: 5, q: 4, gamma: 60 };
const simulated = simulateCustomers(truth, spend, { customers: 20_000, seed: 42, minAge: 20, maxAge: 120 });

describe('fits on simulated customers', () => {
  it('recover the BG/NBD parameters within three standard errors', () => {
    const fit = fitBgNbd(compressRows(simulated.x, simulated.tx, simulated.T));
    expect(fit.converged).toBe(true);
    for (const key of ['r', 'alpha', 'a', 'b'] as const) {
      const error = fit.standardErrors![key];
      expect(error).toBeGreaterThan(0);
      expect(Math.abs(fit.params[key] - truth[key]), `${key}: ${fit.params[key]} ± ${error}`).toBeLessThan(
        3 * error,
      );
    }
  });

  it('recover the Gamma-Gamma parameters within three standard errors', () => {
    const repeat = [...simulated.x.keys()].filter((i) => simulated.x[i]! > 0);
    expect(repeat.length).toBeGreaterThan(3_000);
    const fit = fitGammaGamma(
      Float64Array.from(repeat, (i) => simulated.x[i]!),
      Float64Array.from(repeat, (i) => simulated.monetary[i]!),
    );
    for (const key of ['p', 'q', 'gamma'] as const) {
      const error = fit.standardErrors![key];
      expect(Math.abs(fit.params[key] - spend[key]), `${key}: ${fit.params[key]} ± ${error}`).toBeLessThan(
        3 * error,
      );
    }
  });

  it('say so when customers never stop buying, instead of warning of a failed fit', () => {
    const loyal = simulateCustomers({ r: 0.5, alpha: 20, a: 1e-6, b: 50 }, spend, {
      customers: 3_000,
      seed: 5,
      minAge: 100,
      maxAge: 900,
      wholeTimes: true,
    });
    const fit = fitModels(loyal, 'day');
    const codes = fit.warnings.map((w) => w.code);
    expect(codes).toContain('no_dropout');
    expect(codes).not.toContain('not_converged');
    expect(fit.bgnbd.params.a / (fit.bgnbd.params.a + fit.bgnbd.params.b)).toBeLessThan(1e-4);
  });

  it('find the same maximum from far-off starting data scales (days as weeks × 7)', () => {
    const days = fitBgNbd(
      compressRows(
        simulated.x,
        simulated.tx.map((t) => t * 7),
        simulated.T.map((t) => t * 7),
      ),
    );
    const weeks = fitBgNbd(compressRows(simulated.x, simulated.tx, simulated.T));
    // Rescaling time rescales α only
    expect(days.params.alpha / 7).toBeCloseTo(weeks.params.alpha, 3);
    expect(days.params.r).toBeCloseTo(weeks.params.r, 5);
    expect(days.params.a).toBeCloseTo(weeks.params.a, 4);
    expect(days.params.b).toBeCloseTo(weeks.params.b, 4);
  });
});

function checkGradient(objective: Objective, theta: number[]) {
  const gradient = new Float64Array(theta.length);
  objective(Float64Array.from(theta), gradient);
  const scratch = new Float64Array(theta.length);
  theta.forEach((_, j) => {
    const h = 1e-6;
    const plus = Float64Array.from(theta);
    const minus = Float64Array.from(theta);
    plus[j]! += h;
    minus[j]! -= h;
    const numeric = (objective(plus, scratch) - objective(minus, scratch)) / (2 * h);
    expect(Math.abs(gradient[j]! - numeric), `∂/∂θ${j}: ${gradient[j]} vs ${numeric}`).toBeLessThan(
      1e-6 * Math.max(1, Math.abs(numeric)),
    );
  });
}

describe('the likelihoods', () => {
  const small = simulateCustomers(truth, spend, {
    customers: 500,
    seed: 7,
    minAge: 1,
    maxAge: 300,
    wholeTimes: true,
  });
  const rows = compressRows(small.x, small.tx, small.T);
  const generator = new Random(3);
  const random = () => generator.next();

  it('BG/NBD: the compressed objective is the mean of each customer’s log-likelihood, negated', () => {
    const objective = bgNbdObjective(rows);
    for (let k = 0; k < 10; k++) {
      const theta = [random() * 4 - 2, random() * 6 - 1, random() * 4 - 2, random() * 4 - 2];
      const [r, alpha, a, b] = theta.map(Math.exp) as [number, number, number, number];
      let direct = 0;
      for (let i = 0; i < small.count; i++)
        direct += customerLogLikelihood({ r, alpha, a, b }, small.x[i]!, small.tx[i]!, small.T[i]!);
      expect(objective(Float64Array.from(theta), new Float64Array(4))).toBeCloseTo(-direct / small.count, 9);
      checkGradient(objective, theta);
    }
  });

  it('Gamma-Gamma: the analytic gradient matches finite differences', () => {
    const repeat = [...small.x.keys()].filter((i) => small.x[i]! > 0);
    const objective = gammaGammaObjective(
      Float64Array.from(repeat, (i) => small.x[i]!),
      Float64Array.from(repeat, (i) => small.monetary[i]!),
    );
    for (let k = 0; k < 10; k++) checkGradient(objective, [random() * 4 - 1, random() * 4 - 1, random() * 6]);
  });

  it('predicts customers who never stop buying (a → 0, b huge) as the NBD model does', () => {
    // With no dropout, E[Y(t) | x, T] = (r + x) t / (α + T); such fits sit at the boundary.
    const nbd = { r: 0.343, alpha: 21.3, a: 1e-13, b: 61_522 };
    for (const [x, T, t] of [
      [0, 0, 365],
      [5, 14, 365],
      [40, 1_000, 30],
      [3, 2, 5_000],
    ] as const) {
      expect(expectedIfAlive(nbd, t, x, T)).toBeCloseTo(((nbd.r + x) * t) / (nbd.alpha + T), 6);
    }
  });

  it('refuses parameters outside the domain rather than overflowing', () => {
    expect(bgNbdObjective(rows)(Float64Array.from([0, 0, 40, 0]), new Float64Array(4))).toBeNaN();
  });
});

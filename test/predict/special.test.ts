import { describe, expect, it } from 'vitest';
import { digamma, hyp2f1, logGamma } from '../../src/predict/special.js';

// Reference values from mpmath 1.3 at 30 digits (mp.hyp2f1, mp.loggamma, mp.digamma). The random
// rows are drawn from the ranges the BG/NBD expectation uses: ₂F₁(r+x, a−1; a+b+x−1; −t/(α+T)).

const relative = (got: number, want: number) => Math.abs(got - want) / Math.max(Math.abs(want), 1e-300);

// a, b, c, z, ₂F₁(a, b; c; z)
const mpmath: [number, number, number, number, number][] = [
  [1, 1, 2, 0.999999, 13.815524373459892],
  [0.5, 0.5, 1.5, 0.7, 1.1846587084327787],
  [2.5, -0.207, 3.5, 0.95, 0.7625698220746948],
  [1.2, -0.207, 0.586, 0.99, -2.843466630379341],
  [-3, 2, 5, 0.8, 0.36548571428571425],
  [3, 4, 7, 0.999, 218.07891874229307],
  [0.3, 0.7, 1.0, 0.9999, 3.2907381864857186],
  [1, 1, 2, -1000, 0.0069087547793152205],
  [2.243, -0.207, 2.219, -3.5, 1.3679323168599995],
  [26.24, -0.207, 27.22, -60, 2.3242048960455604],
  [0.243, -0.207, 2.219, -400, 1.768474979777928],
  [3.2, 1.7, 0.4, -12, 0.0033762736281591843],
  [1.5, 2.5, 4, -100000.0, 1.0734333258076857e-7],
  [1.0053, 0.0749, 13.1983, -28.239, 0.930280245781976],
  [1.7692, 4.4763, 9.0058, -12.5452, 0.03818315396985076],
  [13.76, 2.3961, 16.8606, -0.0947, 0.8368514096140997],
  [14.9103, 2.5814, 17.1001, -1.4877, 0.11838816525391418],
  [5.7022, 2.4287, 10.3522, -0.3785, 0.6370621751136136],
  [1.7342, 2.4495, 16.1849, -171.3613, 0.009028371876912434],
  [13.6042, -0.2349, 27.0937, -0.0619, 1.0072127756890954],
  [6.5144, 2.284, 22.8954, -277.0324, 7.380444705167296e-5],
  [2.1167, 0.6409, 5.4823, -0.0574, 0.9861093327754509],
  [3.5993, 4.2758, 20.9459, -294.0525, 3.996211606026992e-6],
  [1.3983, 1.6251, 17.8408, -12.651, 0.4241329600985456],
  [4.888, -0.3498, 12.9443, -2.0859, 1.2221220007201996],
  [1.8034, 2.5634, 11.8506, -1.4223, 0.6396079280592991],
  [42.0092, -0.4481, 53.6713, -297.9288, 11.522061491927987],
  [42.4747, 0.8507, 48.7507, -0.0677, 0.9524223080455207],
  [1.412, 0.1747, 2.7815, -0.5378, 0.9598857482336749],
  [5.4316, 0.6362, 13.6379, -0.0166, 0.9958188015990356],
  [6.2349, 0.8115, 8.8089, -83.5263, 0.03737886410834911],
  [2.2751, 1.2809, 19.9995, -0.0581, 0.9916205296138955],
  [13.4963, 3.0194, 16.557, -0.1839, 0.6567915427715992],
];

describe('₂F₁', () => {
  it('matches mpmath to 12 significant digits, near z = 1 and far out on the negative axis', () => {
    for (const [a, b, c, z, want] of mpmath) {
      expect(relative(hyp2f1(a, b, c, z), want), `₂F₁(${a}, ${b}; ${c}; ${z})`).toBeLessThan(1e-12);
    }
  });

  it('meets closed forms: −ln(1−z)/z, (1−z)^−a, arcsin', () => {
    for (const z of [-50, -0.9, -0.2, 0.1, 0.5, 0.51, 0.8, 0.99, 0.999_999_9]) {
      expect(relative(hyp2f1(1, 1, 2, z), -Math.log1p(-z) / z)).toBeLessThan(1e-13);
      expect(relative(hyp2f1(0.37, 2.9, 2.9, z), (1 - z) ** -0.37)).toBeLessThan(1e-13);
    }
    for (const s of [0.1, 0.6, 0.9, 0.99]) {
      expect(relative(hyp2f1(0.5, 0.5, 1.5, s * s), Math.asin(s) / s)).toBeLessThan(1e-13);
    }
  });

  it('is a polynomial when a parameter is a non-positive integer', () => {
    // ₂F₁(−2, b; c; z) = 1 − 2bz/c + b(b+1)z²/(c(c+1))
    for (const z of [-7, -0.3, 0.4, 0.9]) {
      const want = 1 - (2 * 1.5 * z) / 2.5 + (1.5 * 2.5 * z * z) / (2.5 * 3.5);
      expect(relative(hyp2f1(-2, 1.5, 2.5, z), want)).toBeLessThan(1e-13);
    }
  });

  it('is continuous where it switches method (|z| = 1/2) and agrees with Pfaff’s transformation', () => {
    for (const [a, b, c] of [
      [0.3, -0.2, 1.7],
      [5.2, 2.1, 3.3],
      [1.1, 0.4, 0.25],
    ] as const) {
      for (const z of [0.5, -0.5]) {
        const below = hyp2f1(a, b, c, z - 1e-9 * Math.sign(z));
        const above = hyp2f1(a, b, c, z + 1e-9 * Math.sign(z));
        expect(relative(above, below)).toBeLessThan(1e-7);
      }
      for (const z of [-3, -0.7, 0.3, 0.8]) {
        const pfaff = (1 - z) ** -b * hyp2f1(b, c - a, c, z / (z - 1));
        expect(relative(hyp2f1(a, b, c, z), pfaff)).toBeLessThan(1e-12);
      }
    }
  });

  it('is NaN at and beyond z = 1', () => {
    expect(hyp2f1(1, 1, 2, 1)).toBeNaN();
    expect(hyp2f1(1, 1, 2, 3)).toBeNaN();
    expect(hyp2f1(1, 1, 2, Number.NaN)).toBeNaN();
  });
});

describe('log Γ and ψ', () => {
  const at = [0.243, 1e-5, 0.5, 1, 2.5, 10.3, 171.5, 1000000.0];
  it('match mpmath', () => {
    const logGammas = [
      1.3180435846996699, 11.512919692895826, 0.5723649429247001, 0.0, 0.2846828704729192, 13.482036786138359,
      709.1431630309282, 12815504.569147613,
    ];
    const digammas = [
      -4.351093864423211, -100000.57719921567, -1.9635100260214235, -0.5772156649015329, 0.7031566406452432,
      2.282815446439123, 5.141664981433999, 13.815510057964191,
    ];
    at.forEach((x, i) => {
      expect(Math.abs(logGamma(x) - logGammas[i]!), `ln Γ(${x})`).toBeLessThan(
        1e-13 * Math.max(1, Math.abs(logGammas[i]!)),
      );
      expect(relative(digamma(x), digammas[i]!), `ψ(${x})`).toBeLessThan(1e-13);
    });
  });

  it('satisfy the recurrences Γ(x+1) = xΓ(x) and ψ(x+1) = ψ(x) + 1/x', () => {
    for (const x of [0.01, 0.3, 0.77, 1.5, 4.2, 33.3, 950]) {
      expect(Math.abs(logGamma(x + 1) - logGamma(x) - Math.log(x))).toBeLessThan(
        1e-13 * Math.max(1, logGamma(x + 1)),
      );
      expect(digamma(x + 1) - digamma(x) - 1 / x).toBeCloseTo(0, 11);
    }
    expect(logGamma(0)).toBeNaN();
    expect(digamma(-1)).toBeNaN();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  controlGroup,
  differenceOfMeans,
  differenceOfProportions,
  drawOf,
  incrementalRevenue,
} from '../../src/campaigns/stats.js';

describe('the control group', () => {
  it('holds out exactly round(share × n) members, the same ones whatever the order, for a seed', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 1_000_000 }), { maxLength: 400 }),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.integer(),
        (ids, share, seed) => {
          const control = controlGroup(ids, share, seed);
          expect(control.size).toBe(Math.round(share * ids.length));
          for (const id of control) expect(ids).toContain(id);
          const shuffled = [...ids].reverse();
          expect([...controlGroup(shuffled, share, seed)].sort()).toEqual([...control].sort());
        },
      ),
      { numRuns: 200 },
    );
  });

  it('draws differently with another seed, and evenly: about 10% of every id range', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => i + 1);
    const a = controlGroup(ids, 0.1, 1);
    const b = controlGroup(ids, 0.1, 2);
    const overlap = [...a].filter((id) => b.has(id)).length;
    // Independent draws overlap in about 10% of 2,000
    expect(overlap).toBeGreaterThan(120);
    expect(overlap).toBeLessThan(280);
    for (let start = 0; start < 20_000; start += 5_000) {
      const inRange = [...a].filter((id) => id > start && id <= start + 5_000).length;
      expect(inRange).toBeGreaterThan(420);
      expect(inRange).toBeLessThan(580);
    }
    const draws = ids.slice(0, 1000).map((id) => drawOf(7, id));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
  });

  it('refuses a share outside [0, 1)', () => {
    expect(() => controlGroup([1, 2], 1, 1)).toThrow(RangeError);
    expect(() => controlGroup([1, 2], -0.1, 1)).toThrow(RangeError);
  });
});

describe('uplift', () => {
  it('computes the difference of means with Welch’s interval, checked by hand', () => {
    // treated: mean 4, sample variance 20/3; control: mean 2, sample variance 4/3
    const diff = differenceOfMeans([1, 3, 5, 7], [1, 1, 3, 3]);
    const se = Math.sqrt(20 / 3 / 4 + 4 / 3 / 4);
    expect(diff!.estimate).toBeCloseTo(2, 12);
    expect(diff!.high - diff!.estimate).toBeCloseTo(1.959963984540054 * se, 12);
    expect(differenceOfMeans([], [1])).toBeNull();
  });

  it('scales the per-customer uplift to the treated group for incremental revenue', () => {
    const treated = [0, 0, 100, 200, 0, 0, 0, 300];
    const control = [0, 0, 100, 0];
    const inc = incrementalRevenue(treated, control)!;
    expect(inc.estimate).toBeCloseTo((600 / 8 - 25) * 8, 9);
    expect(inc.low).toBeLessThan(inc.estimate);
  });

  it('gives the same interval from count, sum and sum of squares as from the values', () => {
    const moments = (values: number[]) => ({
      n: values.length,
      sum: values.reduce((a, b) => a + b, 0),
      sumOfSquares: values.reduce((a, b) => a + b * b, 0),
    });
    const treated = [0, 0, 12_900, 25_800, 0, 0, 0, 39_900, 5];
    const control = [0, 0, 12_900, 0, 1];
    const fromValues = incrementalRevenue(treated, control)!;
    const fromMoments = incrementalRevenue(moments(treated), moments(control))!;
    expect(fromMoments.estimate).toBeCloseTo(fromValues.estimate, 6);
    expect(fromMoments.low).toBeCloseTo(fromValues.low, 6);
    expect(fromMoments.high).toBeCloseTo(fromValues.high, 6);
    expect(differenceOfMeans(moments([7]), moments([3]))).toEqual({ estimate: 4, low: 4, high: 4 });
    expect(differenceOfMeans(moments([]), moments([1]))).toBeNull();
  });

  it('computes the difference of proportions with a Wald interval', () => {
    const d = differenceOfProportions({ yes: 30, n: 200 }, { yes: 2, n: 50 })!;
    expect(d.estimate).toBeCloseTo(0.15 - 0.04, 12);
    const se = Math.sqrt((0.15 * 0.85) / 200 + (0.04 * 0.96) / 50);
    expect(d.low).toBeCloseTo(0.11 - 1.959963984540054 * se, 12);
  });
});

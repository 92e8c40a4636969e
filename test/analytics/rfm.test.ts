import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  averageScores,
  chineseSegment,
  DAY_MS,
  englishSegment,
  englishSegments,
  quintileCuts,
  type RfmColumns,
  scoreRfm,
  summarizeSegments,
} from '../../src/analytics/rfm.js';

const NOW = Date.UTC(2026, 10, 24, 2);

function columns(rows: readonly [days: number, orders: number, spentYuan: number][]): RfmColumns {
  return {
    lastOrderAt: Float64Array.from(rows.map(([days]) => NOW - days * DAY_MS - 3_600_000)),
    orderCount: Float64Array.from(rows.map(([, orders]) => orders)),
    totalSpent: Float64Array.from(rows.map(([, , yuan]) => yuan * 100)),
  };
}

// Ten buyers, worked by hand. Sorted recency days: 1 3 5 10 20 40 60 90 200 400 → cut points at
// positions 2, 4, 6, 8: 3, 10, 40, 90. Orders sorted: 1 1 1 1 1 2 2 3 5 8 → 1, 1, 2, 3.
// Spend (yuan) sorted: 50 80 100 120 200 300 500 800 1000 3000 → 80, 120, 300, 800.
const tenBuyers = columns([
  [1, 8, 3000], // R: 1 ≤ all four cuts → 5; F: 8 > 1,1,2,3 → 5; M: 3000 > all → 5
  [3, 5, 1000], // R: 3 ≤ 3,10,40,90 → 5; F: 5 > 1,1,2,3 → 5; M: 1000 > all → 5
  [5, 3, 800], //  R: 5 ≤ 10,40,90 → 4; F: 3 > 1,1,2 → 4; M: 800 > 80,120,300 → 4
  [10, 2, 500], // R: 10 ≤ 10,40,90 → 4; F: 2 > 1,1 → 3; M: 4
  [20, 2, 300], // R: 20 ≤ 40,90 → 3; F: 3; M: 300 > 80,120 → 3
  [40, 1, 200], // R: 40 ≤ 40,90 → 3; F: 1; M: 3
  [60, 1, 120], // R: 60 ≤ 90 → 2; F: 1; M: 120 > 80 → 2
  [90, 1, 100], // R: 90 ≤ 90 → 2; F: 1; M: 2
  [200, 1, 80], // R: 1; F: 1; M: 80 > nothing → 1
  [400, 1, 50], // R: 1; F: 1; M: 1
]);

describe('RFM scores by quintile', () => {
  it('gives the hand-worked scores of ten buyers', () => {
    const scores = scoreRfm(tenBuyers, NOW, { kind: 'quintiles' });
    expect(scores.cuts).toEqual({
      recencyDays: [3, 10, 40, 90],
      orders: [1, 1, 2, 3],
      spent: [8_000, 12_000, 30_000, 80_000],
    });
    expect([...scores.r]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect([...scores.f]).toEqual([5, 5, 4, 3, 3, 1, 1, 1, 1, 1]);
    expect([...scores.m]).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('uses a store’s own thresholds when it sets them', () => {
    const scores = scoreRfm(tenBuyers, NOW, {
      kind: 'thresholds',
      cuts: {
        recencyDays: [30, 60, 90, 180],
        orders: [1, 2, 3, 5],
        spent: [10_000, 30_000, 60_000, 100_000],
      },
    });
    expect([...scores.r]).toEqual([5, 5, 5, 5, 5, 4, 4, 3, 1, 1]);
    expect([...scores.f]).toEqual([5, 4, 3, 2, 2, 1, 1, 1, 1, 1]);
    expect([...scores.m]).toEqual([5, 4, 4, 3, 2, 2, 2, 1, 1, 1]);
  });

  it('splits distinct values into five groups of a fifth each (±1)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 5, maxLength: 400 }),
        (values) => {
          const spent = Float64Array.from(values);
          const scores = scoreRfm(
            {
              lastOrderAt: new Float64Array(values.length).fill(NOW),
              orderCount: new Float64Array(values.length).fill(1),
              totalSpent: spent,
            },
            NOW,
            { kind: 'quintiles' },
          );
          const sizes = [1, 2, 3, 4, 5].map((score) => scores.m.filter((m) => m === score).length);
          for (const size of sizes) expect(Math.abs(size - values.length / 5)).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 5, numRuns: 200 },
    );
  });

  it('never scores a better value lower, and scores equal values equally', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 700 }),
            fc.integer({ min: 1, max: 12 }),
            fc.integer({ min: 1, max: 5_000 }),
          ),
          {
            minLength: 1,
            maxLength: 300,
          },
        ),
        (rows) => {
          const scores = scoreRfm(columns(rows), NOW, { kind: 'quintiles' });
          for (let i = 0; i < rows.length; i++) {
            for (let j = 0; j < rows.length; j++) {
              const [di, oi, si] = rows[i]!;
              const [dj, oj, sj] = rows[j]!;
              if (di <= dj) expect(scores.r[i]).toBeGreaterThanOrEqual(scores.r[j]!);
              if (oi >= oj) expect(scores.f[i]).toBeGreaterThanOrEqual(scores.f[j]!);
              if (si >= sj) expect(scores.m[i]).toBeGreaterThanOrEqual(scores.m[j]!);
            }
          }
        },
      ),
      { seed: 6, numRuns: 60 },
    );
  });

  it('takes the cut points at the 20/40/60/80% positions', () => {
    expect(quintileCuts(Float64Array.from([5, 1, 4, 2, 3]))).toEqual([1, 2, 3, 4]);
    expect(quintileCuts(Float64Array.from([7]))).toEqual([7, 7, 7, 7]);
    expect(quintileCuts(new Float64Array(0))).toEqual([0, 0, 0, 0]);
  });
});

describe('RFM segments', () => {
  it('names the eight Chinese segments against the average score', () => {
    const average = { r: 3, f: 3, m: 3 };
    expect(chineseSegment(5, 5, 5, average)).toBe('重要价值');
    expect(chineseSegment(5, 1, 5, average)).toBe('重要发展');
    expect(chineseSegment(1, 5, 5, average)).toBe('重要保持');
    expect(chineseSegment(1, 1, 5, average)).toBe('重要挽留');
    expect(chineseSegment(5, 5, 1, average)).toBe('一般价值');
    expect(chineseSegment(5, 1, 1, average)).toBe('一般发展');
    expect(chineseSegment(1, 5, 1, average)).toBe('一般保持');
    expect(chineseSegment(3, 3, 3, average)).toBe('一般挽留'); // equal to the average is not high
  });

  it('covers the whole R × FM grid with the eleven English segments', () => {
    const grid = new Map<string, string>();
    for (let r = 1; r <= 5; r++)
      for (let fm = 1; fm <= 5; fm++) grid.set(`${r}${fm}`, englishSegment(r, fm, fm));
    expect(Object.fromEntries(grid)).toEqual({
      11: 'Lost',
      12: 'Lost',
      13: 'At Risk',
      14: 'At Risk',
      15: "Can't Lose Them",
      21: 'Hibernating',
      22: 'Hibernating',
      23: 'At Risk',
      24: 'At Risk',
      25: "Can't Lose Them",
      31: 'About To Sleep',
      32: 'About To Sleep',
      33: 'Need Attention',
      34: 'Loyal Customers',
      35: 'Loyal Customers',
      41: 'Promising',
      42: 'Potential Loyalists',
      43: 'Potential Loyalists',
      44: 'Loyal Customers',
      45: 'Loyal Customers',
      51: 'New Customers',
      52: 'Potential Loyalists',
      53: 'Potential Loyalists',
      54: 'Champions',
      55: 'Champions',
    });
    expect(new Set(grid.values())).toEqual(new Set(englishSegments));
    expect(englishSegment(5, 4, 3)).toBe('Champions'); // FM = (4 + 3) / 2 = 3.5 → 4
  });

  it('sums each segment’s customers, revenue share and average scores', () => {
    const scores = scoreRfm(tenBuyers, NOW, { kind: 'quintiles' });
    const average = averageScores(scores);
    expect(average).toEqual({ r: 3, f: 2.5, m: 3 });
    const summary = summarizeSegments(
      ['重要价值', '一般挽留'] as const,
      (i) =>
        chineseSegment(scores.r[i]!, scores.f[i]!, scores.m[i]!, average) === '重要价值'
          ? '重要价值'
          : '一般挽留',
      scores,
      tenBuyers.totalSpent,
    );
    // 重要价值: R > 3, F > 2.5, M > 3: buyers 1–4 (3000 + 1000 + 800 + 500 of 6150 yuan).
    expect(summary[0]).toMatchObject({
      segment: '重要价值',
      customers: 4,
      averageR: 4.5,
      averageF: 4.25,
      averageM: 4.5,
    });
    expect(summary[0]!.revenueShare).toBeCloseTo(5_300 / 6_150, 12);
    expect(summary[1]!.customers).toBe(6);
  });
});

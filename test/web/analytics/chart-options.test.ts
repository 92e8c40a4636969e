import { describe, expect, it } from 'vitest';
import { cohortOption } from '../../../web/src/pages/analytics/charts/cohort-option.js';
import { tint } from '../../../web/src/pages/analytics/charts/common.js';
import {
  type Bucket,
  bucketIndex,
  bucketLabel,
  histogramOption,
} from '../../../web/src/pages/analytics/charts/lifecycle-options.js';
import { paretoOption } from '../../../web/src/pages/analytics/charts/pareto-option.js';
import { formatsFor } from '../../../web/src/pages/analytics/formats.js';

// The analytics charts' options, built from small snapshots checkable by eye.

const formats = formatsFor('zh-CN', 'CNY', 'Asia/Shanghai');

const buckets: Bucket[] = [
  { from: 1, to: 1, count: 4 },
  { from: 2, to: 7, count: 10 },
  { from: 8, to: 30, count: 6 },
  { from: 31, to: null, count: 2 },
];

/** The one series of an option, as a plain record. */
function onlySeries(option: unknown): Record<string, unknown> {
  const series = (option as { series: Record<string, unknown>[] }).series;
  expect(series).toHaveLength(1);
  return series[0]!;
}

describe('lifecycle histograms', () => {
  it('labels a bucket by its bounds: one day, a range, or open-ended', () => {
    expect(buckets.map((bucket) => bucketLabel(bucket, formats))).toEqual(['1', '2–7', '8–30', '31+']);
  });

  it('finds the bucket a value falls in, the open last bucket taking everything above', () => {
    expect(bucketIndex(buckets, 1)).toBe(0);
    expect(bucketIndex(buckets, 7)).toBe(1);
    expect(bucketIndex(buckets, 8)).toBe(2);
    expect(bucketIndex(buckets, 400)).toBe(3);
  });

  it('marks the median and thresholds on the buckets holding them', () => {
    const option = histogramOption(buckets, formats, '间隔天数', [
      { label: '中位数 5 天', value: 5, colour: '#fa8c16' },
      { label: '流失期 45 天', value: 45, colour: '#cf1322' },
    ]);
    const series = onlySeries(option);
    expect(series.data).toEqual([4, 10, 6, 2]);
    const marks = (series.markLine as { data: { xAxis: number }[] }).data;
    expect(marks.map((mark) => mark.xAxis)).toEqual([1, 3]);
  });
});

describe('the cohort heatmap', () => {
  const cohorts = [
    {
      month: '2026-01',
      customers: 10,
      buyers: [10, 4, 2],
      retention: [1, 0.4, 0.2],
      revenue: [1000, 400, 300],
    },
    { month: '2026-02', customers: 5, buyers: [5, 1], retention: [1, 0.2], revenue: [500, 90] },
  ];

  it('draws a cell per cohort and month since the first purchase', () => {
    const option = cohortOption(cohorts, 'retention', formats, {
      monthsAxis: '首购后月数',
      month: (n) => `第 ${n} 月`,
      cohort: (month) => month,
    });
    expect(onlySeries(option).data).toEqual([
      [0, 0, 1],
      [1, 0, 0.4],
      [2, 0, 0.2],
      [0, 1, 1],
      [1, 1, 0.2],
    ]);
  });

  it('scales the colours to the months after the first, which is always 100%', () => {
    const scaleMax = (measure: 'retention' | 'revenue') =>
      (
        cohortOption(cohorts, measure, formats, { monthsAxis: '', month: String, cohort: String }) as {
          visualMap: { max: number };
        }
      ).visualMap.max;
    expect(scaleMax('retention')).toBe(0.4);
    expect(scaleMax('revenue')).toBe(400);
  });
});

describe('the Pareto curve', () => {
  it('places each point at its share of customers, with the 20% and 80% marks', () => {
    const curve = [0, 0.5, 0.8, 0.95, 1];
    const series = onlySeries(
      paretoOption(curve, formats, {
        customers: '客户占比',
        revenue: '收入占比',
        mark20: '20%',
        mark80: '80%',
      }),
    );
    expect(series.data).toEqual([
      [0, 0],
      [0.25, 0.5],
      [0.5, 0.8],
      [0.75, 0.95],
      [1, 1],
    ]);
    const marks = (series.markLine as { data: Record<string, unknown>[] }).data;
    expect(marks.map((mark) => mark.xAxis ?? mark.yAxis)).toEqual([0.2, 0.8]);
  });
});

describe('tint', () => {
  it('runs from white at 0 to the colour itself at 1', () => {
    expect(tint('#1668dc', 0)).toBe('rgb(255, 255, 255)');
    expect(tint('#1668dc', 1)).toBe('rgb(22, 104, 220)');
    expect(tint('#1668dc', 2)).toBe('rgb(22, 104, 220)');
  });
});

import type { ChartOption } from '../../../charts/echarts.js';
import type { Formats } from '../formats.js';
import { ACCENT, axisStyle, grid, LIGHT, MUTED, PRIMARY, valueAxisStyle, valueFormatter } from './common.js';

export interface Bucket {
  readonly from: number;
  readonly to: number | null;
  readonly count: number;
}

/** `3`, `4–7`, `30+`: a bucket's bounds as an axis label. */
export function bucketLabel(bucket: Bucket, formats: Formats): string {
  if (bucket.to === null) return `${formats.count(bucket.from)}+`;
  if (bucket.to === bucket.from) return formats.count(bucket.from);
  return `${formats.count(bucket.from)}–${formats.count(bucket.to)}`;
}

/** The index of the bucket holding `value`, for a mark on a category axis. */
export function bucketIndex(buckets: readonly Bucket[], value: number): number {
  const index = buckets.findIndex(
    (bucket) => value >= bucket.from && (bucket.to === null || value <= bucket.to),
  );
  return index === -1 ? buckets.length - 1 : index;
}

export interface HistogramMark {
  readonly label: string;
  readonly value: number;
  readonly colour: string;
}

/** A histogram of buckets, with vertical marks (the median, the thresholds) where given. */
export function histogramOption(
  buckets: readonly Bucket[],
  formats: Formats,
  axisName: string,
  marks: readonly HistogramMark[] = [],
): ChartOption {
  return {
    color: [PRIMARY],
    grid: { ...grid, top: marks.length > 0 ? 48 : 24, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      name: axisName,
      nameLocation: 'middle',
      nameGap: 28,
      data: buckets.map((bucket) => bucketLabel(bucket, formats)),
      ...axisStyle,
    },
    yAxis: { type: 'value', ...valueAxisStyle },
    series: [
      {
        type: 'bar',
        name: axisName,
        barMaxWidth: 32,
        itemStyle: { borderRadius: [3, 3, 0, 0] },
        data: buckets.map((bucket) => bucket.count),
        tooltip: { valueFormatter: valueFormatter(formats.count) },
        markLine: {
          symbol: 'none',
          silent: true,
          data: marks.map((mark, index) => ({
            xAxis: bucketIndex(buckets, mark.value),
            lineStyle: { color: mark.colour, type: 'dashed', width: 2 },
            label: {
              formatter: mark.label,
              color: mark.colour,
              position: 'end',
              // Marks in one bucket would print over each other: each gets its own height.
              distance: [0, 4 + index * 14],
            },
          })),
        },
      },
    ],
  };
}

export const MARK_COLOURS = { median: ACCENT, active: '#389e0d', churn: '#cf1322' } as const;

export interface StateBar {
  readonly name: string;
  readonly customers: number;
}

/** Customers per lifecycle state as horizontal bars, in the order a customer moves through them. */
export function statesOption(states: readonly StateBar[], formats: Formats, seriesName: string): ChartOption {
  return {
    grid: { ...grid, top: 8, right: 48 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: states.map((state) => state.name),
      ...axisStyle,
      axisLabel: { color: '#595959' },
    },
    xAxis: { type: 'value', ...valueAxisStyle },
    series: [
      {
        type: 'bar',
        name: seriesName,
        barMaxWidth: 28,
        data: states.map((state, index) => ({
          value: state.customers,
          itemStyle: { color: index === 0 ? LIGHT : PRIMARY, borderRadius: [0, 3, 3, 0] },
        })),
        label: {
          show: true,
          position: 'right',
          color: MUTED,
          formatter: (params: unknown) => formats.count((params as { value: number }).value),
        },
        tooltip: { valueFormatter: valueFormatter(formats.count) },
      },
    ],
  };
}

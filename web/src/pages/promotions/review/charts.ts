import type { ChartOption } from '../../../charts/echarts.js';
import {
  ACCENT,
  axisStyle,
  grid,
  LIGHT,
  legendStyle,
  MUTED,
  NEW_COLOUR,
  OLD_COLOUR,
  PRIMARY,
  valueAxisStyle,
  valueFormatter,
} from '../../analytics/charts/common.js';

// The review's charts as pure option builders (tested in test/web/promotions/review-charts.test.ts).
// Money arrives in major units (yuan) with a formatter for tooltips and labels.

const MET = '#52c41a';

/**
 * Target against actual, one pair of bars per figure: the target as a light bar, the actual
 * beside it, green when it reached its target and orange when not.
 */
export function targetOption(
  figures: readonly { label: string; target: number; actual: number }[],
  labels: { target: string; actual: string },
  format: (value: number) => string,
): ChartOption {
  return {
    animationDuration: 300,
    grid,
    legend: { ...legendStyle, data: [labels.target, labels.actual] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: valueFormatter(format) },
    xAxis: { type: 'category', data: figures.map((f) => f.label), ...axisStyle },
    yAxis: { type: 'value', ...valueAxisStyle },
    color: [LIGHT, PRIMARY],
    series: [
      {
        name: labels.target,
        type: 'bar',
        barMaxWidth: 36,
        data: figures.map((f) => f.target),
      },
      {
        name: labels.actual,
        type: 'bar',
        barMaxWidth: 36,
        data: figures.map((f) => ({
          value: f.actual,
          itemStyle: { color: f.actual >= f.target ? MET : ACCENT },
        })),
        label: {
          show: true,
          position: 'top',
          color: MUTED,
          formatter: ({ value }: { value: unknown }) => format(Number(value)),
        },
      },
    ],
  };
}

/** Old and new customers' revenue stacked per event (this year's and earlier ones), in the order given. */
export function comparisonOption(
  rows: readonly { label: string; oldRevenue: number; newRevenue: number; current?: boolean }[],
  labels: { old: string; new: string },
  format: (value: number) => string,
): ChartOption {
  const bar = (value: number, current: boolean | undefined) =>
    current ? { value, itemStyle: { borderColor: ACCENT, borderWidth: 2 } } : value;
  return {
    animationDuration: 300,
    color: [OLD_COLOUR, NEW_COLOUR],
    grid,
    legend: legendStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: valueFormatter(format) },
    xAxis: { type: 'category', data: rows.map((r) => r.label), ...axisStyle },
    yAxis: { type: 'value', ...valueAxisStyle },
    series: [
      {
        name: labels.old,
        type: 'bar',
        stack: 'revenue',
        barMaxWidth: 40,
        data: rows.map((r) => bar(r.oldRevenue, r.current)),
      },
      {
        name: labels.new,
        type: 'bar',
        stack: 'revenue',
        barMaxWidth: 40,
        data: rows.map((r) => bar(r.newRevenue, r.current)),
      },
    ],
  };
}

/**
 * Each segment's response rate during the event as a horizontal bar (highest on top; segments
 * without customers left out), labelled with the rate.
 */
export function segmentResponseOption(
  rows: readonly { label: string; responseRate: number | null }[],
  labels: { rate: string },
  percent: (share: number) => string,
): ChartOption {
  const shown = rows
    .filter((r): r is { label: string; responseRate: number } => r.responseRate !== null)
    .sort((a, b) => a.responseRate - b.responseRate);
  return {
    animationDuration: 300,
    grid: { ...grid, top: 16, right: 48 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: valueFormatter(percent) },
    xAxis: { type: 'value', max: 1, ...valueAxisStyle, axisLabel: { color: MUTED, formatter: percent } },
    yAxis: { type: 'category', data: shown.map((r) => r.label), ...axisStyle },
    series: [
      {
        name: labels.rate,
        type: 'bar',
        barMaxWidth: 22,
        itemStyle: { color: OLD_COLOUR },
        data: shown.map((r) => r.responseRate),
        label: {
          show: true,
          position: 'right',
          color: MUTED,
          formatter: ({ value }: { value: unknown }) => percent(Number(value)),
        },
      },
    ],
  };
}

import type { ChartOption } from '../../../charts/echarts';
import { axisStyle, grid, legendStyle, MUTED, PRIMARY, valueAxisStyle } from '../../analytics/charts/common';
import type { Interval } from '../types';

// The results page's charts: target against control as grouped bars, and an uplift as its 95%
// interval (a segment from low to high) with the estimate marked, beside a line at zero.

export const TARGET_COLOUR = PRIMARY;
export const CONTROL_COLOUR = '#bfbfbf';

/** Two bars per category, target and control; `format` labels values and axis. */
export function groupsOption(
  categories: readonly string[],
  series: { readonly target: string; readonly control: string },
  values: { readonly target: readonly number[]; readonly control: readonly number[] },
  format: (value: number) => string,
): ChartOption {
  return {
    animationDuration: 300,
    grid,
    legend: legendStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => format(Number(v)) },
    xAxis: { type: 'category', data: [...categories], ...axisStyle },
    yAxis: {
      type: 'value',
      ...valueAxisStyle,
      axisLabel: { ...valueAxisStyle.axisLabel, formatter: (v: number) => format(v) },
    },
    series: (['target', 'control'] as const).map((group) => ({
      name: series[group],
      type: 'bar' as const,
      barMaxWidth: 36,
      itemStyle: { color: group === 'target' ? TARGET_COLOUR : CONTROL_COLOUR },
      label: {
        show: true,
        position: 'top' as const,
        formatter: (p: { value: unknown }) => format(Number(p.value)),
      },
      data: [...values[group]],
    })),
  };
}

/**
 * One interval as a horizontal range: the segment from low to high, the estimate as a diamond,
 * and zero as a dashed line (an interval crossing it is not yet a sure effect). In zh-CN a rise
 * is red; `riseColour` says which colour a positive estimate takes.
 */
export function intervalOption(
  label: string,
  interval: NonNullable<Interval>,
  format: (value: number) => string,
  riseColour: string,
  fallColour: string,
  minSpan: number,
): ChartOption {
  const colour = interval.estimate >= 0 ? riseColour : fallColour;
  // Symmetric around zero, so the zero line sits in the middle; a zero-width interval still gets
  // an axis a reader can read (`minSpan`: 5 points of a rate, ¥10 of money).
  const span = Math.max(Math.abs(interval.low), Math.abs(interval.high), minSpan) * 1.15;
  return {
    animationDuration: 300,
    grid: { left: 8, right: 24, top: 8, bottom: 24, containLabel: true },
    tooltip: { trigger: 'item', valueFormatter: (v) => format(Number(v)) },
    yAxis: { type: 'category', data: [label], ...axisStyle, axisLabel: { show: false } },
    xAxis: {
      type: 'value',
      min: -span,
      max: span,
      ...valueAxisStyle,
      axisLabel: { color: MUTED, formatter: (v: number) => format(v) },
    },
    series: [
      {
        name: label,
        type: 'line' as const,
        symbol: 'rect',
        symbolSize: [2, 14],
        lineStyle: { color: colour, width: 3 },
        itemStyle: { color: colour },
        data: [
          [interval.low, label],
          [interval.high, label],
        ],
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: MUTED, type: 'dashed' },
          label: { show: false },
          data: [{ xAxis: 0 }],
        },
      },
      {
        name: label,
        type: 'line' as const,
        symbol: 'diamond',
        symbolSize: 14,
        itemStyle: { color: colour },
        label: { show: true, position: 'top' as const, formatter: () => format(interval.estimate) },
        data: [[interval.estimate, label]],
      },
    ],
  };
}

import type { ChartOption } from '../../../charts/echarts.js';
import { trendColor } from '../../../format/trend.js';
import type { Language } from '../../../i18n/languages.js';
import { axisStyle, grid, legendStyle, valueAxisStyle } from '../../analytics/charts/common.js';

// The tiers page's two charts: members per tier now and under the thresholds being typed, and
// the ups and downs of each refresh (in zh-CN a rise is red, a fall green).

/** Bars per tier (and "no tier"): now, and with the proposed thresholds when there is a preview. */
export function distributionOption(
  names: readonly string[],
  now: readonly number[],
  proposed: readonly number[] | null,
  labels: { now: string; proposed: string },
): ChartOption {
  return {
    animationDuration: 300,
    color: ['#1668dc', '#fa8c16'],
    grid,
    legend: legendStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: [...names], ...axisStyle },
    yAxis: { type: 'value', minInterval: 1, ...valueAxisStyle },
    series: [
      { name: labels.now, type: 'bar', barMaxWidth: 32, data: [...now] },
      ...(proposed
        ? [{ name: labels.proposed, type: 'bar' as const, barMaxWidth: 32, data: [...proposed] }]
        : []),
    ],
  };
}

/** Stacked bars per refresh: members moved up (above the axis) and down (below). */
export function movementOption(
  refreshes: readonly { at: number; up: number; down: number }[],
  timeLabel: (at: number) => string,
  labels: { up: string; down: string },
  language: Language,
): ChartOption {
  return {
    animationDuration: 300,
    color: [trendColor('up', language), trendColor('down', language)],
    grid,
    legend: legendStyle,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (value) => String(Math.abs(Number(value))),
    },
    xAxis: { type: 'category', data: refreshes.map((r) => timeLabel(r.at)), ...axisStyle },
    yAxis: {
      type: 'value',
      minInterval: 1,
      ...valueAxisStyle,
      axisLabel: { ...valueAxisStyle.axisLabel, formatter: (value: number) => String(Math.abs(value)) },
    },
    series: [
      { name: labels.up, type: 'bar', stack: 'moves', barMaxWidth: 24, data: refreshes.map((r) => r.up) },
      {
        name: labels.down,
        type: 'bar',
        stack: 'moves',
        barMaxWidth: 24,
        data: refreshes.map((r) => 0 - r.down),
      },
    ],
  };
}

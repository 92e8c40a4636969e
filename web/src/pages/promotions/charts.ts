import type { ChartOption } from '../../charts/echarts.js';
import {
  ACCENT,
  axisStyle,
  grid,
  legendStyle,
  MUTED,
  NEW_COLOUR,
  OLD_COLOUR,
  valueAxisStyle,
  valueFormatter,
} from '../analytics/charts/common.js';
import { daysBetween, spanDays } from './dates.js';
import { comparisonOption } from './review/charts.js';

// The plan pages' charts as pure option builders (tested in test/web/promotions): the Gantt
// timeline of the phases and tasks, last years' old/new revenue, the segments that carry the
// old-customer target, and the live daily revenue against the target. Money is given in major
// units (yuan) with a formatter for the tooltips.

const PHASE_COLOURS = ['#91caff', '#ffd591', '#ff7875', '#b7eb8f'];
const STATUS_COLOURS: Record<string, string> = { todo: '#8c8c8c', doing: '#1668dc', done: '#52c41a' };

export interface GanttPhase {
  readonly phase: string;
  readonly label: string;
  readonly from: string;
  readonly to: string;
}
export interface GanttTask {
  readonly title: string;
  readonly phase: string;
  readonly dueDate: string;
  readonly status: string;
}

/**
 * One row per phase (the first on top): a bar over its days, on an axis of days from the first
 * phase's start (labelled with dates); the tasks as dots on their due day in their phase's row,
 * coloured by status; today as a vertical line when it falls in the plan's span.
 */
export function ganttOption(
  phases: readonly GanttPhase[],
  tasks: readonly GanttTask[],
  today: string,
  labels: { window: string; tasks: string; today: string; dayLabel: (date: string) => string },
): ChartOption {
  const start = phases[0]?.from ?? today;
  const end = phases.at(-1)?.to ?? today;
  const total = daysBetween(start, end) + 1;
  const rows = phases.map((p) => p.label);
  const dateAt = (offset: number) => {
    const d = new Date(Date.parse(`${start}T00:00:00Z`) + Math.floor(offset) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };
  const rowOf = new Map(phases.map((p) => [p.phase, p.label]));
  const todayOffset = daysBetween(start, today);
  return {
    animationDuration: 300,
    grid: { ...grid, top: 32 },
    legend: { ...legendStyle, data: [labels.window, labels.tasks] },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const p = params as { seriesName?: string; dataIndex: number; data: unknown };
        if (p.seriesName === labels.window) {
          const phase = phases[p.dataIndex];
          return phase ? `${phase.label}: ${labels.dayLabel(phase.from)} – ${labels.dayLabel(phase.to)}` : '';
        }
        const value = p.data as { name?: string; value: [number, string] };
        return `${value.name ?? ''} · ${labels.dayLabel(dateAt(value.value[0]))}`;
      },
    },
    xAxis: {
      type: 'value',
      min: 0,
      max: total,
      interval: total > 60 ? 14 : 7,
      ...valueAxisStyle,
      axisLabel: {
        ...valueAxisStyle.axisLabel,
        formatter: (offset: number) => labels.dayLabel(dateAt(offset)),
      },
    },
    yAxis: { type: 'category', data: rows, inverse: true, ...axisStyle },
    series: [
      {
        name: 'offset',
        type: 'bar',
        stack: 'window',
        silent: true,
        itemStyle: { color: 'transparent' },
        data: phases.map((p) => daysBetween(start, p.from)),
      },
      {
        name: labels.window,
        type: 'bar',
        stack: 'window',
        barMaxWidth: 22,
        itemStyle: { color: PHASE_COLOURS[0] },
        data: phases.map((p, i) => ({
          value: spanDays(p),
          itemStyle: { color: PHASE_COLOURS[i % PHASE_COLOURS.length] },
        })),
        markLine:
          todayOffset >= 0 && todayOffset < total
            ? {
                symbol: 'none',
                silent: true,
                lineStyle: { color: ACCENT, type: 'dashed' },
                label: { formatter: labels.today, color: ACCENT },
                data: [{ xAxis: todayOffset + 0.5 }],
              }
            : undefined,
      },
      {
        name: labels.tasks,
        type: 'scatter',
        symbolSize: 12,
        itemStyle: { color: STATUS_COLOURS.todo },
        data: tasks
          .filter((task) => rowOf.has(task.phase))
          .map((task) => ({
            name: task.title,
            value: [daysBetween(start, task.dueDate) + 0.5, rowOf.get(task.phase)!] as [number, string],
            itemStyle: { color: STATUS_COLOURS[task.status] ?? MUTED },
          })),
      },
    ],
  };
}

/** Old and new customers' revenue of the event's window, one stacked bar per year. */
export function historyOption(
  years: readonly { year: number; oldRevenue: number; newRevenue: number }[],
  labels: { old: string; new: string },
  money: (value: number) => string,
): ChartOption {
  return comparisonOption(
    years.map((y) => ({ label: String(y.year), oldRevenue: y.oldRevenue, newRevenue: y.newRevenue })),
    labels,
    money,
  );
}

/**
 * "Which segments carry the target": each segment's expected revenue as a bar (largest first), the
 * running sum as a line, and the old-customer target as a horizontal line, so where the sum crosses
 * the target shows how many segments it takes.
 */
export function segmentsOption(
  segments: readonly { label: string; expectedRevenue: number }[],
  target: number,
  labels: { expected: string; cumulative: string; target: string },
  money: (value: number) => string,
): ChartOption {
  const sorted = [...segments].sort((a, b) => b.expectedRevenue - a.expectedRevenue);
  let sum = 0;
  const cumulative = sorted.map((s) => {
    sum += s.expectedRevenue;
    return sum;
  });
  return {
    animationDuration: 300,
    color: [OLD_COLOUR, ACCENT],
    grid: { ...grid, bottom: 8 },
    legend: { ...legendStyle, data: [labels.expected, labels.cumulative] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: valueFormatter(money) },
    xAxis: {
      type: 'category',
      data: sorted.map((s) => s.label),
      ...axisStyle,
      axisLabel: { ...axisStyle.axisLabel, interval: 0, rotate: sorted.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value', ...valueAxisStyle, max: (range: { max: number }) => Math.max(range.max, target) },
    series: [
      {
        name: labels.expected,
        type: 'bar',
        barMaxWidth: 32,
        data: sorted.map((s) => s.expectedRevenue),
        markLine: {
          symbol: 'none',
          lineStyle: { color: '#cf1322', type: 'dashed' },
          label: {
            formatter: `${labels.target} ${money(target)}`,
            position: 'insideEndTop',
            color: '#cf1322',
          },
          data: [{ yAxis: target }],
        },
      },
      { name: labels.cumulative, type: 'line', smooth: false, symbolSize: 6, data: cumulative },
    ],
  };
}

/**
 * The event day by day: old and new customers' revenue as stacked bars, the revenue so far as a
 * line, and the revenue target (old + new) as a horizontal line when there is one.
 */
export function dailyOption(
  days: readonly { label: string; oldRevenue: number; newRevenue: number }[],
  target: number | null,
  labels: { old: string; new: string; cumulative: string; target: string },
  money: (value: number) => string,
): ChartOption {
  let sum = 0;
  const cumulative = days.map((d) => {
    sum += d.oldRevenue + d.newRevenue;
    return sum;
  });
  return {
    animationDuration: 300,
    color: [OLD_COLOUR, NEW_COLOUR, ACCENT],
    grid,
    legend: legendStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: valueFormatter(money) },
    xAxis: { type: 'category', data: days.map((d) => d.label), ...axisStyle },
    yAxis: [
      { type: 'value', ...valueAxisStyle },
      {
        type: 'value',
        ...valueAxisStyle,
        splitLine: { show: false },
        ...(target === null ? {} : { max: (range: { max: number }) => Math.max(range.max, target) }),
      },
    ],
    series: [
      { name: labels.old, type: 'bar', stack: 'day', barMaxWidth: 24, data: days.map((d) => d.oldRevenue) },
      { name: labels.new, type: 'bar', stack: 'day', barMaxWidth: 24, data: days.map((d) => d.newRevenue) },
      {
        name: labels.cumulative,
        type: 'line',
        yAxisIndex: 1,
        symbolSize: 4,
        data: cumulative,
        ...(target === null
          ? {}
          : {
              markLine: {
                symbol: 'none',
                lineStyle: { color: '#cf1322', type: 'dashed' },
                label: {
                  formatter: `${labels.target} ${money(target)}`,
                  position: 'insideEndTop',
                  color: '#cf1322',
                },
                data: [{ yAxis: target }],
              },
            }),
      },
    ],
  };
}

import type { ChartOption } from '../../../charts/echarts';
import { axisStyle, grid, legendStyle, valueAxisStyle } from '../../analytics/charts/common';
import type { MessagingSummary } from '../types';

// The message log's two charts: outcomes per day (stacked), and messages per channel by status.

const DAILY_SERIES = ['sent', 'delivered', 'failed', 'suppressed'] as const;
export type DailySeries = (typeof DAILY_SERIES)[number];

// Delivered is the good end, failed the bad; the colours match the status tags in the table.
const dailyColours: Record<DailySeries, string> = {
  sent: '#1668dc',
  delivered: '#52c41a',
  failed: '#f5222d',
  suppressed: '#fa8c16',
};

/** Stacked bars of sent, delivered, failed and suppressed messages per day. */
export function dailyOption(
  daily: MessagingSummary['daily'],
  labels: Record<DailySeries, string>,
  dayLabel: (day: string) => string,
): ChartOption {
  return {
    animationDuration: 300,
    color: DAILY_SERIES.map((series) => dailyColours[series]),
    grid,
    legend: legendStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: daily.map((row) => dayLabel(row.day)), ...axisStyle },
    yAxis: { type: 'value', minInterval: 1, ...valueAxisStyle },
    series: DAILY_SERIES.map((series) => ({
      name: labels[series],
      type: 'bar' as const,
      stack: 'day',
      barMaxWidth: 24,
      data: daily.map((row) => row[series]),
    })),
  };
}

const statusColours: Record<string, string> = {
  queued: '#bfbfbf',
  sending: '#69b1ff',
  sent: '#1668dc',
  delivered: '#52c41a',
  failed: '#f5222d',
  suppressed: '#fa8c16',
  deferred: '#faad14',
};

/** Horizontal bars, one per channel, stacked by status. */
export function channelOption(
  byChannel: MessagingSummary['byChannel'],
  channelLabel: (channel: string) => string,
  statusLabel: (status: string) => string,
): ChartOption {
  const channels = [...new Set(byChannel.map((row) => row.channel))];
  const statuses = Object.keys(statusColours).filter((status) =>
    byChannel.some((row) => row.status === status),
  );
  const count = (channel: string, status: string) =>
    byChannel.find((row) => row.channel === channel && row.status === status)?.messages ?? 0;
  return {
    animationDuration: 300,
    grid,
    legend: legendStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    yAxis: { type: 'category', data: channels.map(channelLabel), ...axisStyle },
    xAxis: { type: 'value', minInterval: 1, ...valueAxisStyle },
    series: statuses.map((status) => ({
      name: statusLabel(status),
      type: 'bar' as const,
      stack: 'channel',
      barMaxWidth: 20,
      itemStyle: { color: statusColours[status] ?? '#8c8c8c' },
      data: channels.map((channel) => count(channel, status)),
    })),
  };
}

import type { ChartOption } from '../../../charts/echarts';
import { formatMoney, formatMoneyAxis, formatShare, toMajorUnits } from '../../../format/number';
import { formatMonthShort } from '../../../format/time';
import { oldRevenueShare } from '../figures';
import type { MonthFigures } from '../types';

export interface RevenueChartLabels {
  readonly newRevenue: string;
  readonly oldRevenue: string;
  readonly oldShare: string;
}

// Old customers are the point of Laoke, so they get the strong colour and the base of each bar.
const OLD_COLOUR = '#1668dc';
const NEW_COLOUR = '#9cc3f5';
const SHARE_COLOUR = '#fa8c16';

function numeric(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Stacked bars of old and new customer revenue per month, and the old share as a line on a second axis. */
export function revenueChartOption(
  months: readonly MonthFigures[],
  currency: string,
  locale: string,
  labels: RevenueChartLabels,
): ChartOption {
  const money = (value: unknown) => {
    const minor = numeric(value);
    return minor === undefined ? '—' : formatMoney(minor, currency, locale);
  };
  return {
    animationDuration: 400,
    color: [OLD_COLOUR, NEW_COLOUR, SHARE_COLOUR],
    grid: { left: 8, right: 8, top: 44, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { color: '#595959' } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      type: 'category',
      data: months.map((month) => formatMonthShort(month.month, locale)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#d9d9d9' } },
      axisLabel: { color: '#8c8c8c' },
    },
    yAxis: [
      {
        type: 'value',
        axisLabel: {
          color: '#8c8c8c',
          formatter: (value: number) => formatMoneyAxis(toMajorUnits(value, currency), currency, locale),
        },
        splitLine: { lineStyle: { color: '#f0f0f0' } },
      },
      {
        type: 'value',
        min: 0,
        max: 1,
        axisLabel: {
          color: '#8c8c8c',
          formatter: (value: number) => formatShare(value, locale).replace(/\.0(?=\D*$)/, ''),
        },
        splitLine: { show: false },
      },
    ],
    series: [
      {
        name: labels.oldRevenue,
        type: 'bar',
        stack: 'revenue',
        barMaxWidth: 36,
        data: months.map((month) => month.oldRevenue),
        tooltip: { valueFormatter: money },
      },
      {
        name: labels.newRevenue,
        type: 'bar',
        stack: 'revenue',
        barMaxWidth: 36,
        itemStyle: { borderRadius: [3, 3, 0, 0] },
        data: months.map((month) => month.newRevenue),
        tooltip: { valueFormatter: money },
      },
      {
        name: labels.oldShare,
        type: 'line',
        yAxisIndex: 1,
        smooth: true,
        symbolSize: 6,
        lineStyle: { width: 2 },
        // An empty month has no share: a gap, not a drop to zero.
        data: months.map((month) => oldRevenueShare([month]) ?? null),
        tooltip: {
          valueFormatter: (value: unknown) => {
            const share = numeric(value);
            return share === undefined ? '—' : formatShare(share, locale);
          },
        },
      },
    ],
  };
}

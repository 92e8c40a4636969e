import type { ChartOption } from '../../../charts/echarts.js';
import type { Formats } from '../formats.js';
import { ACCENT, grid, MUTED, PRIMARY, valueAxisStyle } from './common.js';

const percentAxis = (formats: Formats, name: string, nameGap: number) => ({
  type: 'value' as const,
  min: 0,
  max: 1,
  interval: 0.2,
  name,
  nameLocation: 'middle' as const,
  nameGap,
  nameTextStyle: { color: MUTED },
  ...valueAxisStyle,
  axisLabel: { color: MUTED, formatter: (value: number) => formats.share(value).replace(/\.0(?=\D*$)/, '') },
});

/** Cumulative revenue share against share of customers, biggest spenders first, with the 20/80 marks. */
export function paretoOption(
  curve: readonly number[],
  formats: Formats,
  labels: {
    readonly customers: string;
    readonly revenue: string;
    readonly mark20: string;
    readonly mark80: string;
  },
): ChartOption {
  const last = Math.max(1, curve.length - 1);
  return {
    color: [PRIMARY],
    grid: { ...grid, left: 36, bottom: 28, top: 16, right: 24 },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const [point] = params as { value: [number, number] }[];
        if (!point) return '';
        return `${labels.customers} ${formats.share(point.value[0])}<br/>${labels.revenue} ${formats.share(point.value[1])}`;
      },
    },
    xAxis: percentAxis(formats, labels.customers, 32),
    yAxis: percentAxis(formats, labels.revenue, 48),
    series: [
      {
        type: 'line',
        name: labels.revenue,
        showSymbol: false,
        smooth: false,
        lineStyle: { width: 2.5 },
        areaStyle: { color: 'rgba(22, 104, 220, 0.08)' },
        data: curve.map((share, index) => [index / last, share]),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: ACCENT, type: 'dashed' },
          label: { color: ACCENT },
          data: [
            { xAxis: 0.2, label: { formatter: labels.mark20, position: 'end' } },
            { yAxis: 0.8, label: { formatter: labels.mark80, position: 'insideEndBottom' } },
          ],
        },
      },
    ],
  };
}

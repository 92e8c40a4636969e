import type { ChartOption } from '../../../charts/echarts.js';
import { formatMoneyAxis, toMajorUnits } from '../../../format/number.js';
import type { Formats } from '../formats.js';
import type { NewOldRow } from '../types.js';
import {
  axisStyle,
  grid,
  legendStyle,
  NEW_COLOUR,
  OLD_COLOUR,
  valueAxisStyle,
  valueFormatter,
} from './common.js';

export type NewOldMeasure = 'revenue' | 'buyers';

/** Old customers at the base of each bar and new ones on top, per period. */
export function newOldOption(
  rows: readonly NewOldRow[],
  periods: readonly string[],
  measure: NewOldMeasure,
  formats: Formats,
  labels: { readonly old: string; readonly new: string },
): ChartOption {
  const revenue = measure === 'revenue';
  const format = revenue ? formats.money : formats.count;
  const series = (name: string, values: number[], top: boolean) => ({
    name,
    type: 'bar' as const,
    stack: measure,
    barMaxWidth: 36,
    ...(top ? { itemStyle: { borderRadius: [3, 3, 0, 0] } } : {}),
    data: values,
    tooltip: { valueFormatter: valueFormatter(format) },
  });
  return {
    color: [OLD_COLOUR, NEW_COLOUR],
    grid: { ...grid, top: 36 },
    legend: legendStyle,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: [...periods], ...axisStyle },
    yAxis: {
      type: 'value',
      ...valueAxisStyle,
      axisLabel: {
        ...valueAxisStyle.axisLabel,
        formatter: (value: number) =>
          revenue
            ? formatMoneyAxis(toMajorUnits(value, formats.currency), formats.currency, formats.language)
            : formats.count(value),
      },
    },
    series: [
      series(
        labels.old,
        rows.map((row) => (revenue ? row.oldRevenue : row.oldBuyers)),
        false,
      ),
      series(
        labels.new,
        rows.map((row) => (revenue ? row.newRevenue : row.newBuyers)),
        true,
      ),
    ],
  };
}

import type { ChartOption } from '../../../charts/echarts.js';
import {
  ACCENT,
  axisStyle,
  grid,
  legendStyle,
  MUTED,
  PRIMARY,
  valueAxisStyle,
  valueFormatter,
} from '../../analytics/charts/common.js';
import type { Formats } from '../../analytics/formats.js';
import type { Bin, HoldoutReport, ValueMatrix } from '../types.js';

// The predictions page's charts as ECharts options: pure, so they are tested without a browser.

/** `10–20%`, `¥200–¥500`, `10+`: a bin's bounds (its upper bound is exclusive) as an axis label. */
/** A category x axis named under its middle. */
function categoryAxis(name: string, data: string[]) {
  return {
    type: 'category' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: 28,
    nameTextStyle: { color: MUTED },
    data,
    ...axisStyle,
  };
}

export function binLabel(bin: Bin, format: (value: number) => string): string {
  return bin.to === null ? `${format(bin.from)}+` : `${format(bin.from)}–${format(bin.to)}`;
}

/** A share as a whole percentage, for axis labels and bands: `30%`. */
export function wholePercent(share: number, formats: Formats): string {
  return formats.share(share).replace(/\.0(?=\D*$)/, '');
}

/** Customers per bin as bars; `colour` tells the three distributions apart. */
export function binsOption(
  bins: readonly Bin[],
  format: (value: number) => string,
  formats: Formats,
  labels: { readonly axis: string; readonly customers: string },
  colour: string = PRIMARY,
): ChartOption {
  return {
    color: [colour],
    grid: { ...grid, top: 24, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: {
      ...categoryAxis(
        labels.axis,
        bins.map((bin) => binLabel(bin, format)),
      ),
      // Every bin labelled: a histogram with every other bound unnamed is hard to read.
      axisLabel: { color: MUTED, interval: 0, fontSize: 11 },
    },
    yAxis: { type: 'value', ...valueAxisStyle },
    series: [
      {
        type: 'bar',
        name: labels.customers,
        barMaxWidth: 36,
        itemStyle: { borderRadius: [3, 3, 0, 0] },
        data: bins.map((bin) => bin.customers),
        tooltip: { valueFormatter: valueFormatter(formats.count) },
      },
    ],
  };
}

/**
 * Customers by P(alive) band (rows, the likeliest to still buy at the top) and CLV band (columns,
 * the most valuable on the right): the top right is whom to keep, the bottom right whom to win back.
 */
export function valueMatrixOption(
  matrix: ValueMatrix,
  formats: Formats,
  labels: {
    readonly rows: readonly string[];
    readonly columns: readonly string[];
    readonly rowAxis: string;
    readonly columnAxis: string;
  },
): ChartOption {
  const cells: [number, number, number][] = [];
  for (const [row, counts] of matrix.customers.entries())
    for (const [column, customers] of counts.entries()) cells.push([column, row, customers]);
  const max = Math.max(1, ...cells.map(([, , customers]) => customers));
  const countOf = (params: unknown) => (params as { value: [number, number, number] }).value;
  return {
    grid: { left: 8, right: 8, top: 32, bottom: 40, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (params: unknown) => {
        const [column, row, customers] = countOf(params);
        return `${labels.rowAxis} ${labels.rows[row] ?? ''} · ${labels.columnAxis} ${labels.columns[column] ?? ''}<br/>${formats.count(customers)}`;
      },
    },
    xAxis: {
      type: 'category',
      name: labels.columnAxis,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: MUTED },
      data: [...labels.columns],
      splitArea: { show: true },
      ...axisStyle,
    },
    yAxis: {
      type: 'category',
      name: labels.rowAxis,
      // Above the rows: beside them, the turned name would run into the band labels.
      nameLocation: 'end',
      nameGap: 12,
      nameTextStyle: { color: MUTED, align: 'right' },
      data: [...labels.rows],
      splitArea: { show: true },
      ...axisStyle,
    },
    visualMap: {
      min: 0,
      max,
      show: false,
      inRange: { color: ['#f0f5ff', '#85a5ff', '#1d39c4'] },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: {
          show: true,
          fontSize: 13,
          formatter: (params: unknown) => formats.count(countOf(params)[2]),
        },
        emphasis: { itemStyle: { borderColor: '#1f1f1f', borderWidth: 1 } },
      },
    ],
  };
}

/** `0`, `1`, … and `6+` on the last row when it gathers everyone from there up. */
export function frequencyLabel(row: HoldoutReport['rows'][number], formats: Formats): string {
  return row.orMore ? `${formats.count(row.frequency)}+` : formats.count(row.frequency);
}

/** Mean repeat purchases in the holdout, actual (bars) against expected (line), by calibration purchases. */
export function holdoutOption(
  holdout: HoldoutReport,
  formats: Formats,
  labels: { readonly axis: string; readonly actual: string; readonly expected: string },
): ChartOption {
  const decimal = valueFormatter((value) => formats.decimal(value, 2));
  return {
    color: [PRIMARY, ACCENT],
    legend: { ...legendStyle, data: [labels.actual, labels.expected] },
    grid: { ...grid, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: categoryAxis(
      labels.axis,
      holdout.rows.map((row) => frequencyLabel(row, formats)),
    ),
    yAxis: { type: 'value', ...valueAxisStyle },
    series: [
      {
        type: 'bar',
        name: labels.actual,
        barMaxWidth: 32,
        itemStyle: { borderRadius: [3, 3, 0, 0] },
        data: holdout.rows.map((row) => row.actual),
        tooltip: { valueFormatter: decimal },
      },
      {
        type: 'line',
        name: labels.expected,
        symbolSize: 7,
        lineStyle: { width: 2.5 },
        data: holdout.rows.map((row) => row.expected),
        tooltip: { valueFormatter: decimal },
      },
    ],
  };
}

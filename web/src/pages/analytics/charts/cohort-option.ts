import type { ChartOption } from '../../../charts/echarts.js';
import type { Formats } from '../formats.js';
import type { CohortsSnapshot } from '../types.js';
import { axisStyle, MUTED } from './common.js';

export type CohortMeasure = 'retention' | 'revenue';

// Cells are labelled while they stay big enough to read.
const LABEL_LIMIT = 18;

/** Cohort month down, months since the first purchase across, each cell shaded by the measure. */
export function cohortOption(
  cohorts: CohortsSnapshot['cohorts'],
  measure: CohortMeasure,
  formats: Formats,
  labels: {
    readonly monthsAxis: string;
    readonly month: (n: number) => string;
    readonly cohort: (month: string) => string;
  },
): ChartOption {
  const width = Math.max(0, ...cohorts.map((cohort) => cohort[measure].length));
  const cells: [number, number, number][] = [];
  for (const [row, cohort] of cohorts.entries()) {
    for (const [column, value] of cohort[measure].entries()) cells.push([column, row, value]);
  }
  // Month 0 is 100% retention by definition and the biggest revenue: left out of the scale, so the
  // months after it are not all pale.
  const later = cells.filter(([column]) => column > 0).map(([, , value]) => value);
  const max = Math.max(measure === 'retention' ? 0.05 : 1, ...later);
  const format = (value: number) =>
    measure === 'retention' ? formats.share(value).replace(/\.\d(?=\D*$)/, '') : formats.money(value);
  const labelled = width <= LABEL_LIMIT && cohorts.length <= LABEL_LIMIT * 2;
  return {
    grid: { left: 8, right: 8, top: 8, bottom: 64, containLabel: true },
    tooltip: {
      position: 'top',
      formatter: (params: unknown) => {
        const [column, row, value] = (params as { value: [number, number, number] }).value;
        const cohort = cohorts[row];
        return cohort ? `${labels.cohort(cohort.month)} · ${labels.month(column)}<br/>${format(value)}` : '';
      },
    },
    xAxis: {
      type: 'category',
      name: labels.monthsAxis,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: MUTED },
      data: Array.from({ length: width }, (_, index) => String(index)),
      splitArea: { show: true },
      ...axisStyle,
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: cohorts.map((cohort) => labels.cohort(cohort.month)),
      splitArea: { show: true },
      ...axisStyle,
    },
    visualMap: {
      min: 0,
      max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 160,
      inRange: { color: ['#f0f5ff', '#85a5ff', '#1d39c4'] },
      formatter: (value: unknown) => (typeof value === 'number' ? format(value) : ''),
      textStyle: { color: MUTED },
    },
    series: [
      {
        type: 'heatmap',
        data: cells,
        label: {
          show: labelled,
          fontSize: 10,
          formatter: (params: unknown) => format((params as { value: [number, number, number] }).value[2]),
        },
        emphasis: { itemStyle: { borderColor: '#1f1f1f', borderWidth: 1 } },
      },
    ],
  };
}

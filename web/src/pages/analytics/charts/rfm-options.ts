import type { ChartOption } from '../../../charts/echarts.js';
import type { Formats } from '../formats.js';
import {
  axisStyle,
  grid,
  legendStyle,
  PRIMARY,
  SEGMENT_COLOURS,
  tint,
  valueAxisStyle,
  valueFormatter,
} from './common.js';

export interface SegmentTile {
  readonly name: string;
  readonly customers: number;
  readonly revenueShare: number;
}

/** The segment map: a tile per segment, its area the customers, its shade the revenue share. */
export function segmentMapOption(
  tiles: readonly SegmentTile[],
  buyers: number,
  formats: Formats,
  revenueShareLabel: string,
): ChartOption {
  const strongest = Math.max(0.0001, ...tiles.map((tile) => tile.revenueShare));
  return {
    tooltip: {
      formatter: (params: unknown) => {
        const { name, value } = params as { name: string; value: number };
        const tile = tiles.find((candidate) => candidate.name === name);
        return `${name}<br/>${formats.count(value)} · ${formats.share(buyers ? value / buyers : 0)}<br/>${revenueShareLabel} ${formats.share(tile?.revenueShare ?? 0)}`;
      },
    },
    series: [
      {
        type: 'treemap',
        roam: false,
        nodeClick: false,
        breadcrumb: { show: false },
        width: '100%',
        height: '100%',
        top: 0,
        left: 0,
        label: {
          show: true,
          formatter: (params: unknown) => {
            const { name, value } = params as { name: string; value: number };
            return `{name|${name}}\n${formats.count(value)} · ${formats.share(buyers ? value / buyers : 0)}`;
          },
          rich: { name: { fontWeight: 'bold', fontSize: 13, lineHeight: 20 } },
        },
        itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 },
        data: tiles
          .filter((tile) => tile.customers > 0)
          .map((tile) => {
            const strength = 0.25 + 0.75 * (tile.revenueShare / strongest);
            return {
              name: tile.name,
              value: tile.customers,
              itemStyle: { color: tint(PRIMARY, strength) },
              label: { color: strength > 0.55 ? '#fff' : '#1f1f1f' },
            };
          }),
      },
    ],
  };
}

export interface HistorySeries {
  readonly name: string;
  readonly values: readonly number[];
}

/** Customers per segment at each refresh, stacked, so a segment growing or shrinking shows. */
export function segmentHistoryOption(
  times: readonly string[],
  series: readonly HistorySeries[],
  formats: Formats,
): ChartOption {
  return {
    color: SEGMENT_COLOURS,
    grid: { ...grid, top: 64 },
    legend: { ...legendStyle, type: 'scroll' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: [...times], ...axisStyle },
    yAxis: { type: 'value', ...valueAxisStyle },
    series: series.map((entry) => ({
      name: entry.name,
      type: 'bar',
      stack: 'customers',
      barMaxWidth: 40,
      data: [...entry.values],
      tooltip: { valueFormatter: valueFormatter(formats.count) },
    })),
  };
}

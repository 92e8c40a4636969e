// What the analytics charts share: quiet axes, the palette, and formatters that accept what
// ECharts hands a tooltip (a number, or nothing for a gap).

export const PRIMARY = '#1668dc';
export const LIGHT = '#9cc3f5';
export const ACCENT = '#fa8c16';
export const MUTED = '#8c8c8c';

// Old customers get the strong colour, as on the overview page.
export const OLD_COLOUR = PRIMARY;
export const NEW_COLOUR = LIGHT;

/** Twelve distinguishable colours for segment series, in segment order. */
export const SEGMENT_COLOURS = [
  '#1668dc',
  '#13a8a8',
  '#52c41a',
  '#faad14',
  '#fa8c16',
  '#eb2f96',
  '#722ed1',
  '#2f54eb',
  '#a0d911',
  '#fa541c',
  '#8c8c8c',
  '#36cfc9',
];

export const axisStyle = {
  axisTick: { show: false },
  axisLine: { lineStyle: { color: '#d9d9d9' } },
  axisLabel: { color: MUTED },
} as const;

export const valueAxisStyle = {
  axisLabel: { color: MUTED },
  splitLine: { lineStyle: { color: '#f0f0f0' } },
} as const;

export const legendStyle = {
  top: 0,
  left: 0,
  itemWidth: 14,
  itemHeight: 10,
  textStyle: { color: '#595959' },
} as const;

export const grid = { left: 8, right: 16, top: 40, bottom: 4, containLabel: true } as const;

/** A tooltip value formatter: numbers through `format`, anything else as a dash. */
export function valueFormatter(format: (value: number) => string) {
  return (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? format(value) : '—');
}

/** Mixes white into a colour: 0 gives white, 1 the colour itself (for scales like revenue share). */
export function tint(hex: string, strength: number): string {
  const clamp = Math.max(0, Math.min(1, strength));
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16);
    return Math.round(255 - (255 - value) * clamp);
  };
  return `rgb(${channel(1)}, ${channel(3)}, ${channel(5)})`;
}

import { describe, expect, it } from 'vitest';
import {
  comparisonOption,
  segmentResponseOption,
  targetOption,
} from '../../../web/src/pages/promotions/review/charts.js';

// The review tab's charts: target against actual, earlier events beside this one, segments' response.

type Bar = { name: string; data: (number | { value: number; itemStyle: Record<string, unknown> })[] };
const series = (option: unknown) => (option as { series: Bar[] }).series;
const axis = (option: unknown, which: 'xAxis' | 'yAxis') =>
  (option as Record<string, { data: string[] }>)[which]!.data;
const yuan = (n: number) => `¥${n.toFixed(2)}`;

describe('targetOption', () => {
  const option = targetOption(
    [
      { label: '老客', target: 400, actual: 420 },
      { label: '新客', target: 500, actual: 410 },
    ],
    { target: '目标', actual: '实际' },
    yuan,
  );

  it('draws the target and the actual per figure, the actual green when met and orange when not', () => {
    expect(axis(option, 'xAxis')).toEqual(['老客', '新客']);
    const [target, actual] = series(option);
    expect(target!.name).toBe('目标');
    expect(target!.data).toEqual([400, 500]);
    expect(actual!.data).toEqual([
      { value: 420, itemStyle: { color: '#52c41a' } },
      { value: 410, itemStyle: { color: '#fa8c16' } },
    ]);
  });
});

describe('comparisonOption', () => {
  it('stacks old and new revenue per event in the order given and outlines this one', () => {
    const option = comparisonOption(
      [
        { label: '2025 双十一', oldRevenue: 100, newRevenue: 50 },
        { label: '2026 双十一', oldRevenue: 420, newRevenue: 410, current: true },
      ],
      { old: '老客', new: '新客' },
      yuan,
    );
    expect(axis(option, 'xAxis')).toEqual(['2025 双十一', '2026 双十一']);
    const [old, fresh] = series(option);
    expect(old!.data[0]).toBe(100);
    expect(old!.data[1]).toEqual({ value: 420, itemStyle: { borderColor: '#fa8c16', borderWidth: 2 } });
    expect(fresh!.data.map((d) => (typeof d === 'number' ? d : d.value))).toEqual([50, 410]);
  });
});

describe('segmentResponseOption', () => {
  it('leaves out segments without customers and puts the best response on top', () => {
    const option = segmentResponseOption(
      [
        { label: 'Champions', responseRate: 0.5 },
        { label: 'Lost', responseRate: null },
        { label: 'At Risk', responseRate: 0.125 },
      ],
      { rate: '响应率' },
      (share) => `${share * 100}%`,
    );
    // A category y axis draws its first entry at the bottom.
    expect(axis(option, 'yAxis')).toEqual(['At Risk', 'Champions']);
    expect(series(option)[0]!.data).toEqual([0.125, 0.5]);
  });
});

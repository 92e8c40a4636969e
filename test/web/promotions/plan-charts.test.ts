import { describe, expect, it } from 'vitest';
import {
  dailyOption,
  ganttOption,
  historyOption,
  segmentsOption,
} from '../../../web/src/pages/promotions/charts.js';
import {
  addDays,
  daysBetween,
  daysOf,
  formatShortDay,
  monthDayOf,
  phaseOn,
  spanDays,
  standing,
} from '../../../web/src/pages/promotions/dates.js';

// The promotion plan pages' pure parts: calendar-day arithmetic and the four chart options.

type Series = { name: string; type: string; stack?: string; data: unknown[]; markLine?: { data: unknown[] } };
const seriesOf = (option: unknown) => (option as { series: Series[] }).series;

const phases = [
  { phase: 'buildup', label: '蓄势', from: '2026-09-01', to: '2026-10-31' },
  { phase: 'warmup', label: '预热', from: '2026-11-01', to: '2026-11-10' },
  { phase: 'day', label: '冲刺', from: '2026-11-11', to: '2026-11-11' },
  { phase: 'afterglow', label: '余温', from: '2026-11-12', to: '2026-11-20' },
];

describe('plan dates', () => {
  it('counts calendar days across months, leap days and years', () => {
    expect(daysBetween('2026-09-01', '2026-11-20')).toBe(80);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(daysBetween('2026-11-11', '2026-11-01')).toBe(-10);
    expect(addDays('2026-11-11', -11)).toBe('2026-10-31');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(spanDays({ from: '2026-11-12', to: '2026-11-20' })).toBe(9);
    expect(spanDays({ from: '2026-11-11', to: '2026-11-11' })).toBe(1);
    expect(daysOf('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(monthDayOf('2026-05-20')).toBe('05-20');
  });

  it('finds the phase of a day and where today stands', () => {
    expect(phaseOn(phases, '2026-10-31')?.phase).toBe('buildup');
    expect(phaseOn(phases, '2026-11-11')?.phase).toBe('day');
    expect(phaseOn(phases, '2026-11-21')).toBeUndefined();
    expect(standing({ from: '2026-09-01', to: '2026-11-20' }, '2026-08-31')).toBe('upcoming');
    expect(standing({ from: '2026-09-01', to: '2026-11-20' }, '2026-11-20')).toBe('running');
    expect(standing({ from: '2026-09-01', to: '2026-11-20' }, '2026-11-21')).toBe('over');
  });

  it('writes short days in the reader’s language', () => {
    expect(formatShortDay('2026-11-01', 'zh-CN')).toBe('11/01');
    expect(formatShortDay('2026-11-01', 'en')).toBe('11/01');
  });
});

describe('ganttOption', () => {
  const labels = { window: '阶段', tasks: '任务', today: '今天', dayLabel: (d: string) => d.slice(5) };
  const tasks = [
    { title: '预热秒杀', phase: 'warmup', dueDate: '2026-11-05', status: 'doing' },
    { title: '催付', phase: 'day', dueDate: '2026-11-11', status: 'done' },
  ];

  it('lays the phases out as offset + length bars over days from the first phase’s start', () => {
    const option = ganttOption(phases, tasks, '2026-11-05', labels) as {
      xAxis: { max: number; axisLabel: { formatter: (n: number) => string } };
      yAxis: { data: string[] };
    };
    expect(option.yAxis.data).toEqual(['蓄势', '预热', '冲刺', '余温']);
    expect(option.xAxis.max).toBe(81);
    expect(option.xAxis.axisLabel.formatter(61)).toBe('11-01');
    const [offset, window, dots] = seriesOf(option);
    expect(offset!.data).toEqual([0, 61, 71, 72]);
    expect(window!.data.map((d) => (d as { value: number }).value)).toEqual([61, 10, 1, 9]);
    expect(offset!.stack).toBe(window!.stack);
    // Today (day 65) is a line through the middle of its day.
    expect(window!.markLine!.data).toEqual([{ xAxis: 65.5 }]);
    expect(dots!.data).toEqual([
      { name: '预热秒杀', value: [65.5, '预热'], itemStyle: { color: '#1668dc' } },
      { name: '催付', value: [71.5, '冲刺'], itemStyle: { color: '#52c41a' } },
    ]);
  });

  it('draws no today line outside the plan', () => {
    const [, window] = seriesOf(ganttOption(phases, [], '2026-11-21', labels));
    expect(window!.markLine).toBeUndefined();
  });
});

describe('the figures’ charts', () => {
  const money = (yuan: number) => `¥${yuan}`;

  it('stacks old and new revenue per year', () => {
    const series = seriesOf(
      historyOption(
        [
          { year: 2024, oldRevenue: 100, newRevenue: 50 },
          { year: 2025, oldRevenue: 300, newRevenue: 80 },
        ],
        { old: '老客', new: '新客' },
        money,
      ),
    );
    expect(series.map((s) => [s.name, s.stack, s.data])).toEqual([
      ['老客', 'revenue', [100, 300]],
      ['新客', 'revenue', [50, 80]],
    ]);
  });

  it('sorts the segments by expected revenue, sums them up and draws the target line', () => {
    const option = segmentsOption(
      [
        { label: '已流失', expectedRevenue: 10 },
        { label: '冠军客户', expectedRevenue: 500 },
        { label: '忠诚客户', expectedRevenue: 300 },
      ],
      700,
      { expected: '预计', cumulative: '累计', target: '老客目标' },
      money,
    ) as { xAxis: { data: string[] }; yAxis: { max: (r: { max: number }) => number } };
    expect(option.xAxis.data).toEqual(['冠军客户', '忠诚客户', '已流失']);
    const [bars, line] = seriesOf(option);
    expect(bars!.data).toEqual([500, 300, 10]);
    expect(line!.data).toEqual([500, 800, 810]);
    expect(bars!.markLine!.data).toEqual([{ yAxis: 700 }]);
    // The axis reaches the target even when every bar is below it.
    expect(option.yAxis.max({ max: 600 })).toBe(700);
    expect(option.yAxis.max({ max: 900 })).toBe(900);
  });

  it('stacks each day’s old and new revenue and runs the total against the target', () => {
    const days = [
      { label: '11/10', oldRevenue: 10, newRevenue: 5 },
      { label: '11/11', oldRevenue: 100, newRevenue: 40 },
    ];
    const labels = { old: '老客', new: '新客', cumulative: '累计', target: '目标' };
    const [old, fresh, cumulative] = seriesOf(dailyOption(days, 1000, labels, money));
    expect(old!.data).toEqual([10, 100]);
    expect(fresh!.data).toEqual([5, 40]);
    expect(old!.stack).toBe(fresh!.stack);
    expect(cumulative!.data).toEqual([15, 155]);
    expect(cumulative!.markLine!.data).toEqual([{ yAxis: 1000 }]);
    const [, , untargeted] = seriesOf(dailyOption(days, null, labels, money));
    expect(untargeted!.markLine).toBeUndefined();
  });
});

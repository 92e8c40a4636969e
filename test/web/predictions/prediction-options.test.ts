import { describe, expect, it } from 'vitest';
import { formatsFor } from '../../../web/src/pages/analytics/formats.js';
import {
  binLabel,
  binsOption,
  frequencyLabel,
  holdoutOption,
  valueMatrixOption,
  wholePercent,
} from '../../../web/src/pages/predictions/charts/prediction-options.js';
import type { HoldoutReport } from '../../../web/src/pages/predictions/types.js';
import { warningMessage, warningTitle, warningValues } from '../../../web/src/pages/predictions/warnings.js';

// The predictions page's charts and warnings, from small snapshots checkable by eye.

const formats = formatsFor('zh-CN', 'CNY', 'Asia/Shanghai');

function series(option: unknown): Record<string, unknown>[] {
  return (option as { series: Record<string, unknown>[] }).series;
}

describe('distribution bins', () => {
  it('labels a bin by its bounds, the open last one with a plus', () => {
    expect(binLabel({ from: 0.1, to: 0.2, customers: 3 }, (share) => wholePercent(share, formats))).toBe(
      '10%–20%',
    );
    expect(binLabel({ from: 10, to: null, customers: 1 }, (value) => formats.decimal(value))).toBe('10+');
  });

  it('draws one bar per bin with its customers', () => {
    const bins = [
      { from: 0, to: 0.5, customers: 7 },
      { from: 0.5, to: 1, customers: 2 },
      { from: 1, to: null, customers: 1 },
    ];
    const option = binsOption(bins, (value) => formats.decimal(value), formats, {
      axis: '预计购买次数',
      customers: '客户数',
    });
    expect(series(option)[0]?.data).toEqual([7, 2, 1]);
    expect((option.xAxis as { data: string[] }).data).toEqual(['0–0.5', '0.5–1', '1+']);
  });
});

describe('the value matrix', () => {
  const matrix = {
    aliveBands: [0, 0.3, 0.7, 1],
    potentialBands: [0, 50, 80, 100],
    customers: [
      [40, 12, 5],
      [20, 9, 6],
      [10, 8, 15],
    ],
  };

  it('puts each count at its CLV band (x) and P(alive) band (y)', () => {
    const option = valueMatrixOption(matrix, formats, {
      rows: ['0–30%', '30–70%', '70–100%'],
      columns: ['后 50%', '前 20–50%', '前 20%'],
      rowAxis: '仍活跃概率',
      columnAxis: '客户价值',
    });
    const [heatmap] = series(option);
    expect(heatmap?.type).toBe('heatmap');
    const cells = heatmap?.data as [number, number, number][];
    expect(cells).toHaveLength(9);
    // Top 20% by value and under 30% alive: the win-back cell, bottom right.
    expect(cells).toContainEqual([2, 0, 5]);
    expect(cells).toContainEqual([2, 2, 15]);
    expect((option.visualMap as { max: number }).max).toBe(40);
  });
});

describe('the holdout report', () => {
  const holdout: HoldoutReport = {
    calibrationEnd: '2026-05-01',
    holdoutEnd: '2026-11-01',
    holdoutDays: 184,
    customers: 300,
    rows: [
      { frequency: 0, orMore: false, customers: 200, actual: 0.1, expected: 0.12 },
      { frequency: 1, orMore: false, customers: 60, actual: 0.4, expected: 0.35 },
      { frequency: 2, orMore: true, customers: 40, actual: 0.9, expected: 1.1 },
    ],
    totalActual: 80,
    totalExpected: 87.4,
  };

  it('labels the last calibration frequency "N+" when it gathers the rest', () => {
    expect(holdout.rows.map((row) => frequencyLabel(row, formats))).toEqual(['0', '1', '2+']);
  });

  it('draws actual means as bars and expected means as a line', () => {
    const option = holdoutOption(holdout, formats, { axis: '次数', actual: '实际', expected: '预计' });
    const [actual, expected] = series(option);
    expect(actual).toMatchObject({ type: 'bar', name: '实际', data: [0.1, 0.4, 0.9] });
    expect(expected).toMatchObject({ type: 'line', name: '预计', data: [0.12, 0.35, 1.1] });
  });
});

describe('prediction warnings', () => {
  it('quotes the warning’s figures in the reader’s format', () => {
    const warning = { code: 'few_repeat_buyers' as const, values: { repeatBuyers: 1234, minimum: 100 } };
    expect(warningTitle(warning)).toBe('fewRepeatBuyers');
    expect(warningMessage(warning)).toBe('fewRepeatBuyers');
    expect(warningValues(warning, formats)).toEqual({ repeatBuyers: '1,234', minimum: '100' });
  });

  it('says the parameters’ uncertainty has no figure when the standard errors are missing', () => {
    expect(warningMessage({ code: 'uncertain_parameters', values: {} })).toBe('uncertainParametersUnknown');
    expect(warningMessage({ code: 'uncertain_parameters', values: { relativeError: 0.8 } })).toBe(
      'uncertainParameters',
    );
  });
});

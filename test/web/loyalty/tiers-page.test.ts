import { describe, expect, it } from 'vitest';
import { type Draft, draftOf, inputOf } from '../../../web/src/pages/loyalty/tiers/draft.js';
import { distributionOption, movementOption } from '../../../web/src/pages/loyalty/tiers/options.js';

// The tiers page's pure parts: which drafts it asks a what-if for, and its two charts.

const tier = (key: string, name: string, minSpent: number, minOrders: number) => ({
  key,
  name,
  minSpent,
  minOrders,
  pricePercent: 100,
  benefits: '',
});

const series = (option: unknown) => (option as { series: { name: string; data: number[] }[] }).series;

describe('inputOf', () => {
  const draft: Draft = {
    basis: 'spend',
    period: '12m',
    tiers: [tier('a', ' 银卡 ', 10_000, 9), tier('b', '金卡', 50_000, 1)],
  };

  it('asks with trimmed names, and ignores orders going down when the basis is spend', () => {
    expect(inputOf(draft)).toEqual({
      basis: 'spend',
      period: '12m',
      tiers: [
        { name: '银卡', minSpent: 10_000, minOrders: 9, pricePercent: 100, benefits: '' },
        { name: '金卡', minSpent: 50_000, minOrders: 1, pricePercent: 100, benefits: '' },
      ],
    });
  });

  it('asks nothing when the basis makes a threshold fall, a name is empty, or two names repeat', () => {
    expect(inputOf({ ...draft, basis: 'both' })).toBeNull();
    expect(
      inputOf({ ...draft, tiers: [tier('a', '银卡', 50_000, 1), tier('b', '金卡', 50_000, 2)] }),
    ).toBeNull();
    expect(inputOf({ ...draft, tiers: [tier('a', ' ', 1, 1)] })).toBeNull();
    expect(inputOf({ ...draft, tiers: [tier('a', '卡', 1, 1), tier('b', '卡', 2, 2)] })).toBeNull();
    expect(inputOf({ ...draft, tiers: [] })).toBeNull();
  });

  it('keeps the ids of saved tiers', () => {
    const saved = draftOf({
      basis: 'orders',
      period: 'all',
      tiers: [
        {
          id: 7,
          rank: 0,
          name: '银卡',
          minSpent: 0,
          minOrders: 2,
          pricePercent: 98,
          benefits: '包邮',
          members: 3,
        },
      ],
      noTier: 1,
      appliedAt: null,
      updatedAt: 0,
      updatedBy: 'owner',
    });
    expect(inputOf(saved)?.tiers).toEqual([
      { id: 7, name: '银卡', minSpent: 0, minOrders: 2, pricePercent: 98, benefits: '包邮' },
    ]);
  });
});

describe('the tier charts', () => {
  it('draws now and the proposal side by side, and only now without a proposal', () => {
    const labels = { now: '当前', proposed: '调整后' };
    const both = distributionOption(['银卡', '未达等级'], [3, 1], [2, 2], labels);
    expect(series(both).map((s) => [s.name, s.data])).toEqual([
      ['当前', [3, 1]],
      ['调整后', [2, 2]],
    ]);
    expect(series(distributionOption(['银卡'], [3], null, labels))).toHaveLength(1);
  });

  it('draws ups above the axis and downs below, red for up in Chinese', () => {
    const option = movementOption(
      [
        { at: 1, up: 6, down: 0 },
        { at: 2, up: 1, down: 2 },
      ],
      (at) => `#${at}`,
      { up: '升级', down: '降级' },
      'zh-CN',
    );
    expect(series(option).map((s) => s.data)).toEqual([
      [6, 1],
      [0, -2],
    ]);
    expect((option as { color: string[] }).color[0]).toBe('#cf1322');
  });
});

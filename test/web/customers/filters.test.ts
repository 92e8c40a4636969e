import { describe, expect, it } from 'vitest';
import {
  activeFilterCount,
  listParams,
  readListState,
  writeListState,
} from '../../../web/src/pages/customers/list/filters.js';
import { totalText } from '../../../web/src/pages/customers/list/total.js';

describe('the customer list address', () => {
  describe('a plain list', () => {
    it('reads as the API defaults and writes back as no parameters at all', () => {
      const state = readListState(new URLSearchParams());
      expect(state).toEqual({
        filters: expect.objectContaining({ tags: [] }),
        sort: 'lastOrderAt',
        order: 'desc',
        page: 1,
        pageSize: 20,
      });
      expect(writeListState(state).toString()).toBe('');
      expect(activeFilterCount(state.filters)).toBe(0);
    });
  });

  describe('filters, sort and page', () => {
    const address =
      'q=%E5%B0%8F%E6%BB%A1&province=%E6%B5%99%E6%B1%9F%E7%9C%81&tags=VIP%2C%E5%AE%9D%E5%A6%88%E7%BE%A4&lastOrderFrom=2026-01-01&spentMin=50000&ordersMax=3&consent=sms&sort=totalSpent&order=asc&page=3&pageSize=50';

    it('reads every field in the API’s names and units (spend in fen)', () => {
      const state = readListState(new URLSearchParams(address));
      expect(state.filters).toMatchObject({
        q: '小满',
        province: '浙江省',
        tags: ['VIP', '宝妈群'],
        lastOrderFrom: '2026-01-01',
        spentMin: 50_000,
        ordersMax: 3,
        consent: 'sms',
      });
      expect(state).toMatchObject({ sort: 'totalSpent', order: 'asc', page: 3, pageSize: 50 });
      expect(activeFilterCount(state.filters)).toBe(6);
    });

    it('writes back the same address, and asks the API with the same fields', () => {
      const state = readListState(new URLSearchParams(address));
      const sorted = (params: URLSearchParams) =>
        [...params.entries()].sort(([a], [b]) => a.localeCompare(b));
      expect(sorted(writeListState(state))).toEqual(sorted(new URLSearchParams(address)));
      expect(readListState(writeListState(state))).toEqual(state);
      expect(listParams(state)).toMatchObject({
        q: '小满',
        tags: 'VIP,宝妈群',
        spentMin: 50_000,
        sort: 'totalSpent',
        order: 'asc',
        page: 3,
        pageSize: 50,
      });
    });
  });

  describe('prediction filters', () => {
    it('reads P(alive) as 0..1 and the CLV top share as a whole percentage, and writes them back', () => {
      const state = readListState(new URLSearchParams('pAliveMax=0.3&clvTopPercent=20'));
      expect(state.filters).toMatchObject({ pAliveMax: 0.3, clvTopPercent: 20 });
      expect(state.filters.pAliveMin).toBeUndefined();
      expect(activeFilterCount(state.filters)).toBe(2);
      expect(writeListState(state).toString()).toBe('pAliveMax=0.3&clvTopPercent=20');
      expect(listParams(state)).toMatchObject({ pAliveMax: 0.3, clvTopPercent: 20 });
      const winBack = readListState(new URLSearchParams('pAliveMax=0.3&potentialTopPercent=20'));
      expect(listParams(winBack)).toMatchObject({ pAliveMax: 0.3, potentialTopPercent: 20 });
      expect(writeListState(winBack).toString()).toBe('pAliveMax=0.3&potentialTopPercent=20');
    });

    it('drops a probability above 1 and a top share outside 1–100', () => {
      const state = readListState(new URLSearchParams('pAliveMin=1.5&pAliveMax=-0.2&clvTopPercent=0'));
      expect(state.filters.pAliveMin).toBeUndefined();
      expect(state.filters.pAliveMax).toBeUndefined();
      expect(state.filters.clvTopPercent).toBeUndefined();
      expect(readListState(new URLSearchParams('clvTopPercent=101')).filters.clvTopPercent).toBeUndefined();
    });
  });

  describe('a hand-edited address', () => {
    it('drops what the API would refuse instead of failing the whole list', () => {
      const state = readListState(
        new URLSearchParams(
          'firstOrderFrom=yesterday&spentMin=-5&consent=fax&sort=nick&order=up&page=0&pageSize=7',
        ),
      );
      expect(state.filters.firstOrderFrom).toBeUndefined();
      expect(state.filters.spentMin).toBeUndefined();
      expect(state.filters.consent).toBeUndefined();
      expect(state).toMatchObject({ sort: 'lastOrderAt', order: 'desc', page: 1, pageSize: 20 });
    });
  });
});

describe('the list total', () => {
  it('shows a capped count with a plus: 10,000+', () => {
    expect(totalText(10_000, true, 'zh-CN')).toBe('10,000+');
    expect(totalText(10_000, false, 'en')).toBe('10,000');
    expect(totalText(1_234, false, 'zh-CN')).toBe('1,234');
  });
});

import { describe, expect, it } from 'vitest';
import type { CustomerProfile } from '../../../src/customers/schemas.js';
import {
  toEditValues,
  toPatch,
  validBirthday,
} from '../../../web/src/pages/customers/profile/edit-values.js';

const profile: CustomerProfile = {
  id: 7,
  nick: '小满妈妈',
  name: '王静',
  phone: '138****1234',
  email: null,
  province: '浙江省',
  city: '杭州市',
  tags: ['宝妈群'],
  orderCount: 3,
  totalSpent: 45_600,
  firstOrderAt: 1_700_000_000_000,
  lastOrderAt: 1_760_000_000_000,
  consent: { sms: true, email: null, wechat: null, call: false },
  erased: false,
  customerKey: '小满妈妈',
  gender: 'female',
  birthday: { year: null, month: 3, day: 8 },
  age: null,
  address: '浙江省 杭州市 西湖区 ****',
  district: '西湖区',
  occupation: null,
  creditLevel: '3钻',
  preferences: { 宝宝出生: '2025-05' },
  notes: null,
  itemCount: 5,
  source: 'import',
  createdAt: 1_700_000_000_000,
  updatedAt: 1_760_000_000_000,
  mergedIntoId: null,
  personalDataMasked: true,
  canReveal: true,
  scores: null,
  prediction: null,
};

describe('the profile edit form', () => {
  describe('saved unchanged', () => {
    it('makes an empty patch', () => {
      expect(toPatch(profile, undefined, toEditValues(profile, undefined))).toEqual({});
    });
  });

  describe('with a preference added', () => {
    it('sends the whole set of preferences and nothing else', () => {
      const values = toEditValues(profile, undefined);
      const patch = toPatch(profile, undefined, {
        ...values,
        preferences: [...(values.preferences ?? []), { key: ' 颜色 ', value: '藏青 ' }],
      });
      expect(patch).toEqual({ preferences: { 宝宝出生: '2025-05', 颜色: '藏青' } });
    });
  });

  describe('with the phone masked and not revealed', () => {
    it('never sends the masked phone or address, even if the field holds something else', () => {
      const values = toEditValues(profile, undefined);
      expect(toPatch(profile, undefined, { ...values, phone: '13800000000', address: 'x' })).toEqual({});
    });
  });

  describe('with the full phone revealed', () => {
    it('starts from the full values and sends a changed phone', () => {
      const revealed = { phone: '13812341234', address: '浙江省杭州市西湖区文三路 1 号' };
      const values = toEditValues(profile, revealed);
      expect(values.phone).toBe('13812341234');
      expect(toPatch(profile, revealed, values)).toEqual({});
      expect(toPatch(profile, revealed, { ...values, phone: '13912345678' })).toEqual({
        phone: '13912345678',
      });
    });
  });

  describe('with cleared text, consent and birthday changes', () => {
    it('sends null for a cleared field, only the changed consent channels, and the birthday', () => {
      const values = toEditValues(profile, undefined);
      const patch = toPatch(profile, undefined, {
        ...values,
        creditLevel: '  ',
        gender: 'unknown',
        consent: { ...values.consent, email: 'allowed', call: 'unknown' },
        birthYear: 1990,
        tags: ['宝妈群', ' 回访名单 ', '回访名单'],
      });
      expect(patch).toEqual({
        creditLevel: null,
        gender: null,
        consent: { email: true, call: null },
        birthday: { year: 1990, month: 3, day: 8 },
        tags: ['宝妈群', '回访名单'],
      });
    });
  });
});

describe('validBirthday', () => {
  it('takes 29 February without a year or in a leap year, not in other years', () => {
    expect(validBirthday(null, 2, 29)).toBe(true);
    expect(validBirthday(2000, 2, 29)).toBe(true);
    expect(validBirthday(1990, 2, 29)).toBe(false);
  });

  it('refuses a day past the month’s end', () => {
    expect(validBirthday(null, 4, 31)).toBe(false);
    expect(validBirthday(null, 12, 31)).toBe(true);
  });
});

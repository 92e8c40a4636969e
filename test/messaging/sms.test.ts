import { describe, expect, it } from 'vitest';
import { Random } from '../../src/demo/random.js';
import { isOptOutReply } from '../../src/messaging/opt-out.js';
import { composeSms, smsEncoding, smsLength, splitSms } from '../../src/messaging/sms-length.js';
import { parseTemplate, renderTemplate, TemplateError } from '../../src/messaging/templates.js';

// SMS length as carriers bill it, opt-out replies, and templates.

describe('SMS length', () => {
  it('bills Chinese carriers by characters: 70 for one message, 67 a part after that', () => {
    const text = composeSms('【老客母婴】', '亲，您的会员积分即将到期，点击领取双十一专享券', '拒收请回复R');
    expect(text).toBe('【老客母婴】亲，您的会员积分即将到期，点击领取双十一专享券，拒收请回复R');
    expect(smsLength(text, 'china')).toEqual({
      encoding: 'china',
      units: 36,
      parts: 1,
      perPart: 70,
      remaining: 34,
    });
    expect(smsLength('好'.repeat(70), 'china').parts).toBe(1);
    expect(smsLength('好'.repeat(71), 'china')).toMatchObject({ parts: 2, perPart: 67, remaining: 63 });
    expect(smsLength('好'.repeat(134), 'china').parts).toBe(2);
    expect(smsLength('好'.repeat(135), 'china').parts).toBe(3);
    // An emoji is one character to a Chinese carrier
    expect(smsLength('🎁'.repeat(70), 'china').parts).toBe(1);
  });

  it('packs GSM 7-bit texts in 160 septets, 153 a part; extension characters take two', () => {
    expect(smsEncoding('Hello, your order is on its way!', 'gsm')).toBe('gsm7');
    expect(smsLength('a'.repeat(160), 'gsm')).toMatchObject({ encoding: 'gsm7', units: 160, parts: 1 });
    expect(smsLength('a'.repeat(161), 'gsm')).toMatchObject({ parts: 2, perPart: 153 });
    expect(smsLength('€'.repeat(80), 'gsm')).toMatchObject({ units: 160, parts: 1 });
    expect(smsLength('€'.repeat(81), 'gsm').parts).toBe(2);
    // An escape pair never straddles two parts: 152 septets then a € moves to the next part
    const parts = splitSms(`${'a'.repeat(152)}€${'b'.repeat(10)}`, 'gsm');
    expect(parts[0]).toBe('a'.repeat(152));
    expect(parts[1]!.startsWith('€')).toBe(true);
  });

  it('turns the whole text into UCS-2 for one character outside the GSM alphabet', () => {
    expect(smsEncoding('Your code is 1234 — thanks', 'gsm')).toBe('ucs2');
    expect(smsLength(`${'a'.repeat(69)}好`, 'gsm')).toMatchObject({ encoding: 'ucs2', units: 70, parts: 1 });
    expect(smsLength(`${'a'.repeat(70)}好`, 'gsm')).toMatchObject({ parts: 2, perPart: 67 });
    // A character outside the BMP is two UTF-16 units, and is never split
    const parts = splitSms(`${'好'.repeat(66)}🎁${'好'.repeat(5)}`, 'gsm');
    expect(parts[0]).toBe('好'.repeat(66));
    expect(parts[1]!.startsWith('🎁')).toBe(true);
  });

  it('splits any text into parts that join back to it and each fit, as many as smsLength bills', () => {
    const random = new Random(17);
    const alphabet = ['a', 'Z', ' ', '€', '{', '好', '券', '🎁', 'é', '\n', '1'];
    for (let k = 0; k < 300; k++) {
      const length = random.int(0, 400);
      const text = Array.from({ length }, () => random.pick(alphabet)).join('');
      for (const billing of ['china', 'gsm'] as const) {
        const parts = splitSms(text, billing);
        const length = smsLength(text, billing);
        expect(parts.join('')).toBe(text);
        expect(parts).toHaveLength(length.parts);
        const encoding = smsEncoding(text, billing);
        const size = (part: string) =>
          Array.from(part).reduce(
            (s, ch) =>
              s +
              (encoding === 'china'
                ? 1
                : encoding === 'gsm7'
                  ? '^{}\\[~]|€\f'.includes(ch)
                    ? 2
                    : 1
                  : ch.length),
            0,
          );
        const limit = parts.length === 1 ? (encoding === 'gsm7' ? 160 : 70) : encoding === 'gsm7' ? 153 : 67;
        for (const part of parts) expect(size(part)).toBeLessThanOrEqual(limit);
        // No part could have taken the next one's first character
        for (let p = 0; p + 1 < parts.length; p++) {
          expect(size(parts[p]!) + size(Array.from(parts[p + 1]!)[0]!)).toBeGreaterThan(limit);
        }
      }
    }
  });
});

describe('opt-out replies', () => {
  it('recognises R, T, TD, N, 退订 and 拒收 however they are typed', () => {
    for (const reply of [
      'R',
      'r',
      ' T ',
      'td',
      'TD。',
      'Ｔ',
      'ｔｄ',
      'N',
      '退订',
      ' 退订！',
      '拒收',
      'STOP',
    ]) {
      expect(isOptOutReply(reply), reply).toBe(true);
    }
  });

  it('does not take a sentence that mentions one for an opt-out', () => {
    for (const reply of ['', '好的', 'Thanks', '怎么退订', 'TDD', 'R2', '不要退订']) {
      expect(isOptOutReply(reply), reply).toBe(false);
    }
  });
});

describe('templates', () => {
  it('fills Chinese and English variables per customer, with fallbacks for missing values', () => {
    const template = parseTemplate('{姓名|亲}，{store}送您{券面额}元券：{券码}。会员等级：{tier}');
    expect(template.variables).toEqual(['name', 'store', 'couponValue', 'coupon', 'tier']);
    expect(
      renderTemplate(template, {
        name: '王芳',
        store: '老客母婴',
        couponValue: 20,
        coupon: 'A1B2',
        tier: '金卡',
      }),
    ).toBe('王芳，老客母婴送您20元券：A1B2。会员等级：金卡');
    expect(
      renderTemplate(template, { name: ' ', store: '老客母婴', couponValue: 20, coupon: 'A1B2', tier: null }),
    ).toBe('亲，老客母婴送您20元券：A1B2。会员等级：');
    expect(renderTemplate(parseTemplate('{{literal}} {昵称}'), { nick: 'tb_123' })).toBe('{literal} tb_123');
  });

  it('refuses unknown variables and unbalanced braces, saying where and what was expected', () => {
    const refused = (source: string) => {
      try {
        parseTemplate(source);
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateError);
        return (error as TemplateError).message;
      }
      throw new Error(`accepted ${source}`);
    };
    expect(refused('您好 {手机号}')).toMatch(
      /Unknown variable \{手机号\} at position 4: expected one of \{姓名\} \/ \{name\}/,
    );
    expect(refused('您好 {姓名')).toContain('never closed');
    expect(refused('您好 }')).toContain('closes nothing');
  });
});

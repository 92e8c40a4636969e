import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRegion } from '../../src/orders/parse/address.js';
import { cleanCell, cleanOrderNumber, optionalText, phoneOf } from '../../src/orders/parse/cells.js';
import { LocalTime, parseTime } from '../../src/orders/parse/datetime.js';
import { parseMoney } from '../../src/orders/parse/money.js';

describe('parseMoney', () => {
  it.each([
    ['1299', 129_900],
    ['1,299.00', 129_900],
    ['¥1,299.00', 129_900],
    ['￥ 1299.5', 129_950],
    ['$12.34', 1_234],
    ['1299元', 129_900],
    ['RMB 0.01', 1],
    ['0', 0],
    ['12.300', 1_230],
  ])('reads %s as %i fen', (text, fen) => {
    expect(parseMoney(text)).toEqual({ fen });
  });

  it('reads spreadsheet numbers, ignoring float noise', () => {
    expect(parseMoney(12.3)).toEqual({ fen: 1_230 });
    expect(parseMoney(0.1 + 0.2)).toEqual({ fen: 30 });
  });

  it('answers null for an empty cell', () => {
    expect(parseMoney('  ')).toBeNull();
  });

  it.each(['-12.00', '12.345', 'abc', '1,29.00', '12..3', '¥', '1e5'])('refuses %s with a reason', (text) => {
    const result = parseMoney(text);
    expect(result).toHaveProperty('error');
  });

  it('round-trips every whole-fen amount written with thousands separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (fen) => {
        const yuan = Math.floor(fen / 100).toLocaleString('en-US');
        const text = `¥${yuan}.${String(fen % 100).padStart(2, '0')}`;
        expect(parseMoney(text)).toEqual({ fen });
      }),
    );
  });
});

describe('parseTime', () => {
  const shanghai = new LocalTime('Asia/Shanghai');
  const utc = (iso: string) => ({ at: Date.parse(iso) });

  it.each([
    ['2023-01-05 09:03:00', '2023-01-05T01:03:00Z'],
    ['2023/1/5 9:03', '2023-01-05T01:03:00Z'],
    ['2023-01-05', '2023-01-04T16:00:00Z'],
    ['2023-01-05T09:03:00+08:00', '2023-01-05T01:03:00Z'],
    ['2023-01-05 09:03:00 +0800', '2023-01-05T01:03:00Z'],
    ['2023-01-05 09:03:00 -0500', '2023-01-05T14:03:00Z'],
    ['20230105', '2023-01-04T16:00:00Z'],
    ['44931.377083333333', '2023-01-05T01:03:00Z'],
  ])('reads %s in Asia/Shanghai', (text, iso) => {
    expect(parseTime(text, shanghai)).toEqual(utc(iso));
  });

  it('reads an Excel serial given as a number', () => {
    expect(parseTime(44_931.5, shanghai)).toEqual(utc('2023-01-05T04:00:00Z'));
  });

  it('follows daylight saving in America/New_York', () => {
    const newYork = new LocalTime('America/New_York');
    expect(parseTime('2026-07-01 12:00', newYork)).toEqual(utc('2026-07-01T16:00:00Z'));
    expect(parseTime('2026-01-01 12:00', newYork)).toEqual(utc('2026-01-01T17:00:00Z'));
  });

  it.each(['2023-02-30 10:00', '2023-13-01', 'yesterday', '12345', '1899-12-31', '2023-01-05 25:00'])(
    'refuses %s',
    (text) => {
      expect(parseTime(text, shanghai)).toHaveProperty('error');
    },
  );
});

describe('cells', () => {
  it('unwraps the ="…" Excel guard of order numbers, keeping all 19 digits', () => {
    expect(cleanOrderNumber('="3000000000000001000"')).toBe('3000000000000001000');
    expect(cleanOrderNumber('\t3000000000000001000')).toBe('3000000000000001000');
    expect(cleanOrderNumber("'3000000000000001000")).toBe('3000000000000001000');
  });

  it('keeps formula-like text as text', () => {
    expect(cleanCell('=SUM(A1:A9)')).toBe('=SUM(A1:A9)');
    expect(cleanCell('@cmd')).toBe('@cmd');
  });

  it('treats placeholders as empty', () => {
    expect([optionalText(''), optionalText('null'), optionalText(' - '), optionalText('无')]).toEqual([
      null,
      null,
      null,
      null,
    ]);
  });

  it('recognises masked phones', () => {
    expect(phoneOf('138****1234')).toEqual({ phone: '138****1234', last4: '1234', masked: true });
    expect(phoneOf("'13812345678")).toEqual({ phone: '13812345678', last4: '5678', masked: false });
    expect(phoneOf('')).toBeNull();
  });
});

describe('parseRegion', () => {
  it.each([
    ['浙江省 杭州市 西湖区 文三路123号(310012)', '浙江省', '杭州市', '西湖区'],
    ['浙江省杭州市西湖区文三路123号', '浙江省', '杭州市', '西湖区'],
    ['上海 上海市 浦东新区 世纪大道1号', '上海', '上海市', '浦东新区'],
    ['北京市朝阳区建国路88号', '北京', '北京市', '朝阳区'],
    ['重庆 重庆市 渝北区 xx路', '重庆', '重庆市', '渝北区'],
    ['广西壮族自治区 南宁市 青秀区 民族大道', '广西壮族自治区', '南宁市', '青秀区'],
    ['新疆维吾尔自治区乌鲁木齐市天山区', '新疆维吾尔自治区', '乌鲁木齐市', '天山区'],
  ])('splits %s', (address, province, city, district) => {
    expect(parseRegion(address)).toEqual({ province, city, district });
  });

  it('gives nothing for an address it cannot place', () => {
    expect(parseRegion('123 Main Street')).toEqual({ province: null, city: null, district: null });
    expect(parseRegion(null)).toEqual({ province: null, city: null, district: null });
  });
});

import { describe, expect, it } from 'vitest';
import { fixedClock, instant, isValidTimeZone, monthsEndingAt } from '../../src/shared/time.js';

describe('monthsEndingAt', () => {
  it('bounds months at local midnight in Asia/Shanghai (UTC+8)', () => {
    const months = monthsEndingAt(instant(Date.UTC(2026, 10, 24, 2)), 'Asia/Shanghai', 2);
    expect(months.map((m) => m.key)).toEqual(['2026-10', '2026-11']);
    expect(new Date(months[1]!.start).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(new Date(months[1]!.end).toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });

  it('follows daylight saving in America/New_York', () => {
    const [march] = monthsEndingAt(instant(Date.UTC(2026, 2, 20)), 'America/New_York', 1);
    expect(new Date(march!.start).toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(new Date(march!.end).toISOString()).toBe('2026-04-01T04:00:00.000Z');
  });

  it('puts an instant just after local midnight in the new month', () => {
    const [november] = monthsEndingAt(instant(Date.UTC(2026, 9, 31, 16, 30)), 'Asia/Shanghai', 1);
    expect(november!.key).toBe('2026-11');
  });
});

describe('time zones and clocks', () => {
  it('knows IANA names and refuses others', () => {
    expect(isValidTimeZone('Asia/Shanghai')).toBe(true);
    expect(isValidTimeZone('Beijing')).toBe(false);
  });

  it('lets tests pin and advance now', () => {
    const clock = fixedClock(1_000);
    clock.advance(500);
    expect(clock.now()).toBe(1_500);
  });
});

import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/demo/random.js';
import { frequencyCapCheck, nextSendingTime } from '../../src/messaging/rules.js';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const local = (ms: number, zone: string) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('quiet hours', () => {
  const zone = 'Asia/Shanghai';

  it('sends marketing between 08:00 and 20:00 in the store’s zone and defers the rest to the next 08:00', () => {
    expect(local(nextSendingTime(at('2026-11-11T10:30', zone), zone, 'marketing'), zone)).toBe(
      '2026-11-11T10:30',
    );
    expect(local(nextSendingTime(at('2026-11-11T07:59', zone), zone, 'marketing'), zone)).toBe(
      '2026-11-11T08:00',
    );
    expect(local(nextSendingTime(at('2026-11-11T20:00', zone), zone, 'marketing'), zone)).toBe(
      '2026-11-12T08:00',
    );
    expect(local(nextSendingTime(at('2026-11-11T23:59', zone), zone, 'marketing'), zone)).toBe(
      '2026-11-12T08:00',
    );
    // A shipping notice at midnight goes at once
    expect(nextSendingTime(at('2026-11-12T00:10', zone), zone, 'transactional')).toBe(
      at('2026-11-12T00:10', zone),
    );
    // The store's own window
    expect(
      local(
        nextSendingTime(at('2026-11-11T21:30', zone), zone, 'marketing', { start: '09:30', end: '21:00' }),
        zone,
      ),
    ).toBe('2026-11-12T09:30');
  });

  it('follows the zone across a daylight-saving change', () => {
    const ny = 'America/New_York';
    // The night clocks go back (2026-11-01): 22:00 EDT is deferred to 08:00 EST
    const deferred = nextSendingTime(at('2026-10-31T22:00', ny), ny, 'marketing');
    expect(local(deferred, ny)).toBe('2026-11-01T08:00');
    expect(deferred - at('2026-10-31T22:00', ny)).toBe(11 * 3_600_000);
  });

  it('never returns a time earlier than asked or outside the window (random instants and zones)', () => {
    const random = new Random(3);
    for (const zone of ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe']) {
      for (let k = 0; k < 300; k++) {
        const asked = Date.UTC(2026, 0, 1) + Math.floor(random.next() * 365 * 86_400_000);
        const next = nextSendingTime(asked, zone, 'marketing');
        expect(next).toBeGreaterThanOrEqual(asked);
        const { hour } = DateTime.fromMillis(next, { zone });
        expect(hour >= 8 && hour < 20, `${zone} ${new Date(asked).toISOString()}`).toBe(true);
        expect(next - asked).toBeLessThanOrEqual(13 * 3_600_000);
      }
    }
  });

  it('refuses a malformed or inverted window', () => {
    expect(() => nextSendingTime(0, 'Asia/Shanghai', 'marketing', { start: '8:00', end: '20:00' })).toThrow(
      /HH:mm/,
    );
    expect(() => nextSendingTime(0, 'Asia/Shanghai', 'marketing', { start: '20:00', end: '08:00' })).toThrow(
      /end after it starts/,
    );
  });
});

describe('frequency cap', () => {
  const DAY = 86_400_000;

  it('allows two marketing messages in seven days, and says when a third may go', () => {
    const now = 100 * DAY;
    expect(frequencyCapCheck([], now)).toEqual({ allowed: true });
    expect(frequencyCapCheck([now - 3 * DAY], now)).toEqual({ allowed: true });
    expect(frequencyCapCheck([now - 3 * DAY, now - DAY], now)).toEqual({
      allowed: false,
      freesAt: now + 4 * DAY,
    });
    // Messages older than the window do not count
    expect(frequencyCapCheck([now - 8 * DAY, now - DAY], now)).toEqual({ allowed: true });
    expect(frequencyCapCheck([now - 2 * DAY, now - DAY], now, { messages: 3, days: 30 })).toEqual({
      allowed: true,
    });
  });

  it('agrees with counting by hand at the moment the cap frees', () => {
    const random = new Random(9);
    for (let k = 0; k < 200; k++) {
      const now = 1_000 * DAY;
      const sent = Array.from({ length: random.int(0, 6) }, () => now - Math.floor(random.next() * 10 * DAY));
      const check = frequencyCapCheck(sent, now);
      const inWindow = (t: number) => sent.filter((s) => s > t - 7 * DAY && s <= t).length;
      expect(check.allowed).toBe(inWindow(now) < 2);
      if (!check.allowed) {
        expect(inWindow(check.freesAt)).toBe(1);
        expect(inWindow(check.freesAt - 1)).toBe(2);
      }
    }
  });
});

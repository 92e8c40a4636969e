import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { startOfLocalDay } from '../../../src/shared/time.js';
import { instantOfPicked, pickerValueOf } from '../../../web/src/format/picker-time.js';
import { dayKey, instantOfWallClock, wallClockOf } from '../../../web/src/format/time.js';

// The schedule pickers in the store's time zone, whatever the browser's: the conversion checked
// against luxon (the server's src/shared/time.ts) in zones with and without daylight saving, with
// the "browser" (process.env.TZ) in another zone.

const zones = ['Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata'];
const browserZones = ['America/New_York', 'Asia/Shanghai', 'UTC', 'Pacific/Chatham'];
const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

/** Every 7 hours 13 minutes 11 seconds over 2026: every hour of the day, both DST changes. */
const instants = Array.from(
  { length: 1_300 },
  (_, i) => Date.UTC(2026, 0, 1) + i * (7 * 3_600_000 + 13 * 60_000 + 11_000),
);

describe('wallClockOf and instantOfWallClock', () => {
  it('read an instant as luxon does, in every zone', () => {
    for (const zone of zones)
      for (const at of instants) {
        const luxon = DateTime.fromMillis(at, { zone });
        expect(wallClockOf(at, zone), `${zone} ${at}`).toEqual({
          year: luxon.year,
          month: luxon.month,
          day: luxon.day,
          hour: luxon.hour,
          minute: luxon.minute,
          second: luxon.second,
        });
      }
  });

  it('turn a wall clock back into the instant luxon gives, outside daylight-saving changes', () => {
    let checked = 0;
    for (const zone of zones)
      for (const at of instants) {
        const clock = wallClockOf(at, zone);
        const luxon = DateTime.fromObject(clock, { zone });
        // An hour that happens twice (autumn) names two instants; luxon and we may pick either
        if (luxon.offset !== DateTime.fromMillis(at, { zone }).offset) continue;
        expect(instantOfWallClock(clock, zone), `${zone} ${JSON.stringify(clock)}`).toBe(luxon.toMillis());
        checked++;
      }
    expect(checked).toBeGreaterThan(6_000);
  });

  it('puts a time skipped by spring-forward just after the change, as luxon does', () => {
    // 2026-03-08 02:30 does not exist in New York: clocks go from 02:00 to 03:00
    const clock = { year: 2026, month: 3, day: 8, hour: 2, minute: 30, second: 0 };
    expect(instantOfWallClock(clock, 'America/New_York')).toBe(
      DateTime.fromObject(clock, { zone: 'America/New_York' }).toMillis(),
    );
  });

  it('starts the store’s day where the server says it starts', () => {
    for (const zone of zones) {
      const day = { year: 2026, month: 11, day: 24, hour: 0, minute: 0, second: 0 };
      expect(instantOfWallClock(day, zone)).toBe(startOfLocalDay('2026-11-24', zone));
      expect(dayKey(instantOfWallClock(day, zone), zone)).toBe('2026-11-24');
    }
  });
});

describe('pickerValueOf and instantOfPicked', () => {
  it('show the store’s wall clock in a browser elsewhere, and read the pick back as the store’s', () => {
    // 2026-11-24 10:00 in Shanghai is 21:00 the day before in New York
    const tenInShanghai = Date.UTC(2026, 10, 24, 2, 0, 0);
    process.env.TZ = 'America/New_York';
    const shown = pickerValueOf(tenInShanghai, 'Asia/Shanghai');
    expect(shown.format('YYYY-MM-DD HH:mm')).toBe('2026-11-24 10:00');
    expect(shown.valueOf()).not.toBe(tenInShanghai);
    // The operator moves it to 11:30 on the picker's calendar
    const picked = shown.hour(11).minute(30);
    expect(instantOfPicked(picked, 'Asia/Shanghai')).toBe(Date.UTC(2026, 10, 24, 3, 30, 0));
  });

  it('round-trips every instant to the second, for every store zone and browser zone', () => {
    for (const browser of browserZones) {
      process.env.TZ = browser;
      for (const zone of ['Asia/Shanghai', 'Europe/London', 'Asia/Kolkata'])
        for (const at of instants) {
          const whole = at - (at % 1000);
          const value = pickerValueOf(whole, zone);
          // A store time the browser's own clock skips (its spring-forward hour) cannot be shown
          if (value.hour() !== wallClockOf(whole, zone).hour) continue;
          const back = instantOfPicked(value, zone);
          // An hour the store's clock shows twice may come back as its other instant
          expect(wallClockOf(back, zone), `${browser} ${zone} ${whole}`).toEqual(wallClockOf(whole, zone));
        }
    }
  });
});

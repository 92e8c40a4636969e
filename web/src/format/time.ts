// Instants are epoch milliseconds (UTC) on the wire; people read them in the store's time zone.

/** `2026/11/24 15:30` (zh-CN) or `11/24/2026, 15:30` (en) in the given time zone. */
export function formatInstant(at: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
}

/** A calendar day: `2026/11/24`. */
export function formatDay(at: number, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

// A 'yyyy-MM' month key as a date in the middle of that month, so no time zone moves it.
function monthDate(key: string): Date {
  const [year, month] = key.split('-').map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, 15));
}

/** `2026年11月` / `Nov 2026` for a 'yyyy-MM' key. */
export function formatMonth(key: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    monthDate(key),
  );
}

/** `11月` / `Nov` for a 'yyyy-MM' key. */
export function formatMonthShort(key: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(monthDate(key));
}

const unit = (value: number, name: 'hour' | 'minute' | 'second', locale: string, digits = 0) =>
  new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: name,
    unitDisplay: 'short',
    maximumFractionDigits: digits,
  }).format(value);

/** How long something took: `0.4秒`, `2分钟 5秒`, `1小时 3分钟` / `0.4 sec`, `2 min 5 sec`. */
export function formatDuration(ms: number, locale: string): string {
  const seconds = Math.max(0, ms) / 1000;
  // A small file imports in milliseconds; "0 s" would read as "did not run".
  if (seconds < 0.1) return `<${unit(0.1, 'second', locale, 1)}`;
  if (seconds < 60) return unit(seconds, 'second', locale, seconds < 10 ? 1 : 0);
  const whole = Math.round(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  if (hours > 0) return `${unit(hours, 'hour', locale)} ${unit(minutes, 'minute', locale)}`;
  return `${unit(minutes, 'minute', locale)} ${unit(whole % 60, 'second', locale)}`;
}

/** The calendar day of an instant in a time zone, written as the API writes days: `2026-11-24`. */
export function dayKey(at: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const part = (type: 'year' | 'month' | 'day') => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** A `yyyy-MM-dd` day from the API, shown as formatDay shows days: `2026/11/24`. */
export function formatDayKey(key: string, locale: string): string {
  const [year, month, day] = key.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1));
}

/** A wall-clock time: what a clock in some time zone shows. Months run 1–12. */
export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

// Making a formatter costs far more than using one: one per time zone, kept.
const clockFormats = new Map<string, Intl.DateTimeFormat>();
function clockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = clockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    clockFormats.set(timeZone, format);
  }
  return format;
}

/** What a clock in `timeZone` shows at an instant (to the second). */
export function wallClockOf(at: number, timeZone: string): WallClock {
  const parts = clockFormat(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

const asUtc = (clock: WallClock) =>
  Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);

/** How far `timeZone`'s clocks are ahead of UTC at an instant, in milliseconds. */
function offsetAt(at: number, timeZone: string): number {
  const whole = at - (((at % 1000) + 1000) % 1000);
  return asUtc(wallClockOf(whole, timeZone)) - whole;
}

/**
 * The instant a clock in `timeZone` shows `clock`. The zone's offset is looked up at a first guess
 * and again at the instant that gives; near a daylight-saving change the two differ, and the one
 * whose clock reads `clock` wins. A time the change skips lands just after it, as luxon does.
 */
export function instantOfWallClock(clock: WallClock, timeZone: string): number {
  const local = asUtc(clock);
  const first = local - offsetAt(local, timeZone);
  const second = local - offsetAt(first, timeZone);
  if (second === first) return first;
  const shows = (at: number) => asUtc(wallClockOf(at, timeZone)) === local;
  if (shows(second)) return second;
  if (shows(first)) return first;
  return Math.max(first, second);
}

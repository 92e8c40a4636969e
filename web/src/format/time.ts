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

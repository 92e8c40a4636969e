import { DateTime } from 'luxon';

// Instants are UTC epoch milliseconds everywhere: in the database (a bigint column on both
// SQLite and PostgreSQL, so date arithmetic is the same integer arithmetic on both), in memory and
// on the wire. The store's time zone turns them into calendar days and months at the edge.
export type Instant = number & { readonly __brand: 'Instant' };

export const instant = (date: Date | number): Instant =>
  (typeof date === 'number' ? date : date.getTime()) as Instant;

export const DAY_MS = 86_400_000;

/** The source of "now" for services and workers; tests pin it. */
export interface Clock {
  now(): Instant;
}

export const systemClock: Clock = { now: () => Date.now() as Instant };

export function fixedClock(at: Date | number): Clock & { advance(ms: number): void } {
  let current = instant(at);
  return {
    now: () => current,
    advance(ms: number) {
      current = (current + ms) as Instant;
    },
  };
}

/** A calendar month in a store's time zone, with the instants that bound it. */
export interface CalendarMonth {
  readonly key: string; // '2026-11'
  readonly start: Instant;
  readonly end: Instant; // exclusive
}

/** The `count` calendar months up to and including the one containing `at`, oldest first. */
export function monthsEndingAt(at: Instant, timeZone: string, count: number): CalendarMonth[] {
  const current = DateTime.fromMillis(at, { zone: timeZone }).startOf('month');
  const months: CalendarMonth[] = [];
  for (let back = count - 1; back >= 0; back--) {
    const start = current.minus({ months: back });
    months.push({
      key: start.toFormat('yyyy-MM'),
      start: instant(start.toMillis()),
      end: instant(start.plus({ months: 1 }).toMillis()),
    });
  }
  return months;
}

export function isValidTimeZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

/** The instant a calendar day (yyyy-MM-dd) starts in a time zone; null for a day that does not exist. */
export function startOfLocalDay(date: string, timeZone: string): Instant | null {
  const day = DateTime.fromISO(date, { zone: timeZone });
  return day.isValid ? instant(day.startOf('day').toMillis()) : null;
}

/** The calendar day (yyyy-MM-dd) an instant falls on in a time zone. */
export function localDateOf(at: Instant, timeZone: string): string {
  return DateTime.fromMillis(at, { zone: timeZone }).toISODate() ?? '';
}

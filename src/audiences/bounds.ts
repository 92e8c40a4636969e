import type { Instant } from '../shared/time.js';
import { type AudienceCalendar, addDays, dayStartOf, resolveDate } from './dates.js';
import type { Condition, DateBound } from './definition.js';

// What a condition's calendar words mean as numbers: instants for date ranges, birth keys for
// ages, the month for "birthday this month". Both evaluators use these, the SQL compiler
// (compile.ts) and the in-memory one for live counts (snapshot/evaluate.ts), so they cannot drift.

/** The instants [from, to) of a range of local days; undefined ends are open; null: names nothing. */
export function instantRange(
  range: { readonly from?: DateBound | undefined; readonly to?: DateBound | undefined },
  calendar: AudienceCalendar,
): { from?: Instant; to?: Instant } | null {
  const out: { from?: Instant; to?: Instant } = {};
  if (range.from !== undefined) {
    const day = resolveDate(range.from, calendar);
    if (day === null) return null;
    out.from = dayStartOf(day, calendar.timeZone);
  }
  if (range.to !== undefined) {
    const day = resolveDate(range.to, calendar);
    if (day === null) return null;
    dayStartOf(day, calendar.timeZone); // refuses a day that does not exist
    out.to = dayStartOf(addDays(day, 1), calendar.timeZone);
  }
  return out;
}

/** A birthday as one number, yyyymmdd, so "born on or before" is one comparison. */
export function birthKey(year: number, month: number, day: number): number {
  return year * 10_000 + month * 100 + day;
}

/**
 * Age bounds as birth keys: at least `min` years old ⇔ born on or before this day `min` years
 * ago (key ≤ atMost); at most `max` ⇔ born after this day `max + 1` years ago (key > after).
 */
export function ageBirthKeys(
  condition: Extract<Condition, { type: 'age' }>,
  calendar: AudienceCalendar,
): { atMost?: number; after?: number } {
  const [year, month, day] = calendar.today.split('-').map(Number) as [number, number, number];
  const out: { atMost?: number; after?: number } = {};
  if (condition.min !== undefined) out.atMost = birthKey(year - condition.min, month, day);
  if (condition.max !== undefined) out.after = birthKey(year - condition.max - 1, month, day);
  return out;
}

/** The month (1–12) a birthday-month condition names. */
export function birthdayMonthOf(
  condition: Extract<Condition, { type: 'birthdayMonth' }>,
  calendar: AudienceCalendar,
): number {
  const current = Number(calendar.today.slice(5, 7));
  if (condition.month === 'current') return current;
  if (condition.month === 'next') return (current % 12) + 1;
  return condition.month;
}

/**
 * "N days since the last purchase" as instants: it fell on the local day N days before today,
 * so at least `min` days ⇔ before the start of day today − min + 1; at most `max` ⇔ on or after
 * the start of day today − max.
 */
export function daysSinceBounds(
  condition: Extract<Condition, { type: 'daysSinceLastOrder' }>,
  calendar: AudienceCalendar,
): { before?: Instant; since?: Instant } {
  const out: { before?: Instant; since?: Instant } = {};
  if (condition.min !== undefined)
    out.before = dayStartOf(addDays(calendar.today, -condition.min + 1), calendar.timeZone);
  if (condition.max !== undefined)
    out.since = dayStartOf(addDays(calendar.today, -condition.max), calendar.timeZone);
  return out;
}

/** The start of the window "in the last N days" (today counts as the first of them). */
export function withinDaysSince(withinDays: number, calendar: AudienceCalendar): Instant {
  return dayStartOf(addDays(calendar.today, -withinDays + 1), calendar.timeZone);
}

/** Percentiles run 1–100 (100: the top); the top N% are those above this. */
export function percentileFloor(top: number): number {
  return 100 - top;
}

import { DateTime } from 'luxon';
import { promotionPeriods } from '../analytics/new-old.js';
import { dateOfDay, dayOfDate } from '../analytics/purchases.js';
import { LaokeError } from '../shared/errors.js';
import { type Instant, startOfLocalDay } from '../shared/time.js';
import type { PromotionWindow } from '../stores/settings.js';
import type { DateBound } from './definition.js';

// Calendar days for audience conditions. A definition speaks in the store's calendar days
// ("2026-05-01", "180 days ago", "the last promotion's first day"); the SQL compares instants, so
// each day becomes the instant it starts in the store's time zone.

/** Today and the store calendar an audience is evaluated against. */
export interface AudienceCalendar {
  readonly timeZone: string;
  /** yyyy-MM-dd in the store's time zone. */
  readonly today: string;
  /** The store's most recent promotion window that has begun, as local days; null if none. */
  readonly latestPromotion: { readonly from: string; readonly to: string } | null;
}

export function addDays(date: string, days: number): string {
  return dateOfDay(dayOfDate(date) + days);
}

/** The day a bound names, yyyy-MM-dd; null when it names the last promotion and there is none. */
export function resolveDate(bound: DateBound, calendar: AudienceCalendar): string | null {
  if (typeof bound === 'string') return bound;
  if ('daysAgo' in bound) return addDays(calendar.today, -bound.daysAgo);
  if ('monthsAgo' in bound)
    return DateTime.fromISO(calendar.today, { zone: 'UTC' }).minus({ months: bound.monthsAgo }).toISODate()!;
  const window = calendar.latestPromotion;
  if (!window) return null;
  return bound.lastPromotion === 'start' ? window.from : window.to;
}

/** The instant a local day starts; a day that does not exist (2026-02-30) is refused. */
export function dayStartOf(date: string, timeZone: string): Instant {
  const at = startOfLocalDay(date, timeZone);
  if (at === null)
    throw new LaokeError('audience.invalid', `"${date}" is not a calendar day (yyyy-MM-dd).`, { date });
  return at;
}

/** The calendar for `now` in a zone, with the latest of the store's promotion windows. */
export function audienceCalendar(
  now: Instant,
  timeZone: string,
  promotions: readonly PromotionWindow[],
): AudienceCalendar {
  const today = DateTime.fromMillis(now, { zone: timeZone }).toISODate()!;
  const todayDay = dayOfDate(today);
  const begun = promotionPeriods(promotions, todayDay - 2 * 366, todayDay).filter((p) => p.from <= todayDay);
  const latest = begun.at(-1);
  return {
    timeZone,
    today,
    latestPromotion: latest ? { from: dateOfDay(latest.from), to: dateOfDay(latest.to) } : null,
  };
}

// Calendar-day arithmetic for the plan pages, on the API's yyyy-MM-dd days (store-local days, so
// no time zone here: a day is counted as a UTC date). Pure, for the charts and the forms.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a yyyy-MM-dd day. */
export function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Math.round(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) / DAY_MS);
}

/** The yyyy-MM-dd day `days` after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/** A window's length in days, both ends counted (Nov 12–20 is 9). */
export function spanDays(window: { readonly from: string; readonly to: string }): number {
  return daysBetween(window.from, window.to) + 1;
}

/** The month and day (MM-dd) of a day, as own events are stored. */
export function monthDayOf(date: string): string {
  return date.slice(5, 10);
}

/** The phase whose window holds the day, if any. */
export function phaseOn<P extends { readonly from: string; readonly to: string }>(
  phases: readonly P[],
  date: string,
): P | undefined {
  return phases.find((p) => p.from <= date && date <= p.to);
}

/** Every day from `from` to `to`, both included. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++)
    days.push(new Date(n * DAY_MS).toISOString().slice(0, 10));
  return days;
}

/** Where a day stands against a window: before it starts, inside it, or after it ends. */
export function standing(window: { readonly from: string; readonly to: string }, today: string) {
  if (today < window.from) return 'upcoming' as const;
  if (today > window.to) return 'over' as const;
  return 'running' as const;
}

/** A yyyy-MM-dd day as month and day only, for the timeline's axis and phase windows: `11/11`. */
export function formatShortDay(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: '2-digit', day: '2-digit' }).format(
    dayNumber(date) * DAY_MS,
  );
}

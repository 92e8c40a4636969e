import { DateTime } from 'luxon';

// Member days (会员日), pure: days of the month in, calendar dates out. A day past the end of a
// shorter month falls on that month's last day (the 31st is 30 April and 28 or 29 February), so
// "the 31st" is a member day every month, as an operator means it; two days landing on one date
// (the 30th and 31st in February) are one member day.

const monthStart = (month: string) => DateTime.fromISO(`${month}-01`, { zone: 'UTC' });

/** The member-day dates (yyyy-MM-dd) of a month (yyyy-MM), in order. */
export function memberDatesInMonth(days: readonly number[], month: string): string[] {
  const start = monthStart(month);
  const last = start.daysInMonth!;
  const dates = new Set(days.map((day) => start.set({ day: Math.min(day, last) }).toISODate()!));
  return [...dates].sort();
}

/** The first member day on or after `from` (yyyy-MM-dd). */
export function nextMemberDate(days: readonly number[], from: string): string {
  let month = monthStart(from.slice(0, 7));
  // Every month has a member day, so this month or the next one holds it.
  for (let step = 0; step < 2; step++) {
    const found = memberDatesInMonth(days, month.toFormat('yyyy-MM')).find((date) => date >= from);
    if (found) return found;
    month = month.plus({ months: 1 });
  }
  throw new Error(`no member day after ${from} for days ${days.join(',')}`); // unreachable: days is not empty
}

/** The date `daysBefore` calendar days before `date`. */
export function daysBeforeDate(date: string, daysBefore: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).minus({ days: daysBefore }).toISODate()!;
}

/** The month (yyyy-MM) after `month`. */
export function nextMonth(month: string): string {
  return monthStart(month).plus({ months: 1 }).toFormat('yyyy-MM');
}

/** The month (yyyy-MM) before `month`. */
export function previousMonth(month: string): string {
  return monthStart(month).minus({ months: 1 }).toFormat('yyyy-MM');
}

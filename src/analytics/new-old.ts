import type { PromotionWindow } from '../stores/settings.js';
import { dateOfDay, dayOfDate, type Purchases } from './purchases.js';
import type { NewOldRow } from './schemas.js';

// New vs old customers (新老客户) per day, week, month and promotion window. Within a period a
// buyer is new when their first purchase ever falls inside it, old when they had bought before it
// began; all their orders in the period count on that side. So a customer whose first purchase is
// on 11-03 is new for 11.11 (11-01..11-11) and for November, and old on 11-05 as a day.
//
// One pass over the purchases (sorted by customer, then time): periods only move forward within a
// customer, so a buyer is counted once per period by remembering the last period they were seen in.

/** A span of local days [from, to] with a label. */
export interface Period {
  readonly key: string;
  readonly from: number;
  readonly to: number;
}

export interface Totals {
  readonly newBuyers: Float64Array;
  readonly oldBuyers: Float64Array;
  readonly newOrders: Float64Array;
  readonly oldOrders: Float64Array;
  readonly newRevenue: Float64Array;
  readonly oldRevenue: Float64Array;
}

function totals(n: number): Totals {
  return {
    newBuyers: new Float64Array(n),
    oldBuyers: new Float64Array(n),
    newOrders: new Float64Array(n),
    oldOrders: new Float64Array(n),
    newRevenue: new Float64Array(n),
    oldRevenue: new Float64Array(n),
  };
}

/** Monday of the week holding `day` (day 0, 1970-01-01, was a Thursday). */
export const mondayOf = (day: number) => day - ((((day + 3) % 7) + 7) % 7);

/** Months since 1970-01 of a day. */
export function monthOf(day: number): number {
  const date = new Date(day * 86_400_000);
  return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
}

/** monthOf for every day from `from` to `to`, looked up instead of computed per purchase. */
export function monthTableOf(from: number, to: number): Int32Array {
  const table = new Int32Array(Math.max(0, to - from + 1));
  let month = monthOf(from);
  let next = firstDayOfMonth(month + 1);
  for (let d = from; d <= to; d++) {
    if (d >= next) {
      month += 1;
      next = firstDayOfMonth(month + 1);
    }
    table[d - from] = month;
  }
  return table;
}

const firstDayOfMonth = (month: number) =>
  Math.round(Date.UTC(1970 + Math.floor(month / 12), month % 12, 1) / 86_400_000);

export const monthKey = (month: number) =>
  `${1970 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;

/**
 * Splits purchases between new and old customers for periods that tile the timeline: `periodOf`
 * maps a day to a period index (non-decreasing in the day), and there are `count` periods.
 */
export function splitByPeriod(
  purchases: Purchases,
  periodOf: (day: number) => number,
  count: number,
): Totals {
  const out = totals(count);
  const { runStart, day, amount } = purchases;
  for (let k = 0; k < runStart.length - 1; k++) {
    const firstPeriod = periodOf(day[runStart[k]!]!);
    let lastPeriod = -1;
    for (let i = runStart[k]!; i < runStart[k + 1]!; i++) {
      const period = periodOf(day[i]!);
      if (period < 0 || period >= count) continue;
      const isNew = period === firstPeriod;
      if (isNew) {
        out.newOrders[period]! += 1;
        out.newRevenue[period]! += amount[i]!;
      } else {
        out.oldOrders[period]! += 1;
        out.oldRevenue[period]! += amount[i]!;
      }
      if (period !== lastPeriod) {
        if (isNew) out.newBuyers[period]! += 1;
        else out.oldBuyers[period]! += 1;
        lastPeriod = period;
      }
    }
  }
  return out;
}

/** The same split for windows that may overlap or leave gaps (promotions, custom ranges). */
export function splitByWindows(purchases: Purchases, windows: readonly Period[]): Totals {
  const out = totals(windows.length);
  const { runStart, day, amount } = purchases;
  if (windows.length === 0 || purchases.count === 0) return out;
  let minDay = Number.POSITIVE_INFINITY;
  let maxDay = Number.NEGATIVE_INFINITY;
  for (const w of windows) {
    minDay = Math.min(minDay, w.from);
    maxDay = Math.max(maxDay, w.to);
  }
  // Which windows hold each day, as a compressed list (most days hold none).
  const span = maxDay - minDay + 1;
  const start = new Int32Array(span + 1);
  for (const w of windows) for (let d = w.from; d <= w.to; d++) start[d - minDay + 1]! += 1;
  for (let d = 1; d <= span; d++) start[d]! += start[d - 1]!;
  const list = new Int32Array(start[span]!);
  const fill = start.slice(0, span);
  windows.forEach((w, index) => {
    for (let d = w.from; d <= w.to; d++) list[fill[d - minDay]!++] = index;
  });
  const lastSeen = new Int32Array(windows.length).fill(-1);
  for (let k = 0; k < runStart.length - 1; k++) {
    const firstDay = day[runStart[k]!]!;
    for (let i = runStart[k]!; i < runStart[k + 1]!; i++) {
      const d = day[i]! - minDay;
      if (d < 0 || d >= span) continue;
      for (let j = start[d]!; j < start[d + 1]!; j++) {
        const w = list[j]!;
        const isNew = firstDay >= windows[w]!.from;
        if (isNew) {
          out.newOrders[w]! += 1;
          out.newRevenue[w]! += amount[i]!;
        } else {
          out.oldOrders[w]! += 1;
          out.oldRevenue[w]! += amount[i]!;
        }
        if (lastSeen[w] !== k) {
          lastSeen[w] = k;
          if (isNew) out.newBuyers[w]! += 1;
          else out.oldBuyers[w]! += 1;
        }
      }
    }
  }
  return out;
}

const growth = (now: number, before: number | undefined) =>
  before === undefined || before === 0 ? null : (now - before) / before;

/**
 * Rows with the derived figures; `previousYear(i)` gives the index of the same period a year
 * before, or -1.
 */
export function toRows(
  periods: readonly Period[],
  t: Totals,
  previousYear: (index: number) => number,
): NewOldRow[] {
  return periods.map((period, i) => {
    const before = previousYear(i);
    const at = (column: Float64Array) => (before >= 0 ? column[before] : undefined);
    const buyers = t.newBuyers[i]! + t.oldBuyers[i]!;
    const revenue = t.newRevenue[i]! + t.oldRevenue[i]!;
    return {
      period: period.key,
      from: dateOfDay(period.from),
      to: dateOfDay(period.to),
      newBuyers: t.newBuyers[i]!,
      oldBuyers: t.oldBuyers[i]!,
      newOrders: t.newOrders[i]!,
      oldOrders: t.oldOrders[i]!,
      newRevenue: t.newRevenue[i]!,
      oldRevenue: t.oldRevenue[i]!,
      newAov: t.newOrders[i]! > 0 ? t.newRevenue[i]! / t.newOrders[i]! : null,
      oldAov: t.oldOrders[i]! > 0 ? t.oldRevenue[i]! / t.oldOrders[i]! : null,
      oldBuyerShare: buyers > 0 ? t.oldBuyers[i]! / buyers : null,
      oldRevenueShare: revenue > 0 ? Math.min(1, Math.max(0, t.oldRevenue[i]! / revenue)) : null,
      yoy: {
        newBuyers: growth(t.newBuyers[i]!, at(t.newBuyers)),
        oldBuyers: growth(t.oldBuyers[i]!, at(t.oldBuyers)),
        newRevenue: growth(t.newRevenue[i]!, at(t.newRevenue)),
        oldRevenue: growth(t.oldRevenue[i]!, at(t.oldRevenue)),
      },
    };
  });
}

/** Every year's instance of each window, for the years from `firstDay` to `lastDay`. */
export function promotionPeriods(
  windows: readonly PromotionWindow[],
  firstDay: number,
  lastDay: number,
): (Period & { name: string; year: number | null })[] {
  const out: (Period & { name: string; year: number | null })[] = [];
  const firstYear = new Date(firstDay * 86_400_000).getUTCFullYear();
  const lastYear = new Date(lastDay * 86_400_000).getUTCFullYear();
  for (const window of windows) {
    if ('fromDate' in window) {
      const from = dayOfDate(window.fromDate);
      const to = dayOfDate(window.toDate);
      if (to >= from) out.push({ key: window.name, name: window.name, year: null, from, to });
      continue;
    }
    for (let year = firstYear; year <= lastYear; year++) {
      const from = dayOfDate(`${year}-${window.from}`);
      // A window across New Year (12-20 to 01-05) ends the next year.
      const to = dayOfDate(`${window.to < window.from ? year + 1 : year}-${window.to}`);
      if (Number.isNaN(from) || Number.isNaN(to) || from > lastDay || to < firstDay) continue;
      out.push({ key: `${window.name} ${year}`, name: window.name, year, from, to });
    }
  }
  return out.sort((a, b) => a.from - b.from || a.name.localeCompare(b.name));
}

export interface NewOldSeries {
  readonly days: NewOldRow[];
  readonly weeks: NewOldRow[];
  readonly months: NewOldRow[];
  readonly promotions: (NewOldRow & { name: string; year: number | null })[];
}

export const DAYS_KEPT = 400;

/** Every series, from the first purchase to `today`. */
export function analyzeNewOld(
  purchases: Purchases,
  today: number,
  promotions: readonly PromotionWindow[],
): NewOldSeries {
  if (purchases.count === 0) return { days: [], weeks: [], months: [], promotions: [] };
  let firstDay = today;
  for (let i = 0; i < purchases.count; i++) if (purchases.day[i]! < firstDay) firstDay = purchases.day[i]!;

  // Days: the last DAYS_KEPT, compared with 364 days before (the same weekday).
  const dayFrom = Math.max(firstDay, today - DAYS_KEPT + 1 - 364);
  const dayCount = today - dayFrom + 1;
  const dayTotals = splitByPeriod(purchases, (d) => d - dayFrom, dayCount);
  const dayPeriods = Array.from({ length: dayCount }, (_, i) => {
    const date = dateOfDay(dayFrom + i);
    return { key: date, from: dayFrom + i, to: dayFrom + i };
  });
  const days = toRows(dayPeriods, dayTotals, (i) => (i - 364 >= 0 ? i - 364 : -1)).slice(-DAYS_KEPT);

  const weekFrom = mondayOf(firstDay);
  const weekCount = Math.floor((mondayOf(today) - weekFrom) / 7) + 1;
  const weekTotals = splitByPeriod(purchases, (d) => Math.floor((d - weekFrom) / 7), weekCount);
  const weekPeriods = Array.from({ length: weekCount }, (_, i) => ({
    key: dateOfDay(weekFrom + 7 * i),
    from: weekFrom + 7 * i,
    to: weekFrom + 7 * i + 6,
  }));
  const weeks = toRows(weekPeriods, weekTotals, (i) => (i - 52 >= 0 ? i - 52 : -1));

  const monthFrom = monthOf(firstDay);
  const monthCount = monthOf(today) - monthFrom + 1;
  const monthTable = monthTableOf(firstDay, today);
  const monthTotals = splitByPeriod(
    purchases,
    (d) => (d > today ? monthCount : monthTable[d - firstDay]! - monthFrom),
    monthCount,
  );
  const monthPeriods = Array.from({ length: monthCount }, (_, i) => ({
    key: monthKey(monthFrom + i),
    from: firstDayOfMonth(monthFrom + i),
    to: firstDayOfMonth(monthFrom + i + 1) - 1,
  }));
  const months = toRows(monthPeriods, monthTotals, (i) => (i - 12 >= 0 ? i - 12 : -1));

  const windows = promotionPeriods(promotions, firstDay, today);
  const windowTotals = splitByWindows(purchases, windows);
  const promotionRows = toRows(windows, windowTotals, (i) => {
    const w = windows[i]!;
    return w.year === null ? -1 : windows.findIndex((o) => o.name === w.name && o.year === w.year! - 1);
  }).map((row, i) => ({ ...row, name: windows[i]!.name, year: windows[i]!.year }));

  return { days, weeks, months, promotions: promotionRows };
}

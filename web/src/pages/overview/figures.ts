import type { MonthFigures } from './types';

// What the Overview derives from the API's figures. Pure, so the numbers are easy to check.

export const monthRevenue = (month: MonthFigures) => month.newRevenue + month.oldRevenue;

/** Old customers' share of revenue over the given months; undefined without revenue. */
export function oldRevenueShare(months: readonly MonthFigures[]): number | undefined {
  let old = 0;
  let total = 0;
  for (const month of months) {
    old += month.oldRevenue;
    total += monthRevenue(month);
  }
  return total === 0 ? undefined : old / total;
}

export const monthAverageOrderValue = (month: MonthFigures) =>
  month.orders === 0 ? undefined : Math.round(monthRevenue(month) / month.orders);

/**
 * The last complete month and the one before it. The newest month is still running, so comparing
 * it with a full month would always show a fall.
 */
export function lastCompleteMonths(
  months: readonly MonthFigures[],
): { last: MonthFigures; previous: MonthFigures } | undefined {
  const last = months.at(-2);
  const previous = months.at(-3);
  return last && previous ? { last, previous } : undefined;
}

/** (current − previous) / previous; undefined when there is nothing to compare with. */
export function relativeChange(
  current: number | undefined,
  previous: number | undefined,
): number | undefined {
  if (current === undefined || previous === undefined || previous === 0) return undefined;
  return (current - previous) / previous;
}

/** current − previous (for shares: the change in percentage points / 100). */
export function difference(current: number | undefined, previous: number | undefined): number | undefined {
  return current === undefined || previous === undefined ? undefined : current - previous;
}

import type { CalendarMonth } from '../shared/time.js';
import type { CustomerCounts, MonthSplitRow } from './overview.store.js';

export interface MonthFigures {
  readonly month: string;
  readonly newBuyers: number;
  readonly oldBuyers: number;
  readonly newRevenue: number;
  readonly oldRevenue: number;
  readonly orders: number;
}

export interface OverviewFigures extends CustomerCounts {
  readonly repeatBuyerShare: number;
  readonly orders: number;
  readonly revenue: number;
  readonly averageOrderValue: number;
  readonly months: MonthFigures[];
}

/** Puts the store's counts and monthly split together; every month appears, empty ones as zeros. */
export function assembleOverview(
  counts: CustomerCounts,
  totals: { orders: number; revenue: number },
  months: readonly CalendarMonth[],
  split: readonly MonthSplitRow[],
): OverviewFigures {
  const figures = months.map((month) => ({
    month: month.key,
    newBuyers: 0,
    oldBuyers: 0,
    newRevenue: 0,
    oldRevenue: 0,
    orders: 0,
  }));
  for (const row of split) {
    const target = figures[row.monthIndex];
    if (!target) continue;
    target.orders += row.orders;
    if (row.isNew) {
      target.newBuyers += row.buyers;
      target.newRevenue += row.revenue;
    } else {
      target.oldBuyers += row.buyers;
      target.oldRevenue += row.revenue;
    }
  }
  return {
    ...counts,
    repeatBuyerShare: counts.buyers === 0 ? 0 : counts.repeatBuyers / counts.buyers,
    orders: totals.orders,
    revenue: totals.revenue,
    averageOrderValue: totals.orders === 0 ? 0 : Math.round(totals.revenue / totals.orders),
    months: figures,
  };
}

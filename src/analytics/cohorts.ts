import { monthKey, monthOf, monthTableOf } from './new-old.js';
import type { Purchases } from './purchases.js';
import type { CohortsSnapshot } from './schemas.js';

// Monthly acquisition cohorts: customers grouped by the month of their first purchase, followed
// month by month: how many bought again in each later month (retention) and what they spent.

export const COHORT_MONTHS = 36;

/** The last COHORT_MONTHS cohorts up to the month of `today`, each followed up to that month. */
export function analyzeCohorts(purchases: Purchases, today: number): CohortsSnapshot['cohorts'] {
  const lastMonth = monthOf(today);
  const firstMonth = lastMonth - COHORT_MONTHS + 1;
  const size = COHORT_MONTHS;
  const customers = new Float64Array(size);
  const buyers = new Float64Array(size * size);
  const revenue = new Float64Array(size * size);
  const { runStart, day, amount } = purchases;
  let minDay = today;
  for (let i = 0; i < purchases.count; i++) if (day[i]! < minDay) minDay = day[i]!;
  const months = monthTableOf(minDay, today);
  const month = (d: number) => (d > today ? lastMonth + 1 : months[d - minDay]!);
  for (let k = 0; k < runStart.length - 1; k++) {
    const cohort = month(day[runStart[k]!]!) - firstMonth;
    if (cohort < 0 || cohort >= size) continue;
    customers[cohort]! += 1;
    let lastOffset = -1;
    for (let i = runStart[k]!; i < runStart[k + 1]!; i++) {
      const offset = month(day[i]!) - firstMonth - cohort;
      if (cohort + offset >= size) break;
      revenue[cohort * size + offset]! += amount[i]!;
      if (offset !== lastOffset) {
        buyers[cohort * size + offset]! += 1;
        lastOffset = offset;
      }
    }
  }
  const out: CohortsSnapshot['cohorts'] = [];
  for (let c = 0; c < size; c++) {
    if (customers[c] === 0) continue;
    const span = size - c; // months from the cohort's month to this one
    const row = Array.from(buyers.subarray(c * size, c * size + span));
    out.push({
      month: monthKey(firstMonth + c),
      customers: customers[c]!,
      buyers: row,
      retention: row.map((b) => b / customers[c]!),
      revenue: Array.from(revenue.subarray(c * size, c * size + span)),
    });
  }
  return out;
}

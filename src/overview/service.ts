import type { AppContext } from '../context.js';
import { monthsEndingAt } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { assembleOverview, type OverviewFigures } from './overview.js';
import { countCustomers, splitPurchasesByMonth, sumPurchases } from './overview.store.js';

export const OVERVIEW_MONTHS = 12;

/** The store's headline figures and its last twelve months split into new and old customers. */
export async function storeOverview(ctx: AppContext, access: StoreAccess): Promise<OverviewFigures> {
  const { db } = ctx.database;
  const months = monthsEndingAt(ctx.clock.now(), access.store.time_zone, OVERVIEW_MONTHS);
  const [counts, totals, split] = await Promise.all([
    countCustomers(db, access.storeId),
    sumPurchases(db, access.storeId),
    splitPurchasesByMonth(db, access.storeId, months),
  ]);
  return assembleOverview(counts, totals, months, split);
}

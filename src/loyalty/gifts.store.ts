import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { GiftPlansTable } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import type { GiftPlan } from './gifts-schemas.js';

// The SQL of gift plans shared by the plan and recipient services.

export type PlanRow = Selectable<GiftPlansTable>;

/** A plan, or gift.plan_not_found. */
export async function findPlan(db: Db, storeId: StoreId, id: number): Promise<PlanRow> {
  const row = await db
    .selectFrom('gift_plans')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new LaokeError('gift.plan_not_found', `No gift plan ${id} in this store.`, { id });
  return row;
}

/** Recipients per status, per plan. */
export async function shippingCounts(db: Db, storeId: StoreId, planIds: readonly number[]) {
  const result = new Map<number, GiftPlan['shipping']>();
  if (planIds.length === 0) return result;
  const rows = await db
    .selectFrom('gift_recipients')
    .select(['plan_id', 'status', sql<number>`count(*)`.as('n')])
    .where('store_id', '=', storeId)
    .where('plan_id', 'in', [...planIds])
    .groupBy(['plan_id', 'status'])
    .execute();
  for (const row of rows) {
    const counts = result.get(row.plan_id) ?? { planned: 0, packed: 0, shipped: 0 };
    counts[row.status] = Number(row.n);
    result.set(row.plan_id, counts);
  }
  return result;
}

import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { StoreId } from '../shared/ids.js';
import { type Instant, localDateOf } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { type RejectReason, rejectReasons } from './coupons.js';
import { findBatch, redemptionsQuery } from './coupons.store.js';
import { toRedemption } from './coupons-redeem.js';
import type { CouponReport } from './coupons-schemas.js';
import { toBatch } from './coupons-service.js';

// What a batch brought: per batch (the report page, laoke coupons report) and per campaign that
// handed its codes out (the campaign's results).

/** Issued, redeemed, rate, revenue of the redeeming orders, discount given, rejections, by day. */
export async function couponReport(
  ctx: AppContext,
  access: StoreAccess,
  batchId: number,
): Promise<CouponReport> {
  const db = ctx.database.db;
  const row = await findBatch(db, access.storeId, batchId);
  const all = await db
    .selectFrom('coupon_redemptions')
    .select(['accepted', 'reason', 'ordered_at', 'revenue', 'discount'])
    .where('store_id', '=', access.storeId)
    .where('batch_id', '=', batchId)
    .execute();
  const rejected = Object.fromEntries(rejectReasons.map((r) => [r, 0])) as Record<RejectReason, number>;
  const days = new Map<string, { redeemed: number; revenue: number }>();
  let redeemed = 0;
  let revenue = 0;
  let cost = 0;
  for (const r of all) {
    if (r.accepted !== 1) {
      rejected[r.reason as RejectReason] += 1;
      continue;
    }
    redeemed += 1;
    revenue += Number(r.revenue);
    cost += Number(r.discount);
    const date = localDateOf(Number(r.ordered_at) as Instant, access.store.time_zone);
    const day = days.get(date) ?? { redeemed: 0, revenue: 0 };
    day.redeemed += 1;
    day.revenue += Number(r.revenue);
    days.set(date, day);
  }
  const latest = await redemptionsQuery(db, access.storeId)
    .where('r.batch_id', '=', batchId)
    .limit(200)
    .execute();
  return {
    batch: toBatch(row, redeemed),
    issued: row.issued,
    redeemed,
    rate: row.issued > 0 ? redeemed / row.issued : null,
    revenue,
    cost,
    rejected,
    byDay: [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, d]) => ({ date, ...d })),
    redemptions: latest.map(toRedemption),
  };
}

/** A campaign's coupons: the codes it handed out and how many of them redeemed, with what they brought. */
export async function campaignCoupons(db: Db, storeId: StoreId, campaignId: number, batchId: number) {
  const batch = await findBatch(db, storeId, batchId);
  const issued = await db
    .selectFrom('coupon_codes')
    .select(sql<number>`count(*)`.as('n'))
    .where('store_id', '=', storeId)
    .where('batch_id', '=', batchId)
    .where('campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  const redeemed = await db
    .selectFrom('coupon_redemptions as r')
    .innerJoin('coupon_codes as c', (join) =>
      join.onRef('c.store_id', '=', 'r.store_id').onRef('c.code', '=', 'r.code'),
    )
    .select([
      sql<number>`count(*)`.as('n'),
      sql<number>`coalesce(sum(r.revenue), 0)`.as('revenue'),
      sql<number>`coalesce(sum(r.discount), 0)`.as('cost'),
    ])
    .where('r.store_id', '=', storeId)
    .where('r.accepted', '=', 1)
    .where('c.campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return {
    batchId,
    name: batch.name,
    issued: Number(issued.n),
    redeemed: Number(redeemed.n),
    revenue: Number(redeemed.revenue),
    cost: Number(redeemed.cost),
  };
}

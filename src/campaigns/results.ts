import { sql } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { campaignCoupons } from '../loyalty/coupons-report.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import type { CampaignResults, responseRatesSchema } from './schemas.js';
import { campaignSource, getCampaign } from './service.js';
import {
  differenceOfMeans,
  differenceOfProportions,
  type Interval,
  incrementalRevenue,
  type Moments,
} from './stats.js';

// What a campaign earned, against its control group. Both groups are counted from the moment the
// members were frozen (or the scheduled start) for the attribution window: orders and revenue per
// customer, the response rate, and their differences with 95% intervals. Targets count whether or
// not their message went out (intent to treat): dropping the failed and suppressed would compare
// the reachable with everyone and flatter the campaign.

const DAY_MS = 86_400_000;

/** A group's totals, counted in SQL: customers, buyers, orders, revenue and Σ revenue². */
interface Totals {
  readonly customers: number;
  readonly buyers: number;
  readonly orders: number;
  readonly revenue: number;
  readonly revenueSquares: number;
}

const none: Totals = { customers: 0, buyers: 0, orders: 0, revenue: 0, revenueSquares: 0 };

const add = (a: Totals, b: Totals): Totals => ({
  customers: a.customers + b.customers,
  buyers: a.buyers + b.buyers,
  orders: a.orders + b.orders,
  revenue: a.revenue + b.revenue,
  revenueSquares: a.revenueSquares + b.revenueSquares,
});

function group(totals: Totals) {
  const { customers, buyers, orders, revenue } = totals;
  return {
    customers,
    buyers,
    orders,
    revenue,
    responseRate: customers === 0 ? null : buyers / customers,
    revenuePerCustomer: customers === 0 ? null : revenue / customers,
  };
}

const revenueMoments = (totals: Totals): Moments => ({
  n: totals.customers,
  sum: totals.revenue,
  sumOfSquares: totals.revenueSquares,
});

const responseUplift = (target: Totals, control: Totals): Interval | null =>
  differenceOfProportions(
    { yes: target.buyers, n: target.customers },
    { yes: control.buyers, n: control.customers },
  );

/**
 * Each (group, segment)'s totals over the attribution window [from, to). The members' orders are
 * summed per member, then per group and segment, in the database: a campaign of a million members
 * answers a few rows, not a million.
 */
async function totalsBySegment(ctx: AppContext, access: StoreAccess, id: number, from: number, to: number) {
  const db = ctx.database.db;
  const perMember = db
    .selectFrom('campaign_members as cm')
    .leftJoin('orders as o', (join) =>
      join
        .onRef('o.store_id', '=', 'cm.store_id')
        .onRef('o.customer_id', '=', 'cm.customer_id')
        .on('o.is_purchase', '=', 1)
        .on('o.ordered_at', '>=', from as Instant)
        .on('o.ordered_at', '<', to as Instant),
    )
    .select([
      'cm.is_control',
      'cm.segment',
      sql<number>`count(o.id)`.as('orders'),
      sql<number>`coalesce(sum(o.net_amount), 0)`.as('revenue'),
    ])
    .where('cm.store_id', '=', access.storeId)
    .where('cm.campaign_id', '=', id)
    .groupBy(['cm.customer_id', 'cm.is_control', 'cm.segment'])
    .as('m');
  const rows = await db
    .selectFrom(perMember)
    .select([
      'm.is_control',
      'm.segment',
      sql<number>`count(*)`.as('customers'),
      sql<number>`sum(case when m.orders > 0 then 1 else 0 end)`.as('buyers'),
      sql<number>`sum(m.orders)`.as('orders'),
      sql<number>`sum(m.revenue)`.as('revenue'),
      // In floating point: a million squares of large fen amounts overflow a 64-bit integer.
      sql<number>`sum(cast(m.revenue as double precision) * m.revenue)`.as('revenue_squares'),
    ])
    .groupBy(['m.is_control', 'm.segment'])
    .execute();
  const bySegment = new Map<string, { target: Totals; control: Totals }>();
  for (const row of rows) {
    const segment = row.segment ?? '—';
    const totals: Totals = {
      customers: Number(row.customers),
      buyers: Number(row.buyers),
      orders: Number(row.orders),
      revenue: Number(row.revenue),
      revenueSquares: Number(row.revenue_squares),
    };
    const entry = bySegment.get(segment) ?? { target: none, control: none };
    bySegment.set(
      segment,
      row.is_control === 1
        ? { ...entry, control: add(entry.control, totals) }
        : { ...entry, target: add(entry.target, totals) },
    );
  }
  return bySegment;
}

export async function campaignResults(
  ctx: AppContext,
  access: StoreAccess,
  id: number,
): Promise<CampaignResults> {
  const db = ctx.database.db;
  const campaign = await getCampaign(ctx, access, id);
  const from = Math.max(campaign.frozenAt ?? ctx.clock.now(), campaign.schedule.from ?? 0);
  const to = from + campaign.attributionDays * DAY_MS;
  const bySegment = await totalsBySegment(ctx, access, id, from, to);
  let target = none;
  let control = none;
  for (const entry of bySegment.values()) {
    target = add(target, entry.target);
    control = add(control, entry.control);
  }

  // Opted out after this campaign's message: an opt-out on its channel for its recipient, later
  const optedOut = await db
    .selectFrom('messages as m')
    .innerJoin('suppressions as s', (join) =>
      join
        .onRef('s.store_id', '=', 'm.store_id')
        .onRef('s.channel', '=', 'm.channel')
        .onRef('s.address', '=', 'm.recipient')
        .onRef('s.created_at', '>=', 'm.created_at'),
    )
    .select(sql<number>`count(*)`.as('n'))
    .where('m.store_id', '=', access.storeId)
    .where('m.source', '=', campaignSource(id))
    .where('m.status', 'in', ['sent', 'delivered'])
    .executeTakeFirstOrThrow();

  const incremental = incrementalRevenue(revenueMoments(target), revenueMoments(control));
  const cost = (campaign.smsParts ?? 0) * (await smsPrice(ctx, access, id));
  const segments = [...bySegment.keys()].sort();
  const m = campaign.messages;
  return {
    campaignId: id,
    window: { from, to, complete: ctx.clock.now() >= to },
    messages: {
      queued: (m.queued ?? 0) + (m.sending ?? 0) + (m.deferred ?? 0) + (m.paused ?? 0),
      sent: (m.sent ?? 0) + (m.delivered ?? 0),
      delivered: m.delivered ?? 0,
      failed: m.failed ?? 0,
      suppressed: m.suppressed ?? 0,
      optedOut: Number(optedOut.n),
    },
    target: group(target),
    control: group(control),
    uplift: {
      responseRate: responseUplift(target, control),
      revenuePerCustomer: differenceOfMeans(revenueMoments(target), revenueMoments(control)),
      incrementalRevenue: incremental,
    },
    cost,
    roi: incremental && cost > 0 ? incremental.estimate / cost : null,
    segments: segments.map((segment) => {
      const entry = bySegment.get(segment)!;
      return {
        segment,
        target: group(entry.target),
        control: group(entry.control),
        responseUplift: responseUplift(entry.target, entry.control),
      };
    }),
    coupons:
      campaign.couponBatchId === null
        ? null
        : await campaignCoupons(db, access.storeId, id, campaign.couponBatchId),
  };
}

async function smsPrice(ctx: AppContext, access: StoreAccess, id: number): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('campaigns')
    .select('sms_price_fen')
    .where('store_id', '=', access.storeId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.sms_price_fen;
}

/**
 * What the store's finished campaigns say about each RFM segment: the response rate of those
 * messaged (and of the held-out), for estimating the next campaign or a promotion's target.
 */
export async function responseRates(
  ctx: AppContext,
  access: StoreAccess,
): Promise<z.infer<typeof responseRatesSchema>> {
  const db = ctx.database.db;
  const now = ctx.clock.now();
  const finished = await db
    .selectFrom('campaigns')
    .select(['id', 'frozen_at', 'starts_at', 'attribution_days'])
    .where('store_id', '=', access.storeId)
    .where('frozen_at', 'is not', null)
    .execute();
  const bySegment = new Map<
    string,
    { campaigns: Set<number>; n: number; buyers: number; revenue: number; cn: number; cBuyers: number }
  >();
  for (const campaign of finished) {
    const from = Math.max(Number(campaign.frozen_at), Number(campaign.starts_at ?? 0));
    const to = from + campaign.attribution_days * DAY_MS;
    if (to > now) continue; // the window is still open
    const results = await campaignResults(ctx, access, campaign.id);
    for (const s of results.segments) {
      const entry = bySegment.get(s.segment) ?? {
        campaigns: new Set(),
        n: 0,
        buyers: 0,
        revenue: 0,
        cn: 0,
        cBuyers: 0,
      };
      entry.campaigns.add(campaign.id);
      entry.n += s.target.customers;
      entry.buyers += s.target.buyers;
      entry.revenue += s.target.revenue;
      entry.cn += s.control.customers;
      entry.cBuyers += s.control.buyers;
      bySegment.set(s.segment, entry);
    }
  }
  return {
    segments: [...bySegment.entries()]
      .filter(([, e]) => e.n > 0)
      .map(([segment, e]) => ({
        segment,
        campaigns: e.campaigns.size,
        customers: e.n,
        responseRate: e.buyers / e.n,
        controlResponseRate: e.cn > 0 ? e.cBuyers / e.cn : null,
        revenuePerCustomer: e.revenue / e.n,
      }))
      .sort((a, b) => a.segment.localeCompare(b.segment)),
  };
}

import { sql } from 'kysely';
import type { z } from 'zod';
import type { AppContext } from '../context.js';
import { campaignCoupons } from '../loyalty/coupons-report.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import type { CampaignResults, responseRatesSchema } from './schemas.js';
import { campaignSource, getCampaign } from './service.js';
import { differenceOfMeans, differenceOfProportions, type Interval, incrementalRevenue } from './stats.js';

// What a campaign earned, against its control group. Both groups are counted from the moment the
// members were frozen (or the scheduled start) for the attribution window: orders and revenue per
// customer, the response rate, and their differences with 95% intervals. Targets count whether or
// not their message went out (intent to treat): dropping the failed and suppressed would compare
// the reachable with everyone and flatter the campaign.

const DAY_MS = 86_400_000;

interface MemberOutcome {
  readonly control: boolean;
  readonly segment: string;
  readonly orders: number;
  readonly revenue: number;
}

function group(members: readonly MemberOutcome[]) {
  const customers = members.length;
  const buyers = members.filter((m) => m.orders > 0).length;
  const revenue = members.reduce((s, m) => s + m.revenue, 0);
  return {
    customers,
    buyers,
    orders: members.reduce((s, m) => s + m.orders, 0),
    revenue,
    responseRate: customers === 0 ? null : buyers / customers,
    revenuePerCustomer: customers === 0 ? null : revenue / customers,
  };
}

const responseUplift = (
  target: readonly MemberOutcome[],
  control: readonly MemberOutcome[],
): Interval | null =>
  differenceOfProportions(
    { yes: target.filter((m) => m.orders > 0).length, n: target.length },
    { yes: control.filter((m) => m.orders > 0).length, n: control.length },
  );

export async function campaignResults(
  ctx: AppContext,
  access: StoreAccess,
  id: number,
): Promise<CampaignResults> {
  const db = ctx.database.db;
  const campaign = await getCampaign(ctx, access, id);
  const from = Math.max(campaign.frozenAt ?? ctx.clock.now(), campaign.schedule.from ?? 0);
  const to = from + campaign.attributionDays * DAY_MS;
  const rows = await db
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
      'cm.customer_id',
      'cm.is_control',
      'cm.segment',
      sql<number>`count(o.id)`.as('orders'),
      sql<number>`coalesce(sum(o.net_amount), 0)`.as('revenue'),
    ])
    .where('cm.store_id', '=', access.storeId)
    .where('cm.campaign_id', '=', id)
    .groupBy(['cm.customer_id', 'cm.is_control', 'cm.segment'])
    .execute();
  const members: MemberOutcome[] = rows.map((r) => ({
    control: r.is_control === 1,
    segment: r.segment ?? '—',
    orders: Number(r.orders),
    revenue: Number(r.revenue),
  }));
  const target = members.filter((m) => !m.control);
  const control = members.filter((m) => m.control);

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

  const revenueOf = (list: readonly MemberOutcome[]) => list.map((m) => m.revenue);
  const incremental = incrementalRevenue(revenueOf(target), revenueOf(control));
  const cost = (campaign.smsParts ?? 0) * (await smsPrice(ctx, access, id));
  const segments = [...new Set(members.map((m) => m.segment))].sort();
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
      revenuePerCustomer: differenceOfMeans(revenueOf(target), revenueOf(control)),
      incrementalRevenue: incremental,
    },
    cost,
    roi: incremental && cost > 0 ? incremental.estimate / cost : null,
    segments: segments.map((segment) => {
      const t = target.filter((x) => x.segment === segment);
      const c = control.filter((x) => x.segment === segment);
      return { segment, target: group(t), control: group(c), responseUplift: responseUplift(t, c) };
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

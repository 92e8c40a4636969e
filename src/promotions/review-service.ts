import { scoreBuyers } from '../analytics/rfm-refresh.js';
import { lifecycleSnapshotSchema } from '../analytics/schemas.js';
import { latestSnapshot } from '../analytics/snapshots.js';
import { campaignResults } from '../campaigns/results.js';
import type { AppContext } from '../context.js';
import { couponReport } from '../loyalty/coupons-report.js';
import { LaokeError } from '../shared/errors.js';
import { type Instant, localDateOf } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { parseStoreSettings } from '../stores/settings.js';
import {
  type BuyersAt,
  type FirstPurchases,
  figures,
  planTargets,
  purchaseHistory,
  purchasesBetween,
  span,
  windowsOf,
} from './figures.js';
import {
  channelsOf,
  comparisonRow,
  costAndRoi,
  DEFAULT_REPURCHASE_DAYS,
  giftLines,
  nurtureCampaignName,
  nurtureSteps,
  targetFigures,
} from './review.js';
import {
  audienceNamed,
  campaignHeads,
  campaignsNamed,
  campaignsSentBetween,
  giftPlansWithShipped,
  purchasesByCustomer,
  topOldProducts,
} from './review.store.js';
import type { Review } from './review-schemas.js';
import type { Plan } from './schemas.js';
import { calendar, getPlan } from './service.js';

// The review (复盘) of a plan: target against actual, new vs old over the window and per phase,
// the old customers' response per current RFM segment, the campaigns per channel, cost and ROI,
// the old customers' top products, the comparison with earlier events, and the new customers'
// nurture plan. Read from the orders as imported; while the window is open, up to today.

const TOP_PRODUCTS = 10;
const ratio = (value: number, base: number) => (base === 0 ? null : value / base);

/** "2026 双十一新客": the saved audience of a plan's new customers. */
export const newCustomersAudienceName = (plan: Pick<Plan, 'year' | 'eventName'>) =>
  `${plan.year} ${plan.eventName.zh}新客`;

/** The plan's whole window, and the last day counted; promotion.not_started before it begins. */
export function reviewWindow(plan: Plan, today: string) {
  const from = plan.phases[0]!.from;
  const to = plan.phases.at(-1)!.to;
  if (today < from)
    throw new LaokeError(
      'promotion.not_started',
      `${plan.year} ${plan.eventName.zh} starts on ${from}: there is nothing to review yet.`,
      { from },
    );
  return { from, to, through: today < to ? today : to, finished: today > to };
}

/**
 * The old customers' response per RFM segment as it stood when the window opened: every buyer
 * before the window scored with the store's RFM settings as of its first moment (the same scoring
 * as the analysis refresh), so a customer the event itself lifted into Champions still counts in
 * the segment they were in when the campaigns were aimed at them.
 */
async function segmentRows(
  ctx: AppContext,
  access: StoreAccess,
  before: BuyersAt,
  start: Instant,
  end: Instant,
) {
  const { en } = scoreBuyers(before, start, parseStoreSettings(access.store.settings).rfm);
  const bought = await purchasesByCustomer(ctx.database.db, access.storeId, start, end);
  const rows = new Map<string, { customers: number; buyers: number; orders: number; revenue: number }>();
  for (let i = 0; i < before.ids.length; i++) {
    const segment = en[i]!;
    const row = rows.get(segment) ?? { customers: 0, buyers: 0, orders: 0, revenue: 0 };
    const purchases = bought.get(before.ids[i]!);
    row.customers += 1;
    if (purchases) {
      row.buyers += 1;
      row.orders += purchases.orders;
      row.revenue += purchases.revenue;
    }
    rows.set(segment, row);
  }
  return [...rows.entries()]
    .map(([segment, r]) => ({
      segment,
      customers: r.customers,
      buyers: r.buyers,
      responseRate: ratio(r.buyers, r.customers),
      orders: r.orders,
      revenue: r.revenue,
      aov: ratio(r.revenue, r.orders),
    }))
    .sort((a, b) => b.revenue - a.revenue || a.segment.localeCompare(b.segment));
}

/** The plan's campaigns (linked by a task) and the store's sent inside the window, with results. */
async function campaignLines(
  ctx: AppContext,
  access: StoreAccess,
  plan: Plan,
  start: Instant,
  end: Instant,
): Promise<{ lines: Review['campaigns']; batchIds: number[] }> {
  const db = ctx.database.db;
  const linked = new Set(plan.tasks.flatMap((t) => (t.campaignId === null ? [] : [t.campaignId])));
  const inWindow = await campaignsSentBetween(db, access.storeId, start, end);
  const heads = await campaignHeads(db, access.storeId, [...new Set([...linked, ...inWindow])]);
  const lines: Review['campaigns'] = [];
  const batchIds: number[] = [];
  // A draft never sent has no members and no results: it is left out.
  for (const head of heads.filter((h) => h.frozen_at !== null)) {
    const r = await campaignResults(ctx, access, head.id);
    if (r.coupons) batchIds.push(r.coupons.batchId);
    lines.push({
      campaignId: head.id,
      name: head.name,
      channel: head.channel,
      linked: linked.has(head.id),
      targets: r.target.customers,
      responders: r.target.buyers,
      responseRate: r.target.responseRate,
      revenue: r.target.revenue,
      cost: Math.round(r.cost),
      control: r.control.customers,
      controlResponseRate: r.control.responseRate,
      incrementalRevenue: r.control.customers > 0 ? (r.uplift.incrementalRevenue?.estimate ?? null) : null,
    });
  }
  return { lines, batchIds };
}

async function couponLines(ctx: AppContext, access: StoreAccess, batchIds: readonly number[]) {
  const lines: Review['coupons'] = [];
  for (const batchId of [...new Set(batchIds)].sort((a, b) => a - b)) {
    const report = await couponReport(ctx, access, batchId);
    lines.push({
      batchId,
      name: report.batch.name,
      issued: report.issued,
      redeemed: report.redeemed,
      revenue: report.revenue,
      discount: report.cost,
    });
  }
  return lines;
}

/** The same event in earlier years with data, and the store's other events of the last 12 months. */
async function comparison(
  ctx: AppContext,
  access: StoreAccess,
  plan: Plan,
  current: Review['whole'],
  history: { year: number; whole: Review['whole'] }[],
  first: FirstPurchases,
): Promise<Review['comparison']> {
  const timeZone = access.store.time_zone;
  const db = ctx.database.db;
  const head = (year: number, current: boolean) => ({
    event: plan.event,
    eventName: plan.eventName,
    year,
    current,
  });
  const rows = [
    comparisonRow(head(plan.year, true), current),
    ...history
      .slice()
      .reverse()
      .map((h) => comparisonRow(head(h.year, false), h.whole)),
  ];
  const day = plan.phases.find((p) => p.phase === 'day')!.from;
  const yearBefore = `${plan.year - 1}${day.slice(4)}`;
  const others: Review['comparison'] = [];
  for (const year of [plan.year - 1, plan.year]) {
    for (const event of (await calendar(ctx, access, year)).events) {
      if (event.key === plan.event || event.date <= yearBefore || event.date > day) continue;
      const windows = await windowsOf(db, access.storeId, event.key, year);
      const from = windows[0]!.from;
      const to = windows.at(-1)!.to;
      const [start, end] = span(from, to, timeZone);
      const purchases = await purchasesBetween(db, access.storeId, start, end, first);
      if (purchases.length === 0) continue;
      others.push(
        comparisonRow(
          { event: event.key, eventName: { zh: event.zh, en: event.en }, year, current: false },
          figures(purchases, event.key, from, to, timeZone),
        ),
      );
    }
  }
  others.sort((a, b) => b.from.localeCompare(a.from) || a.event.localeCompare(b.event));
  return [...rows, ...others];
}

/** The store's median repurchase gap from the latest lifecycle analysis, else the default. */
async function repurchaseGap(ctx: AppContext, access: StoreAccess) {
  const lifecycle = await latestSnapshot(
    ctx.database.db,
    access.storeId,
    'lifecycle',
    lifecycleSnapshotSchema,
  );
  const median = lifecycle?.cycle.medianDays ?? null;
  return median === null
    ? { repurchaseDays: DEFAULT_REPURCHASE_DAYS, repurchaseFrom: 'default' as const }
    : { repurchaseDays: Math.round(median), repurchaseFrom: 'lifecycle' as const };
}

/** The nurture plan of a plan's new customers, with the drafts already created. */
export async function nurturePlan(ctx: AppContext, access: StoreAccess, plan: Plan, windowEnd: string) {
  const gap = await repurchaseGap(ctx, access);
  const audienceName = newCustomersAudienceName(plan);
  const steps = nurtureSteps(windowEnd, gap.repurchaseDays);
  const existing = await campaignsNamed(
    ctx.database.db,
    access.storeId,
    steps.map((s) => nurtureCampaignName(audienceName, s)),
  );
  return {
    ...gap,
    steps: steps.map((s) => ({
      ...s,
      campaignId: existing.get(nurtureCampaignName(audienceName, s))?.id ?? null,
    })),
  };
}

/** The review of a plan; promotion.not_found for another store's or no plan. */
export async function planReview(ctx: AppContext, access: StoreAccess, planId: number): Promise<Review> {
  const db = ctx.database.db;
  const { storeId } = access;
  const timeZone = access.store.time_zone;
  const plan = await getPlan(db, storeId, planId);
  const window = reviewWindow(plan, localDateOf(ctx.clock.now(), timeZone));
  const [start, end] = span(window.from, window.through, timeZone);
  // Read once for the ten or so windows below (this one, earlier years', other events') and the
  // segments as the window opened.
  const { first, before } = await purchaseHistory(ctx.database, storeId, start);
  const purchases = await purchasesBetween(db, storeId, start, end, first);
  const whole = figures(purchases, 'whole', window.from, window.through, timeZone);
  const phases = plan.phases.map((p) => ({
    ...figures(purchases, p.phase, p.from, p.to, timeZone, start),
    key: p.phase,
  }));
  const targets = await planTargets(ctx, access, planId, first);
  const target = plan.target ?? targets.forecast;
  const figuresVsTarget = targetFigures(target, whole);
  const { lines: campaigns, batchIds } = await campaignLines(ctx, access, plan, start, end);
  const taskBatches = plan.tasks.flatMap((t) => (t.couponBatchId === null ? [] : [t.couponBatchId]));
  const coupons = await couponLines(ctx, access, [...taskBatches, ...batchIds]);
  const gifts = giftLines(
    await giftPlansWithShipped(
      db,
      storeId,
      plan.tasks.flatMap((t) => (t.giftPlanId === null ? [] : [t.giftPlanId])),
    ),
  );
  const products = await topOldProducts(db, storeId, start, end, TOP_PRODUCTS);
  const audienceName = newCustomersAudienceName(plan);
  const audience = await audienceNamed(db, storeId, audienceName);
  return {
    planId: plan.id,
    event: plan.event,
    eventName: plan.eventName,
    year: plan.year,
    window: { from: window.from, to: window.to },
    through: window.through,
    finished: window.finished,
    target: {
      source: plan.target ? 'target' : 'forecast',
      figures: figuresVsTarget,
      met: figuresVsTarget.find((f) => f.key === 'revenue')!.met,
    },
    whole,
    phases,
    segments: { asOf: start, rows: await segmentRows(ctx, access, before, start, end) },
    channels: channelsOf(campaigns),
    campaigns,
    coupons,
    gifts,
    ...costAndRoi(campaigns, coupons, gifts),
    products: products.map((p) => ({ ...p, share: ratio(p.revenue, whole.old.revenue) })),
    comparison: await comparison(ctx, access, plan, whole, targets.history, first),
    newCustomers: { count: whole.new.buyers, audienceName, audienceId: audience?.id ?? null },
    lessons: plan.lessons,
    nurture: await nurturePlan(ctx, access, plan, window.to),
  };
}

import type { z } from 'zod';
import { addDays, dayStartOf } from '../audiences/dates.js';
import { responseRates } from '../campaigns/results.js';
import type { AppContext } from '../context.js';
import type { Database, Db } from '../db/database.js';
import { scanNumbers } from '../db/dialect/scan-numbers.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { localDateOf } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { defaultPhases, type Phase } from './events.js';
import type { progressSchema, Side, targetsSchema, WindowFigures } from './schemas.js';
import { eventOf, findPlanId, getPlan, phaseWindows } from './service.js';

// A plan's numbers from the orders as imported: last year's same event split new vs old, the
// growth trend over the years with data, the forecast, the old-customer target by RFM segment,
// and live progress. Within a window a buyer is old when their first purchase ever was before the
// plan's window began (as in src/analytics/new-old.ts), also in each phase, so the phases add up
// to the whole; revenue is net (paid − refunded), in fen.

export interface Purchase {
  readonly customer: CustomerId;
  readonly at: number;
  readonly net: number;
  readonly items: number;
  readonly firstAt: number;
}

/** Each buyer's first purchase ever (customer id → instant), to share between several windows. */
export type FirstPurchases = ReadonlyMap<number, number>;

/** The buyers before a moment with their roll-ups as they stood then, as columns in id order. */
export interface BuyersAt {
  readonly ids: Float64Array;
  readonly columns: {
    readonly lastOrderAt: Float64Array;
    readonly orderCount: Float64Array;
    readonly totalSpent: Float64Array;
  };
}

/**
 * One pass over the store's purchases: every buyer's first purchase ever (to share between the
 * windows of a review), and the buyers before `asOf` with their last purchase, number of purchases
 * and net spend up to then (to score RFM as the window opened).
 */
export async function purchaseHistory(
  database: Database,
  storeId: StoreId,
  asOf: Instant,
): Promise<{ first: FirstPurchases; before: BuyersAt }> {
  const first = new Map<number, number>();
  const ids: number[] = [];
  const last: number[] = [];
  const orders: number[] = [];
  const spent: number[] = [];
  await scanNumbers(
    database,
    {
      sql: `select customer_id, min(ordered_at),
                   max(case when ordered_at < ? then ordered_at end),
                   sum(case when ordered_at < ? then 1 else 0 end),
                   sum(case when ordered_at < ? then net_amount else 0 end)
            from orders where store_id = ? and is_purchase = 1
            group by customer_id order by customer_id`,
      params: [asOf, asOf, asOf, storeId],
      columns: 5,
    },
    (batch, rows) => {
      for (let r = 0; r < rows; r++) {
        const row = r * 5;
        const customer = batch[row]!;
        first.set(customer, batch[row + 1]!);
        if (batch[row + 3]! === 0) continue; // first bought at or after asOf
        ids.push(customer);
        last.push(batch[row + 2]!);
        orders.push(batch[row + 3]!);
        spent.push(batch[row + 4]!);
      }
    },
  );
  return {
    first,
    before: {
      ids: Float64Array.from(ids),
      columns: {
        lastOrderAt: Float64Array.from(last),
        orderCount: Float64Array.from(orders),
        totalSpent: Float64Array.from(spent),
      },
    },
  };
}

/**
 * Every purchase in [from, to) with its customer's first purchase ever: from `first` when given
 * (a review reads ten windows: one pass over the store for all of them), else read for the
 * window's buyers only.
 */
export async function purchasesBetween(
  db: Db,
  storeId: StoreId,
  from: Instant,
  to: Instant,
  first?: FirstPurchases,
): Promise<Purchase[]> {
  const inWindow = db
    .selectFrom('orders')
    .where('store_id', '=', storeId)
    .where('is_purchase', '=', 1)
    .where('ordered_at', '>=', from)
    .where('ordered_at', '<', to);
  if (first) {
    const rows = await inWindow.select(['customer_id', 'ordered_at', 'net_amount', 'item_count']).execute();
    return rows.map((r) => {
      const at = Number(r.ordered_at);
      return {
        customer: r.customer_id,
        at,
        net: Number(r.net_amount),
        items: Number(r.item_count),
        // A buyer imported after `first` was read: their first purchase is in this window.
        firstAt: first.get(r.customer_id) ?? at,
      };
    });
  }
  const firstOfBuyers = db
    .selectFrom('orders')
    .select(['customer_id', (eb) => eb.fn.min('ordered_at').as('first_at')])
    .where('store_id', '=', storeId)
    .where('is_purchase', '=', 1)
    .where('customer_id', 'in', inWindow.select('customer_id'))
    .groupBy('customer_id')
    .as('f');
  const rows = await db
    .selectFrom('orders as o')
    .innerJoin(firstOfBuyers, (join) => join.onRef('f.customer_id', '=', 'o.customer_id'))
    .select(['o.customer_id', 'o.ordered_at', 'o.net_amount', 'o.item_count', 'f.first_at'])
    .where('o.store_id', '=', storeId)
    .where('o.is_purchase', '=', 1)
    .where('o.ordered_at', '>=', from)
    .where('o.ordered_at', '<', to)
    .execute();
  return rows.map((r) => ({
    customer: r.customer_id,
    at: Number(r.ordered_at),
    net: Number(r.net_amount),
    items: Number(r.item_count),
    firstAt: Number(r.first_at),
  }));
}

/** The instants a span of local days covers, [start, end). */
export function span(from: string, to: string, timeZone: string): [Instant, Instant] {
  return [dayStartOf(from, timeZone), dayStartOf(addDays(to, 1), timeZone)];
}

class Tally {
  readonly buyers = new Set<number>();
  orders = 0;
  revenue = 0;
  items = 0;
  add(p: Purchase) {
    this.buyers.add(p.customer);
    this.orders += 1;
    this.revenue += p.net;
    this.items += p.items;
  }
  side(): Side {
    const buyers = this.buyers.size;
    return {
      buyers,
      orders: this.orders,
      revenue: this.revenue,
      items: this.items,
      aov: this.orders > 0 ? this.revenue / this.orders : null,
      itemsPerOrder: this.orders > 0 ? this.items / this.orders : null,
      ordersPerCustomer: buyers > 0 ? this.orders / buyers : null,
    };
  }
}

/** New vs old in a window; old = first purchase before `oldBefore` (the window's start by default). */
export function figures(
  purchases: readonly Purchase[],
  key: string,
  from: string,
  to: string,
  timeZone: string,
  oldBefore?: Instant,
): WindowFigures {
  const [start, end] = span(from, to, timeZone);
  const cut = oldBefore ?? start;
  const old = new Tally();
  const fresh = new Tally();
  for (const p of purchases) if (p.at >= start && p.at < end) (p.firstAt < cut ? old : fresh).add(p);
  return { key, from, to, old: old.side(), new: fresh.side() };
}

/** A year's phase windows of an event: that year's plan if there is one, else the defaults. */
export async function windowsOf(db: Db, storeId: StoreId, event: string, year: number) {
  const planId = await findPlanId(db, storeId, event, year);
  if (planId !== undefined) return phaseWindows(db, storeId, planId);
  return defaultPhases(await eventOf(db, storeId, event), year);
}

/** Compound yearly growth from the first to the last year with data; 0 with fewer than two. */
function growth(values: readonly { year: number; value: number }[]): number {
  const withData = values.filter((v) => v.value > 0);
  if (withData.length < 2) return 0;
  const first = withData[0]!;
  const last = withData.at(-1)!;
  return (last.value / first.value) ** (1 / (last.year - first.year)) - 1;
}

/** Response where no finished campaign says (the plan can override each). */
export const defaultResponseRates: Readonly<Record<string, number>> = {
  Champions: 0.3,
  'Loyal Customers': 0.25,
  'Potential Loyalists': 0.15,
  'New Customers': 0.1,
  Promising: 0.1,
  'Need Attention': 0.08,
  "Can't Lose Them": 0.08,
  'About To Sleep': 0.05,
  'At Risk': 0.05,
  Hibernating: 0.03,
  Lost: 0.01,
};
const FALLBACK_RATE = 0.05;

/** Orders and revenue per current RFM segment, in [from, to) or ever. */
async function segmentSales(db: Db, storeId: StoreId, window?: [Instant, Instant]) {
  let q = db
    .selectFrom('orders as o')
    .innerJoin('customer_scores as s', (join) =>
      join.onRef('s.store_id', '=', 'o.store_id').onRef('s.customer_id', '=', 'o.customer_id'),
    )
    .select([
      's.segment_en',
      (eb) => eb.fn.countAll<number>().as('orders'),
      (eb) => eb.fn.sum<number>('o.net_amount').as('revenue'),
    ])
    .where('o.store_id', '=', storeId)
    .where('o.is_purchase', '=', 1)
    .groupBy('s.segment_en');
  if (window) q = q.where('o.ordered_at', '>=', window[0]).where('o.ordered_at', '<', window[1]);
  const rows = await q.execute();
  return new Map(
    rows.map((r) => [r.segment_en, Number(r.orders) > 0 ? Number(r.revenue) / Number(r.orders) : null]),
  );
}

/** The plan's targets; `first` when the caller already read the buyers' first purchases. */
export async function planTargets(
  ctx: AppContext,
  access: StoreAccess,
  planId: number,
  first?: FirstPurchases,
): Promise<z.infer<typeof targetsSchema>> {
  const { db } = ctx.database;
  const { storeId } = access;
  const timeZone = access.store.time_zone;
  const plan = await getPlan(db, storeId, planId);
  const firstRow = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.min('ordered_at').as('first'))
    .where('store_id', '=', storeId)
    .where('is_purchase', '=', 1)
    .executeTakeFirst();
  const firstYear =
    firstRow?.first == null
      ? plan.year - 1
      : Number(localDateOf(Number(firstRow.first) as Instant, timeZone).slice(0, 4));

  const history: { year: number; whole: WindowFigures; phases: WindowFigures[] }[] = [];
  for (let year = Math.min(firstYear, plan.year - 1); year < plan.year; year++) {
    const windows = await windowsOf(db, storeId, plan.event, year);
    const from = windows[0]!.from;
    const to = windows.at(-1)!.to;
    const [start, end] = span(from, to, timeZone);
    const purchases = await purchasesBetween(db, storeId, start, end, first);
    history.push({
      year,
      whole: figures(purchases, String(year), from, to, timeZone),
      phases: windows.map((w) => figures(purchases, w.phase, w.from, w.to, timeZone, start)),
    });
  }
  const lastYear = history.at(-1)!;
  const withData = history.filter((h) => h.whole.old.orders + h.whole.new.orders > 0);
  const series = (pick: (w: WindowFigures) => number) =>
    withData.map((h) => ({ year: h.year, value: pick(h.whole) }));
  const trend = {
    oldRevenue: growth(series((w) => w.old.revenue)),
    newRevenue: growth(series((w) => w.new.revenue)),
    oldBuyers: growth(series((w) => w.old.buyers)),
    newBuyers: growth(series((w) => w.new.buyers)),
  };
  const forecast = {
    oldRevenue: Math.round(lastYear.whole.old.revenue * (1 + trend.oldRevenue)),
    newRevenue: Math.round(lastYear.whole.new.revenue * (1 + trend.newRevenue)),
    oldBuyers: Math.round(lastYear.whole.old.buyers * (1 + trend.oldBuyers)),
    newBuyers: Math.round(lastYear.whole.new.buyers * (1 + trend.newBuyers)),
  };

  // The old-customer target by segment: size now × expected response × expected AOV.
  const sizes = await db
    .selectFrom('customer_scores')
    .select(['segment_en', (eb) => eb.fn.countAll<number>().as('n')])
    .where('store_id', '=', storeId)
    .groupBy('segment_en')
    .execute();
  const fromCampaigns = new Map(
    (await responseRates(ctx, access)).segments.map((s) => [s.segment, s.responseRate] as const),
  );
  const lastWindows = await windowsOf(db, storeId, plan.event, lastYear.year);
  const eventAov = await segmentSales(
    db,
    storeId,
    span(lastWindows[0]!.from, lastWindows.at(-1)!.to, timeZone),
  );
  const overallAov = await segmentSales(db, storeId);
  const segments = sizes
    .map((row) => {
      const segment = row.segment_en;
      const customers = Number(row.n);
      const campaignRate = fromCampaigns.get(segment);
      const planRate = plan.responseRates[segment];
      const [responseRate, responseFrom] =
        campaignRate !== undefined
          ? [campaignRate, 'campaigns' as const]
          : planRate !== undefined
            ? [planRate, 'plan' as const]
            : [defaultResponseRates[segment] ?? FALLBACK_RATE, 'default' as const];
      const lastAov = eventAov.get(segment) ?? null;
      const anyAov = overallAov.get(segment) ?? null;
      const [aov, aovFrom] =
        lastAov !== null
          ? [lastAov, 'last_event' as const]
          : anyAov !== null
            ? [anyAov, 'overall' as const]
            : [null, 'none' as const];
      return {
        segment,
        customers,
        responseRate,
        responseFrom,
        aov,
        aovFrom,
        expectedRevenue: Math.round(customers * responseRate * (aov ?? 0)),
      };
    })
    .sort((a, b) => b.expectedRevenue - a.expectedRevenue || a.segment.localeCompare(b.segment));

  return {
    lastYear: { year: lastYear.year, whole: lastYear.whole, phases: lastYear.phases },
    history: withData.map((h) => ({ year: h.year, whole: h.whole })),
    trend,
    forecast,
    target: plan.target,
    segments,
    segmentsRevenue: segments.reduce((sum, s) => sum + s.expectedRevenue, 0),
    oldRevenueTarget: (plan.target ?? forecast).oldRevenue,
  };
}

const share = (value: number, target: number | undefined) =>
  target === undefined || target === 0 ? null : value / target;

/** The plan's window so far: old/new revenue and buyers in all, by phase and by local day. */
export async function planProgress(
  ctx: AppContext,
  access: StoreAccess,
  planId: number,
): Promise<z.infer<typeof progressSchema>> {
  const { db } = ctx.database;
  const { storeId } = access;
  const timeZone = access.store.time_zone;
  const plan = await getPlan(db, storeId, planId);
  const today = localDateOf(ctx.clock.now(), timeZone);
  const from = plan.phases[0]!.from;
  const through = today < from ? null : today < plan.phases.at(-1)!.to ? today : plan.phases.at(-1)!.to;
  const empty = { revenue: 0, buyers: 0, orders: 0 };
  const brief = (side: Side) => ({ revenue: side.revenue, buyers: side.buyers, orders: side.orders });
  if (through === null)
    return {
      through: null,
      target: plan.target,
      total: {
        old: empty,
        new: empty,
        oldRevenueShare: null,
        newRevenueShare: null,
        oldBuyersShare: null,
        newBuyersShare: null,
      },
      phases: plan.phases.map((p) => ({
        phase: p.phase as Phase,
        from: p.from,
        to: p.to,
        old: empty,
        new: empty,
      })),
      days: [],
    };
  const [start, end] = span(from, through, timeZone);
  const purchases = await purchasesBetween(db, storeId, start, end);
  const total = figures(purchases, 'total', from, through, timeZone);
  const phases = plan.phases.map((p) => {
    const f = figures(purchases, p.phase, p.from, p.to, timeZone, start);
    return { phase: p.phase as Phase, from: p.from, to: p.to, old: brief(f.old), new: brief(f.new) };
  });
  const days: z.infer<typeof progressSchema>['days'] = [];
  const byDay = new Map<string, Purchase[]>();
  for (const p of purchases) {
    const date = localDateOf(p.at as Instant, timeZone);
    const day = byDay.get(date);
    // push, not a spread: copying the day's list per purchase was quadratic in a day's orders
    if (day) day.push(p);
    else byDay.set(date, [p]);
  }
  for (let date = from; date <= through; date = addDays(date, 1)) {
    const f = figures(byDay.get(date) ?? [], date, date, date, timeZone, start);
    days.push({ date, old: brief(f.old), new: brief(f.new) });
  }
  return {
    through,
    target: plan.target,
    total: {
      old: brief(total.old),
      new: brief(total.new),
      oldRevenueShare: share(total.old.revenue, plan.target?.oldRevenue),
      newRevenueShare: share(total.new.revenue, plan.target?.newRevenue),
      oldBuyersShare: share(total.old.buyers, plan.target?.oldBuyers),
      newBuyersShare: share(total.new.buyers, plan.target?.newBuyers),
    },
    phases,
    days,
  };
}

import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { analyzeCohorts } from '../../src/analytics/cohorts.js';
import {
  lifecycleStatesOf,
  lifecycleThresholds,
  purchaseCycle,
  purchaseShape,
  stateCode,
  summarizeStates,
  transitionCounts,
} from '../../src/analytics/lifecycle.js';
import { analyzeNewOld, mondayOf, splitByPeriod, splitByWindows } from '../../src/analytics/new-old.js';
import { analyzePareto } from '../../src/analytics/pareto.js';
import { arrangePurchases, dayOfDate, type Purchases } from '../../src/analytics/purchases.js';
import { lifecycleStates } from '../../src/analytics/schemas.js';

// The order-level analyses on purchases built by hand, and against brute-force references
// (one object per order, luxon for calendars) on random stores.

const ZONE = 'Asia/Shanghai';
const TODAY = dayOfDate('2026-11-24');

interface Order {
  readonly id: number;
  readonly customer: number;
  readonly at: number; // epoch ms
  readonly amount: number;
  readonly items: number;
}

const noLines = {
  count: 0,
  orderId: new Int32Array(0),
  product: new Int32Array(0),
  quantity: new Int32Array(0),
  amount: new Float64Array(0),
};

function purchasesOf(orders: readonly Order[]): Purchases {
  return arrangePurchases(
    {
      orderId: Int32Array.from(orders, (o) => o.id),
      customerId: Int32Array.from(orders, (o) => o.customer),
      at: Float64Array.from(orders, (o) => o.at),
      amount: Float64Array.from(orders, (o) => o.amount),
      items: Int32Array.from(orders, (o) => o.items),
      count: orders.length,
      lines: noLines,
    },
    ZONE,
  );
}

/** Noon in Shanghai, `daysAgo` days before TODAY. */
const noonDaysAgo = (daysAgo: number, hour = 12) =>
  DateTime.fromISO('2026-11-24', { zone: ZONE }).minus({ days: daysAgo }).set({ hour }).toMillis();

let nextId = 1;
const order = (customer: number, daysAgo: number, amount = 10_000, items = 1, hour = 12): Order => ({
  id: nextId++,
  customer,
  at: noonDaysAgo(daysAgo, hour),
  amount,
  items,
});

describe('purchases in memory', () => {
  it('sorts by customer, then time, and numbers purchase days per customer', () => {
    const p = purchasesOf([
      order(7, 3),
      order(2, 10),
      order(7, 30),
      order(7, 3, 5_000, 2, 9), // same day as the first, earlier in it
      order(2, 1),
    ]);
    expect(Array.from(p.customerId)).toEqual([2, 2, 7, 7, 7]);
    expect(Array.from(p.day)).toEqual([TODAY - 10, TODAY - 1, TODAY - 30, TODAY - 3, TODAY - 3]);
    expect(Array.from(p.visit)).toEqual([0, 1, 0, 1, 1]);
    expect(Array.from(p.amount.subarray(3))).toEqual([5_000, 10_000]);
    expect(Array.from(p.runStart)).toEqual([0, 2, 5]);
  });

  it('puts an order at 23:30 and one at 00:30 Shanghai time on different local days', () => {
    const lateEvening = DateTime.fromISO('2026-11-10T23:30', { zone: ZONE }).toMillis();
    const afterMidnight = DateTime.fromISO('2026-11-11T00:30', { zone: ZONE }).toMillis();
    const p = purchasesOf([
      { id: 1, customer: 1, at: lateEvening, amount: 1, items: 1 },
      { id: 2, customer: 1, at: afterMidnight, amount: 1, items: 1 },
    ]);
    expect(Array.from(p.day)).toEqual([dayOfDate('2026-11-10'), dayOfDate('2026-11-11')]);
  });
});

describe('lifecycle', () => {
  // Purchase days before TODAY per customer, and the state each must be in with active 60 / churn 365.
  const fixture = [
    { customer: 1, days: [400, 200, 10, 10], state: 'active' }, // gaps 200, 190 (same-day orders: one day)
    { customer: 2, days: [5], state: 'new' },
    { customer: 3, days: [100, 50], state: 'active' }, // gap 50
    { customer: 4, days: [700, 20], state: 'won_back' }, // gap 680 > 365: had churned
    { customer: 5, days: [300], state: 'silent' },
    { customer: 6, days: [500], state: 'churned' },
    { customer: 8, days: [366], state: 'churned' }, // one day past the line
    { customer: 9, days: [365], state: 'silent' }, // on the line
  ] as const;
  const purchases = purchasesOf(
    fixture.flatMap((f) => f.days.map((d) => order(f.customer, d, 10_000 * f.customer))),
  );

  it('measures the cycle between purchase days, with nearest-rank percentiles', () => {
    const cycle = purchaseCycle(purchases);
    // Gaps: 200, 190, 50, 680 → sorted 50, 190, 200, 680.
    expect(cycle).toMatchObject({
      gaps: 4,
      repeatBuyers: 3,
      p25Days: 50,
      medianDays: 190,
      p75Days: 200,
      p90Days: 680,
      meanDays: (200 + 190 + 50 + 680) / 4,
    });
  });

  it('falls back to 90/365 days with too few gaps, and takes the store’s lines over the cycle', () => {
    const cycle = purchaseCycle(purchases);
    expect(lifecycleThresholds(cycle, { activeDays: null, churnDays: null })).toEqual({
      activeDays: 90,
      churnDays: 365,
      activeSource: 'default',
      churnSource: 'default',
    });
    expect(lifecycleThresholds(cycle, { activeDays: 60, churnDays: null })).toMatchObject({
      activeDays: 60,
      churnDays: 365,
      activeSource: 'settings',
    });
  });

  it('derives the lines from the median and 90th percentile once there are enough gaps', () => {
    // 30 customers with gaps of 1..30 days.
    const many = purchasesOf(
      Array.from({ length: 30 }, (_, i) => [order(100 + i, 100), order(100 + i, 100 - i - 1)]).flat(),
    );
    const cycle = purchaseCycle(many);
    expect(lifecycleThresholds(cycle, { activeDays: null, churnDays: null })).toEqual({
      activeDays: 15,
      churnDays: 27,
      activeSource: 'cycle',
      churnSource: 'cycle',
    });
  });

  it('puts each buyer in the state the rules say', () => {
    const thresholds = lifecycleThresholds(purchaseCycle(purchases), { activeDays: 60, churnDays: 365 });
    const states = lifecycleStatesOf(purchases, TODAY, thresholds);
    expect(Array.from(states, (code) => lifecycleStates[code])).toEqual(fixture.map((f) => f.state));
    const summary = summarizeStates(purchases, states);
    expect(summary.find((s) => s.state === 'active')).toMatchObject({ customers: 2 });
    // Revenue: customer c spends 10,000 × c per order.
    const total = fixture.reduce((sum, f) => sum + f.days.length * 10_000 * f.customer, 0);
    expect(summary.find((s) => s.state === 'churned')!.revenueShare).toBeCloseTo(
      (60_000 + 80_000) / total,
      12,
    );
  });

  it('counts transitions from the last refresh, new buyers coming from nowhere', () => {
    const before = Uint8Array.of(stateCode.new, 255, stateCode.new);
    const now = Uint8Array.of(stateCode.active, stateCode.new, stateCode.active);
    expect(transitionCounts(before, now)).toEqual([
      { from: 'new', to: 'active', customers: 2 },
      { from: null, to: 'new', customers: 1 },
    ]);
  });

  it('shapes purchases: orders and purchase days per customer, items per order', () => {
    const p = purchasesOf([
      order(1, 5, 1, 1),
      order(1, 5, 1, 3),
      order(2, 5, 1, 7),
      ...Array.from({ length: 12 }, (_, i) => order(3, i + 1, 1, 2)),
    ]);
    const shape = purchaseShape(p);
    expect(shape.orders).toBe(15);
    expect(shape.purchasesPerCustomer).toBe(5);
    expect(shape.purchaseDaysPerCustomer).toBeCloseTo((1 + 1 + 12) / 3, 12);
    expect(shape.ordersPerCustomer.map((b) => b.count)).toEqual([1, 1, 0, 0, 0, 0, 1]);
    expect(shape.ordersPerCustomer.at(-1)).toEqual({ from: 11, to: null, count: 1 });
    expect(shape.itemsPerOrder).toBeCloseTo((1 + 3 + 7 + 24) / 15, 12);
    expect(shape.itemsPerOrderDistribution.map((b) => b.count)).toEqual([1, 12, 1, 0, 1]);
  });
});

describe('new vs old', () => {
  it('counts a customer new in the period of their first purchase and old after it', () => {
    // Customer 1: first on 2026-10-30, again 2026-11-02 and 2026-11-03. Customer 2: only 2026-11-02.
    const at = (date: string) => DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toMillis();
    const p = purchasesOf([
      { id: 1, customer: 1, at: at('2026-10-30'), amount: 100, items: 1 },
      { id: 2, customer: 1, at: at('2026-11-02'), amount: 200, items: 1 },
      { id: 3, customer: 1, at: at('2026-11-03'), amount: 300, items: 1 },
      { id: 4, customer: 2, at: at('2026-11-02'), amount: 1_000, items: 1 },
    ]);
    const series = analyzeNewOld(p, dayOfDate('2026-11-24'), [{ name: '双11', from: '11-01', to: '11-11' }]);
    const november = series.months.find((m) => m.period === '2026-11')!;
    expect(november).toMatchObject({
      newBuyers: 1,
      oldBuyers: 1,
      newOrders: 1,
      oldOrders: 2,
      newRevenue: 1_000,
      oldRevenue: 500,
      newAov: 1_000,
      oldAov: 250,
      oldBuyerShare: 0.5,
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(series.months.find((m) => m.period === '2026-10')).toMatchObject({ newBuyers: 1, oldBuyers: 0 });
    // Week of Monday 2026-10-26 holds the first purchase; week of 11-02 has customer 1 as old.
    expect(series.weeks.map((w) => [w.period, w.newBuyers, w.oldBuyers])).toEqual(
      expect.arrayContaining([
        ['2026-10-26', 1, 0],
        ['2026-11-02', 1, 1],
      ]),
    );
    expect(series.promotions).toEqual([
      expect.objectContaining({
        name: '双11',
        year: 2026,
        from: '2026-11-01',
        to: '2026-11-11',
        newBuyers: 1,
        oldBuyers: 1,
        oldRevenue: 500,
      }),
    ]);
    expect(series.days.at(-1)!.period).toBe('2026-11-24');
  });

  it('compares with the same period a year before', () => {
    const at = (date: string) => DateTime.fromISO(`${date}T10:00`, { zone: ZONE }).toMillis();
    const p = purchasesOf([
      { id: 1, customer: 1, at: at('2025-03-05'), amount: 100, items: 1 },
      { id: 2, customer: 2, at: at('2026-03-05'), amount: 100, items: 1 },
      { id: 3, customer: 3, at: at('2026-03-06'), amount: 200, items: 1 },
    ]);
    const series = analyzeNewOld(p, dayOfDate('2026-11-24'), []);
    expect(series.months.find((m) => m.period === '2026-03')!.yoy).toEqual({
      newBuyers: 1,
      oldBuyers: null,
      newRevenue: 2,
      oldRevenue: null,
    });
  });
});

describe('80/20', () => {
  it('finds the top 20% share, the share that makes 80%, and ranks', () => {
    // Ten buyers: one spends 80, the others 20 together.
    const spent = Float64Array.of(5, 80, 2, 2, 2, 2, 2, 2, 2, 1);
    const pareto = analyzePareto(spent);
    expect(pareto.top20RevenueShare).toBeCloseTo(85 / 100, 12);
    expect(pareto.customerShareFor80).toBe(0.1);
    expect(pareto.coreCustomers).toBe(2);
    expect(Array.from(pareto.rank.subarray(0, 3))).toEqual([2, 1, 3]);
    expect(pareto.rank[9]).toBe(10);
    expect(pareto.curve[0]).toBe(0);
    expect(pareto.curve[10]).toBeCloseTo(0.8, 12);
    expect(pareto.curve[100]).toBe(1);
  });

  it('agrees with sorting by brute force on random spends', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 200 }),
        (values) => {
          const pareto = analyzePareto(Float64Array.from(values));
          const sorted = [...values].sort((a, b) => b - a);
          const total = values.reduce((a, b) => a + b, 0);
          const top = Math.ceil(values.length * 0.2);
          const topSum = sorted.slice(0, top).reduce((a, b) => a + b, 0);
          expect(pareto.top20RevenueShare).toBeCloseTo(total > 0 ? topSum / total : 0, 9);
          let k = 0;
          let sum = 0;
          while (total > 0 && sum < 0.8 * total) sum += sorted[k++]!;
          expect(pareto.customerShareFor80).toBeCloseTo(total > 0 ? k / values.length : 1, 12);
          const ranks = Array.from(pareto.rank);
          expect([...ranks].sort((a, b) => a - b)).toEqual(values.map((_, i) => i + 1));
          ranks.forEach((r, i) => {
            expect(sorted[r - 1]).toBe(values[i]);
          });
        },
      ),
    );
  });
});

// Brute-force references over plain order objects.

const localDate = (at: number) => DateTime.fromMillis(at, { zone: ZONE }).toISODate()!;
const localMonth = (at: number) => localDate(at).slice(0, 7);

function referenceSplit(orders: readonly Order[], periodOf: (at: number) => string | null) {
  const firstAt = new Map<number, number>();
  for (const o of orders) firstAt.set(o.customer, Math.min(firstAt.get(o.customer) ?? Infinity, o.at));
  const out = new Map<
    string,
    { nb: Set<number>; ob: Set<number>; no: number; oo: number; nr: number; or: number }
  >();
  for (const o of orders) {
    const period = periodOf(o.at);
    if (period === null) continue;
    const cell = out.get(period) ?? { nb: new Set(), ob: new Set(), no: 0, oo: 0, nr: 0, or: 0 };
    out.set(period, cell);
    if (periodOf(firstAt.get(o.customer)!) === period) {
      cell.nb.add(o.customer);
      cell.no += 1;
      cell.nr += o.amount;
    } else {
      cell.ob.add(o.customer);
      cell.oo += 1;
      cell.or += o.amount;
    }
  }
  return out;
}

const randomOrders = fc
  .array(
    fc.record({
      customer: fc.integer({ min: 1, max: 25 }),
      daysAgo: fc.integer({ min: 0, max: 900 }),
      minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      amount: fc.integer({ min: 0, max: 50_000 }),
      items: fc.integer({ min: 1, max: 6 }),
    }),
    { minLength: 1, maxLength: 120 },
  )
  .map((rows) =>
    rows.map(
      (row, i): Order => ({
        id: i + 1,
        customer: row.customer,
        at: DateTime.fromISO('2026-11-24T00:00', { zone: ZONE })
          .minus({ days: row.daysAgo })
          .plus({ minutes: row.minute })
          .toMillis(),
        amount: row.amount,
        items: row.items,
      }),
    ),
  );

describe('against brute force on random stores', () => {
  it('splits months, weeks and promotion windows like the reference', () => {
    fc.assert(
      fc.property(randomOrders, (orders) => {
        const p = purchasesOf(orders);
        const series = analyzeNewOld(p, TODAY, [
          { name: '11.11', from: '11-01', to: '11-11' },
          { name: 'winter', from: '12-20', to: '01-05' },
        ]);
        const months = referenceSplit(orders, localMonth);
        for (const row of series.months) {
          const cell = months.get(row.period);
          expect([
            row.newBuyers,
            row.oldBuyers,
            row.newOrders,
            row.oldOrders,
            row.newRevenue,
            row.oldRevenue,
          ]).toEqual(
            cell ? [cell.nb.size, cell.ob.size, cell.no, cell.oo, cell.nr, cell.or] : [0, 0, 0, 0, 0, 0],
          );
        }
        expect(series.months.reduce((sum, m) => sum + m.newBuyers, 0)).toBe(
          new Set(orders.map((o) => o.customer)).size,
        );
        const weekOf = (at: number) => DateTime.fromMillis(at, { zone: ZONE }).startOf('week').toISODate()!;
        const weeks = referenceSplit(orders, weekOf);
        for (const row of series.weeks) {
          const cell = weeks.get(row.period);
          expect([row.newBuyers, row.oldBuyers, row.newRevenue, row.oldRevenue]).toEqual(
            cell ? [cell.nb.size, cell.ob.size, cell.nr, cell.or] : [0, 0, 0, 0],
          );
        }
        for (const row of series.promotions) {
          const inWindow = (at: number) => {
            const date = localDate(at);
            return date >= row.from && date <= row.to;
          };
          const firstAt = new Map<number, number>();
          for (const o of orders)
            firstAt.set(o.customer, Math.min(firstAt.get(o.customer) ?? Infinity, o.at));
          const hits = orders.filter((o) => inWindow(o.at));
          const isNew = (o: Order) => localDate(firstAt.get(o.customer)!) >= row.from;
          expect(row.newBuyers).toBe(new Set(hits.filter(isNew).map((o) => o.customer)).size);
          expect(row.oldBuyers).toBe(new Set(hits.filter((o) => !isNew(o)).map((o) => o.customer)).size);
          expect(row.oldRevenue).toBe(hits.filter((o) => !isNew(o)).reduce((s, o) => s + o.amount, 0));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('follows cohorts like the reference', () => {
    fc.assert(
      fc.property(randomOrders, (orders) => {
        const cohorts = analyzeCohorts(purchasesOf(orders), TODAY);
        const first = new Map<number, string>();
        for (const o of [...orders].sort((a, b) => a.at - b.at))
          if (!first.has(o.customer)) first.set(o.customer, localMonth(o.at));
        const monthsBetween = (a: string, b: string) =>
          (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5)) - Number(a.slice(5));
        for (const cohort of cohorts) {
          const members = [...first].filter(([, m]) => m === cohort.month).map(([c]) => c);
          expect(cohort.customers).toBe(members.length);
          cohort.buyers.forEach((buyers, offset) => {
            const hits = orders.filter(
              (o) =>
                first.get(o.customer) === cohort.month &&
                monthsBetween(cohort.month, localMonth(o.at)) === offset,
            );
            expect(buyers).toBe(new Set(hits.map((o) => o.customer)).size);
            expect(cohort.revenue[offset]).toBe(hits.reduce((s, o) => s + o.amount, 0));
          });
          expect(cohort.retention[0]).toBe(1);
        }
        // Every customer whose first month is within the last 36 months is in a cohort.
        const recent = [...first.values()].filter((m) => monthsBetween(m, '2026-11') < 36).length;
        expect(cohorts.reduce((s, c) => s + c.customers, 0)).toBe(recent);
      }),
      { numRuns: 60 },
    );
  });

  it('puts buyers in lifecycle states like the reference', () => {
    fc.assert(
      fc.property(
        randomOrders,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 400 }),
        (orders, active, extra) => {
          const p = purchasesOf(orders);
          const thresholds = lifecycleThresholds(purchaseCycle(p), {
            activeDays: active,
            churnDays: active + extra,
          });
          const states = lifecycleStatesOf(p, TODAY, thresholds);
          const customers = [...new Set(orders.map((o) => o.customer))].sort((a, b) => a - b);
          customers.forEach((customer, k) => {
            const days = [
              ...new Set(
                orders.filter((o) => o.customer === customer).map((o) => dayOfDate(localDate(o.at))),
              ),
            ].sort((a, b) => a - b);
            const recency = TODAY - days.at(-1)!;
            const expected =
              recency > active + extra
                ? 'churned'
                : recency > active
                  ? 'silent'
                  : days.length === 1
                    ? 'new'
                    : days.at(-1)! - days.at(-2)! > active + extra
                      ? 'won_back'
                      : 'active';
            expect(lifecycleStates[states[k]!]).toBe(expected);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('splits days with splitByPeriod and windows with splitByWindows alike', () => {
    fc.assert(
      fc.property(
        randomOrders,
        fc.integer({ min: 0, max: 800 }),
        fc.integer({ min: 0, max: 60 }),
        (orders, start, length) => {
          const p = purchasesOf(orders);
          const from = TODAY - start;
          const to = from + length;
          const windows = splitByWindows(p, [{ key: 'w', from, to }]);
          // New in the window: the first purchase falls in it ('w'), not before it ('before').
          const reference = referenceSplit(orders, (at) => {
            const d = dayOfDate(localDate(at));
            return d >= from && d <= to ? 'w' : d < from ? 'before' : null;
          });
          const cell = reference.get('w');
          expect([
            windows.newBuyers[0],
            windows.oldBuyers[0],
            windows.newRevenue[0],
            windows.oldRevenue[0],
          ]).toEqual(cell ? [cell.nb.size, cell.ob.size, cell.nr, cell.or] : [0, 0, 0, 0]);
          const days = splitByPeriod(p, (d) => d - from, length + 1);
          const byDay = referenceSplit(orders, (at) => localDate(at));
          for (let i = 0; i <= length; i++) {
            const date = new Date((from + i) * 86_400_000).toISOString().slice(0, 10);
            const c = byDay.get(date);
            expect([days.newBuyers[i], days.oldBuyers[i], days.newOrders[i], days.oldOrders[i]]).toEqual(
              c ? [c.nb.size, c.ob.size, c.no, c.oo] : [0, 0, 0, 0],
            );
          }
          expect(mondayOf(dayOfDate('2026-11-24'))).toBe(dayOfDate('2026-11-23'));
        },
      ),
      { numRuns: 60 },
    );
  });
});

import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { refreshAnalytics } from '../../src/analytics/refresh.js';
import type { AppContext } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import { Random } from '../../src/demo/random.js';
import { conditionalExpectedPurchases, expectedIfAlive, probabilityAlive } from '../../src/predict/bgnbd.js';
import { expectedAverageValue } from '../../src/predict/gamma-gamma.js';
import type { PredictionsSnapshot } from '../../src/predict/schemas.js';
import type { StoreId } from '../../src/shared/ids.js';
import { fixedClock } from '../../src/shared/time.js';
import { addServiceSession, openOwnerSession, REFERENCE_NOW } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// Predictions through the refresh and the API on both databases, checked against the models
// applied by hand to each customer's orders as read back with plain SQL.

const DAY = 86_400_000;
const ZONE = 'Asia/Shanghai';
const BUYERS = 240;

/** Buyers who buy at their own rate and may stop after any purchase, over the last two years. */
async function seedStore(db: Db, storeId: StoreId): Promise<void> {
  const generator = new Random(11);
  const random = () => generator.next();
  for (let c = 0; c < BUYERS; c++) {
    const age = 30 + Math.floor(random() * 700);
    const rate = generator.gamma(0.8, 1 / 60); // purchases a day
    const stop = random() * 0.5;
    const orders = [{ at: REFERENCE_NOW - age * DAY, net: 3_000 + Math.floor(random() * 200) * 100 }];
    let t = 0;
    for (;;) {
      t += -Math.log(1 - random()) / rate;
      if (t >= age - 1) break;
      orders.push({ at: REFERENCE_NOW - (age - t) * DAY, net: 2_000 + Math.floor(random() * 300) * 100 });
      if (random() < stop) break;
    }
    await insertCustomerWithOrders(
      db,
      storeId,
      `buyer${c}`,
      orders.map((o) => ({ at: new Date(Math.round(o.at)).toISOString(), net: o.net })),
    );
  }
  await insertCustomerWithOrders(db, storeId, 'fan', []);
}

const localDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const dayNumber = (at: number) => Date.parse(`${localDay.format(at)}T00:00:00Z`) / DAY;

/** Each buyer's (x, tₓ, T, m̄) in days, from the orders, by brute force. */
async function summariesBySql(db: Db, storeId: StoreId) {
  const orders = await db
    .selectFrom('orders')
    .select(['customer_id', 'ordered_at', 'net_amount'])
    .where('store_id', '=', storeId)
    .where('is_purchase', '=', 1)
    .execute();
  const byCustomer = new Map<number, Map<number, number>>();
  for (const o of orders) {
    const days = byCustomer.get(o.customer_id) ?? new Map<number, number>();
    const day = dayNumber(Number(o.ordered_at));
    days.set(day, (days.get(day) ?? 0) + Number(o.net_amount) / 100);
    byCustomer.set(o.customer_id, days);
  }
  const today = dayNumber(REFERENCE_NOW);
  return new Map(
    [...byCustomer].map(([id, days]) => {
      const sorted = [...days.keys()].sort((a, b) => a - b);
      const repeats = sorted.slice(1).map((d) => days.get(d)!);
      return [
        id,
        {
          x: sorted.length - 1,
          tx: sorted.at(-1)! - sorted[0]!,
          T: today - sorted[0]!,
          m: repeats.length > 0 ? repeats.reduce((s, v) => s + v, 0) / repeats.length : 0,
        },
      ];
    }),
  );
}

for (const testDatabase of testDatabases()) {
  describe(`predicted value on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let app: FastifyInstance;
    let ctx: AppContext;
    let storeId: StoreId;
    let owner: string;
    let service: string;

    beforeAll(async () => {
      const session = await openOwnerSession(handle.get(), '预测店');
      ({ app, ctx, storeId, cookie: owner } = session);
      service = await addServiceSession(session);
      await seedStore(handle.get().db, storeId);
    });

    const stored = () =>
      handle
        .get()
        .db.selectFrom('customer_predictions')
        .selectAll()
        .where('store_id', '=', storeId)
        .execute();

    const get = async (path: string, cookie = owner) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}${path}`,
        headers: { cookie },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };

    it('has no predictions before the first refresh', async () => {
      expect(await get('/analytics/predictions', service)).toEqual({ snapshot: null });
      const list = await get('/customers?pageSize=1');
      expect((await get(`/customers/${list.customers[0].id}`)).prediction).toBeNull();
    });

    it('stores every buyer’s predictions as the models give them for their own orders', async () => {
      await refreshAnalytics(ctx, storeId);
      const snapshot: PredictionsSnapshot = (await get('/analytics/predictions', service)).snapshot;
      const truth = await summariesBySql(handle.get().db, storeId);
      expect(snapshot.customers).toBe(BUYERS);
      expect(snapshot.repeatBuyers).toBe([...truth.values()].filter((s) => s.x > 0 && s.m > 0).length);
      expect(snapshot.calibrationEnd).toBe(localDay.format(REFERENCE_NOW));
      expect(snapshot.bgnbd.converged).toBe(true);
      expect(snapshot.warnings.map((w) => w.code)).toContain('few_customers');
      expect(snapshot.warnings.find((w) => w.code === 'few_customers')!.values).toEqual({
        customers: BUYERS,
        minimum: 500,
      });

      const rows = await stored();
      expect(rows).toHaveLength(BUYERS);
      const bg = snapshot.bgnbd;
      const gg = snapshot.gammaGamma!;
      for (const row of rows) {
        const s = truth.get(row.customer_id)!;
        expect(row.p_alive).toBeCloseTo(probabilityAlive(bg, s.x, s.tx, s.T), 5);
        expect(row.expected_30).toBeCloseTo(conditionalExpectedPurchases(bg, 30, s.x, s.tx, s.T), 5);
        expect(row.expected_365).toBeCloseTo(conditionalExpectedPurchases(bg, 365, s.x, s.tx, s.T), 5);
        const spend = expectedAverageValue(gg, s.m > 0 ? s.x : 0, s.m);
        expect(Math.abs(row.average_value - spend * 100)).toBeLessThanOrEqual(1);
        // CLV: 12 months of 30 days, 1% a month
        let clv = 0;
        for (let i = 1; i <= 12; i++) {
          const month = expectedIfAlive(bg, 30 * i, s.x, s.T) - expectedIfAlive(bg, 30 * (i - 1), s.x, s.T);
          clv += (probabilityAlive(bg, s.x, s.tx, s.T) * month * spend) / 1.01 ** i;
        }
        expect(Math.abs(row.clv - clv * 100)).toBeLessThanOrEqual(1);
        // What is at stake: the CLV as if the customer were surely still active
        const alive = probabilityAlive(bg, s.x, s.tx, s.T);
        expect(Math.abs(row.potential_value - (clv / alive) * 100)).toBeLessThanOrEqual(
          1 + 1e-6 * row.potential_value,
        );
        expect(row.potential_value).toBeGreaterThanOrEqual(row.clv);
      }
      // Percentiles: the top 20% by CLV sit above 80
      const sorted = rows.map((r) => r.clv).sort((a, b) => b - a);
      const top = rows.filter((r) => r.clv_percentile > 80);
      expect(top.length).toBe(BUYERS * 0.2);
      expect(Math.min(...top.map((r) => r.clv))).toBe(sorted[BUYERS * 0.2 - 1]);
      expect(snapshot.clvTop20).toBe(sorted[BUYERS * 0.2 - 1]);
      expect(snapshot.totals.clv).toBeCloseTo(
        rows.reduce((s, r) => s + r.clv, 0),
        -2,
      );
      expect(snapshot.distributions.pAlive.reduce((s, b) => s + b.customers, 0)).toBe(BUYERS);
      expect(snapshot.valueMatrix.customers.flat().reduce((s, v) => s + v, 0)).toBe(BUYERS);
      const topPotential = rows.filter((r) => r.potential_percentile > 80);
      expect(snapshot.valueMatrix.customers[2]![2]).toBe(topPotential.filter((r) => r.p_alive >= 0.7).length);
      expect(snapshot.valueMatrix.customers[0]![2]).toBe(topPotential.filter((r) => r.p_alive < 0.3).length);
      // Slipping away and valuable: ranked by potential there are some; ranked by CLV (which
      // already discounts the risk) hardly any.
      expect(snapshot.valueMatrix.customers[0]![2]).toBeGreaterThan(
        top.filter((r) => r.p_alive < 0.3).length,
      );
    });

    it('checks itself on a holdout: a third of the history held back, purchases counted from the orders', async () => {
      const { holdout } = (await get('/analytics/predictions')).snapshot as PredictionsSnapshot;
      expect(holdout).not.toBeNull();
      const orders = await handle
        .get()
        .db.selectFrom('orders')
        .select(['customer_id', 'ordered_at'])
        .where('store_id', '=', storeId)
        .where('is_purchase', '=', 1)
        .execute();
      const end = Date.parse(`${holdout!.calibrationEnd}T00:00:00Z`) / DAY;
      const first = new Map<number, number>();
      const later = new Map<number, Set<number>>();
      for (const o of orders) {
        const day = dayNumber(Number(o.ordered_at));
        first.set(o.customer_id, Math.min(first.get(o.customer_id) ?? day, day));
      }
      for (const o of orders) {
        const day = dayNumber(Number(o.ordered_at));
        if (day > end && first.get(o.customer_id)! <= end)
          later.set(o.customer_id, (later.get(o.customer_id) ?? new Set()).add(day));
      }
      expect(holdout!.customers).toBe([...first.values()].filter((d) => d <= end).length);
      expect(holdout!.totalActual).toBe([...later.values()].reduce((s, days) => s + days.size, 0));
      expect(holdout!.rows.reduce((s, r) => s + r.customers, 0)).toBe(holdout!.customers);
    });

    it('filters the customer list by P(alive) and CLV rank, and shows a buyer’s prediction on the profile', async () => {
      const rows = await stored();
      const winBack = rows.filter((r) => r.p_alive < 0.5 && r.clv_percentile > 70).map((r) => r.customer_id);
      expect(winBack.length).toBeGreaterThan(0);
      const list = await get('/customers?pAliveMax=0.5&clvTopPercent=30&pageSize=200');
      expect(list.customers.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b)).toEqual(
        winBack.sort((a, b) => a - b),
      );
      const slipping = rows
        .filter((r) => r.p_alive < 0.3 && r.potential_percentile > 80)
        .map((r) => r.customer_id);
      expect(slipping.length).toBeGreaterThan(0);
      const winBackList = await get('/customers?pAliveMax=0.3&potentialTopPercent=20&pageSize=200');
      expect(
        winBackList.customers.map((c: { id: number }) => c.id).sort((a: number, b: number) => a - b),
      ).toEqual(slipping.sort((a, b) => a - b));
      const alive = await get('/customers?pAliveMin=0.9&pageSize=200');
      expect(alive.total).toBe(rows.filter((r) => r.p_alive >= 0.9).length);

      const best = rows.reduce((a, b) => (b.clv > a.clv ? b : a));
      const profile = await get(`/customers/${best.customer_id}`, service);
      expect(profile.prediction).toEqual({
        pAlive: best.p_alive,
        expected30: best.expected_30,
        expected90: best.expected_90,
        expected365: best.expected_365,
        averageValue: best.average_value,
        clv: best.clv,
        clvPercentile: 100,
        potentialValue: best.potential_value,
        potentialPercentile: best.potential_percentile,
        nextOrderDate: best.next_order_date,
        computedAt: best.computed_at,
      });
      expect(profile.prediction.nextOrderDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      // The win-back list exports with its predictions
      const exported = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/customers/export?format=csv&pAliveMax=0.3&potentialTopPercent=20`,
        headers: { cookie: owner },
      });
      expect(exported.statusCode, exported.body).toBe(200);
      const [header, ...lines] = Papa.parse<string[]>(exported.body.replace(/^\uFEFF/, '').trim()).data;
      const column = (name: string) => header!.indexOf(name);
      expect(lines).toHaveLength(slipping.length);
      for (const line of lines) {
        const row = rows.find((r) => r.customer_id === Number(line[0]))!;
        expect(Number(line[column('仍活跃概率')])).toBeCloseTo(row.p_alive, 3);
        expect(Number(line[column('若仍活跃的价值(元)')])).toBe(row.potential_value / 100);
      }
    });

    it('refuses filters out of range with the field named', async () => {
      for (const query of ['pAliveMax=1.5', 'clvTopPercent=0', 'clvTopPercent=abc']) {
        const response = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/customers?${query}`,
          headers: { cookie: owner },
        });
        expect(response.statusCode, query).toBe(400);
        expect(response.body).toContain(query.split('=')[0]!);
      }
    });

    it('replaces the rows on the next refresh, keeping one per buyer', async () => {
      await refreshAnalytics(ctx, storeId);
      const rows = await stored();
      expect(rows).toHaveLength(BUYERS);
      expect(new Set(rows.map((r) => r.customer_id)).size).toBe(BUYERS);
    });

    it('starts each night from the last fit, keeps the holdout check for a week, then checks again', async () => {
      const first: PredictionsSnapshot = (await get('/analytics/predictions')).snapshot;
      const night = (days: number) =>
        refreshAnalytics({ ...ctx, clock: fixedClock(REFERENCE_NOW + days * DAY) }, storeId);
      await night(1);
      const next: PredictionsSnapshot = (await get('/analytics/predictions')).snapshot;
      // A day older: the same maximum (to rounding), found from yesterday's
      expect(next.calibrationEnd).not.toBe(first.calibrationEnd);
      expect(next.bgnbd.r).toBeCloseTo(first.bgnbd.r, 2);
      expect(next.bgnbd.converged).toBe(true);
      expect(next.holdout).toEqual(first.holdout);
      await night(8);
      const week: PredictionsSnapshot = (await get('/analytics/predictions')).snapshot;
      expect(week.holdout!.holdoutEnd).toBe(week.calibrationEnd);
      expect(week.holdout!.holdoutEnd).not.toBe(first.holdout!.holdoutEnd);
    });
  });
}

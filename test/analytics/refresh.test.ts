import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPurchaseLogs, readRawPurchases } from '../../src/analytics/purchase-log.js';
import { arrangePurchases } from '../../src/analytics/purchases.js';
import { refreshAnalytics } from '../../src/analytics/refresh.js';
import { queueNightlyRefreshes } from '../../src/analytics/refresh-job.js';
import { readBuyers } from '../../src/analytics/rfm-refresh.js';
import type { AppContext } from '../../src/context.js';
import { recomputeRollups } from '../../src/customers/rollups.store.js';
import type { Db } from '../../src/db/database.js';
import { jobHandlers } from '../../src/jobs/registry.js';
import { startWorker } from '../../src/jobs/worker.js';
import type { StoreId } from '../../src/shared/ids.js';
import type { Fen } from '../../src/shared/money.js';
import { fixedClock, monthsEndingAt } from '../../src/shared/time.js';
import { addServiceSession, expectError, openOwnerSession, REFERENCE_NOW } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// The whole refresh through the API on both databases, its figures recomputed from the orders
// with plain SQL: new vs old per month and per promotion, the 80/20 split, cohort sizes.

const DAY = 86_400_000;
const ZONE = 'Asia/Shanghai';

async function seedStore(db: Db, storeId: StoreId): Promise<void> {
  let seed = 7;
  const next = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  for (let c = 0; c < 80; c++) {
    // Some buyers are old (first purchase up to two years ago), some recent; 1–7 orders each.
    const start = Math.floor(next() * 730);
    const orders = Array.from({ length: 1 + Math.floor(next() * 7) }, () => ({
      at: new Date(REFERENCE_NOW - Math.floor(next() * start) * DAY - Math.floor(next() * DAY)).toISOString(),
      net: 500 + Math.floor(next() * 400) * 100,
      status: next() < 0.08 ? ('closed' as const) : undefined,
    }));
    await insertCustomerWithOrders(db, storeId, `buyer${c}`, orders);
  }
  await insertCustomerWithOrders(db, storeId, 'fan', []);
}

/** New vs old between two instants, straight from the orders (first purchase by subquery). */
async function splitBySql(db: Db, storeId: StoreId, start: number, end: number) {
  const result = await sql<Record<string, number | string | null>>`
    select count(distinct case when f.first_at >= ${start} then o.customer_id end) as new_buyers,
           count(distinct case when f.first_at < ${start} then o.customer_id end) as old_buyers,
           sum(case when f.first_at >= ${start} then 1 else 0 end) as new_orders,
           sum(case when f.first_at < ${start} then 1 else 0 end) as old_orders,
           sum(case when f.first_at >= ${start} then o.net_amount else 0 end) as new_revenue,
           sum(case when f.first_at < ${start} then o.net_amount else 0 end) as old_revenue
    from orders o
    join (select customer_id, min(ordered_at) as first_at from orders
          where store_id = ${storeId} and is_purchase = 1 group by customer_id) f
      on f.customer_id = o.customer_id
    where o.store_id = ${storeId} and o.is_purchase = 1 and o.ordered_at >= ${start} and o.ordered_at < ${end}`.execute(
    db,
  );
  const row = result.rows[0]!;
  return [
    row.new_buyers,
    row.old_buyers,
    row.new_orders,
    row.old_orders,
    row.new_revenue,
    row.old_revenue,
  ].map((v) => Number(v ?? 0));
}

for (const testDatabase of testDatabases()) {
  describe(`the analytics refresh on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let app: FastifyInstance;
    let ctx: AppContext;
    let storeId: StoreId;
    let owner: string;
    let service: string;

    beforeAll(async () => {
      const session = await openOwnerSession(handle.get(), '分析店');
      ({ app, ctx, storeId, cookie: owner } = session);
      service = await addServiceSession(session);
      await seedStore(handle.get().db, storeId);
    });

    const get = async (path: string, cookie = owner) => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}${path}`,
        headers: { cookie },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };

    it('has nothing to show or export before the first refresh', async () => {
      for (const path of ['lifecycle', 'new-old', 'pareto', 'cohorts', 'products']) {
        expect(await get(`/analytics/${path}`, service)).toEqual({ snapshot: null });
      }
      const exported = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/analytics/export?table=lifecycle`,
        headers: { cookie: owner },
      });
      expectError(exported, 409, 'analytics.not_computed');
      expectError(
        await app.inject({
          method: 'POST',
          url: `/api/stores/${storeId}/analytics/refresh`,
          headers: { cookie: service },
        }),
        403,
        'auth.forbidden',
      );
    });

    it('reuses a refresh that is still waiting instead of queueing another', async () => {
      const post = () =>
        app.inject({
          method: 'POST',
          url: `/api/stores/${storeId}/analytics/refresh`,
          headers: { cookie: owner },
        });
      const first = (await post()).json().jobId;
      expect((await post()).json().jobId).toBe(first);
      expect(await startWorker(ctx, { handlers: jobHandlers }, false).drain()).toBe(1);
      const job = await get(`/jobs/${first}`);
      expect(job).toMatchObject({ state: 'succeeded', progress: 1 });
      expect(job.result).toMatchObject({ buyers: 80, purchases: expect.any(Number), logsRebuilt: 80 });
      // The products analysis is part of the refresh.
      expect((await get('/analytics/products')).snapshot).toMatchObject({ customers: 80 });
    });

    it('splits every month into new and old customers as plain SQL over the orders does', async () => {
      const snapshot = (await get('/analytics/new-old')).snapshot;
      const months = monthsEndingAt(ctx.clock.now(), ZONE, 26);
      let compared = 0;
      for (const month of months) {
        const row = snapshot.months.find((m: { period: string }) => m.period === month.key);
        const truth = await splitBySql(handle.get().db, storeId, month.start, month.end);
        const figures = row
          ? [row.newBuyers, row.oldBuyers, row.newOrders, row.oldOrders, row.newRevenue, row.oldRevenue]
          : [0, 0, 0, 0, 0, 0];
        expect(figures, month.key).toEqual(truth);
        if (truth[0]! + truth[1]! > 0) compared += 1;
      }
      expect(compared).toBeGreaterThan(20);
    });

    it('splits each promotion window like the SQL, and like the range query for the same dates', async () => {
      const snapshot = (await get('/analytics/new-old')).snapshot;
      const windows = snapshot.promotions as {
        period: string;
        from: string;
        to: string;
        newBuyers: number;
        oldBuyers: number;
        newRevenue: number;
        oldRevenue: number;
      }[];
      expect(windows.map((w) => w.period)).toEqual(
        expect.arrayContaining(['6.18 2025', '11.11 2025', '12.12 2025', '6.18 2026', '11.11 2026']),
      );
      for (const w of windows) {
        const start = Date.parse(`${w.from}T00:00:00+08:00`);
        const end = Date.parse(`${w.to}T00:00:00+08:00`) + DAY;
        const [newBuyers, oldBuyers, , , newRevenue, oldRevenue] = await splitBySql(
          handle.get().db,
          storeId,
          start,
          end,
        );
        expect([w.newBuyers, w.oldBuyers, w.newRevenue, w.oldRevenue], w.period).toEqual([
          newBuyers,
          oldBuyers,
          newRevenue,
          oldRevenue,
        ]);
        const { row } = await get(`/analytics/new-old/range?from=${w.from}&to=${w.to}`, service);
        expect([row.newBuyers, row.oldBuyers, row.newRevenue, row.oldRevenue], w.period).toEqual([
          w.newBuyers,
          w.oldBuyers,
          w.newRevenue,
          w.oldRevenue,
        ]);
      }
      const lastYear = windows.find((w) => w.period === '11.11 2025')!;
      const thisYear = windows.find((w) => w.period === '11.11 2026') as (typeof windows)[number] & {
        yoy: { oldRevenue: number | null };
      };
      expect(thisYear.yoy.oldRevenue).toBeCloseTo(
        lastYear.oldRevenue > 0
          ? (thisYear.oldRevenue - lastYear.oldRevenue) / lastYear.oldRevenue
          : Number.NaN,
        12,
      );
    });

    it('refuses a range that ends before it starts or is not a date', async () => {
      const bad = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/analytics/new-old/range?from=2026-11-11&to=2026-11-01`,
        headers: { cookie: owner },
      });
      expect(expectError(bad, 400, 'request.invalid').message).toContain('end on or after');
      const notDate = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/analytics/new-old/range?from=11-01&to=2026-11-11`,
        headers: { cookie: owner },
      });
      expect(JSON.stringify(expectError(notDate, 400, 'request.invalid'))).toContain('yyyy-MM-dd');
    });

    it('ranks buyers by spend: the 80/20 figures, the core list and its ranks agree with SQL', async () => {
      const { db } = handle.get();
      const spends = (
        await sql<{ customer_id: number; spent: number | string }>`
          select customer_id, sum(net_amount) as spent from orders
          where store_id = ${storeId} and is_purchase = 1 group by customer_id`.execute(db)
      ).rows
        .map((r) => ({ id: r.customer_id, spent: Number(r.spent) }))
        .sort((a, b) => b.spent - a.spent || a.id - b.id);
      const pareto = (await get('/analytics/pareto', service)).snapshot;
      const total = spends.reduce((s, r) => s + r.spent, 0);
      const core = Math.ceil(spends.length * 0.2);
      expect(pareto).toMatchObject({ buyers: spends.length, revenue: total, coreCustomers: core });
      expect(pareto.top20RevenueShare).toBeCloseTo(
        spends.slice(0, core).reduce((s, r) => s + r.spent, 0) / total,
        12,
      );
      expect(pareto.curve).toHaveLength(101);

      const page1 = await get('/analytics/core-customers?page=1&pageSize=5', service);
      const page2 = await get('/analytics/core-customers?page=2&pageSize=5', service);
      expect(page1.total).toBe(core);
      expect([...page1.items, ...page2.items].map((c: { customerId: number }) => c.customerId)).toEqual(
        spends.slice(0, 10).map((s) => s.id),
      );
      expect(page1.items[0]).toMatchObject({
        valueRank: 1,
        totalSpent: spends[0]!.spent,
        displayName: expect.any(String),
      });
      const flags = await db
        .selectFrom('customer_scores')
        .select((eb) => [eb.fn.sum<number>('is_core').as('core'), eb.fn.countAll<number>().as('rows')])
        .where('store_id', '=', storeId)
        .executeTakeFirstOrThrow();
      expect([Number(flags.core), Number(flags.rows)]).toEqual([core, spends.length]);
      const coreIds = await db
        .selectFrom('customer_scores')
        .select('customer_id')
        .where('store_id', '=', storeId)
        .where('is_core', '=', 1)
        .execute();
      expect(coreIds.map((r) => r.customer_id).sort((a, b) => a - b)).toEqual(
        spends
          .slice(0, core)
          .map((s) => s.id)
          .sort((a, b) => a - b),
      );
    });

    it('sizes each monthly cohort as SQL counts first purchases, with month 0 fully retained', async () => {
      const cohorts = (await get('/analytics/cohorts')).snapshot.cohorts as {
        month: string;
        customers: number;
        retention: number[];
      }[];
      const months = monthsEndingAt(ctx.clock.now(), ZONE, 36);
      for (const month of months) {
        const result = await sql<{ n: number | string }>`
          select count(*) as n from (select customer_id, min(ordered_at) as first_at from orders
            where store_id = ${storeId} and is_purchase = 1 group by customer_id) f
          where f.first_at >= ${month.start} and f.first_at < ${month.end}`.execute(handle.get().db);
        const expected = Number(result.rows[0]!.n);
        const cohort = cohorts.find((c) => c.month === month.key);
        expect(cohort?.customers ?? 0, month.key).toBe(expected);
        if (cohort) expect(cohort.retention[0]).toBe(1);
      }
    });

    it('keeps every buyer’s lifecycle state, counted in the snapshot, and the fan as potential', async () => {
      const lifecycle = (await get('/analytics/lifecycle')).snapshot;
      const stored = await handle
        .get()
        .db.selectFrom('customer_scores')
        .select(['lifecycle', (eb) => eb.fn.countAll<number>().as('n')])
        .where('store_id', '=', storeId)
        .groupBy('lifecycle')
        .execute();
      for (const state of lifecycle.states as { state: string; customers: number }[]) {
        expect(Number(stored.find((s) => s.lifecycle === state.state)?.n ?? 0), state.state).toBe(
          state.customers,
        );
      }
      expect(lifecycle.potential).toBe(1);
      expect(lifecycle.buyers).toBe(stored.reduce((s, r) => s + Number(r.n), 0));
      expect(lifecycle.cycle.gaps).toBeGreaterThan(30);
      expect(lifecycle.thresholds.activeSource).toBe('cycle');
      expect(lifecycle.thresholds.activeDays).toBe(lifecycle.cycle.medianDays);
      // The first refresh found no earlier states: everyone came from nowhere.
      expect(lifecycle.previousComputedAt).toBeNull();
      expect(lifecycle.transitions.every((t: { from: string | null }) => t.from === null)).toBe(true);
    });

    it('follows buyers from state to state when time passes', async () => {
      const later = fixedClock(REFERENCE_NOW + 400 * DAY);
      const laterCtx = { ...ctx, clock: later };
      const before = (await get('/analytics/lifecycle')).snapshot;
      await startWorker(laterCtx, { handlers: jobHandlers }, false).drain(); // nothing queued
      expect(await queueNightlyRefreshes(laterCtx)).toContain(storeId);
      expect(await queueNightlyRefreshes(laterCtx)).not.toContain(storeId); // already waiting
      expect(await startWorker(laterCtx, { handlers: jobHandlers }, false).drain()).toBe(1);
      expect(await queueNightlyRefreshes(laterCtx)).not.toContain(storeId); // done for today
      const after = (await get('/analytics/lifecycle')).snapshot;
      expect(after.previousComputedAt).toBe(before.computedAt);
      const moved = after.transitions as { from: string | null; to: string; customers: number }[];
      expect(moved.reduce((s, t) => s + t.customers, 0)).toBe(after.buyers);
      // 400 days later without purchases, nobody is new or active any more.
      expect(moved.every((t) => t.to === 'silent' || t.to === 'churned')).toBe(true);
      const wasActive = (before.states as { state: string; customers: number }[])
        .filter((s) => s.state !== 'silent' && s.state !== 'churned')
        .reduce((s, x) => s + x.customers, 0);
      expect(
        moved.filter((t) => t.from !== 'silent' && t.from !== 'churned').reduce((s, t) => s + t.customers, 0),
      ).toBe(wasActive);
    });

    it('rebuilds only the purchase logs whose roll-ups changed, and reads them back as the orders say', async () => {
      const { db } = handle.get();
      // After the nightly refresh of the test before, 400 days on.
      const later = { ...ctx, clock: fixedClock(REFERENCE_NOW + 401 * DAY) };
      const quiet = await refreshAnalytics(later, storeId);
      expect(quiet.logsRebuilt).toBe(0);
      // A refund on one customer's order, as an import would record it.
      const order = await db
        .selectFrom('orders')
        .select(['id', 'customer_id', 'net_amount'])
        .where('store_id', '=', storeId)
        .where('is_purchase', '=', 1)
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('orders')
        .set({ refund_amount: 300 as Fen, net_amount: (Number(order.net_amount) - 300) as Fen })
        .where('store_id', '=', storeId)
        .where('id', '=', order.id)
        .execute();
      await recomputeRollups(db, storeId, [order.customer_id]);
      const summary = await refreshAnalytics(later, storeId);
      expect(summary.logsRebuilt).toBe(1);
      const months = (await get('/analytics/new-old')).snapshot.months as {
        period: string;
        oldRevenue: number;
        newRevenue: number;
      }[];
      for (const month of monthsEndingAt(ctx.clock.now(), ZONE, 26)) {
        const truth = await splitBySql(db, storeId, month.start, month.end);
        const row = months.find((m) => m.period === month.key);
        expect([row?.newRevenue ?? 0, row?.oldRevenue ?? 0], month.key).toEqual([truth[4], truth[5]]);
      }
      // The logs hold exactly the purchases and lines of the orders.
      const buyers = await readBuyers(ctx, storeId);
      const fromLogs = (await loadPurchaseLogs(ctx, storeId, ZONE, buyers)).purchases;
      const fromOrders = arrangePurchases(await readRawPurchases(ctx, storeId, null), ZONE);
      const byOrder = (p: typeof fromLogs) => {
        const rows: string[] = [];
        for (let i = 0; i < p.count; i++) {
          const lines = [];
          for (let l = p.lineStart[i]!; l < p.lineStart[i + 1]!; l++) {
            lines.push([p.lineProduct[l], p.lineQuantity[l], p.lineAmount[l]].join(':'));
          }
          rows.push(
            [p.orderId[i], p.customerId[i], p.day[i], p.amount[i], p.items[i], p.visit[i], ...lines].join(
              ',',
            ),
          );
        }
        return rows.sort();
      };
      expect(fromLogs.count).toBeGreaterThan(100);
      expect(byOrder(fromLogs)).toEqual(byOrder(fromOrders));
    });

    it('takes the store’s own lifecycle lines and promotion windows, and refuses ones that make no sense', async () => {
      const patch = (analytics: unknown) =>
        app.inject({
          method: 'PATCH',
          url: `/api/stores/${storeId}`,
          headers: { cookie: owner },
          payload: { settings: { analytics } },
        });
      const crossed = await patch({ activeDays: 60, churnDays: 30 });
      expect(JSON.stringify(expectError(crossed, 400, 'request.invalid'))).toContain('churnDays');
      const badDay = await patch({ promotions: [{ name: '年货节', from: '13-01', to: '01-20' }] });
      expect(JSON.stringify(expectError(badDay, 400, 'request.invalid'))).toContain('MM-DD');
      const backwards = await patch({
        promotions: [{ name: '店庆', fromDate: '2026-05-10', toDate: '2026-05-01' }],
      });
      expectError(backwards, 400, 'request.invalid');

      const ok = await patch({
        activeDays: 45,
        churnDays: 200,
        promotions: [
          { name: '年货节', from: '12-20', to: '01-10' },
          { name: '店庆', fromDate: '2026-05-01', toDate: '2026-05-10' },
        ],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const later = { ...ctx, clock: fixedClock(REFERENCE_NOW + 402 * DAY) };
      await refreshAnalytics(later, storeId);
      const lifecycle = (await get('/analytics/lifecycle')).snapshot;
      expect(lifecycle.thresholds).toEqual({
        activeDays: 45,
        churnDays: 200,
        activeSource: 'settings',
        churnSource: 'settings',
      });
      const promotions = (await get('/analytics/new-old')).snapshot.promotions as {
        period: string;
        from: string;
        to: string;
      }[];
      expect(promotions.find((p) => p.period === '店庆')).toMatchObject({
        from: '2026-05-01',
        to: '2026-05-10',
      });
      expect(promotions.find((p) => p.period === '年货节 2025')).toMatchObject({
        from: '2025-12-20',
        to: '2026-01-10',
      });
      expect(promotions.some((p) => p.period.startsWith('11.11'))).toBe(false);
    });

    it('exports a table as CSV with the user’s language, and audits it', async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/analytics/export?table=rfm-segments&format=csv`,
        headers: { cookie: owner },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-disposition']).toMatch(/rfm-segments-\d+-\d{8}-\d{4}\.csv/);
      const rows = Papa.parse<string[]>(response.body.replace(/^\uFEFF/, '')).data.filter(
        (r) => r.length > 1,
      );
      expect(rows[0]).toEqual(['客户分群', '人数', '人数占比', '销售额占比', '平均R', '平均F', '平均M']);
      const rfm = (await get('/analytics/rfm')).snapshot;
      expect(rows.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(
        rfm.chinese.map((s: { segment: string; customers: number }) => [s.segment, s.customers]),
      );
      const audit = await handle
        .get()
        .db.selectFrom('audit_log')
        .select(['action', 'details'])
        .where('store_id', '=', storeId)
        .where('action', '=', 'analytics.export')
        .execute();
      expect(audit).toHaveLength(1);
      expect(JSON.parse(audit[0]!.details)).toEqual({ table: 'rfm-segments', format: 'csv' });

      const xlsx = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/analytics/export?table=core-customers&format=xlsx`,
        headers: { cookie: owner },
      });
      expect(xlsx.statusCode).toBe(200);
      expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
      expectError(
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/export?table=core-customers`,
          headers: { cookie: service },
        }),
        403,
        'auth.forbidden',
      );
      const unknown = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/analytics/export?table=orders`,
        headers: { cookie: owner },
      });
      expectError(unknown, 400, 'request.invalid');
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import { jobHandlers } from '../../src/jobs/registry.js';
import { startWorker } from '../../src/jobs/worker.js';
import type { StoreId } from '../../src/shared/ids.js';
import { addServiceSession, expectError, openOwnerSession, REFERENCE_NOW } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// The RFM refresh reads the customers' roll-ups. This test recomputes everything from the orders
// with plain SQL (no roll-ups, no TypeScript scoring) and compares, on both databases.

const DAY = 86_400_000;

/** Seeded buyers with 1–6 orders over two years, some with closed orders, and two non-buyers. */
async function seedStore(db: Db, storeId: StoreId): Promise<void> {
  let seed = 99;
  const next = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  for (let c = 0; c < 60; c++) {
    const orders = Array.from({ length: 1 + Math.floor(next() * 6) }, () => ({
      at: new Date(REFERENCE_NOW - Math.floor(next() * 730) * DAY - Math.floor(next() * DAY)).toISOString(),
      net: 1_000 + Math.floor(next() * 50) * 1_000, // repeated values, so ties happen
      status: next() < 0.1 ? ('closed' as const) : undefined,
    }));
    await insertCustomerWithOrders(db, storeId, `buyer${c}`, orders);
  }
  await insertCustomerWithOrders(db, storeId, 'only-closed', [
    { at: '2026-01-01T00:00:00Z', net: 5_000, status: 'closed' },
  ]);
}

interface Truth {
  customer_id: number;
  days: number;
  orders: number;
  spent: number;
}

/** Recency, frequency and monetary per buyer straight from the orders. */
async function truthFromOrders(db: Db, storeId: StoreId): Promise<Truth[]> {
  const result = await sql<{
    customer_id: number;
    days: number | string;
    orders: number | string;
    spent: number | string;
  }>`
    select customer_id,
           (${REFERENCE_NOW} - max(ordered_at)) / ${DAY} as days,
           count(*) as orders,
           sum(net_amount) as spent
    from orders
    where store_id = ${storeId} and is_purchase = 1
    group by customer_id
    order by customer_id`.execute(db);
  return result.rows.map((row) => ({
    customer_id: row.customer_id,
    days: Math.floor(Number(row.days)),
    orders: Number(row.orders),
    spent: Number(row.spent),
  }));
}

/** The value at the k-th position of the buyers' ordered values, by SQL. */
async function valueAt(db: Db, storeId: StoreId, measure: 'days' | 'orders' | 'spent', offset: number) {
  const expression =
    measure === 'days'
      ? sql`(${REFERENCE_NOW} - max(ordered_at)) / ${DAY}`
      : measure === 'orders'
        ? sql`count(*)`
        : sql`sum(net_amount)`;
  const result = await sql<{ v: number | string }>`
    select v from (
      select ${expression} as v from orders where store_id = ${storeId} and is_purchase = 1 group by customer_id
    ) t order by v limit 1 offset ${offset}`.execute(db);
  return Math.floor(Number(result.rows[0]!.v));
}

for (const testDatabase of testDatabases()) {
  describe(`the RFM refresh on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let app: FastifyInstance;
    let ctx: AppContext;
    let storeId: StoreId;
    let owner: string;
    let service: string;

    beforeAll(async () => {
      const session = await openOwnerSession(handle.get(), 'RFM 店');
      ({ app, ctx, storeId, cookie: owner } = session);
      service = await addServiceSession(session);
      await seedStore(handle.get().db, storeId);
    });

    /** Queues a refresh through the API, runs it, and returns the response and the new RFM snapshot. */
    const refresh = async (cookie = owner) => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/stores/${storeId}/analytics/refresh`,
        headers: { cookie },
      });
      if (response.statusCode !== 202) return { response, snapshot: null };
      expect(await startWorker(ctx, { handlers: jobHandlers }, false).drain()).toBe(1);
      const job = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/jobs/${response.json().jobId}`,
        headers: { cookie },
      });
      expect(job.json()).toMatchObject({ state: 'succeeded', progress: 1 });
      const latest = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/analytics/rfm`,
        headers: { cookie },
      });
      return { response, snapshot: latest.json().snapshot };
    };

    it('has no snapshot before the first refresh, and service staff may read but not refresh', async () => {
      const before = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/analytics/rfm`,
        headers: { cookie: service },
      });
      expect(before.json()).toEqual({ snapshot: null });
      expectError((await refresh(service)).response, 403, 'auth.forbidden');
    });

    it('scores every buyer as plain SQL over the orders says, with quintile cut points at 20/40/60/80%', async () => {
      const { snapshot } = await refresh();
      const { db } = handle.get();
      const truth = await truthFromOrders(db, storeId);
      expect(snapshot.buyers).toBe(truth.length);
      const n = truth.length;
      const positions = [0.2, 0.4, 0.6, 0.8].map((share) => Math.ceil(n * share) - 1);
      for (const [measure, key] of [
        ['days', 'recencyDays'],
        ['orders', 'orders'],
        ['spent', 'spent'],
      ] as const) {
        const cuts = [];
        for (const position of positions) cuts.push(await valueAt(db, storeId, measure, position));
        expect(snapshot.cuts[key], measure).toEqual(cuts);
      }
      const stored = await db
        .selectFrom('customer_scores')
        .select(['customer_id', 'rfm_r', 'rfm_f', 'rfm_m'])
        .where('store_id', '=', storeId)
        .orderBy('customer_id')
        .execute();
      const cuts = snapshot.cuts as { recencyDays: number[]; orders: number[]; spent: number[] };
      expect(stored).toEqual(
        truth.map((t) => ({
          customer_id: t.customer_id,
          rfm_r: 1 + cuts.recencyDays.filter((cut) => t.days <= cut).length,
          rfm_f: 1 + cuts.orders.filter((cut) => t.orders > cut).length,
          rfm_m: 1 + cuts.spent.filter((cut) => t.spent > cut).length,
        })),
      );
    });

    it('shows a buyer’s scores on their profile, and none for a customer who never bought', async () => {
      const { db } = handle.get();
      const score = await db
        .selectFrom('customer_scores')
        .selectAll()
        .where('store_id', '=', storeId)
        .orderBy('customer_id')
        .executeTakeFirstOrThrow();
      const profile = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/customers/${score.customer_id}`,
          headers: { cookie: service },
        })
      ).json();
      const truth = (await truthFromOrders(db, storeId)).find((t) => t.customer_id === score.customer_id)!;
      expect(profile.scores).toEqual({
        recencyDays: truth.days,
        r: score.rfm_r,
        f: score.rfm_f,
        m: score.rfm_m,
        segmentCn: score.segment_cn,
        segmentEn: score.segment_en,
        lifecycle: score.lifecycle,
        core: score.is_core === 1,
        computedAt: REFERENCE_NOW,
      });
      expect(score.lifecycle).toMatch(/^(new|active|silent|churned|won_back)$/);
      const nonBuyer = await db
        .selectFrom('customers')
        .select('id')
        .where('store_id', '=', storeId)
        .where('customer_key', '=', 'only-closed')
        .executeTakeFirstOrThrow();
      const none = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/customers/${nonBuyer.id}`,
          headers: { cookie: owner },
        })
      ).json();
      expect(none.scores).toBeNull();
    });

    it('summarises segments that add up: customers and revenue', async () => {
      const snapshot = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/rfm`,
          headers: { cookie: owner },
        })
      ).json().snapshot;
      for (const scheme of ['chinese', 'english'] as const) {
        const segments = snapshot[scheme] as { segment: string; customers: number; revenueShare: number }[];
        expect(segments.reduce((sum, s) => sum + s.customers, 0)).toBe(snapshot.buyers);
        expect(segments.reduce((sum, s) => sum + s.revenueShare, 0)).toBeCloseTo(1, 9);
        const column = scheme === 'chinese' ? 'segment_cn' : 'segment_en';
        const counts = await handle
          .get()
          .db.selectFrom('customer_scores')
          .select([column, (eb) => eb.fn.countAll<number | string>().as('n')])
          .where('store_id', '=', storeId)
          .groupBy(column)
          .execute();
        for (const segment of segments) {
          const row = counts.find((c) => (c as Record<string, unknown>)[column] === segment.segment);
          expect(Number(row?.n ?? 0), segment.segment).toBe(segment.customers);
        }
      }
      expect(snapshot.chinese.map((s: { segment: string }) => s.segment)).toHaveLength(8);
      expect(snapshot.english.map((s: { segment: string }) => s.segment)).toHaveLength(11);
    });

    it('scores by the store’s thresholds once it sets them, and keeps both snapshots', async () => {
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/stores/${storeId}`,
        headers: { cookie: owner },
        payload: {
          settings: {
            rfm: {
              method: 'thresholds',
              thresholds: {
                recencyDays: [30, 90, 180, 365],
                orders: [1, 2, 3, 4],
                spentYuan: [20, 50, 100, 200],
              },
              reference: 3,
            },
          },
        },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const { snapshot } = await refresh();
      expect(snapshot).toMatchObject({
        method: 'thresholds',
        cuts: {
          recencyDays: [30, 90, 180, 365],
          orders: [1, 2, 3, 4],
          spent: [2_000, 5_000, 10_000, 20_000],
        },
        reference: { r: 3, f: 3, m: 3 },
      });
      const truth = await truthFromOrders(handle.get().db, storeId);
      const stored = await handle
        .get()
        .db.selectFrom('customer_scores')
        .select(['rfm_r', 'rfm_f', 'rfm_m', 'segment_cn'])
        .where('store_id', '=', storeId)
        .orderBy('customer_id')
        .execute();
      expect(stored.map((s) => [s.rfm_r, s.rfm_f, s.rfm_m])).toEqual(
        truth.map((t) => [
          1 + [30, 90, 180, 365].filter((cut) => t.days <= cut).length,
          1 + [1, 2, 3, 4].filter((cut) => t.orders > cut).length,
          1 + [2_000, 5_000, 10_000, 20_000].filter((cut) => t.spent > cut).length,
        ]),
      );
      // Reference 3: 4 and 5 are high.
      for (const s of stored) {
        if (s.rfm_r > 3 && s.rfm_f > 3 && s.rfm_m > 3) expect(s.segment_cn).toBe('重要价值');
        if (s.rfm_r <= 3 && s.rfm_f <= 3 && s.rfm_m <= 3) expect(s.segment_cn).toBe('一般挽留');
      }
      const snapshots = await handle
        .get()
        .db.selectFrom('analysis_snapshots')
        .select('kind')
        .where('store_id', '=', storeId)
        .where('kind', '=', 'rfm')
        .execute();
      expect(snapshots).toHaveLength(2);
      const history = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/rfm/history`,
          headers: { cookie: service },
        })
      ).json().history as { chinese: { customers: number }[] }[];
      expect(history).toHaveLength(2);
      for (const entry of history) {
        expect(entry.chinese.reduce((sum, s) => sum + s.customers, 0)).toBe(truth.length);
      }
    });

    it('refuses thresholds that do not increase, naming the setting', async () => {
      const response = await app.inject({
        method: 'PATCH',
        url: `/api/stores/${storeId}`,
        headers: { cookie: owner },
        payload: {
          settings: {
            rfm: {
              method: 'thresholds',
              thresholds: { recencyDays: [90, 30, 180, 365], orders: [1, 2, 3, 4], spentYuan: [1, 2, 3, 4] },
            },
          },
        },
      });
      const error = expectError(response, 400, 'request.invalid');
      expect(JSON.stringify(error)).toContain('increasing');
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAnalyticsRefreshJob } from '../../src/analytics/refresh-job.js';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import type { JobContext } from '../../src/jobs/worker.js';
import { periodStart } from '../../src/loyalty/evaluation.js';
import { applyTiers, tierChangesSince } from '../../src/loyalty/tier-service.js';
import { asCustomerId, type CustomerId, type StoreId } from '../../src/shared/ids.js';
import { fixedClock, type Instant } from '../../src/shared/time.js';
import {
  addStore,
  addUser,
  expectError,
  REFERENCE_NOW,
  signIn,
  testApp,
  testContext,
} from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// Membership tiers on a hand-made store, pinned at 2026-11-24 10:00 Shanghai; the rolling 12 months
// start 2025-11-24 00:00 Shanghai (2025-11-23T16:00Z). Each buyer's spend (fen) and orders:
//
//            whole history      last 12 months
//   A        10 000 · 1         10 000 · 1
//   B       260 000 · 3         60 000 · 2     (200 000 in 2024)
//   C        25 000 · 5         25 000 · 5
//   D       500 000 · 1              0 · 0     (January 2025)
//   E       160 000 · 2         80 000 · 1     (one order on the window's first instant, one a second before)
//   F             0 · 0              0 · 0     (a closed order only: not a buyer)
//   G       120 000 · 2        120 000 · 2
//
// Tiers (lowest first): 银卡 ≥ 10 000 fen and ≥ 2 orders, 金卡 ≥ 50 000 and ≥ 3, 钻石 ≥ 200 000 and ≥ 5.

const tiers = (ids: readonly (number | undefined)[] = []) => [
  { ...(ids[0] ? { id: ids[0] } : {}), name: '银卡', minSpent: 10_000, minOrders: 2, pricePercent: 98 },
  { ...(ids[1] ? { id: ids[1] } : {}), name: '金卡', minSpent: 50_000, minOrders: 3, pricePercent: 95 },
  {
    ...(ids[2] ? { id: ids[2] } : {}),
    name: '钻石',
    minSpent: 200_000,
    minOrders: 5,
    pricePercent: 88,
    benefits: '生日礼包, 优先发货',
  },
];

/** [银卡, 金卡, 钻石, no tier] for each basis and period. */
const expected = {
  'spend/all': [2, 2, 2, 0],
  'orders/all': [2, 1, 1, 2],
  'both/all': [3, 1, 0, 2],
  'spend/12m': [2, 3, 0, 1],
  'orders/12m': [2, 0, 1, 3],
  'both/12m': [3, 0, 0, 3],
} as const;

for (const testDatabase of testDatabases()) {
  describe(`membership tiers on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    const clock = fixedClock(REFERENCE_NOW);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let otherStoreId: StoreId;
    let owner: string;
    let kefu: string;
    const buyers: Record<string, CustomerId> = {};
    const db = () => handle.get().db;
    const call = (method: 'GET' | 'POST' | 'PUT', path: string, cookie: string, payload?: unknown) =>
      app.inject({
        method,
        url: `/api/stores/${storeId}/${path}`,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const scheme = async () => (await call('GET', 'loyalty/tiers', owner)).json().scheme;
    const counts = (s: { tiers: { members: number }[]; noTier: number }) => [
      ...s.tiers.map((tier) => tier.members),
      s.noTier,
    ];
    const tierOf = async (customerId: CustomerId) =>
      (await call('GET', `loyalty/customers/${customerId}/tier`, owner)).json();

    beforeAll(async () => {
      ctx = testContext(handle.get(), { clock });
      app = await testApp(ctx);
      const ownerId = await addUser(ctx, 'owner');
      await addUser(ctx, 'kefu');
      storeId = await addStore(ctx, '会员店', ownerId, { kefu: 'service' });
      otherStoreId = await addStore(ctx, '别家店', ownerId);
      owner = await signIn(app, 'owner');
      kefu = await signIn(app, 'kefu');
      const add = async (key: string, orders: Parameters<typeof insertCustomerWithOrders>[3]) => {
        buyers[key] = await insertCustomerWithOrders(db(), storeId, key, orders);
      };
      await add('A', [{ at: '2026-10-01T04:00:00Z', net: 10_000 }]);
      await add('B', [
        { at: '2024-05-01T04:00:00Z', net: 200_000 },
        { at: '2026-06-01T04:00:00Z', net: 30_000 },
        { at: '2026-09-01T04:00:00Z', net: 30_000 },
      ]);
      await add(
        'C',
        ['01', '02', '03', '04', '05'].map((month) => ({ at: `2026-${month}-10T04:00:00Z`, net: 5_000 })),
      );
      await add('D', [{ at: '2025-01-10T04:00:00Z', net: 500_000 }]);
      await add('E', [
        { at: '2025-11-23T15:59:59Z', net: 80_000 },
        { at: '2025-11-23T16:00:00Z', net: 80_000 },
      ]);
      await add('F', [{ at: '2026-11-01T04:00:00Z', net: 70_000, status: 'closed' }]);
      await add('G', [
        { at: '2026-11-01T04:00:00Z', net: 60_000 },
        { at: '2026-11-02T04:00:00Z', net: 60_000 },
      ]);
      // The other store's buyer spends a fortune: none of it may count here.
      await insertCustomerWithOrders(db(), otherStoreId, 'A', [
        { at: '2026-10-01T04:00:00Z', net: 9_000_000 },
      ]);
    });

    it('starts the rolling 12 months at the start of the same local day a year ago', () => {
      expect(periodStart(REFERENCE_NOW as Instant, 'Asia/Shanghai')).toBe(Date.parse('2025-11-23T16:00:00Z'));
    });

    it('has no scheme and refuses to apply tiers that do not exist', async () => {
      expect(await scheme()).toBeNull();
      expectError(await call('POST', 'loyalty/tiers/apply', owner), 409, 'loyalty.no_tiers');
    });

    describe('what-if', () => {
      for (const [key, [silver, gold, diamond, none]] of Object.entries(expected)) {
        const [basis, period] = key.split('/');
        it(`puts ${silver}/${gold}/${diamond} buyers in the tiers and ${none} in none by ${key}`, async () => {
          const response = await call('POST', 'loyalty/tiers/preview', owner, {
            basis,
            period,
            tiers: tiers(),
          });
          expect(response.statusCode, response.body).toBe(200);
          const preview = response.json();
          expect(
            preview.tiers.map((t: { name: string; customers: number }) => [t.name, t.customers]),
          ).toEqual([
            ['银卡', silver],
            ['金卡', gold],
            ['钻石', diamond],
          ]);
          expect(preview.none).toBe(none);
          // Nobody has a tier yet: every member moves up.
          expect(preview.up).toBe(silver + gold + diamond);
          expect(preview.down).toBe(0);
        });
      }
    });

    it('applies a saved scheme at once: the counts of its what-if, one history row per new member', async () => {
      const response = await call('PUT', 'loyalty/tiers', owner, {
        basis: 'spend',
        period: 'all',
        tiers: tiers(),
      });
      expect(response.statusCode, response.body).toBe(200);
      const { scheme: saved, applied } = response.json();
      expect(applied).toMatchObject({ members: 6, up: 6, down: 0, appliedAt: REFERENCE_NOW });
      expect(counts(saved)).toEqual([2, 2, 2, 0]);
      expect(saved.tiers.map((t: { pricePercent: number }) => t.pricePercent)).toEqual([98, 95, 88]);
      expect(saved.tiers[2].benefits).toBe('生日礼包, 优先发货');
      const history = await db()
        .selectFrom('tier_changes')
        .select(['customer_id', 'from_tier_id', 'to_name', 'direction', 'reason'])
        .where('store_id', '=', storeId)
        .orderBy('customer_id')
        .execute();
      expect(
        history.map((row) => [row.customer_id, row.from_tier_id, row.to_name, row.direction, row.reason]),
      ).toEqual([
        [buyers.A, null, '银卡', 'up', 'scheme'],
        [buyers.B, null, '钻石', 'up', 'scheme'],
        [buyers.C, null, '银卡', 'up', 'scheme'],
        [buyers.D, null, '钻石', 'up', 'scheme'],
        [buyers.E, null, '金卡', 'up', 'scheme'],
        [buyers.G, null, '金卡', 'up', 'scheme'],
      ]);
      const audit = await db()
        .selectFrom('audit_log')
        .select('action')
        .where('store_id', '=', storeId)
        .where('action', 'like', 'tiers.%')
        .orderBy('id')
        .execute();
      expect(audit.map((row) => row.action)).toEqual(['tiers.saved', 'tiers.applied']);
    });

    it('downgrades at the next change: moving to the last 12 months drops B to 金卡 and D out', async () => {
      const ids = (await scheme()).tiers.map((t: { id: number }) => t.id);
      const body = { basis: 'spend', period: '12m', tiers: tiers(ids) };
      const preview = (await call('POST', 'loyalty/tiers/preview', owner, body)).json();
      expect(preview).toMatchObject({ up: 0, down: 2, same: 4, none: 1 });
      clock.advance(60_000);
      const { scheme: saved, applied } = (await call('PUT', 'loyalty/tiers', owner, body)).json();
      expect(applied).toMatchObject({ members: 5, up: 0, down: 2 });
      expect(counts(saved)).toEqual([2, 3, 0, 1]);
      expect(saved.tiers.map((t: { id: number }) => t.id)).toEqual(ids);
      const b = await tierOf(buyers.B!);
      expect(b.tier).toMatchObject({
        id: ids[1],
        name: '金卡',
        pricePercent: 95,
        since: REFERENCE_NOW + 60_000,
      });
      expect(
        b.history.map((h: { from: unknown; to: unknown; direction: string }) => [h.from, h.to, h.direction]),
      ).toEqual([
        [{ id: ids[2], name: '钻石' }, { id: ids[1], name: '金卡' }, 'down'],
        [null, { id: ids[2], name: '钻石' }, 'up'],
      ]);
      const d = await tierOf(buyers.D!);
      expect(d.tier).toBeNull();
      expect(d.history[0]).toMatchObject({ from: { name: '钻石' }, to: null, direction: 'down' });
    });

    it('upgrades at a refresh after a purchase, and lists the change since a time', async () => {
      const before = clock.now();
      clock.advance(60_000);
      await insertCustomerWithOrders(db(), storeId, 'C-extra', []); // a new customer without orders: no tier
      await db()
        .insertInto('orders')
        .values({
          store_id: storeId,
          id: 1_000,
          external_id: 'UPGRADE',
          customer_id: buyers.C!,
          status: 'completed',
          is_purchase: 1,
          ordered_at: clock.now(),
          paid_at: clock.now(),
          goods_amount: 30_000,
          paid_amount: 30_000,
          net_amount: 30_000,
          item_count: 1,
          created_at: clock.now(),
          updated_at: clock.now(),
        } as never)
        .execute();
      const response = await call('POST', 'loyalty/tiers/apply', owner);
      expect(response.json()).toMatchObject({ members: 5, up: 1, down: 0 });
      const changes = await tierChangesSince(ctx, storeId, { since: before + 1, limit: 10 });
      expect(changes).toEqual([
        expect.objectContaining({
          customerId: buyers.C,
          from: expect.objectContaining({ name: '银卡' }),
          to: expect.objectContaining({ name: '金卡' }),
          direction: 'up',
          reason: 'apply',
          at: before + 60_000,
        }),
      ]);
      const api = (await call('GET', `loyalty/tiers/changes?since=${before + 1}`, kefu)).json();
      expect(api.changes.map((c: { customerId: number }) => c.customerId)).toEqual([buyers.C]);
      const afterId = (await call('GET', `loyalty/tiers/changes?afterId=${changes[0]!.id}`, owner)).json();
      expect(afterId.changes).toEqual([]);
      // Newest first for a list of recent changes: C's upgrade, then the two downgrades before it.
      const newest = (await call('GET', 'loyalty/tiers/changes?order=desc&limit=3', owner)).json();
      expect(
        newest.changes.map((c: { customerId: number; direction: string }) => [c.customerId, c.direction]),
      ).toEqual([
        [buyers.C, 'up'],
        [buyers.D, 'down'],
        [buyers.B, 'down'],
      ]);
      // The "tier changed" event in audiences: all today, so within one day.
      const moved = async (condition: Record<string, unknown>) =>
        (
          await call('POST', 'audiences/count', owner, {
            definition: { where: { type: 'tierChanged', withinDays: 1, ...condition } },
          })
        ).json().count;
      expect(await moved({})).toBe(6);
      expect(await moved({ direction: 'up' })).toBe(6);
      expect(await moved({ direction: 'down' })).toBe(2);
      const gold = (await scheme()).tiers[1].id;
      expect(await moved({ direction: 'up', to: [gold] })).toBe(3); // E and G at first, C now
      // Three refreshes so far: six up; two down; one up.
      const movement = (await call('GET', 'loyalty/tiers/movement', owner)).json();
      expect(movement.refreshes.map((r: { up: number; down: number }) => [r.up, r.down])).toEqual([
        [6, 0],
        [0, 2],
        [1, 0],
      ]);
    });

    it('changes nothing when nothing moved', async () => {
      const rows = await db()
        .selectFrom('tier_changes')
        .select('id')
        .where('store_id', '=', storeId)
        .execute();
      expect((await call('POST', 'loyalty/tiers/apply', owner)).json()).toMatchObject({
        up: 0,
        down: 0,
        members: 5,
      });
      const after = await db()
        .selectFrom('tier_changes')
        .select('id')
        .where('store_id', '=', storeId)
        .execute();
      expect(after.length).toBe(rows.length);
    });

    it('writes a move once when two refreshes run at the same time', async () => {
      const before = await db()
        .selectFrom('tier_changes')
        .select('id')
        .where('store_id', '=', storeId)
        .execute();
      await db()
        .updateTable('orders')
        .set({ is_purchase: 0, net_amount: 0 as never })
        .where('store_id', '=', storeId)
        .where('external_id', '=', 'UPGRADE')
        .execute();
      clock.advance(60_000);
      const [first, second] = await Promise.all([
        applyTiers(ctx, storeId, cliActor(), 'apply'),
        applyTiers(ctx, storeId, cliActor(), 'apply'),
      ]);
      // One of them moved C back down; the other, starting again, found nothing to move.
      expect([first.down, second.down].sort()).toEqual([0, 1]);
      const after = await db()
        .selectFrom('tier_changes')
        .select('id')
        .where('store_id', '=', storeId)
        .execute();
      expect(after.length).toBe(before.length + 1);
      // Put the upgrade back for the refresh job below.
      await db()
        .updateTable('orders')
        .set({ is_purchase: 1, net_amount: 30_000 as never })
        .where('store_id', '=', storeId)
        .where('external_id', '=', 'UPGRADE')
        .execute();
      await applyTiers(ctx, storeId, cliActor(), 'apply');
    });

    it('runs at the end of the analytics refresh job', async () => {
      await db()
        .updateTable('orders')
        .set({ is_purchase: 0, net_amount: 0 as never })
        .where('store_id', '=', storeId)
        .where('external_id', '=', 'UPGRADE')
        .execute();
      clock.advance(60_000);
      const job = { job: { store_id: storeId }, progress: async () => undefined } as unknown as JobContext;
      await runAnalyticsRefreshJob(ctx, job);
      const c = await tierOf(buyers.C!);
      expect(c.tier.name).toBe('银卡');
      expect(c.history[0]).toMatchObject({ direction: 'down', reason: 'refresh' });
    });

    it('matches each what-if with the counts after applying, for every basis and period', async () => {
      for (const [key, counted] of Object.entries(expected)) {
        const [basis, period] = key.split('/');
        const ids = (await scheme()).tiers.map((t: { id: number }) => t.id);
        const body = { basis, period, tiers: tiers(ids) };
        const preview = (await call('POST', 'loyalty/tiers/preview', owner, body)).json();
        const saved = (await call('PUT', 'loyalty/tiers', owner, body)).json();
        const previewed = [...preview.tiers.map((t: { customers: number }) => t.customers), preview.none];
        expect(previewed, key).toEqual([...counted]);
        expect(counts(saved.scheme), key).toEqual([...counted]);
        expect(saved.applied.up, key).toBe(preview.up);
        expect(saved.applied.down, key).toBe(preview.down);
      }
    });

    it('selects tier members in audiences, and "none" for the rest', async () => {
      // both/12m now: 银卡 holds B, C and G.
      const ids = (await scheme()).tiers.map((t: { id: number }) => t.id);
      const count = async (values: unknown[]) =>
        (
          await call('POST', 'audiences/count', owner, {
            definition: { where: { type: 'tier', in: values } },
          })
        ).json().count;
      expect(await count([ids[0]])).toBe(3);
      expect(await count([ids[1], ids[2]])).toBe(0);
      // A, D, E, F and the customer without orders
      expect(await count(['none'])).toBe(5);
      expect(await count([ids[0], 'none'])).toBe(8);
    });

    it('removes a tier left out of the scheme and moves its members', async () => {
      const ids = (await scheme()).tiers.map((t: { id: number }) => t.id);
      const body = { basis: 'both', period: '12m', tiers: tiers(ids).slice(1) };
      const { scheme: saved, applied } = (await call('PUT', 'loyalty/tiers', owner, body)).json();
      expect(saved.tiers.map((t: { id: number; rank: number }) => [t.id, t.rank])).toEqual([
        [ids[1], 0],
        [ids[2], 1],
      ]);
      expect(applied).toMatchObject({ members: 0, up: 0, down: 3 });
      const g = await tierOf(buyers.G!);
      expect(g.history[0]).toMatchObject({ from: { id: ids[0], name: '银卡' }, to: null, direction: 'down' });
    });

    describe('bad input', () => {
      const unchanged = async (attempt: () => Promise<void>) => {
        const before = JSON.stringify([
          await db().selectFrom('tiers').selectAll().where('store_id', '=', storeId).orderBy('id').execute(),
          await db().selectFrom('tier_schemes').selectAll().where('store_id', '=', storeId).execute(),
          await db()
            .selectFrom('customer_tiers')
            .selectAll()
            .where('store_id', '=', storeId)
            .orderBy('customer_id')
            .execute(),
          await db().selectFrom('tier_changes').select('id').where('store_id', '=', storeId).execute(),
        ]);
        await attempt();
        const after = JSON.stringify([
          await db().selectFrom('tiers').selectAll().where('store_id', '=', storeId).orderBy('id').execute(),
          await db().selectFrom('tier_schemes').selectAll().where('store_id', '=', storeId).execute(),
          await db()
            .selectFrom('customer_tiers')
            .selectAll()
            .where('store_id', '=', storeId)
            .orderBy('customer_id')
            .execute(),
          await db().selectFrom('tier_changes').select('id').where('store_id', '=', storeId).execute(),
        ]);
        expect(after).toBe(before);
      };

      it('refuses thresholds that do not rise, saying which tier', () =>
        unchanged(async () => {
          const bad = tiers();
          bad[2] = { ...bad[2]!, minSpent: 50_000 };
          const error = expectError(
            await call('PUT', 'loyalty/tiers', owner, { basis: 'spend', period: 'all', tiers: bad }),
            400,
            'loyalty.invalid_scheme',
          );
          expect(error.message).toContain('tier 3 must ask for more spend than tier 2');
          expectError(
            await call('POST', 'loyalty/tiers/preview', owner, { basis: 'both', period: 'all', tiers: bad }),
            400,
            'loyalty.invalid_scheme',
          );
        }));

      it('refuses two tiers with one name', () =>
        unchanged(async () => {
          const bad = tiers().map((tier) => ({ ...tier, name: '同名' }));
          expectError(
            await call('PUT', 'loyalty/tiers', owner, { basis: 'spend', period: 'all', tiers: bad }),
            400,
            'loyalty.invalid_scheme',
          );
        }));

      it('refuses a tier id that only another store has', () =>
        unchanged(async () => {
          // Ids are numbered per store: ours are 2 and 3 now (1 was removed), the other store's 1–3.
          const other = await app.inject({
            method: 'PUT',
            url: `/api/stores/${otherStoreId}/loyalty/tiers`,
            headers: { cookie: owner },
            payload: { basis: 'spend', period: 'all', tiers: tiers() },
          });
          expect(other.json().scheme.tiers.map((t: { id: number }) => t.id)).toEqual([1, 2, 3]);
          expect((await scheme()).tiers.map((t: { id: number }) => t.id)).toEqual([2, 3]);
          expectError(
            await call('PUT', 'loyalty/tiers', owner, {
              basis: 'spend',
              period: 'all',
              tiers: [{ id: 1, name: '偷来的', minSpent: 1 }],
            }),
            404,
            'loyalty.tier_not_found',
          );
        }));

      it('refuses unknown fields, bad enums, negative thresholds and an empty list', () =>
        unchanged(async () => {
          for (const body of [
            { basis: 'spend', period: 'all', tiers: tiers(), extra: 1 },
            { basis: 'amount', period: 'all', tiers: tiers() },
            { basis: 'spend', period: '6m', tiers: tiers() },
            { basis: 'spend', period: 'all', tiers: [{ name: '银卡', minSpent: -1 }] },
            { basis: 'spend', period: 'all', tiers: [{ name: '银卡', minSpent: 1.5 }] },
            { basis: 'spend', period: 'all', tiers: [{ name: '银卡', pricePercent: 0 }] },
            { basis: 'spend', period: 'all', tiers: [] },
            { basis: 'spend', period: 'all', tiers: [{ name: ' ' }] },
          ])
            expectError(await call('PUT', 'loyalty/tiers', owner, body), 400, 'request.invalid');
        }));

      it('keeps a hostile name as text', async () => {
        const ids = (await scheme()).tiers.map((t: { id: number }) => t.id);
        const hostile = "');drop table tiers;--<b>";
        const response = await call('PUT', 'loyalty/tiers', owner, {
          basis: 'spend',
          period: 'all',
          tiers: [{ id: ids[0], name: hostile, minSpent: 10_000 }],
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json().scheme.tiers[0].name).toBe(hostile);
      });

      it('lets service staff read but not change tiers', () =>
        unchanged(async () => {
          expect((await call('GET', 'loyalty/tiers', kefu)).statusCode).toBe(200);
          expectError(
            await call('PUT', 'loyalty/tiers', kefu, { basis: 'spend', period: 'all', tiers: tiers() }),
            403,
            'auth.forbidden',
          );
          expectError(await call('POST', 'loyalty/tiers/apply', kefu), 403, 'auth.forbidden');
        }));

      it('answers 404 for an unknown customer and 400 for a bad query', async () => {
        expectError(
          await call('GET', `loyalty/customers/${asCustomerId(9_999)}/tier`, owner),
          404,
          'customer.not_found',
        );
        expectError(await call('GET', 'loyalty/tiers/changes?limit=0', owner), 400, 'request.invalid');
        expectError(
          await call('GET', 'loyalty/tiers/changes?since=yesterday', owner),
          400,
          'request.invalid',
        );
      });
    });
  });
}

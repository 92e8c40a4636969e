import { beforeAll, describe, expect, it } from 'vitest';
import { addServiceSession, expectError, type OwnerSession, openOwnerSession } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { elevenElevenOrders, insertCustomers, insertSegments, phaseLines } from './fixture.js';

// Big-promotion plans (大促) through the API on a store with two years of 11.11 (2024, 2025) and
// this year's (2026, over by REFERENCE_NOW 2026-11-24): plans and phases, tasks, exact targets,
// the segment breakdown with a known response table, progress by phase and day, bad input.
// The store is in Asia/Shanghai; orders at 04:00Z are noon local.

for (const testDatabase of testDatabases()) {
  describe(`promotion plans on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let session: OwnerSession;
    let service: string;
    let ownerId: number;
    let plan2025: number;
    let plan2026: number;
    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
      path: string,
      cookie?: string,
      payload?: unknown,
    ) =>
      session.app.inject({
        method,
        url: `/api/stores/${session.storeId}/promotions/${path}`,
        headers: { cookie: cookie ?? session.cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const snapshot = async () => {
      const db = handle.get().db;
      return JSON.stringify([
        await db.selectFrom('promotion_plans').selectAll().orderBy('id').execute(),
        await db.selectFrom('promotion_phases').selectAll().orderBy('plan_id').orderBy('position').execute(),
        await db.selectFrom('promotion_tasks').selectAll().orderBy('id').execute(),
      ]);
    };

    beforeAll(async () => {
      session = await openOwnerSession(handle.get(), '大促小店');
      service = await addServiceSession(session);
      const db = handle.get().db;
      const { storeId } = session;
      ownerId = (
        await db.selectFrom('users').select('id').where('login', '=', 'owner').executeTakeFirstOrThrow()
      ).id;
      const customers = await insertCustomers(db, storeId, elevenElevenOrders());
      await insertSegments(db, storeId, customers, {
        A: 'Champions',
        B: 'Loyal Customers',
        C: 'Potential Loyalists',
        D: 'Lost',
        E: 'New Customers',
        F: 'New Customers',
      });
    });

    it('lists the preset events of a year with their default phases', async () => {
      const response = await call('GET', 'calendar?year=2026');
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.timeZone).toBe('Asia/Shanghai');
      expect(body.events.map((e: { key: string; date: string }) => `${e.key} ${e.date}`)).toEqual([
        'newyear 2026-01-01',
        'nianhuo 2026-01-15',
        '38 2026-03-08',
        '618 2026-06-18',
        '1111 2026-11-11',
        '1212 2026-12-12',
        'christmas 2026-12-25',
      ]);
      expect(body.events[0].phases[0]).toEqual({ phase: 'buildup', from: '2025-11-01', to: '2025-12-21' });
      expect(body.events[3].phases).toEqual([
        { phase: 'buildup', from: '2026-04-01', to: '2026-06-07' },
        { phase: 'warmup', from: '2026-06-08', to: '2026-06-17' },
        { phase: 'day', from: '2026-06-18', to: '2026-06-18' },
        { phase: 'afterglow', from: '2026-06-19', to: '2026-06-27' },
      ]);
      expectError(await call('GET', 'calendar?year=abc'), 400, 'request.invalid');
    });

    it('creates a plan for 11.11 with the default windows, and adds a task, audited', async () => {
      const response = await call('POST', 'plans', undefined, { event: '1111', year: 2025 });
      expect(response.statusCode, response.body).toBe(201);
      plan2025 = response.json().id;
      expect(response.json()).toMatchObject({
        event: '1111',
        eventName: { zh: '双十一' },
        year: 2025,
        target: null,
        tasks: [],
        phases: [
          { phase: 'buildup', from: '2025-09-01', to: '2025-10-31', goal: '', audiences: [] },
          { phase: 'warmup', from: '2025-11-01', to: '2025-11-10', goal: '', audiences: [] },
          { phase: 'day', from: '2025-11-11', to: '2025-11-11', goal: '', audiences: [] },
          { phase: 'afterglow', from: '2025-11-12', to: '2025-11-20', goal: '', audiences: [] },
        ],
      });
      const task = await call('POST', `plans/${plan2025}/tasks`, undefined, {
        phase: 'buildup',
        kind: 'coupon_batch',
        title: '蓄势期满减券',
        ownerUserId: ownerId,
        dueDate: '2025-10-20',
      });
      expect(task.statusCode, task.body).toBe(201);
      expect(task.json()).toEqual({
        id: 1,
        phase: 'buildup',
        kind: 'coupon_batch',
        title: '蓄势期满减券',
        ownerUserId: ownerId,
        dueDate: '2025-10-20',
        status: 'todo',
        campaignId: null,
        couponBatchId: null,
        giftPlanId: null,
      });
    });

    it('copies last year’s plan a year later, and refuses a second plan for the same event and year', async () => {
      const response = await call('POST', 'plans', undefined, {
        event: '1111',
        year: 2026,
        copyLastYear: true,
      });
      expect(response.statusCode, response.body).toBe(201);
      plan2026 = response.json().id;
      expect(response.json().phases.map((p: { from: string; to: string }) => `${p.from}..${p.to}`)).toEqual([
        '2026-09-01..2026-10-31',
        '2026-11-01..2026-11-10',
        '2026-11-11..2026-11-11',
        '2026-11-12..2026-11-20',
      ]);
      expect(response.json().tasks).toEqual([
        expect.objectContaining({ id: 2, title: '蓄势期满减券', dueDate: '2026-10-20', status: 'todo' }),
      ]);
      const before = await snapshot();
      expectError(
        await call('POST', 'plans', undefined, { event: '1111', year: 2026 }),
        409,
        'promotion.exists',
      );
      expectError(
        await call('POST', 'plans', undefined, { event: '618', year: 2026, copyLastYear: true }),
        404,
        'promotion.not_found',
      );
      expectError(
        await call('POST', 'plans', undefined, { event: '<script>', year: 2026 }),
        400,
        'request.invalid',
      );
      expect(await snapshot()).toBe(before);
    });

    it('validates edited phase windows: ordered, not overlapping, real days, all four', async () => {
      const phases = [
        { phase: 'buildup', from: '2026-09-01', to: '2026-10-31', goal: '拉新蓄水' },
        { phase: 'warmup', from: '2026-11-01', to: '2026-11-10', goal: '加购收藏' },
        { phase: 'day', from: '2026-11-11', to: '2026-11-11', goal: 'GMV 破 20 万' },
        { phase: 'afterglow', from: '2026-11-12', to: '2026-11-20', goal: '' },
      ];
      const before = await snapshot();
      const bad = [
        phases.map((p) => (p.phase === 'warmup' ? { ...p, from: '2026-10-31' } : p)),
        phases.map((p) => (p.phase === 'day' ? { ...p, from: '2026-11-12', to: '2026-11-11' } : p)),
        phases.map((p) => (p.phase === 'buildup' ? { ...p, from: '2026-02-30' } : p)),
        phases.slice(0, 3),
        [phases[1], phases[0], phases[2], phases[3]],
      ];
      const messages: string[] = [];
      for (const body of bad) {
        const error = expectError(
          await call('PUT', `plans/${plan2026}/phases`, undefined, { phases: body }),
          400,
          'promotion.invalid',
        );
        messages.push(error.message);
      }
      expect(messages[0]).toBe('phases: warmup must start after buildup ends (2026-10-31).');
      expect(messages[1]).toBe(
        'phases: day: the window must not end (2026-11-11) before it starts (2026-11-12).',
      );
      expect(messages[2]).toBe('phases: buildup: dates must be calendar days (yyyy-MM-dd).');
      expect(messages[3]).toBe('phases: give the four phases in order: buildup, warmup, day, afterglow.');
      expectError(await call('PUT', `plans/999/phases`, undefined, { phases }), 404, 'promotion.not_found');
      expect(await snapshot()).toBe(before);
      const ok = await call('PUT', `plans/${plan2026}/phases`, undefined, { phases });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json().phases[2]).toEqual({
        phase: 'day',
        from: '2026-11-11',
        to: '2026-11-11',
        goal: 'GMV 破 20 万',
        audiences: [],
      });
    });

    it('changes a task, refusing links that are not this store’s', async () => {
      const before = await snapshot();
      expectError(
        await call('PATCH', `plans/${plan2026}/tasks/2`, undefined, { campaignId: 999 }),
        400,
        'promotion.invalid',
      );
      for (const [field, what] of [
        ['couponBatchId', 'coupon batch'],
        ['giftPlanId', 'gift plan'],
      ] as const)
        expect(
          expectError(
            await call('PATCH', `plans/${plan2026}/tasks/2`, undefined, { [field]: 999 }),
            400,
            'promotion.invalid',
          ).message,
        ).toBe(`${field}: no ${what} 999 in this store.`);
      expectError(
        await call('PATCH', `plans/${plan2026}/tasks/2`, undefined, { ownerUserId: 999 }),
        400,
        'promotion.invalid',
      );
      expectError(
        await call('PATCH', `plans/${plan2026}/tasks/2`, undefined, { status: 'finished' }),
        400,
        'request.invalid',
      );
      expectError(
        await call('PATCH', `plans/${plan2025}/tasks/2`, undefined, { status: 'done' }),
        404,
        'promotion.not_found',
      );
      expectError(
        await call('POST', `plans/${plan2026}/tasks`, undefined, {
          phase: 'day',
          kind: 'quiz',
          title: '',
          dueDate: '2026-11-11',
        }),
        400,
        'request.invalid',
      );
      expect(await snapshot()).toBe(before);
      const ok = await call('PATCH', `plans/${plan2026}/tasks/2`, undefined, { status: 'doing' });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({ id: 2, status: 'doing', dueDate: '2026-10-20' });
    });

    it('gives last year’s numbers split new/old, the trend over the years with data and the forecast', async () => {
      const response = await call('GET', `plans/${plan2026}/targets`);
      expect(response.statusCode, response.body).toBe(200);
      const t = response.json();
      expect(t.lastYear.year).toBe(2025);
      expect(t.lastYear.whole).toEqual({
        key: '2025',
        from: '2025-09-01',
        to: '2025-11-20',
        old: {
          buyers: 2,
          orders: 2,
          revenue: 42_000,
          items: 4,
          aov: 21_000,
          itemsPerOrder: 2,
          ordersPerCustomer: 1,
        },
        new: {
          buyers: 2,
          orders: 3,
          revenue: 41_000,
          items: 3,
          aov: 41_000 / 3,
          itemsPerOrder: 1,
          ordersPerCustomer: 1.5,
        },
      });
      expect(
        t.lastYear.phases.map(
          (p: {
            key: string;
            old: { revenue: number; buyers: number };
            new: { revenue: number; buyers: number };
          }) => `${p.key} old ${p.old.buyers}/${p.old.revenue} new ${p.new.buyers}/${p.new.revenue}`,
        ),
      ).toEqual([
        'buildup old 0/0 new 1/8000',
        'warmup old 1/12000 new 0/0',
        'day old 1/30000 new 1/22000',
        'afterglow old 0/0 new 1/11000',
      ]);
      // 2023 had no orders in its window: the trend is 2024 → 2025 only.
      expect(t.history.map((h: { year: number }) => h.year)).toEqual([2024, 2025]);
      expect(t.history[0].whole.old).toMatchObject({ buyers: 2, orders: 2, revenue: 27_000, items: 3 });
      expect(t.history[0].whole.new).toMatchObject({
        buyers: 1,
        orders: 2,
        revenue: 25_000,
        ordersPerCustomer: 2,
      });
      expect(t.trend.oldRevenue).toBeCloseTo(42_000 / 27_000 - 1, 12);
      expect(t.trend.newRevenue).toBeCloseTo(0.64, 12);
      expect(t.trend.oldBuyers).toBe(0);
      expect(t.trend.newBuyers).toBe(1);
      expect(t.forecast).toEqual({ oldRevenue: 65_333, newRevenue: 67_240, oldBuyers: 2, newBuyers: 4 });
      expect(t.target).toBeNull();
      expect(t.oldRevenueTarget).toBe(65_333);
    });

    it('stores the target and response overrides, and breaks the old-customer target down by segment', async () => {
      const before = await snapshot();
      expectError(
        await call('PUT', `plans/${plan2026}/target`, undefined, {
          oldRevenue: -1,
          newRevenue: 0,
          oldBuyers: 0,
          newBuyers: 0,
        }),
        400,
        'request.invalid',
      );
      expectError(
        await call('PUT', `plans/${plan2026}/target`, undefined, {
          oldRevenue: 1,
          newRevenue: 1,
          oldBuyers: 1,
          newBuyers: 1,
          responseRates: { Champions: 1.5 },
        }),
        400,
        'request.invalid',
      );
      expect(await snapshot()).toBe(before);
      const set = await call('PUT', `plans/${plan2026}/target`, undefined, {
        oldRevenue: 65_333,
        newRevenue: 67_240,
        oldBuyers: 2,
        newBuyers: 4,
        responseRates: { Champions: 0.5, 'Loyal Customers': 0.4 },
      });
      expect(set.statusCode, set.body).toBe(200);
      expect(set.json().target).toEqual({
        oldRevenue: 65_333,
        newRevenue: 67_240,
        oldBuyers: 2,
        newBuyers: 4,
      });
      const t = (await call('GET', `plans/${plan2026}/targets`)).json();
      expect(t.segments).toEqual([
        {
          segment: 'Champions',
          customers: 1,
          responseRate: 0.5,
          responseFrom: 'plan',
          aov: 30_000,
          aovFrom: 'last_event',
          expectedRevenue: 15_000,
        },
        {
          segment: 'Loyal Customers',
          customers: 1,
          responseRate: 0.4,
          responseFrom: 'plan',
          aov: 12_000,
          aovFrom: 'last_event',
          expectedRevenue: 4_800,
        },
        {
          segment: 'Potential Loyalists',
          customers: 1,
          responseRate: 0.15,
          responseFrom: 'default',
          aov: 15_000,
          aovFrom: 'last_event',
          expectedRevenue: 2_250,
        },
        {
          segment: 'New Customers',
          customers: 2,
          responseRate: 0.1,
          responseFrom: 'default',
          aov: 11_000,
          aovFrom: 'last_event',
          expectedRevenue: 2_200,
        },
        {
          segment: 'Lost',
          customers: 1,
          responseRate: 0.01,
          responseFrom: 'default',
          aov: 21_999 / 3,
          aovFrom: 'overall',
          expectedRevenue: 73,
        },
      ]);
      expect(t.segmentsRevenue).toBe(24_323);
      expect(t.oldRevenueTarget).toBe(65_333);
    });

    it('shows progress against the target by phase and by store-local day', async () => {
      const response = await call('GET', `plans/${plan2026}/progress`, service);
      expect(response.statusCode, response.body).toBe(200);
      const p = response.json();
      expect(p.through).toBe('2026-11-20');
      expect(p.total).toEqual({
        old: { revenue: 59_000, buyers: 3, orders: 4 },
        new: { revenue: 60_000, buyers: 1, orders: 2 },
        oldRevenueShare: 59_000 / 65_333,
        newRevenueShare: 60_000 / 67_240,
        oldBuyersShare: 1.5,
        newBuyersShare: 0.25,
      });
      expect(phaseLines(p.phases)).toEqual([
        'buildup old 0/0 new 0/0',
        'warmup old 2/13000 new 0/0',
        'day old 1/40000 new 1/60000',
        'afterglow old 1/6000 new 0/0',
      ]);
      expect(p.days).toHaveLength(81);
      expect(p.days[0]).toEqual({
        date: '2026-09-01',
        old: { revenue: 0, buyers: 0, orders: 0 },
        new: { revenue: 0, buyers: 0, orders: 0 },
      });
      expect(p.days.find((d: { date: string }) => d.date === '2026-11-11')).toEqual({
        date: '2026-11-11',
        old: { revenue: 40_000, buyers: 1, orders: 1 },
        new: { revenue: 60_000, buyers: 1, orders: 2 },
      });
      const daySum = p.days.reduce((s: number, d: { old: { revenue: number } }) => s + d.old.revenue, 0);
      expect(daySum).toBe(59_000);
    });

    it('lets service staff read but not change plans; every change is audited', async () => {
      expect((await call('GET', `plans/${plan2026}`, service)).statusCode).toBe(200);
      expect((await call('GET', 'plans', service)).json()).toEqual({
        plans: [
          { id: plan2026, event: '1111', year: 2026 },
          { id: plan2025, event: '1111', year: 2025 },
        ],
      });
      const before = await snapshot();
      expectError(await call('POST', 'plans', service, { event: '618', year: 2026 }), 403, 'auth.forbidden');
      expectError(
        await call('PUT', `plans/${plan2026}/target`, service, {
          oldRevenue: 1,
          newRevenue: 1,
          oldBuyers: 1,
          newBuyers: 1,
        }),
        403,
        'auth.forbidden',
      );
      expect(await snapshot()).toBe(before);
      const audit = await handle
        .get()
        .db.selectFrom('audit_log')
        .select(['action', 'actor_label', 'subject_id'])
        .where('store_id', '=', session.storeId)
        .where('action', 'like', 'promotion.%')
        .orderBy('id')
        .execute();
      expect(audit.map((a) => `${a.action} ${a.actor_label} ${a.subject_id}`)).toEqual([
        `promotion.plan_create owner ${plan2025}`,
        `promotion.task_add owner ${plan2025}`,
        `promotion.plan_create owner ${plan2026}`,
        `promotion.phases_update owner ${plan2026}`,
        `promotion.task_update owner ${plan2026}`,
        `promotion.target_set owner ${plan2026}`,
      ]);
    });

    it('adds the store’s own events to the calendar and plans them like the presets', async () => {
      const before = await snapshot();
      expectError(
        await call('POST', 'events', undefined, { name: '店庆', monthDay: '02-30' }),
        400,
        'promotion.invalid',
      );
      expectError(
        await call('POST', 'events', undefined, { name: '店庆', monthDay: '5-20' }),
        400,
        'request.invalid',
      );
      expectError(
        await call('POST', 'events', service, { name: '店庆', monthDay: '05-20' }),
        403,
        'auth.forbidden',
      );
      expectError(
        await call('POST', 'plans', undefined, { event: 'custom-99', year: 2026 }),
        400,
        'promotion.invalid',
      );
      expect(await snapshot()).toBe(before);
      const created = await call('POST', 'events', undefined, { name: '店庆', monthDay: '05-20' });
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toEqual({ key: 'custom-1', name: '店庆', monthDay: '05-20' });
      const events = (await call('GET', 'calendar?year=2026')).json().events;
      expect(events.map((e: { key: string }) => e.key)).toEqual([
        'newyear',
        'nianhuo',
        '38',
        'custom-1',
        '618',
        '1111',
        '1212',
        'christmas',
      ]);
      const plan = await call('POST', 'plans', undefined, { event: 'custom-1', year: 2026 });
      expect(plan.statusCode, plan.body).toBe(201);
      expect(plan.json()).toMatchObject({ event: 'custom-1', eventName: { zh: '店庆' } });
      expect(plan.json().phases.map((p: { from: string; to: string }) => `${p.from}..${p.to}`)).toEqual([
        '2026-03-01..2026-05-09',
        '2026-05-10..2026-05-19',
        '2026-05-20..2026-05-20',
        '2026-05-21..2026-05-29',
      ]);
      const targets = await call('GET', `plans/${plan.json().id}/targets`);
      expect(targets.statusCode, targets.body).toBe(200);
      expect(targets.json().lastYear.whole.old.revenue).toBe(0);
    });
  });
}

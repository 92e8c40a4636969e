import { beforeAll, describe, expect, it } from 'vitest';
import type { StoreId } from '../../src/shared/ids.js';
import {
  addServiceSession,
  addStore,
  expectError,
  type OwnerSession,
  openOwnerSession,
} from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// The planner's actions beside the plan itself: member days in the calendar, editing and deleting
// the store's own events, deleting a task, and a draft campaign made from a plan with its task
// linked in one transaction. The store is in Asia/Shanghai (UTC+8).

for (const testDatabase of testDatabases()) {
  describe(`promotion plan actions on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let session: OwnerSession;
    let service: string;
    let otherStore: StoreId;
    let planId: number;
    let templateId: number;
    let audienceId: number;
    let otherAudienceId: number;
    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      path: string,
      payload?: unknown,
      options: { cookie?: string; store?: StoreId } = {},
    ) =>
      session.app.inject({
        method,
        url: `/api/stores/${options.store ?? session.storeId}/${path}`,
        headers: { cookie: options.cookie ?? session.cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const db = () => handle.get().db;
    const snapshot = async () =>
      JSON.stringify([
        await db().selectFrom('promotion_events').selectAll().orderBy('id').execute(),
        await db().selectFrom('promotion_tasks').selectAll().orderBy('id').execute(),
        await db().selectFrom('campaigns').selectAll().orderBy('id').execute(),
      ]);
    const audits = async (action: string) =>
      (
        await db()
          .selectFrom('audit_log')
          .select(['action', 'subject_id', 'details'])
          .where('store_id', '=', session.storeId)
          .where('action', '=', action)
          .orderBy('id')
          .execute()
      ).map((row) => ({ ...row, details: JSON.parse(row.details) as Record<string, unknown> }));

    beforeAll(async () => {
      session = await openOwnerSession(handle.get(), '大促小店');
      service = await addServiceSession(session);
      const ownerId = (
        await db().selectFrom('users').select('id').where('login', '=', 'owner').executeTakeFirstOrThrow()
      ).id;
      otherStore = await addStore(session.ctx, '别家店', ownerId as never);
      for (const key of ['A', 'B'])
        await insertCustomerWithOrders(db(), session.storeId, key, [
          { at: '2025-11-11T04:00:00Z', net: 10_000 },
        ]);
      const tiers = await call('PUT', 'loyalty/tiers', {
        basis: 'spend',
        period: 'all',
        tiers: [
          { name: '银卡', minSpent: 0 },
          { name: '金卡', minSpent: 100_000 },
        ],
      });
      expect(tiers.statusCode, tiers.body).toBe(200);
      const tierIds = (tiers.json().scheme.tiers as { id: number; name: string }[]).map((t) => t.id);
      const memberDay = await call('POST', 'loyalty/member-days', {
        name: '会员日',
        days: [8, 31],
        tierIds: [tierIds[1]],
        pricePercent: 88,
      });
      expect(memberDay.statusCode, memberDay.body).toBe(200);
      const template = await call('POST', 'messaging/templates', {
        name: '双十一预热',
        channel: 'sms',
        class: 'marketing',
        body: '{姓名|亲}，双十一老客券已到账',
      });
      expect(template.statusCode, template.body).toBeLessThan(300);
      templateId = template.json().id;
      const definition = { where: { type: 'orderCount', min: 1 } };
      const audience = await call('POST', 'audiences', { name: '老客', definition });
      expect(audience.statusCode, audience.body).toBe(201);
      audienceId = audience.json().id;
      // Ids are per store: the other store's second audience has an id this store does not use.
      await call('POST', 'audiences', { name: '别家新客', definition }, { store: otherStore });
      const other = await call('POST', 'audiences', { name: '别家老客', definition }, { store: otherStore });
      expect(other.statusCode, other.body).toBe(201);
      otherAudienceId = other.json().id;
      expect(otherAudienceId).not.toBe(audienceId);
      const plan = await call('POST', 'promotions/plans', { event: '1111', year: 2026 });
      expect(plan.statusCode, plan.body).toBe(201);
      planId = plan.json().id;
    });

    it('lists the member days of the year in the calendar, the 31st on the last day of short months', async () => {
      const response = await call('GET', 'promotions/calendar?year=2026', undefined, { cookie: service });
      expect(response.statusCode, response.body).toBe(200);
      const memberDays = response.json().memberDays as { date: string }[];
      expect(memberDays.map((d) => d.date)).toEqual([
        '2026-01-08',
        '2026-01-31',
        '2026-02-08',
        '2026-02-28',
        '2026-03-08',
        '2026-03-31',
        '2026-04-08',
        '2026-04-30',
        '2026-05-08',
        '2026-05-31',
        '2026-06-08',
        '2026-06-30',
        '2026-07-08',
        '2026-07-31',
        '2026-08-08',
        '2026-08-31',
        '2026-09-08',
        '2026-09-30',
        '2026-10-08',
        '2026-10-31',
        '2026-11-08',
        '2026-11-30',
        '2026-12-08',
        '2026-12-31',
      ]);
      expect(memberDays[3]).toEqual({ date: '2026-02-28', name: '会员日', tiers: ['金卡'], discount: 88 });
      const leap = await call('GET', 'promotions/calendar?year=2028');
      expect((leap.json().memberDays as { date: string }[]).slice(2, 4).map((d) => d.date)).toEqual([
        '2028-02-08',
        '2028-02-29',
      ]);
      const other = await call('GET', 'promotions/calendar?year=2026', undefined, { store: otherStore });
      expect(other.json().memberDays).toEqual([]);
    });

    it('renames and moves an own event, refuses presets, and refuses deleting one with plans', async () => {
      const created = await call('POST', 'promotions/events', { name: '店庆', monthDay: '05-20' });
      expect(created.statusCode, created.body).toBe(201);
      const key = created.json().key as string;
      const updated = await call('PATCH', `promotions/events/${key}`, { monthDay: '05-21' });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json()).toEqual({ key, name: '店庆', monthDay: '05-21' });
      const calendar = await call('GET', 'promotions/calendar?year=2026');
      const own = (calendar.json().events as { key: string; date: string; zh: string }[]).find(
        (e) => e.key === key,
      );
      expect(own).toMatchObject({ date: '2026-05-21', zh: '店庆' });
      expect((await audits('promotion.event_update'))[0]?.details).toEqual({
        before: { name: '店庆', monthDay: '05-20' },
        after: { name: '店庆', monthDay: '05-21' },
      });

      const before = await snapshot();
      expectError(await call('PATCH', 'promotions/events/1111', { name: '改名' }), 400, 'promotion.invalid');
      expectError(await call('DELETE', 'promotions/events/618'), 400, 'promotion.invalid');
      expectError(
        await call('PATCH', `promotions/events/${key}`, { monthDay: '02-30' }),
        400,
        'promotion.invalid',
      );
      expectError(await call('DELETE', 'promotions/events/custom-999'), 404, 'promotion.not_found');
      expectError(
        await call('DELETE', `promotions/events/${key}`, undefined, { cookie: service }),
        403,
        'auth.forbidden',
      );
      expectError(
        await call('DELETE', `promotions/events/${key}`, undefined, { store: otherStore }),
        404,
        'promotion.not_found',
      );
      expect(await snapshot()).toBe(before);
      const plan = await call('POST', 'promotions/plans', { event: key, year: 2026 });
      expect(plan.statusCode, plan.body).toBe(201);
      const beforeDelete = await snapshot();
      const inUse = await call('DELETE', `promotions/events/${key}`);
      expectError(inUse, 409, 'promotion.event_in_use');
      expect(inUse.json().error.details).toEqual({ years: [2026] });
      expect(await snapshot()).toBe(beforeDelete);

      const spare = await call('POST', 'promotions/events', { name: '品牌日', monthDay: '08-08' });
      const spareKey = spare.json().key as string;
      const deleted = await call('DELETE', `promotions/events/${spareKey}`);
      expect(deleted.statusCode, deleted.body).toBe(204);
      const after = await call('GET', 'promotions/calendar?year=2026');
      expect((after.json().events as { key: string }[]).some((e) => e.key === spareKey)).toBe(false);
      expect((await audits('promotion.event_delete')).map((a) => a.details)).toEqual([
        { name: '品牌日', monthDay: '08-08' },
      ]);
    });

    it('deletes a task, audited; another plan’s or a missing task is not found', async () => {
      const task = await call('POST', `promotions/plans/${planId}/tasks`, {
        phase: 'warmup',
        kind: 'flash_sale',
        title: '限时秒杀',
        dueDate: '2026-11-05',
      });
      const taskId = task.json().id as number;
      expectError(
        await call('DELETE', `promotions/plans/${planId}/tasks/${taskId}`, undefined, { cookie: service }),
        403,
        'auth.forbidden',
      );
      expectError(
        await call('DELETE', `promotions/plans/${planId + 1000}/tasks/${taskId}`),
        404,
        'promotion.not_found',
      );
      const deleted = await call('DELETE', `promotions/plans/${planId}/tasks/${taskId}`);
      expect(deleted.statusCode, deleted.body).toBe(204);
      expect((await call('GET', `promotions/plans/${planId}`)).json().tasks).toEqual([]);
      expectError(
        await call('DELETE', `promotions/plans/${planId}/tasks/${taskId}`),
        404,
        'promotion.not_found',
      );
      expect((await audits('promotion.task_delete')).map((a) => a.details)).toEqual([
        { taskId, kind: 'flash_sale', title: '限时秒杀', campaignId: null },
      ]);
    });

    it('creates a draft campaign for a phase with its task linked, due on the schedule’s local day', async () => {
      // 2026-11-03 01:00 UTC is 09:00 on Nov 3 in Shanghai; 2026-11-02 17:00 UTC is already Nov 3 too.
      const at = Date.UTC(2026, 10, 2, 17, 0, 0);
      const response = await call('POST', `promotions/plans/${planId}/campaigns`, {
        phase: 'warmup',
        audienceId,
        channel: 'sms',
        templateId,
        schedule: { kind: 'at', at },
        controlShare: 0.2,
      });
      expect(response.statusCode, response.body).toBe(201);
      const { task, campaign } = response.json();
      expect(campaign).toEqual({
        id: campaign.id,
        name: '双十一 2026 预热',
        status: 'draft',
        channel: 'sms',
      });
      expect(task).toEqual({
        id: task.id,
        phase: 'warmup',
        kind: 'campaign',
        title: '双十一 2026 预热',
        ownerUserId: null,
        dueDate: '2026-11-03',
        status: 'todo',
        campaignId: campaign.id,
        couponBatchId: null,
        giftPlanId: null,
      });
      const stored = await call('GET', `campaigns/${campaign.id}`);
      expect(stored.json()).toMatchObject({
        status: 'draft',
        audienceId,
        templateId,
        controlShare: 0.2,
        estimatedMembers: 2,
        schedule: { kind: 'at', from: at, to: null },
      });
      expect((await call('GET', `promotions/plans/${planId}`)).json().tasks).toEqual([task]);
      expect((await audits('promotion.campaign_create')).map((a) => a.details)).toEqual([
        {
          taskId: task.id,
          campaignId: campaign.id,
          phase: 'warmup',
          title: '双十一 2026 预热',
          dueDate: '2026-11-03',
        },
      ]);

      // "now" with a title: due on the phase's first day.
      const now = await call('POST', `promotions/plans/${planId}/campaigns`, {
        phase: 'day',
        title: '双十一当天催付',
        audienceId,
        templateId,
      });
      expect(now.statusCode, now.body).toBe(201);
      expect(now.json().task).toMatchObject({ phase: 'day', dueDate: '2026-11-11', title: '双十一当天催付' });
    });

    it('refuses a bad phase, another store’s audience, a taken name or a service user, creating nothing', async () => {
      const before = await snapshot();
      const body = { phase: 'warmup', title: '另一场', audienceId, templateId };
      expectError(
        await call('POST', `promotions/plans/${planId}/campaigns`, { ...body, phase: 'launch' }),
        400,
        'request.invalid',
      );
      expectError(
        await call('POST', `promotions/plans/${planId}/campaigns`, { ...body, audienceId: otherAudienceId }),
        404,
        'audience.not_found',
      );
      expectError(
        await call('POST', `promotions/plans/${planId}/campaigns`, { ...body, title: '双十一 2026 预热' }),
        409,
        'campaign.name_taken',
      );
      expectError(
        await call('POST', `promotions/plans/${planId}/campaigns`, { ...body, channel: 'email' }),
        400,
        'promotion.invalid',
      );
      expectError(
        await call('POST', `promotions/plans/${planId}/campaigns`, { ...body, templateId: 999 }),
        404,
        'messaging.template_not_found',
      );
      expectError(
        await call('POST', `promotions/plans/${planId + 1000}/campaigns`, body),
        404,
        'promotion.not_found',
      );
      expectError(
        await call('POST', `promotions/plans/${planId}/campaigns`, body, { cookie: service }),
        403,
        'auth.forbidden',
      );
      expectError(
        await call('POST', `promotions/plans/${planId}/campaigns`, body, { store: otherStore }),
        404,
        'promotion.not_found',
      );
      expect(await snapshot()).toBe(before);
    });

    it('aims each phase at saved audiences: kept when left out, another store’s refused, copied, dropped with the audience', async () => {
      const definition = { where: { type: 'orderCount', min: 2 } };
      const loyal = await call('POST', 'audiences', { name: '复购老客', definition });
      expect(loyal.statusCode, loyal.body).toBe(201);
      const loyalId = loyal.json().id as number;
      const plan = (await call('GET', `promotions/plans/${planId}`)).json();
      const windows = plan.phases.map((p: { phase: string; from: string; to: string; goal: string }) => ({
        phase: p.phase,
        from: p.from,
        to: p.to,
        goal: p.goal,
      }));
      const aimed = windows.map((w: { phase: string }) =>
        w.phase === 'buildup'
          ? { ...w, audienceIds: [loyalId, audienceId, loyalId] } // a repeat counts once
          : w.phase === 'warmup'
            ? { ...w, audienceIds: [audienceId] }
            : w,
      );
      const saved = await call('PUT', `promotions/plans/${planId}/phases`, { phases: aimed });
      expect(saved.statusCode, saved.body).toBe(200);
      const names = (body: { phases: { phase: string; audiences: { id: number; name: string }[] }[] }) =>
        body.phases.map((p) => `${p.phase}: ${p.audiences.map((a) => `${a.id} ${a.name}`).join(', ')}`);
      const expected = [
        `buildup: ${loyalId} 复购老客, ${audienceId} 老客`,
        `warmup: ${audienceId} 老客`,
        'day: ',
        'afterglow: ',
      ];
      expect(names(saved.json())).toEqual(expected);
      // Windows edited without audienceIds keep each phase's audiences.
      const edited = await call('PUT', `promotions/plans/${planId}/phases`, {
        phases: windows.map((w: { phase: string; goal: string }) =>
          w.phase === 'day' ? { ...w, goal: '冲刺 GMV' } : w,
        ),
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect(names(edited.json())).toEqual(expected);
      // Another store's audience (its third: an id this store does not use) is refused; nothing changes.
      const foreign = await call(
        'POST',
        'audiences',
        { name: '别家复购', definition },
        { store: otherStore },
      );
      expect(foreign.statusCode, foreign.body).toBe(201);
      const foreignId = foreign.json().id as number;
      expect([audienceId, loyalId]).not.toContain(foreignId);
      const before = JSON.stringify(
        await db()
          .selectFrom('promotion_phase_audiences')
          .selectAll()
          .orderBy('phase')
          .orderBy('position')
          .execute(),
      );
      const refused = expectError(
        await call('PUT', `promotions/plans/${planId}/phases`, {
          phases: windows.map((w: { phase: string }) =>
            w.phase === 'day' ? { ...w, audienceIds: [foreignId] } : w,
          ),
        }),
        400,
        'promotion.invalid',
      );
      expect(refused.message).toBe(`audienceIds: ${foreignId} is not a saved audience of this store.`);
      expect(
        JSON.stringify(
          await db()
            .selectFrom('promotion_phase_audiences')
            .selectAll()
            .orderBy('phase')
            .orderBy('position')
            .execute(),
        ),
      ).toBe(before);
      // Next year's copy aims its phases at the same audiences.
      const copy = await call('POST', 'promotions/plans', { event: '1111', year: 2027, copyLastYear: true });
      expect(copy.statusCode, copy.body).toBe(201);
      expect(names(copy.json())).toEqual(expected);
      // Deleting an audience takes it out of every phase that named it.
      const deleted = await call('DELETE', `audiences/${loyalId}`);
      expect(deleted.statusCode, deleted.body).toBe(204);
      expect(names((await call('GET', `promotions/plans/${planId}`)).json())).toEqual([
        `buildup: ${audienceId} 老客`,
        `warmup: ${audienceId} 老客`,
        'day: ',
        'afterglow: ',
      ]);
      const audit = await audits('promotion.phases_update');
      expect(audit[0]!.details.audiences).toEqual({
        buildup: [loyalId, audienceId, loyalId],
        warmup: [audienceId],
        day: [],
        afterglow: [],
      });
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAnalyticsRefreshJob } from '../../src/analytics/refresh-job.js';
import type { AppContext } from '../../src/context.js';
import type { JobContext } from '../../src/jobs/worker.js';
import { memberDatesInMonth, nextMemberDate } from '../../src/loyalty/member-days.js';
import type { StoreId } from '../../src/shared/ids.js';
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

// Member days (会员日): their dates in every month, the calendar with reminder dates, and the
// reminder campaign for the eligible tiers, pinned at 2026-11-24 10:00 Shanghai.

describe('member-day dates', () => {
  it('puts the 31st on the last day of shorter months', () => {
    expect(memberDatesInMonth([31], '2026-04')).toEqual(['2026-04-30']);
    expect(memberDatesInMonth([31], '2026-02')).toEqual(['2026-02-28']);
    expect(memberDatesInMonth([31], '2028-02')).toEqual(['2028-02-29']);
    expect(memberDatesInMonth([31], '2026-12')).toEqual(['2026-12-31']);
  });

  it('makes two days that land on one date one member day', () => {
    expect(memberDatesInMonth([30, 31, 8], '2026-02')).toEqual(['2026-02-08', '2026-02-28']);
    expect(memberDatesInMonth([30, 31, 8], '2026-03')).toEqual(['2026-03-08', '2026-03-30', '2026-03-31']);
  });

  it('finds the next member day from today, today included, across the year end', () => {
    expect(nextMemberDate([8], '2026-11-24')).toBe('2026-12-08');
    expect(nextMemberDate([24], '2026-11-24')).toBe('2026-11-24');
    expect(nextMemberDate([8, 18], '2026-12-19')).toBe('2027-01-08');
    expect(nextMemberDate([31], '2027-02-01')).toBe('2027-02-28');
  });
});

for (const testDatabase of testDatabases()) {
  describe(`member days on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    const clock = fixedClock(REFERENCE_NOW);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let otherStoreId: StoreId;
    let owner: string;
    let kefu: string;
    let goldId: number;
    let silverId: number;
    const db = () => handle.get().db;
    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'DELETE',
      path: string,
      cookie: string,
      payload?: unknown,
    ) =>
      app.inject({
        method,
        url: `/api/stores/${storeId}/${path}`,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const template = async (store: StoreId, id: number) =>
      db()
        .insertInto('message_templates')
        .values({
          store_id: store,
          id,
          name: `会员日提醒${id}`,
          channel: 'sms',
          class: 'marketing',
          subject: null,
          body: '{姓名|亲}，会员日就要到了',
          provider_template: null,
          created_at: REFERENCE_NOW as Instant,
          updated_at: REFERENCE_NOW as Instant,
        })
        .execute();
    const memberDay = {
      name: '每月8号会员日',
      days: [8],
      pricePercent: 88,
      newProducts: '新款二段奶粉',
      reminder: { daysBefore: 3, templateId: 1 },
    };

    beforeAll(async () => {
      ctx = testContext(handle.get(), { clock });
      app = await testApp(ctx);
      const ownerId = await addUser(ctx, 'owner');
      await addUser(ctx, 'kefu');
      storeId = await addStore(ctx, '会员日店', ownerId, { kefu: 'service' });
      otherStoreId = await addStore(ctx, '别家店', ownerId);
      owner = await signIn(app, 'owner');
      kefu = await signIn(app, 'kefu');
      await template(storeId, 1);
      await template(otherStoreId, 2);
      // Three buyers: two reach 金卡 (≥ 50 000 fen), one 银卡.
      for (const [key, net] of [
        ['甲', 60_000],
        ['乙', 80_000],
        ['丙', 10_000],
      ] as const)
        await insertCustomerWithOrders(db(), storeId, key, [{ at: '2026-10-01T04:00:00Z', net }]);
      const saved = await call('PUT', 'loyalty/tiers', owner, {
        basis: 'spend',
        period: 'all',
        tiers: [
          { name: '银卡', minSpent: 1 },
          { name: '金卡', minSpent: 50_000 },
        ],
      });
      expect(saved.statusCode, saved.body).toBe(200);
      [silverId, goldId] = saved.json().scheme.tiers.map((t: { id: number }) => t.id);
    });

    it('creates a member day with its next date, audited', async () => {
      const response = await call('POST', 'loyalty/member-days', owner, { ...memberDay, tierIds: [goldId] });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        id: 1,
        name: '每月8号会员日',
        days: [8],
        tierIds: [goldId],
        pricePercent: 88,
        newProducts: '新款二段奶粉',
        reminder: { daysBefore: 3, templateId: 1 },
        nextDate: '2026-12-08',
        updatedBy: 'owner',
      });
      const audit = await db()
        .selectFrom('audit_log')
        .select(['action', 'subject_id'])
        .where('store_id', '=', storeId)
        .where('action', '=', 'member_day.created')
        .execute();
      expect(audit).toEqual([{ action: 'member_day.created', subject_id: '1' }]);
    });

    it('lays out a month with member days and reminder dates, the 31st on the 30th in November', async () => {
      const second = await call('POST', 'loyalty/member-days', owner, {
        name: '月初月末',
        days: [31, 1],
        reminder: { daysBefore: 2, templateId: 1 },
      });
      expect(second.statusCode, second.body).toBe(200);
      const november = (await call('GET', 'loyalty/member-days/calendar?month=2026-11', kefu)).json();
      expect(
        november.entries.map((e: { date: string; kind: string; name: string }) => [e.date, e.kind, e.name]),
      ).toEqual([
        ['2026-11-01', 'memberDay', '月初月末'],
        ['2026-11-05', 'reminder', '每月8号会员日'],
        ['2026-11-08', 'memberDay', '每月8号会员日'],
        ['2026-11-28', 'reminder', '月初月末'],
        ['2026-11-29', 'reminder', '月初月末'],
        ['2026-11-30', 'memberDay', '月初月末'],
      ]);
      const february = (await call('GET', 'loyalty/member-days/calendar?month=2027-02', owner)).json();
      expect(
        february.entries
          .filter((e: { kind: string }) => e.kind === 'memberDay')
          .map((e: { date: string }) => e.date),
      ).toEqual(['2027-02-01', '2027-02-08', '2027-02-28']);
      const list = (await call('GET', 'loyalty/member-days', kefu)).json();
      expect(list.memberDays.map((d: { name: string; nextDate: string }) => [d.name, d.nextDate])).toEqual([
        ['月初月末', '2026-11-30'],
        ['每月8号会员日', '2026-12-08'],
      ]);
      // Default: this month in the store's calendar
      expect((await call('GET', 'loyalty/member-days/calendar', owner)).json().month).toBe('2026-11');
    });

    it('creates the reminder as a draft campaign for the eligible tiers, 3 days before at 10:00', async () => {
      const response = await call('POST', 'loyalty/member-days/1/reminder', owner);
      expect(response.statusCode, response.body).toBe(200);
      const campaign = response.json();
      expect(campaign).toMatchObject({
        name: '每月8号会员日 会员日提醒 2026-12-08',
        status: 'draft',
        templateId: 1,
        channel: 'sms',
        definition: { where: { type: 'tier', in: [goldId] } },
        schedule: { kind: 'at', from: Date.parse('2026-12-05T02:00:00Z'), to: null },
        estimatedMembers: 2,
      });
      // Once per member day: the second is refused by name and creates nothing.
      expectError(await call('POST', 'loyalty/member-days/1/reminder', owner), 409, 'campaign.name_taken');
      const campaigns = await db()
        .selectFrom('campaigns')
        .select('id')
        .where('store_id', '=', storeId)
        .execute();
      expect(campaigns).toHaveLength(1);
    });

    it('takes every tier when none is chosen, and the following member day once a reminder time has passed', async () => {
      // Member day on the 25th, reminder one day before at 10:00: 2026-11-24 10:00 is now, so too late.
      const created = await call('POST', 'loyalty/member-days', owner, {
        name: '25号',
        days: [25],
        reminder: { daysBefore: 1, templateId: 1 },
      });
      const campaign = (
        await call('POST', `loyalty/member-days/${created.json().id}/reminder`, owner)
      ).json();
      expect(campaign).toMatchObject({
        name: '25号 会员日提醒 2026-12-25',
        definition: { where: { type: 'tier', in: [silverId, goldId] } },
        schedule: { from: Date.parse('2026-12-24T02:00:00Z') },
        estimatedMembers: 3,
      });
    });

    it('updates and deletes a member day', async () => {
      const updated = await call('PUT', 'loyalty/member-days/2', owner, {
        name: '月初月末',
        days: [15],
        tierIds: [silverId],
        pricePercent: 90,
      });
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json()).toMatchObject({
        days: [15],
        tierIds: [silverId],
        reminder: null,
        nextDate: '2026-12-15',
      });
      expectError(await call('POST', 'loyalty/member-days/2/reminder', owner), 409, 'loyalty.no_reminder');
      expect((await call('DELETE', 'loyalty/member-days/2', owner)).statusCode).toBe(204);
      expectError(await call('DELETE', 'loyalty/member-days/2', owner), 404, 'loyalty.member_day_not_found');
    });

    it('drafts the next reminders at the analytics refresh, once, and reports one it cannot make', async () => {
      const fifteenth = await call('POST', 'loyalty/member-days', owner, {
        name: '15号',
        days: [15],
        reminder: { daysBefore: 2, templateId: 1 },
      });
      expect(fifteenth.statusCode, fifteenth.body).toBe(200);
      await template(storeId, 3);
      const orphan = await call('POST', 'loyalty/member-days', owner, {
        name: '模板已删',
        days: [20],
        reminder: { daysBefore: 1, templateId: 3 },
      });
      await db()
        .deleteFrom('message_templates')
        .where('store_id', '=', storeId)
        .where('id', '=', 3)
        .execute();
      const job = { job: { store_id: storeId }, progress: async () => undefined } as unknown as JobContext;
      const result = await runAnalyticsRefreshJob(ctx, job);
      expect(result.reminders).toEqual({
        created: ['15号 会员日提醒 2026-12-15'],
        existing: 2, // 每月8号 and 25号 were made above
        skipped: [
          {
            memberDayId: orphan.json().id,
            code: 'messaging.template_not_found',
            message: 'No message template 3 in this store.',
          },
        ],
      });
      const campaign = await db()
        .selectFrom('campaigns')
        .select(['status', 'starts_at', 'created_by'])
        .where('store_id', '=', storeId)
        .where('name', '=', '15号 会员日提醒 2026-12-15')
        .executeTakeFirstOrThrow();
      expect(campaign).toEqual({
        status: 'draft',
        starts_at: Date.parse('2026-12-13T02:00:00Z'),
        created_by: 'system',
      });
      const again = await runAnalyticsRefreshJob(ctx, job);
      expect(again.reminders).toMatchObject({ created: [], existing: 3 });
      await call('DELETE', `loyalty/member-days/${orphan.json().id}`, owner);
    });

    describe('bad input', () => {
      const unchanged = async (attempt: () => Promise<void>) => {
        const read = async () =>
          JSON.stringify([
            await db()
              .selectFrom('member_days')
              .selectAll()
              .where('store_id', '=', storeId)
              .orderBy('id')
              .execute(),
            await db().selectFrom('campaigns').select('id').where('store_id', '=', storeId).execute(),
          ]);
        const before = await read();
        await attempt();
        expect(await read()).toBe(before);
      };

      it('refuses days outside 1–31, a day twice, no day, and unknown fields', () =>
        unchanged(async () => {
          for (const days of [[0], [32], [8, 8], [], [1.5]])
            expectError(
              await call('POST', 'loyalty/member-days', owner, { ...memberDay, days }),
              400,
              'request.invalid',
            );
          expectError(
            await call('POST', 'loyalty/member-days', owner, { ...memberDay, name: '新', colour: 'red' }),
            400,
            'request.invalid',
          );
          expectError(
            await call('POST', 'loyalty/member-days', owner, {
              ...memberDay,
              name: '新',
              reminder: { daysBefore: 0, templateId: 1 },
            }),
            400,
            'request.invalid',
          );
        }));

      it('refuses a tier or template the store does not have, and a name taken', () =>
        unchanged(async () => {
          const error = expectError(
            await call('POST', 'loyalty/member-days', owner, { ...memberDay, name: '新', tierIds: [99] }),
            404,
            'loyalty.tier_not_found',
          );
          expect(error.details).toEqual({ tierIds: [99] });
          expectError(
            await call('POST', 'loyalty/member-days', owner, {
              ...memberDay,
              name: '新',
              reminder: { daysBefore: 3, templateId: 2 }, // the other store's
            }),
            404,
            'messaging.template_not_found',
          );
          expectError(
            await call('POST', 'loyalty/member-days', owner, memberDay),
            409,
            'loyalty.member_day_name_taken',
          );
          expectError(
            await call('PUT', 'loyalty/member-days/1', owner, { ...memberDay, name: '25号' }),
            409,
            'loyalty.member_day_name_taken',
          );
        }));

      it('refuses unknown member days and bad months', () =>
        unchanged(async () => {
          expectError(
            await call('PUT', 'loyalty/member-days/99', owner, memberDay),
            404,
            'loyalty.member_day_not_found',
          );
          expectError(
            await call('POST', 'loyalty/member-days/99/reminder', owner),
            404,
            'loyalty.member_day_not_found',
          );
          for (const month of ['2026-13', '2026-1', 'next'])
            expectError(
              await call('GET', `loyalty/member-days/calendar?month=${month}`, owner),
              400,
              'request.invalid',
            );
        }));

      it('lets service staff read member days but not change them', () =>
        unchanged(async () => {
          expectError(
            await call('POST', 'loyalty/member-days', kefu, { ...memberDay, name: '新' }),
            403,
            'auth.forbidden',
          );
          expectError(await call('DELETE', 'loyalty/member-days/1', kefu), 403, 'auth.forbidden');
          expectError(await call('POST', 'loyalty/member-days/1/reminder', kefu), 403, 'auth.forbidden');
        }));
    });
  });
}

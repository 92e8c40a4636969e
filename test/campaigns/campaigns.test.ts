import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import { controlGroup, differenceOfMeans, incrementalRevenue } from '../../src/campaigns/stats.js';
import type { AppContext } from '../../src/context.js';
import { allocateIds } from '../../src/db/sequences.js';
import { storeAdapters } from '../../src/messaging/adapters.js';
import { localSinkAdapter } from '../../src/messaging/channels/local-sink.js';
import { dispatchOnce } from '../../src/messaging/dispatcher.js';
import type { CustomerId, OrderId, StoreId } from '../../src/shared/ids.js';
import type { Fen } from '../../src/shared/money.js';
import { fixedClock, type Instant } from '../../src/shared/time.js';
import { addMember } from '../../src/stores/service.js';
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

// Campaigns on a hand-made store: 40 old customers, an SMS template through the sandbox. The
// control group is the seed's draw; orders placed in the attribution window are counted exactly;
// approval, pause, resume, cancel and a spread schedule do what they say.

const DAY = 86_400_000;
const HOUR = 3_600_000;

for (const testDatabase of testDatabases()) {
  describe(`campaigns on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    const clock = fixedClock(REFERENCE_NOW);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let owner: string;
    let operator: string;
    let templateId: number;
    const customers: CustomerId[] = [];
    const db = () => handle.get().db;
    const call = (
      method: 'GET' | 'POST' | 'PATCH' | 'PUT',
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
    const everyone = { where: { type: 'orderCount', min: 1 } };
    const order = async (customerId: CustomerId, at: number, net: number) => {
      const id = (await allocateIds(db(), storeId, 'orders')) as OrderId;
      await db()
        .insertInto('orders')
        .values({
          store_id: storeId,
          id,
          external_id: `X${id}`,
          customer_id: customerId,
          status: 'completed',
          is_purchase: 1,
          ordered_at: at as Instant,
          paid_at: at as Instant,
          goods_amount: net as Fen,
          paid_amount: net as Fen,
          net_amount: net as Fen,
          item_count: 1,
          created_at: at as Instant,
          updated_at: at as Instant,
        })
        .execute();
    };
    const messagesOf = async (campaignId: number) =>
      db()
        .selectFrom('messages')
        .select(['customer_id', 'status', 'next_attempt_at'])
        .where('store_id', '=', storeId)
        .where('source', '=', `campaign:${campaignId}`)
        .orderBy('customer_id')
        .execute();

    beforeAll(async () => {
      ctx = testContext(handle.get(), { clock });
      app = await testApp(ctx);
      const ownerId = await addUser(ctx, 'owner');
      storeId = await addStore(ctx, '老客母婴', ownerId);
      await addUser(ctx, 'yunying');
      await addMember(ctx, cliActor(ownerId), storeId, { login: 'yunying', role: 'operator' });
      owner = await signIn(app, 'owner');
      operator = await signIn(app, 'yunying');
      for (let i = 0; i < 40; i += 1) {
        const id = await insertCustomerWithOrders(db(), storeId, `buyer${i}`, [
          { at: '2026-10-01T02:00:00Z', net: 5_000 },
        ]);
        await db()
          .updateTable('customers')
          .set({ phone: `138${String(10_000_000 + i).slice(-8)}`, consent_sms: 1 })
          .where('store_id', '=', storeId)
          .where('id', '=', id)
          .execute();
        customers.push(id);
      }
      const channel = await call('PUT', 'messaging/channels/sms', owner, {
        settings: { provider: 'local', signName: '【老客母婴】', optOutLine: '拒收请回复R' },
      });
      expect(channel.statusCode, channel.body).toBe(200);
      const template = await call('POST', 'messaging/templates', operator, {
        name: '回购提醒',
        channel: 'sms',
        class: 'marketing',
        body: '{姓名|亲}，老客专享券已到账',
      });
      templateId = template.json().id;
    });

    it('freezes the members, holds out the seed’s control group and queues one message per target', async () => {
      const created = await call('POST', 'campaigns', operator, {
        name: '十一月回购',
        definition: everyone,
        templateId,
        controlShare: 0.25,
        seed: 7,
      });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json()).toMatchObject({
        status: 'draft',
        estimatedMembers: 40,
        channel: 'sms',
        needsApproval: false,
      });
      const id = created.json().id;
      const sent = await call('POST', `campaigns/${id}/send`, operator);
      expect(sent.json()).toMatchObject({
        status: 'scheduled',
        members: 40,
        control: 10,
        queued: 30,
        unreachable: 0,
        smsParts: 30,
      });
      const expectedControl = controlGroup(customers, 0.25, 7);
      const members = await db()
        .selectFrom('campaign_members')
        .select(['customer_id', 'is_control'])
        .where('store_id', '=', storeId)
        .where('campaign_id', '=', id)
        .execute();
      expect(members).toHaveLength(40);
      expect(new Set(members.filter((m) => m.is_control === 1).map((m) => m.customer_id))).toEqual(
        expectedControl,
      );
      const messages = await messagesOf(id);
      expect(messages.map((m) => m.customer_id)).toEqual(customers.filter((c) => !expectedControl.has(c)));
      // Sending again is refused and queues nothing
      expectError(await call('POST', `campaigns/${id}/send`, operator), 409, 'campaign.wrong_state');
      expect(await messagesOf(id)).toHaveLength(30);
    });

    it('pauses, resumes and sends through the sandbox; the status follows the messages', async () => {
      const id = (await call('GET', 'campaigns', operator)).json().campaigns[0].id;
      expect((await call('POST', `campaigns/${id}/pause`, operator)).json()).toMatchObject({
        status: 'paused',
        messages: { paused: 30 },
      });
      const sink = localSinkAdapter();
      const adapters = storeAdapters(ctx, { sink, refreshMs: 0 });
      expect(await dispatchOnce(handle.get(), { adapters, now: () => clock.now() })).toMatchObject({
        claimed: 0,
      });
      expect((await call('POST', `campaigns/${id}/resume`, operator)).json()).toMatchObject({
        status: 'scheduled',
      });
      expect(
        await dispatchOnce(handle.get(), { adapters, now: () => clock.now(), batch: 100 }),
      ).toMatchObject({ sent: 30 });
      expect(sink.recorded()).toHaveLength(30);
      expect(sink.recorded()[0]!.content.text).toMatch(/^【老客母婴】亲，老客专享券已到账，拒收请回复R$/);
      expect((await call('GET', `campaigns/${id}`, operator)).json()).toMatchObject({
        status: 'completed',
        messages: { sent: 30 },
      });
    });

    it('counts orders in the attribution window against the control group, with cost and ROI', async () => {
      const id = (await call('GET', 'campaigns', operator)).json().campaigns[0].id;
      const control = controlGroup(customers, 0.25, 7);
      const targets = customers.filter((c) => !control.has(c));
      const held = customers.filter((c) => control.has(c));
      for (const c of targets.slice(0, 6)) await order(c, REFERENCE_NOW + DAY, 10_000);
      await order(targets[0]!, REFERENCE_NOW + 2 * DAY, 3_000); // a second order, same buyer
      await order(targets[7]!, REFERENCE_NOW + 8 * DAY, 9_999); // after the 7-day window
      await order(targets[8]!, REFERENCE_NOW - HOUR, 9_999); // before the send
      await order(held[0]!, REFERENCE_NOW + 3 * DAY, 5_000);
      const results = (await call('GET', `campaigns/${id}/results`, operator)).json();
      expect(results.window).toEqual({ from: REFERENCE_NOW, to: REFERENCE_NOW + 7 * DAY, complete: false });
      expect(results.messages).toMatchObject({ sent: 30, failed: 0, suppressed: 0, optedOut: 0 });
      expect(results.target).toEqual({
        customers: 30,
        buyers: 6,
        orders: 7,
        revenue: 63_000,
        responseRate: 0.2,
        revenuePerCustomer: 2_100,
      });
      expect(results.control).toEqual({
        customers: 10,
        buyers: 1,
        orders: 1,
        revenue: 5_000,
        responseRate: 0.1,
        revenuePerCustomer: 500,
      });
      expect(results.uplift.responseRate.estimate).toBeCloseTo(0.1, 12);
      expect(results.uplift.revenuePerCustomer.estimate).toBeCloseTo(1_600, 9);
      expect(results.uplift.incrementalRevenue.estimate).toBeCloseTo(48_000, 6);
      expect(results.cost).toBeCloseTo(30 * 4.5, 9);
      expect(results.roi).toBeCloseTo(48_000 / 135, 9);
      expect(results.segments).toHaveLength(1);

      // Once the window is over, the campaign feeds the response rates per segment
      expect((await call('GET', 'campaigns/response-rates', operator)).json().segments).toEqual([]);
      clock.advance(8 * DAY);
      try {
        // Sessions last a week: sign in again eight days on
        const later = await signIn(app, 'yunying');
        expect((await call('GET', 'campaigns/response-rates', later)).json().segments).toEqual([
          {
            segment: '—',
            campaigns: 1,
            customers: 30,
            responseRate: 0.2,
            controlResponseRate: 0.1,
            revenuePerCustomer: 2_100,
          },
        ]);
      } finally {
        clock.advance(-8 * DAY);
        // Signing in purged the sessions that had expired by then
        owner = await signIn(app, 'owner');
        operator = await signIn(app, 'yunying');
      }
    });

    it('sums the groups in SQL to the same intervals as each member’s revenue gives', async () => {
      const id = (await call('GET', 'campaigns', operator)).json().campaigns[0].id;
      const results = (await call('GET', `campaigns/${id}/results`, operator)).json();
      // Per member, as the orders above left them: 13,000 + five × 10,000 of 30; 5,000 of 10
      const target = [13_000, ...Array(5).fill(10_000), ...Array(24).fill(0)];
      const control = [5_000, ...Array(9).fill(0)];
      const perCustomer = differenceOfMeans(target, control)!;
      const incremental = incrementalRevenue(target, control)!;
      for (const key of ['estimate', 'low', 'high'] as const) {
        expect(results.uplift.revenuePerCustomer[key]).toBeCloseTo(perCustomer[key], 6);
        expect(results.uplift.incrementalRevenue[key]).toBeCloseTo(incremental[key], 4);
      }
      expect(results.segments[0]).toMatchObject({
        segment: '—',
        target: { customers: 30, buyers: 6, orders: 7, revenue: 63_000 },
        control: { customers: 10, buyers: 1, orders: 1, revenue: 5_000 },
      });
    });

    it('finds the same buyers as its results with an "answered a campaign" audience', async () => {
      const id = (await call('GET', 'campaigns', operator)).json().campaigns[0].id;
      const count = async (where: unknown) => {
        const response = await call('POST', 'audiences/count', operator, { definition: { where } });
        expect(response.statusCode, response.body).toBe(200);
        return response.json().count as number;
      };
      const control = controlGroup(customers, 0.25, 7);
      const targets = customers.filter((c) => !control.has(c));
      const answered = await call('POST', 'audiences/count', operator, {
        definition: { where: { type: 'answeredCampaign', campaigns: [id] } },
      });
      // The six targets who bought in the window; not the control-group buyer, not the late one
      expect(answered.json().count).toBe(6);
      expect(answered.json().sample).toEqual(targets.slice(0, 6));
      expect(await count({ type: 'answeredCampaign' })).toBe(6);
      expect(await count({ type: 'answeredCampaign', withinDays: 1 })).toBe(6);
      expect(await count({ type: 'not', condition: { type: 'answeredCampaign', campaigns: [id] } })).toBe(34);
      const unknown = await call('POST', 'audiences/count', operator, {
        definition: { where: { type: 'answeredCampaign', campaigns: [id, 999] } },
      });
      expect(expectError(unknown, 404, 'campaign.not_found').message).toContain('999');
    });

    it('waits for the owner above the approval threshold', async () => {
      const patched = await app.inject({
        method: 'PATCH',
        url: `/api/stores/${storeId}`,
        headers: { cookie: owner },
        payload: { settings: { campaigns: { approvalThreshold: 20 } } },
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const id = (
        await call('POST', 'campaigns', operator, {
          name: '大促预热',
          definition: everyone,
          templateId,
          seed: 1,
        })
      ).json().id;
      expect((await call('POST', `campaigns/${id}/send`, operator)).json()).toMatchObject({
        status: 'awaiting_approval',
        needsApproval: true,
        members: null,
      });
      expect(await messagesOf(id)).toHaveLength(0);
      expectError(await call('POST', `campaigns/${id}/approve`, operator), 403, 'auth.forbidden');
      const approved = await call('POST', `campaigns/${id}/approve`, owner);
      expect(approved.json()).toMatchObject({
        status: 'scheduled',
        approvedBy: 'owner',
        members: 40,
        control: 4,
        queued: 36,
      });
      // Cancelling drops what was not sent
      expect((await call('POST', `campaigns/${id}/cancel`, operator)).json()).toMatchObject({
        status: 'cancelled',
        messages: { cancelled: 36 },
      });
      expectError(await call('POST', `campaigns/${id}/resume`, operator), 409, 'campaign.wrong_state');
    });

    it('spreads a window schedule evenly from its start, and refuses bad input with what was expected', async () => {
      const from = REFERENCE_NOW + HOUR;
      const to = REFERENCE_NOW + 3 * HOUR;
      const id = (
        await call('POST', 'campaigns', owner, {
          name: '分时发送',
          definition: everyone,
          templateId,
          controlShare: 0,
          schedule: { kind: 'window', from, to },
        })
      ).json().id;
      // The owner's own send above the threshold is its approval
      expect((await call('POST', `campaigns/${id}/send`, owner)).json()).toMatchObject({
        status: 'scheduled',
        approvedBy: 'owner',
      });
      const times = (await messagesOf(id)).map((m) => Number(m.next_attempt_at)).sort((a, b) => a - b);
      expect(times).toHaveLength(40);
      expect(times[0]).toBe(from);
      expect(times.at(-1)).toBe(from + (39 * (to - from)) / 40);
      expectError(
        await call('POST', 'campaigns', owner, {
          name: 'x',
          templateId,
          definition: everyone,
          audienceId: 1,
        }),
        400,
        'request.invalid',
      );
      expectError(
        await call('POST', 'campaigns', owner, { name: 'y', templateId: 999, definition: everyone }),
        404,
        'messaging.template_not_found',
      );
      expectError(
        await call('POST', 'campaigns', owner, { name: '分时发送', templateId, definition: everyone }),
        409,
        'campaign.name_taken',
      );
    });
  });
}

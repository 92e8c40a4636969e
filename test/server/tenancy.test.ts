import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import { can } from '../../src/auth/permissions.js';
import { createApiToken } from '../../src/auth/service.js';
import type { AppContext } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import type { Role } from '../../src/db/schema.js';
import type { RouteCatalogueEntry } from '../../src/server/auth-hooks.js';
import { asCustomerId, type StoreId, type UserId } from '../../src/shared/ids.js';
import type { Fen } from '../../src/shared/money.js';
import { instant } from '../../src/shared/time.js';
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

// Walks every store-scoped route the server has. A new route without an entry in `attempts`
// fails the first test, so none escapes these checks.

type Attempt = { payload?: Record<string, unknown> };
const attempts: Record<string, Attempt> = {
  'GET /api/stores/:storeId': {},
  'PATCH /api/stores/:storeId': {
    payload: { name: 'taken over', settings: { serviceSeesPersonalData: true } },
  },
  'GET /api/stores/:storeId/members': {},
  'POST /api/stores/:storeId/members': {
    payload: { login: 'intruder', role: 'owner', password: 'a long password' },
  },
  'PATCH /api/stores/:storeId/members/:userId': { payload: { role: 'service' } },
  'DELETE /api/stores/:storeId/members/:userId': {},
  'GET /api/stores/:storeId/tokens': {},
  'POST /api/stores/:storeId/tokens': { payload: { name: 'backdoor', role: 'owner' } },
  'DELETE /api/stores/:storeId/tokens/:tokenId': {},
  'GET /api/stores/:storeId/audit': {},
  'GET /api/stores/:storeId/overview': {},
  'POST /api/stores/:storeId/imports': { payload: { file: 'x' } },
  'GET /api/stores/:storeId/jobs/:jobId': {},
  'GET /api/stores/:storeId/imports': {},
  'GET /api/stores/:storeId/imports/:runId': {},
  'GET /api/stores/:storeId/imports/:runId/rejections.csv': {},
  'GET /api/stores/:storeId/import-maps': {},
  'PUT /api/stores/:storeId/import-maps/:name': {
    payload: { columns: { orderId: 'a', customerKey: 'b', orderedAt: 'c', amount: 'd' } },
  },
  'DELETE /api/stores/:storeId/import-maps/:name': {},
  'GET /api/stores/:storeId/customers': {},
  'GET /api/stores/:storeId/analytics/rfm': {},
  'GET /api/stores/:storeId/analytics/rfm/history': {},
  'GET /api/stores/:storeId/analytics/lifecycle': {},
  'GET /api/stores/:storeId/analytics/new-old': {},
  'GET /api/stores/:storeId/analytics/new-old/range': {},
  'GET /api/stores/:storeId/analytics/pareto': {},
  'GET /api/stores/:storeId/analytics/cohorts': {},
  'GET /api/stores/:storeId/analytics/predictions': {},
  'GET /api/stores/:storeId/analytics/core-customers': {},
  'GET /api/stores/:storeId/analytics/export': {},
  'POST /api/stores/:storeId/analytics/refresh': {},
  'GET /api/stores/:storeId/analytics/products': {},
  'GET /api/stores/:storeId/analytics/products/export': {},
  'GET /api/stores/:storeId/analytics/products/low-conversion': {},
  'POST /api/stores/:storeId/analytics/products/traffic': { payload: { file: 'x' } },
  'POST /api/stores/:storeId/customers/attribute-imports': { payload: { file: 'x' } },
  'GET /api/stores/:storeId/customers/tags': {},
  'POST /api/stores/:storeId/customers/tags': { payload: { add: ['stolen'], filter: {} } },
  'GET /api/stores/:storeId/customers/preference-keys': {},
  'GET /api/stores/:storeId/customers/duplicates': {},
  'GET /api/stores/:storeId/customers/export': {},
  'GET /api/stores/:storeId/customers/:customerId': {},
  'PATCH /api/stores/:storeId/customers/:customerId': { payload: { name: 'taken over', tags: ['x'] } },
  'POST /api/stores/:storeId/customers/:customerId/reveal': {},
  'GET /api/stores/:storeId/customers/:customerId/timeline': {},
  'POST /api/stores/:storeId/customers/:customerId/contacts': {
    payload: { channel: 'phone', outcome: 'reached', note: 'x', followUpOn: '2026-11-24' },
  },
  'POST /api/stores/:storeId/contacts/:contactId/done': {},
  'GET /api/stores/:storeId/follow-ups': {},
  'POST /api/stores/:storeId/customers/:customerId/merge': { payload: { duplicateId: 2 } },
  'GET /api/stores/:storeId/after-sales': {},
  'POST /api/stores/:storeId/customers/:customerId/after-sales': {
    payload: { kind: 'refund', note: '退款', orderId: 1 },
  },
  'POST /api/stores/:storeId/after-sales/:caseId/resolve': { payload: { resolution: '已退款' } },
  'POST /api/stores/:storeId/after-sales/:caseId/reopen': {},
  'POST /api/stores/:storeId/customers/:customerId/erase': {},
  'GET /api/stores/:storeId/messaging/channels': {},
  'PUT /api/stores/:storeId/messaging/channels/:channel': {
    payload: { settings: { provider: 'webhook', url: 'https://evil.example.com/x', signingSecret: 'x' } },
  },
  'DELETE /api/stores/:storeId/messaging/channels/:channel': {},
  'GET /api/stores/:storeId/messaging/templates': {},
  'POST /api/stores/:storeId/messaging/templates': {
    payload: { name: 'x', channel: 'sms', class: 'marketing', body: 'x' },
  },
  'PUT /api/stores/:storeId/messaging/templates/:templateId': {
    payload: { name: 'x', channel: 'sms', class: 'marketing', body: 'x' },
  },
  'DELETE /api/stores/:storeId/messaging/templates/:templateId': {},
  'POST /api/stores/:storeId/messaging/preview': {
    payload: { channel: 'sms', class: 'marketing', body: '{姓名}', customerId: 1 },
  },
  'POST /api/stores/:storeId/messaging/templates/:templateId/test': { payload: { recipient: '13800138000' } },
  'GET /api/stores/:storeId/messaging/messages': {},
  'GET /api/stores/:storeId/messaging/messages/export': {},
  'GET /api/stores/:storeId/messaging/summary': {},
  'GET /api/stores/:storeId/messaging/suppressions': {},
  'POST /api/stores/:storeId/messaging/suppressions': { payload: { channel: 'sms', address: '13800138000' } },
  'DELETE /api/stores/:storeId/messaging/suppressions/:channel/:address': {},
  'GET /api/stores/:storeId/tasks': {},
  'PATCH /api/stores/:storeId/tasks/:taskId': { payload: { status: 'skipped' } },
  'GET /api/stores/:storeId/tasks/export': {},
  'GET /api/stores/:storeId/audiences': {},
  'GET /api/stores/:storeId/audiences/ready-made': {},
  'POST /api/stores/:storeId/audiences': {
    payload: { name: 'taken over', definition: { where: { type: 'orderCount', min: 1 } } },
  },
  'POST /api/stores/:storeId/audiences/count': {
    payload: { definition: { where: { type: 'orderCount', min: 1 } } },
  },
  'GET /api/stores/:storeId/audiences/:audienceId': {},
  'PATCH /api/stores/:storeId/audiences/:audienceId': { payload: { name: 'taken over' } },
  'DELETE /api/stores/:storeId/audiences/:audienceId': {},
  'GET /api/stores/:storeId/audiences/:audienceId/members': {},
  'GET /api/stores/:storeId/audiences/:audienceId/export': {},
  'GET /api/stores/:storeId/campaigns': {},
  'POST /api/stores/:storeId/campaigns': {
    payload: { name: 'x', templateId: 1, definition: { where: { type: 'core' } } },
  },
  'GET /api/stores/:storeId/campaigns/response-rates': {},
  'GET /api/stores/:storeId/campaigns/:campaignId': {},
  'POST /api/stores/:storeId/campaigns/:campaignId/send': {},
  'POST /api/stores/:storeId/campaigns/:campaignId/approve': {},
  'POST /api/stores/:storeId/campaigns/:campaignId/pause': {},
  'POST /api/stores/:storeId/campaigns/:campaignId/resume': {},
  'POST /api/stores/:storeId/campaigns/:campaignId/cancel': {},
  'GET /api/stores/:storeId/campaigns/:campaignId/results': {},
  'GET /api/stores/:storeId/coupons': {},
  'POST /api/stores/:storeId/coupons': {
    payload: {
      name: 'taken over',
      kind: 'amount',
      amountOff: 1_000,
      validFrom: '2026-11-01',
      validTo: '2026-12-31',
      totalCount: 10,
    },
  },
  'POST /api/stores/:storeId/coupons/redeem': { payload: { code: '23456789ABCD', orderNumber: 'T1' } },
  'POST /api/stores/:storeId/coupons/match': {},
  'GET /api/stores/:storeId/coupons/:batchId': {},
  'POST /api/stores/:storeId/coupons/:batchId/issue': { payload: { audienceId: 1 } },
  'GET /api/stores/:storeId/coupons/:batchId/codes': {},
  'GET /api/stores/:storeId/coupons/:batchId/report': {},
  'GET /api/stores/:storeId/gifts': {},
  'POST /api/stores/:storeId/gifts': {
    payload: {
      name: 'taken over',
      occasion: 'mid_autumn',
      audienceId: 1,
      giftSku: 'X',
      giftTitle: 'X',
      unitCost: 1,
      budget: 100,
    },
  },
  'GET /api/stores/:storeId/gifts/:planId': {},
  'PATCH /api/stores/:storeId/gifts/:planId': { payload: { budget: 1 } },
  'GET /api/stores/:storeId/gifts/:planId/preview': {},
  'POST /api/stores/:storeId/gifts/:planId/confirm': {},
  'GET /api/stores/:storeId/gifts/:planId/recipients': {},
  'POST /api/stores/:storeId/gifts/:planId/shipping': {
    payload: { updates: [{ customerId: 1, status: 'shipped', trackingNo: 'SF0001' }] },
  },
  'GET /api/stores/:storeId/gifts/:planId/export': {},
  'GET /api/stores/:storeId/loyalty/tiers': {},
  'PUT /api/stores/:storeId/loyalty/tiers': {
    payload: { basis: 'spend', period: 'all', tiers: [{ id: 1, name: 'taken over', minSpent: 1 }] },
  },
  'POST /api/stores/:storeId/loyalty/tiers/preview': {
    payload: { basis: 'spend', period: 'all', tiers: [{ name: 'x', minSpent: 1 }] },
  },
  'POST /api/stores/:storeId/loyalty/tiers/apply': {},
  'GET /api/stores/:storeId/loyalty/tiers/changes': {},
  'GET /api/stores/:storeId/loyalty/tiers/movement': {},
  'GET /api/stores/:storeId/loyalty/customers/:customerId/tier': {},
  'GET /api/stores/:storeId/loyalty/member-days': {},
  'GET /api/stores/:storeId/loyalty/member-days/calendar': {},
  'POST /api/stores/:storeId/loyalty/member-days': { payload: { name: 'taken over', days: [8] } },
  'PUT /api/stores/:storeId/loyalty/member-days/:memberDayId': { payload: { name: 'taken over', days: [8] } },
  'DELETE /api/stores/:storeId/loyalty/member-days/:memberDayId': {},
  'POST /api/stores/:storeId/loyalty/member-days/:memberDayId/reminder': {},
  'GET /api/stores/:storeId/promotions/calendar': {},
  'POST /api/stores/:storeId/promotions/events': { payload: { name: 'taken over', monthDay: '05-20' } },
  'PATCH /api/stores/:storeId/promotions/events/:eventKey': { payload: { name: 'taken over' } },
  'DELETE /api/stores/:storeId/promotions/events/:eventKey': {},
  'GET /api/stores/:storeId/promotions/plans': {},
  'POST /api/stores/:storeId/promotions/plans': { payload: { event: '618', year: 2026 } },
  'GET /api/stores/:storeId/promotions/plans/:planId': {},
  'PUT /api/stores/:storeId/promotions/plans/:planId/phases': {
    payload: {
      phases: [
        { phase: 'buildup', from: '2026-09-01', to: '2026-10-31', goal: 'taken over' },
        { phase: 'warmup', from: '2026-11-01', to: '2026-11-10', goal: '' },
        { phase: 'day', from: '2026-11-11', to: '2026-11-11', goal: '' },
        { phase: 'afterglow', from: '2026-11-12', to: '2026-11-20', goal: '' },
      ],
    },
  },
  'POST /api/stores/:storeId/promotions/plans/:planId/tasks': {
    payload: { phase: 'day', kind: 'other', title: 'taken over', dueDate: '2026-11-11' },
  },
  'PATCH /api/stores/:storeId/promotions/plans/:planId/tasks/:taskId': { payload: { status: 'done' } },
  'DELETE /api/stores/:storeId/promotions/plans/:planId/tasks/:taskId': {},
  'POST /api/stores/:storeId/promotions/plans/:planId/campaigns': {
    payload: { phase: 'day', title: 'taken over', audienceId: 1, templateId: 1 },
  },
  'GET /api/stores/:storeId/promotions/plans/:planId/targets': {},
  'PUT /api/stores/:storeId/promotions/plans/:planId/target': {
    payload: { oldRevenue: 1, newRevenue: 1, oldBuyers: 1, newBuyers: 1 },
  },
  'PUT /api/stores/:storeId/promotions/plans/:planId/lessons': { payload: { lessons: '早发券' } },
  'GET /api/stores/:storeId/promotions/plans/:planId/progress': {},
  'GET /api/stores/:storeId/promotions/plans/:planId/review': {},
  'POST /api/stores/:storeId/promotions/plans/:planId/review/new-customers-audience': {},
  'POST /api/stores/:storeId/promotions/plans/:planId/review/nurture-campaigns': {},
  'GET /api/stores/:storeId/promotions/plans/:planId/review.xlsx': {},
  'GET /api/stores/:storeId/promotions/plans/:planId/review.pdf': {},
};

const storeTables = [
  'store_members',
  'api_tokens',
  'id_sequences',
  'customers',
  'customer_tags',
  'customer_contacts',
  'after_sales_cases',
  'promotion_events',
  'promotion_plans',
  'promotion_phases',
  'promotion_phase_audiences',
  'promotion_tasks',
  'customer_scores',
  'customer_predictions',
  'analysis_snapshots',
  'products',
  'product_traffic',
  'purchase_logs',
  'orders',
  'order_items',
  'import_runs',
  'jobs',
  'messages',
  'suppressions',
  'message_channels',
  'message_templates',
  'staff_tasks',
  'audiences',
  'campaigns',
  'campaign_members',
  'coupon_batches',
  'coupon_codes',
  'coupon_redemptions',
  'gift_plans',
  'gift_recipients',
  'tier_schemes',
  'tiers',
  'customer_tiers',
  'tier_changes',
  'member_days',
  'audit_log',
] as const;

/** Everything a store owns, as one comparable value. */
async function snapshot(db: Db, storeId: StoreId): Promise<string> {
  const parts: Record<string, unknown> = {
    store: await db.selectFrom('stores').selectAll().where('id', '=', storeId).execute(),
    users: await db
      .selectFrom('users')
      .select(['id', 'login', 'password_hash', 'disabled_at'])
      .orderBy('id')
      .execute(),
  };
  for (const table of storeTables) {
    parts[table] = await db
      .selectFrom(table)
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('store_id')
      .execute();
  }
  return JSON.stringify(parts);
}

for (const testDatabase of testDatabases()) {
  describe(`store isolation and roles on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeRoutes: RouteCatalogueEntry[];
    const ids: { storeA?: StoreId; storeB?: StoreId; ownerB?: UserId; tokenB?: number } = {};
    const cookies: Record<string, string> = {};

    beforeAll(async () => {
      ctx = testContext(handle.get());
      app = await testApp(ctx);
      storeRoutes = app.routeCatalogue.filter((route) => route.url.startsWith('/api/stores/:storeId'));
      const ownerA = await addUser(ctx, 'owner-a');
      await addUser(ctx, 'operator-a');
      await addUser(ctx, 'service-a');
      ids.ownerB = await addUser(ctx, 'owner-b');
      ids.storeA = await addStore(ctx, 'A 店', ownerA, { 'operator-a': 'operator', 'service-a': 'service' });
      ids.storeB = await addStore(ctx, 'B 店', ids.ownerB);
      ids.tokenB = (
        await createApiToken(ctx, cliActor(ids.ownerB), ids.storeB, {
          userId: ids.ownerB,
          name: 'b-erp',
          role: 'owner',
          expiresAt: null,
        })
      ).id;
      for (const login of ['owner-a', 'operator-a', 'service-a']) cookies[login] = await signIn(app, login);
      // Customers 1 and 2 in both stores, with a follow-up each: every :customerId and
      // :contactId names a real row, so a leak or a write would show in the snapshots.
      for (const storeId of [ids.storeA, ids.storeB]) {
        for (const key of ['客户一', '客户二']) {
          const customerId = await insertCustomerWithOrders(handle.get().db, storeId!, key, [
            { at: '2026-10-01T04:00:00Z', net: 10_000 },
          ]);
          await handle
            .get()
            .db.updateTable('customers')
            .set({ phone: '13812345678', phone_last4: '5678', address: '浙江省杭州市文三路1号' })
            .where('store_id', '=', storeId!)
            .where('id', '=', customerId)
            .execute();
        }
        await handle
          .get()
          .db.insertInto('customer_contacts')
          .values({
            store_id: storeId!,
            id: 1,
            customer_id: asCustomerId(1),
            user_id: null,
            staff_label: 'cli',
            channel: 'phone',
            outcome: 'reached',
            note: '回访',
            contacted_at: instant(REFERENCE_NOW),
            follow_up_on: '2026-11-24',
            follow_up_done_at: null,
            created_at: instant(REFERENCE_NOW),
          })
          .execute();
        const now = instant(REFERENCE_NOW);
        const db = handle.get().db;
        // Case 1 open, case 2 resolved: resolve and reopen both have something to change.
        for (const [id, status] of [
          [1, 'open'],
          [2, 'resolved'],
        ] as const)
          await db
            .insertInto('after_sales_cases')
            .values({
              store_id: storeId!,
              id,
              customer_id: asCustomerId(1),
              order_id: null,
              kind: 'refund',
              status,
              opened_at: now,
              resolved_at: status === 'resolved' ? now : null,
              note: '少发一件',
              resolution: null,
              opened_by: 'cli',
              resolved_by: null,
              updated_at: now,
            })
            .execute();
        await db
          .insertInto('message_channels')
          .values({
            store_id: storeId!,
            channel: 'local',
            provider: 'local',
            settings: '{}',
            secrets: null,
            hook_token: `token-${storeId}`,
            updated_at: now,
            updated_by: 'cli',
          })
          .execute();
        await db
          .insertInto('message_templates')
          .values({
            store_id: storeId!,
            id: 1,
            name: '回购',
            channel: 'local',
            class: 'marketing',
            subject: null,
            body: '{姓名}您好',
            provider_template: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await db
          .insertInto('suppressions')
          .values({
            store_id: storeId!,
            channel: 'sms',
            address: '13800138000',
            reason: 'manual',
            source: null,
            created_at: now,
          })
          .execute();
        await db
          .insertInto('audiences')
          .values({
            store_id: storeId!,
            id: 1,
            name: '老客',
            definition: JSON.stringify({ where: { type: 'orderCount', min: 1 } }),
            created_at: now,
            created_by: 'cli',
            updated_at: now,
            updated_by: 'cli',
          })
          .execute();
        await db
          .insertInto('campaigns')
          .values({
            store_id: storeId!,
            id: 1,
            name: '回购',
            audience_id: 1,
            definition: JSON.stringify({ where: { type: 'orderCount', min: 1 } }),
            template_id: 1,
            channel: 'local',
            class: 'marketing',
            schedule: 'now',
            starts_at: null,
            ends_at: null,
            control_share: 0.1,
            seed: 1,
            attribution_days: 7,
            status: 'draft',
            estimated_members: 1,
            members: null,
            control: null,
            queued: null,
            unreachable: null,
            sms_parts: null,
            sms_price_fen: 4.5,
            approved_by: null,
            approved_at: null,
            frozen_at: null,
            created_at: now,
            created_by: 'cli',
            updated_at: now,
          })
          .execute();
        await db
          .insertInto('tier_schemes')
          .values({
            store_id: storeId!,
            basis: 'spend',
            period: 'all',
            applied_at: now,
            updated_at: now,
            updated_by: 'cli',
          })
          .execute();
        await db
          .insertInto('tiers')
          .values({
            store_id: storeId!,
            id: 1,
            rank: 0,
            name: '金卡',
            min_spent: 1 as Fen,
            min_orders: 0,
            price_percent: 95,
            benefits: '',
          })
          .execute();
        await db
          .insertInto('customer_tiers')
          .values({ store_id: storeId!, customer_id: asCustomerId(1), tier_id: 1, since: now })
          .execute();
        await db
          .insertInto('tier_changes')
          .values({
            store_id: storeId!,
            id: 1,
            customer_id: asCustomerId(1),
            from_tier_id: null,
            to_tier_id: 1,
            from_name: null,
            to_name: '金卡',
            direction: 'up',
            reason: 'apply',
            at: now,
          })
          .execute();
        await db
          .insertInto('member_days')
          .values({
            store_id: storeId!,
            id: 1,
            name: '会员日',
            days: '[8]',
            tier_ids: '[1]',
            price_percent: 90,
            new_products: '',
            reminder_days: 3,
            reminder_template_id: 1,
            created_at: now,
            updated_at: now,
            updated_by: 'cli',
          })
          .execute();
        await db
          .insertInto('staff_tasks')
          .values({
            store_id: storeId!,
            id: 1,
            message_id: 1,
            assignee_id: null,
            customer_id: asCustomerId(1),
            kind: 'phone',
            script: '回访',
            created_at: now,
          })
          .execute();
        // A coupon batch with a code issued to customer 1, and a confirmed gift plan with customer 1
        // on its list: every :batchId and :planId names a real row
        await db
          .insertInto('coupon_batches')
          .values({
            store_id: storeId!,
            id: 1,
            name: '老客券',
            kind: 'amount',
            amount_off: 1_000 as never,
            percent_off: null,
            threshold: 0 as never,
            valid_from: '2026-11-01',
            valid_to: '2026-12-31',
            starts_at: instant(Date.UTC(2026, 9, 31, 16)),
            ends_at: instant(Date.UTC(2026, 11, 31, 16)),
            per_customer_limit: 1,
            total_count: 10,
            issued: 1,
            created_at: now,
            created_by: 'cli',
            updated_at: now,
          })
          .execute();
        await db
          .insertInto('coupon_codes')
          .values({
            store_id: storeId!,
            code: '23456789ABCD',
            batch_id: 1,
            customer_id: asCustomerId(1),
            campaign_id: null,
            issued_at: now,
          })
          .execute();
        await db
          .insertInto('gift_plans')
          .values({
            store_id: storeId!,
            id: 1,
            name: '中秋',
            occasion: 'mid_autumn',
            audience_id: 1,
            gift_sku: 'MOON',
            gift_title: '月饼',
            unit_cost: 100 as never,
            budget: 10_000 as never,
            template_id: null,
            status: 'confirmed',
            recipients: 1,
            greetings_queued: null,
            confirmed_at: now,
            confirmed_by: 'cli',
            created_at: now,
            created_by: 'cli',
            updated_at: now,
          })
          .execute();
        await db
          .insertInto('gift_recipients')
          .values({
            store_id: storeId!,
            plan_id: 1,
            customer_id: asCustomerId(1),
            name: '客户一',
            phone: '13812345678',
            address: '浙江省杭州市文三路1号',
            province: '浙江',
            city: '杭州',
            district: null,
            status: 'planned',
            updated_at: now,
          })
          .execute();
        await db
          .insertInto('promotion_events')
          .values({
            store_id: storeId!,
            id: 1,
            name: '店庆',
            month_day: '05-20',
            created_at: now,
            created_by: 'cli',
          })
          .execute();
        // Promotion plan 1 (11.11 2026) with its phases and task 1: every :planId/:taskId is real.
        await db
          .insertInto('promotion_plans')
          .values({
            store_id: storeId!,
            id: 1,
            event: '1111',
            year: 2026,
            target_old_revenue: null,
            target_new_revenue: null,
            target_old_buyers: null,
            target_new_buyers: null,
            response_rates: '{}',
            created_at: now,
            created_by: 'cli',
            updated_at: now,
          })
          .execute();
        for (const [position, phase, from, to] of [
          [0, 'buildup', '2026-09-01', '2026-10-31'],
          [1, 'warmup', '2026-11-01', '2026-11-10'],
          [2, 'day', '2026-11-11', '2026-11-11'],
          [3, 'afterglow', '2026-11-12', '2026-11-20'],
        ] as const)
          await db
            .insertInto('promotion_phases')
            .values({
              store_id: storeId!,
              plan_id: 1,
              phase,
              position,
              from_date: from,
              to_date: to,
              goal: '',
            })
            .execute();
        await db
          .insertInto('promotion_phase_audiences')
          .values({ store_id: storeId!, plan_id: 1, phase: 'warmup', audience_id: 1, position: 0 })
          .execute();
        await db
          .insertInto('promotion_tasks')
          .values({
            store_id: storeId!,
            id: 1,
            plan_id: 1,
            phase: 'day',
            kind: 'flash_sale',
            title: '秒杀',
            owner_user_id: null,
            due_date: '2026-11-11',
            status: 'todo',
            campaign_id: null,
            coupon_batch_id: null,
            updated_at: now,
          })
          .execute();
      }
    });

    function request(route: RouteCatalogueEntry, storeId: number, headers: Record<string, string>) {
      const url = route.url
        .replace(':storeId', String(storeId))
        .replace(':userId', String(ids.ownerB))
        .replace(':tokenId', String(ids.tokenB))
        .replace(':jobId', '1')
        .replace(':runId', '1')
        .replace(':name', 'map')
        .replace(':customerId', '1')
        .replace(':contactId', '1')
        .replace(':caseId', '1')
        .replace(':channel', 'local')
        .replace(':templateId', '1')
        .replace(':address', '13800138000')
        .replace(':taskId', '1')
        .replace(':audienceId', '1')
        .replace(':campaignId', '1')
        .replace(':batchId', '1')
        .replace(':planId', '1')
        .replace(':memberDayId', '1')
        .replace(':eventKey', 'custom-1');
      const attempt = attempts[`${route.method} ${route.url}`];
      return app.inject({
        method: route.method as 'GET',
        url,
        headers,
        ...(attempt?.payload ? { payload: attempt.payload } : {}),
      });
    }

    it('knows how to attempt every store-scoped route', () => {
      expect(storeRoutes.length).toBeGreaterThanOrEqual(Object.keys(attempts).length);
      for (const route of storeRoutes)
        expect(attempts, `${route.method} ${route.url}`).toHaveProperty(`${route.method} ${route.url}`);
    });

    it('gives an owner of store A nothing of store B, on any route, and changes nothing', async () => {
      const before = await snapshot(handle.get().db, ids.storeB!);
      for (const route of storeRoutes) {
        const response = await request(route, ids.storeB!, { cookie: cookies['owner-a']! });
        expectError(response, 404, 'store.not_found');
        expect(response.body, `${route.method} ${route.url}`).not.toContain('B 店');
      }
      expect(await snapshot(handle.get().db, ids.storeB!)).toBe(before);
    });

    it('gives a token of store A nothing of store B', async () => {
      const { token } = await createApiToken(ctx, cliActor(), ids.storeA!, {
        userId: (
          await handle
            .get()
            .db.selectFrom('users')
            .select('id')
            .where('login', '=', 'owner-a')
            .executeTakeFirstOrThrow()
        ).id,
        name: 'a-erp',
        role: 'owner',
        expiresAt: null,
      });
      const before = await snapshot(handle.get().db, ids.storeB!);
      for (const route of storeRoutes) {
        expectError(
          await request(route, ids.storeB!, { authorization: `Bearer ${token}` }),
          404,
          'store.not_found',
        );
      }
      expect(await snapshot(handle.get().db, ids.storeB!)).toBe(before);
    });

    it('does not list store B among store A owner’s stores', async () => {
      const response = await app.inject({
        method: 'GET',
        url: '/api/stores',
        headers: { cookie: cookies['owner-a']! },
      });
      expect(response.json().stores.map((s: { name: string }) => s.name)).toEqual(['A 店']);
    });

    for (const role of ['service', 'operator'] as const satisfies readonly Role[]) {
      it(`refuses a ${role} every route its role lacks, and changes nothing`, async () => {
        const before = await snapshot(handle.get().db, ids.storeA!);
        const refused: string[] = [];
        for (const route of storeRoutes) {
          if (can(role, route.permission!)) continue;
          const response = await request(route, ids.storeA!, { cookie: cookies[`${role}-a`]! });
          expectError(response, 403, 'auth.forbidden');
          refused.push(`${route.method} ${route.url}`);
        }
        expect(refused).toContain('PATCH /api/stores/:storeId');
        expect(refused).toContain('POST /api/stores/:storeId/members');
        expect(await snapshot(handle.get().db, ids.storeA!)).toBe(before);
      });
    }

    it('lets a service user read what its role allows', async () => {
      for (const path of ['', '/overview', '/members']) {
        const response = await app.inject({
          method: 'GET',
          url: `/api/stores/${ids.storeA}${path}`,
          headers: { cookie: cookies['service-a']! },
        });
        expect(response.statusCode, path).toBe(200);
      }
    });

    it('lets the owner do what the others may not, and records it in the audit log', async () => {
      const cookie = cookies['owner-a']!;
      const renamed = await app.inject({
        method: 'PATCH',
        url: `/api/stores/${ids.storeA}`,
        headers: { cookie },
        payload: { name: 'A 店（旗舰）' },
      });
      expect(renamed.statusCode, renamed.body).toBe(200);
      expect(renamed.json()).toMatchObject({ name: 'A 店（旗舰）', role: 'owner' });
      const audit = await app.inject({
        method: 'GET',
        url: `/api/stores/${ids.storeA}/audit?action=store.update`,
        headers: { cookie },
      });
      expect(audit.json().entries[0]).toMatchObject({
        actor: 'owner-a',
        action: 'store.update',
        details: { name: 'A 店（旗舰）' },
      });
    });
  });
}

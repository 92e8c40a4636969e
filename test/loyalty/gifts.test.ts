import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import type { CustomerId, StoreId, UserId } from '../../src/shared/ids.js';
import { addMember, createStore } from '../../src/stores/service.js';
import { addUser, expectError, signIn, testApp, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { customerIdsByKey, emailOf, importShopOrders, type ShopOrder } from './shop-fixture.js';

// Gift plans on a hand-made store: six buyers imported from a Shopify file, the three who spent
// 500 yuan or more make the audience (one without an address, one whose name is a spreadsheet
// formula). A mooncake box at 88 yuan is over a 200-yuan budget; raised to 300 it is confirmed,
// the greeting queued, the shipping list exported and the gifts tracked to shipped.

const buyers: readonly { goods: number; name: string; address: string }[] = [
  { goods: 1_000, name: '王芳', address: '文三路1号' },
  { goods: 800, name: '=HYPERLINK("http://evil.example","点我")', address: '教工路2号' },
  { goods: 600, name: '李娜', address: '' },
  { goods: 300, name: '赵强', address: '西溪路4号' },
  { goods: 100, name: '钱多', address: '天目山路5号' },
  { goods: 50, name: '孙悦', address: '古墩路6号' },
];

for (const testDatabase of testDatabases()) {
  describe(`gift plans on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let ownerId: UserId;
    let owner: string;
    let operator: string;
    let service: string;
    let audienceId: number;
    let templateId: number;
    let customers: Map<string, CustomerId>;
    const db = () => handle.get().db;
    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH',
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
    const customer = (i: number) => customers.get(emailOf(i))!;
    const auditOf = (action: string) =>
      db()
        .selectFrom('audit_log')
        .select(['actor_label', 'subject_id', 'details'])
        .where('store_id', '=', storeId)
        .where('action', '=', action)
        .orderBy('id')
        .execute();
    const planInput = {
      name: '2026 中秋礼盒',
      occasion: 'mid_autumn',
      giftSku: 'MOON-88',
      giftTitle: '中秋月饼礼盒',
      unitCost: 8_800,
      budget: 20_000,
    };

    beforeAll(async () => {
      ctx = testContext(handle.get());
      app = await testApp(ctx);
      ownerId = await addUser(ctx, 'owner');
      storeId = await createStore(ctx, cliActor(ownerId), ownerId, { name: '老客茶铺', platform: 'shopify' });
      await addUser(ctx, 'yunying');
      await addUser(ctx, 'kefu');
      await addMember(ctx, cliActor(ownerId), storeId, { login: 'yunying', role: 'operator' });
      await addMember(ctx, cliActor(ownerId), storeId, { login: 'kefu', role: 'service' });
      owner = await signIn(app, 'owner');
      operator = await signIn(app, 'yunying');
      service = await signIn(app, 'kefu');
      const orders: ShopOrder[] = buyers.map((b, k) => ({
        name: `#${3001 + k}`,
        email: emailOf(k + 1),
        at: '2026-10-01 10:00:00 +0800',
        goods: b.goods,
        shipTo: { name: b.name, address: b.address, phone: `1380013800${k + 1}` },
      }));
      await importShopOrders(ctx, storeId, ownerId, orders);
      customers = await customerIdsByKey(ctx, storeId);
      const audience = await call('POST', 'audiences', operator, {
        name: '高消费老客',
        definition: { where: { type: 'totalSpent', min: 50_000 } },
      });
      expect(audience.statusCode, audience.body).toBe(201);
      audienceId = audience.json().id;
      expect(
        (
          await call('PUT', 'messaging/channels/sms', owner, {
            settings: { provider: 'local', signName: '【老客茶铺】', optOutLine: '拒收请回复R' },
          })
        ).statusCode,
      ).toBe(200);
      const template = await call('POST', 'messaging/templates', operator, {
        name: '中秋祝福',
        channel: 'sms',
        class: 'marketing',
        body: '{姓名|亲}，中秋快乐！{店铺名}为您备了一份小礼，请留意查收',
      });
      expect(template.statusCode, template.body).toBe(200);
      templateId = template.json().id;
    });

    describe('a plan', () => {
      it('is created as a draft, audited', async () => {
        const response = await call('POST', 'gifts', operator, { ...planInput, audienceId, templateId });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toMatchObject({
          id: 1,
          status: 'draft',
          recipients: null,
          shipping: { planned: 0, packed: 0, shipped: 0 },
          createdBy: 'yunying',
        });
        expect(await auditOf('gift.plan_created')).toHaveLength(1);
      });

      it('refuses bad input with the reason, and creates nothing', async () => {
        const base = { ...planInput, audienceId };
        for (const body of [
          { ...base, name: 'a', occasion: 'halloween' },
          { ...base, name: 'b', unitCost: -1 },
          { ...base, name: 'c', budget: 1.5 },
          { ...base, name: 'd', giftSku: '' },
          { ...base, name: 'e', extra: true },
        ])
          expectError(await call('POST', 'gifts', operator, body), 400, 'request.invalid');
        expectError(
          await call('POST', 'gifts', operator, { ...base, name: 'f', audienceId: 99 }),
          404,
          'audience.not_found',
        );
        expectError(
          await call('POST', 'gifts', operator, { ...base, name: 'g', templateId: 99 }),
          404,
          'messaging.template_not_found',
        );
        expectError(await call('POST', 'gifts', operator, base), 409, 'gift.name_taken');
        expectError(await call('POST', 'gifts', service, { ...base, name: 'h' }), 403, 'auth.forbidden');
        expectError(await call('GET', 'gifts/99', operator), 404, 'gift.plan_not_found');
        const count = await db()
          .selectFrom('gift_plans')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(count.n)).toBe(1);
      });

      it('shows the cost against the budget before confirming', async () => {
        const preview = await call('GET', 'gifts/1/preview', operator);
        expect(preview.json()).toEqual({
          recipients: 3,
          withoutAddress: 1,
          cost: 26_400,
          budget: 20_000,
          overBudget: true,
        });
      });

      it('refuses to confirm over budget, and changes nothing', async () => {
        const refused = expectError(await call('POST', 'gifts/1/confirm', operator), 409, 'gift.over_budget');
        expect(refused.details).toEqual({ recipients: 3, cost: 26_400, budget: 20_000 });
        const plan = await call('GET', 'gifts/1', operator);
        expect(plan.json()).toMatchObject({ status: 'draft', recipients: null });
        const rows = await db().selectFrom('gift_recipients').selectAll().execute();
        expect(rows).toEqual([]);
        const messages = await db()
          .selectFrom('messages')
          .selectAll()
          .where('source', '=', 'gift:1')
          .execute();
        expect(messages).toEqual([]);
      });

      it('confirms once the budget is raised: recipients frozen, the greeting queued, audited', async () => {
        const raised = await call('PATCH', 'gifts/1', operator, { budget: 30_000 });
        expect(raised.json()).toMatchObject({ budget: 30_000 });
        expect((await call('GET', 'gifts/1/preview', operator)).json()).toMatchObject({ overBudget: false });
        const confirmed = await call('POST', 'gifts/1/confirm', operator);
        expect(confirmed.statusCode, confirmed.body).toBe(200);
        expect(confirmed.json()).toMatchObject({
          status: 'confirmed',
          recipients: 3,
          greetingsQueued: 3,
          confirmedBy: 'yunying',
          shipping: { planned: 3, packed: 0, shipped: 0 },
        });
        const messages = await db()
          .selectFrom('messages')
          .select(['customer_id', 'content'])
          .where('store_id', '=', storeId)
          .where('source', '=', 'gift:1')
          .orderBy('customer_id')
          .execute();
        expect(messages.map((m) => m.customer_id)).toEqual([customer(1), customer(2), customer(3)]);
        expect(JSON.parse(messages[0]!.content).text).toContain('王芳，中秋快乐！老客茶铺为您备了一份小礼');
        expect(await auditOf('gift.plan_confirmed')).toEqual([
          {
            actor_label: 'yunying',
            subject_id: '1',
            details: JSON.stringify({ recipients: 3, cost: 26_400, greetings: 3 }),
          },
        ]);
        expectError(await call('POST', 'gifts/1/confirm', operator), 409, 'gift.wrong_state');
        expectError(await call('PATCH', 'gifts/1', operator, { budget: 1 }), 409, 'gift.wrong_state');
      });
    });

    describe('the recipients', () => {
      it('show phone and address in full to an operator', async () => {
        const page = await call('GET', 'gifts/1/recipients', operator);
        expect(page.json()).toMatchObject({ total: 3, masked: false });
        expect(page.json().recipients[0]).toMatchObject({
          customerId: customer(1),
          name: '王芳',
          phone: '13800138001',
          address: '文三路1号, 杭州, 浙江',
          status: 'planned',
        });
      });

      it('are masked for service staff', async () => {
        const page = await call('GET', 'gifts/1/recipients', service);
        expect(page.statusCode, page.body).toBe(200);
        expect(page.json().masked).toBe(true);
        expect(page.json().recipients[0]).toMatchObject({
          name: '王芳',
          phone: '138****8001',
          address: '浙江 杭州 ****',
        });
        expect(page.body).not.toContain('13800138001');
        expect(page.body).not.toContain('文三路');
      });
    });

    describe('the shipping list', () => {
      it('exports names and addresses in full as CSV, formulas neutralised, audited', async () => {
        const response = await call('GET', 'gifts/1/export?format=csv', operator);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers['content-disposition']).toContain('gift-plan-1-shipping.csv');
        const rows = Papa.parse<string[]>(response.body.replace(/^\uFEFF/, '')).data.filter(
          (r) => r.length > 1,
        );
        expect(rows[0]).toEqual([
          '客户ID',
          '昵称',
          '收件人',
          '手机',
          '省份',
          '城市',
          '区县',
          '收货地址',
          '礼品编码',
          '礼品',
          '状态',
          '快递单号',
        ]);
        expect(rows).toHaveLength(4);
        expect(rows[1]).toEqual([
          String(customer(1)),
          '',
          '王芳',
          '13800138001',
          '浙江',
          '杭州',
          '',
          '文三路1号, 杭州, 浙江',
          'MOON-88',
          '中秋月饼礼盒',
          '待打包',
          '',
        ]);
        expect(rows[2]![2]).toBe('\'=HYPERLINK("http://evil.example","点我")');
        expect(rows[3]!.slice(4, 8)).toEqual(['', '', '', '']); // no address on file: the warehouse sees it
        expect(await auditOf('gift.export')).toEqual([
          {
            actor_label: 'yunying',
            subject_id: '1',
            details: JSON.stringify({ format: 'csv', recipients: 3, unmasked: true }),
          },
        ]);
      });

      it('exports as XLSX too', async () => {
        const response = await call('GET', 'gifts/1/export?format=xlsx', owner);
        expect(response.statusCode).toBe(200);
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0]!;
        expect(sheet.rowCount).toBe(4);
        expect(sheet.getRow(2).getCell(3).value).toBe('王芳');
        expect(await auditOf('gift.export')).toHaveLength(2);
      });

      it('is not for service staff, nor for a draft', async () => {
        expectError(await call('GET', 'gifts/1/export', service), 403, 'auth.forbidden');
        await call('POST', 'gifts', operator, {
          ...planInput,
          name: '元旦',
          occasion: 'new_year',
          audienceId,
        });
        expectError(await call('GET', 'gifts/2/export', operator), 409, 'gift.wrong_state');
        expect(await auditOf('gift.export')).toHaveLength(2);
      });
    });

    describe('shipping', () => {
      it('tracks gifts packed and shipped with their tracking numbers, audited', async () => {
        const response = await call('POST', 'gifts/1/shipping', operator, {
          updates: [
            { customerId: customer(1), status: 'packed' },
            { customerId: customer(2), status: 'shipped', trackingNo: 'SF1234567890' },
          ],
        });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json().shipping).toEqual({ planned: 1, packed: 1, shipped: 1 });
        const page = await call('GET', 'gifts/1/recipients?status=shipped', operator);
        expect(page.json().recipients).toMatchObject([
          { customerId: customer(2), trackingNo: 'SF1234567890' },
        ]);
        expect(await auditOf('gift.shipping_updated')).toHaveLength(1);
      });

      it('refuses a shipped gift without tracking, a customer not on the list, or a draft, changing nothing', async () => {
        const before = await db().selectFrom('gift_recipients').selectAll().orderBy('customer_id').execute();
        expectError(
          await call('POST', 'gifts/1/shipping', operator, {
            updates: [{ customerId: customer(3), status: 'shipped' }],
          }),
          400,
          'request.invalid',
        );
        expectError(
          await call('POST', 'gifts/1/shipping', operator, {
            updates: [
              { customerId: customer(3), status: 'packed' },
              { customerId: customer(5), status: 'packed' },
            ],
          }),
          404,
          'gift.recipient_not_found',
        );
        expectError(
          await call('POST', 'gifts/1/shipping', operator, {
            updates: [{ customerId: customer(3), status: 'shipped', trackingNo: "1'; drop table x" }],
          }),
          400,
          'request.invalid',
        );
        expectError(
          await call('POST', 'gifts/2/shipping', operator, {
            updates: [{ customerId: customer(1), status: 'packed' }],
          }),
          409,
          'gift.wrong_state',
        );
        expectError(
          await call('POST', 'gifts/1/shipping', service, {
            updates: [{ customerId: customer(3), status: 'packed' }],
          }),
          403,
          'auth.forbidden',
        );
        expect(await db().selectFrom('gift_recipients').selectAll().orderBy('customer_id').execute()).toEqual(
          before,
        );
      });
    });
  });
}

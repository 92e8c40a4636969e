import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import { derivedKey } from '../../src/messaging/channel-settings.js';
import { dispatchOnce } from '../../src/messaging/dispatcher.js';
import { enqueueMessages } from '../../src/messaging/outbox.store.js';
import { taskAdapter } from '../../src/messaging/tasks.js';
import { unsubscribeToken } from '../../src/messaging/unsubscribe.js';
import type { CustomerId, StoreId, UserId } from '../../src/shared/ids.js';
import type { Instant } from '../../src/shared/time.js';
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

// The messaging API: channel settings with sealed keys, templates and previews, test sends, the
// message log, opt-outs, staff tasks, and the provider and unsubscribe callbacks.

const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

for (const testDatabase of testDatabases()) {
  describe(`the messaging API on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let owner: string;
    let operator: string;
    let service: string;
    let serviceId: UserId;
    let alice: CustomerId;

    const call = (
      method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
      path: string,
      cookie: string,
      payload?: unknown,
    ) =>
      app.inject({
        method,
        url: path.startsWith('/') ? path : `/api/stores/${storeId}/${path}`,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const db = () => handle.get().db;
    const audit = async () =>
      (
        await db()
          .selectFrom('audit_log')
          .select(['action', 'details', 'actor_label'])
          .where('store_id', '=', storeId)
          .orderBy('id')
          .execute()
      ).map((row) => ({ ...row, details: JSON.parse(row.details) }));

    beforeAll(async () => {
      ctx = testContext(handle.get(), {
        env: { LAOKE_SECRET_KEY: SECRET_KEY, LAOKE_PUBLIC_URL: 'https://laoke.example.com/' },
      });
      app = await testApp(ctx);
      const ownerId = await addUser(ctx, 'owner');
      storeId = await addStore(ctx, '老客母婴', ownerId, {});
      await addUser(ctx, 'yunying');
      await addMember(ctx, cliActor(ownerId), storeId, { login: 'yunying', role: 'operator' });
      serviceId = await addUser(ctx, 'kefu');
      await addMember(ctx, cliActor(ownerId), storeId, { login: 'kefu', role: 'service' });
      owner = await signIn(app, 'owner');
      operator = await signIn(app, 'yunying');
      service = await signIn(app, 'kefu');
      alice = await insertCustomerWithOrders(db(), storeId, 'alice88', [
        { at: '2026-10-01T02:00:00Z', net: 12_900 },
      ]);
      await db()
        .updateTable('customers')
        .set({
          name: '王芳',
          phone: '13812345678',
          email: 'Alice@Example.com',
          consent_sms: 1,
          consent_email: 1,
        })
        .where('store_id', '=', storeId)
        .where('id', '=', alice)
        .execute();
    });

    it('keeps provider keys sealed: shown as their last four characters, kept when left out, never audited', async () => {
      const saved = await call('PUT', 'messaging/channels/sms', owner, {
        settings: {
          provider: 'aliyun',
          signName: '【老客母婴】',
          accessKeyId: 'LTAI-key-id',
          accessKeySecret: 'very-secret-aliyun-key',
        },
      });
      expect(saved.statusCode, saved.body).toBe(200);
      const view = saved.json();
      expect(view).toMatchObject({
        channel: 'sms',
        provider: 'aliyun',
        enabled: true,
        settings: { signName: '【老客母婴】', accessKeyId: 'LTAI-key-id', optOutLine: '拒收请回复R' },
        secrets: { accessKeySecret: '****-key' },
      });
      expect(view.hooks.report).toMatch(
        new RegExp(
          `^https://laoke\\.example\\.com/hooks/messaging/${storeId}/[A-Za-z0-9_-]{24}/aliyun/report$`,
        ),
      );
      const row = await db()
        .selectFrom('message_channels')
        .selectAll()
        .where('store_id', '=', storeId)
        .executeTakeFirstOrThrow();
      expect(row.secrets).toMatch(/^v1\./);
      expect(`${row.secrets}${row.settings}`).not.toContain('very-secret');

      // Changing the signature without re-entering the key keeps the key
      const changed = await call('PUT', 'messaging/channels/sms', owner, {
        settings: { provider: 'aliyun', signName: '【老客旗舰店】', accessKeyId: 'LTAI-key-id' },
      });
      expect(changed.json().secrets).toEqual({ accessKeySecret: '****-key' });
      expect(changed.json().hooks.report).toBe(view.hooks.report);
      const entries = (await audit()).filter((e) => e.action.startsWith('messaging.channel'));
      expect(entries.map((e) => e.action)).toEqual(['messaging.channel_added', 'messaging.channel_changed']);
      expect(entries.map((e) => e.details.secretsChanged)).toEqual([['accessKeySecret'], []]);
      expect(JSON.stringify(await audit())).not.toContain('very-secret');

      // Another store's sealed value does not open here: the context is part of the seal
      const list = await call('GET', 'messaging/channels', operator);
      expect(list.json()).toMatchObject({ secretKeySet: true, channels: [{ channel: 'sms' }] });
    });

    it('refuses bad settings, a provider on the wrong channel, and anyone but the owner', async () => {
      const bad = await call('PUT', 'messaging/channels/sms', owner, {
        settings: { provider: 'aliyun', signName: '老客母婴', accessKeyId: 'x', accessKeySecret: 'y' },
      });
      expect(expectError(bad, 400, 'request.invalid').message).toContain('【某某母婴】');
      const wrong = await call('PUT', 'messaging/channels/email', owner, {
        settings: { provider: 'aliyun', signName: '【老客母婴】', accessKeyId: 'x', accessKeySecret: 'y' },
      });
      expect(expectError(wrong, 400, 'request.invalid').message).toContain('aliyun is a sms provider');
      const noKey = await call('PUT', 'messaging/channels/wecom', owner, { settings: { provider: 'wecom' } });
      expect(expectError(noKey, 400, 'request.invalid').message).toContain('webhookKey');
      // A webhook into the server's own network is refused unless the owner allows it
      const inside = await call('PUT', 'messaging/channels/webhook', owner, {
        settings: {
          provider: 'webhook',
          url: 'https://169.254.169.254/latest/meta-data',
          signingSecret: 's3cret',
        },
      });
      expect(expectError(inside, 400, 'messaging.unsafe_url').message).toContain('link-local');
      const allowed = await call('PUT', 'messaging/channels/webhook', owner, {
        settings: {
          provider: 'webhook',
          url: 'http://127.0.0.1:9/hook',
          allowPrivate: true,
          signingSecret: 's3cret',
        },
      });
      expect(allowed.json()).toMatchObject({
        settings: { allowPrivate: true },
        secrets: { signingSecret: '****cret' },
      });
      expect((await call('DELETE', 'messaging/channels/webhook', owner)).statusCode).toBe(204);
      expectError(
        await call('DELETE', 'messaging/channels/webhook', owner),
        404,
        'messaging.channel_not_found',
      );
      expectError(
        await call('PUT', 'messaging/channels/local', operator, { settings: { provider: 'local' } }),
        403,
        'auth.forbidden',
      );
      expectError(await call('GET', 'messaging/channels', service), 403, 'auth.forbidden');
    });

    it('refuses to store keys when the server has no LAOKE_SECRET_KEY, but sets up keyless channels', async () => {
      const bare = await testApp(testContext(handle.get()));
      try {
        const put = (settings: Record<string, unknown>, channel: string) =>
          bare.inject({
            method: 'PUT',
            url: `/api/stores/${storeId}/messaging/channels/${channel}`,
            headers: { cookie: owner },
            payload: { settings },
          });
        const refused = await put(
          { provider: 'dingtalk', accessToken: 'tok', signingSecret: 'SEC' },
          'dingtalk',
        );
        expect(expectError(refused, 409, 'messaging.secret_key_missing').message).toContain(
          'LAOKE_SECRET_KEY',
        );
        expect((await put({ provider: 'local' }, 'local')).statusCode).toBe(200);
      } finally {
        await bare.close();
      }
    });

    it('checks templates when saved and previews them as billed, with the signature and opt-out line', async () => {
      const invalid = await call('POST', 'messaging/templates', operator, {
        name: '回购提醒',
        channel: 'sms',
        class: 'marketing',
        body: '{姓名}您好，{优惠}已到账',
      });
      const error = expectError(invalid, 400, 'template.invalid');
      expect(error.message).toContain('{优惠}');
      expect(error.details).toEqual({ field: 'body', position: 7 });

      const created = await call('POST', 'messaging/templates', operator, {
        name: '回购提醒',
        channel: 'sms',
        class: 'marketing',
        body: '{姓名|亲}，您上次买的{上次购买|宝贝}快用完了吧？老客专享券已放入账户，{店铺名}等您回来',
        providerTemplate: 'SMS_4411',
      });
      expect(created.statusCode, created.body).toBe(200);
      expect(created.json()).toMatchObject({
        variables: ['name', 'lastProduct', 'store'],
        providerTemplate: 'SMS_4411',
      });
      expectError(
        await call('POST', 'messaging/templates', operator, {
          name: '回购提醒',
          channel: 'sms',
          class: 'marketing',
          body: 'x',
        }),
        409,
        'messaging.template_name_taken',
      );

      const preview = await call('POST', 'messaging/preview', operator, {
        channel: 'sms',
        class: 'marketing',
        body: created.json().body,
        customerId: alice,
      });
      expect(preview.statusCode, preview.body).toBe(200);
      const text =
        '【老客旗舰店】王芳，您上次买的宝贝快用完了吧？老客专享券已放入账户，老客母婴等您回来，拒收请回复R';
      expect(preview.json()).toEqual({
        subject: null,
        text,
        variables: ['name', 'lastProduct', 'store'],
        missing: ['lastProduct'],
        customer: { id: alice, name: '王芳' },
        sms: {
          provider: 'aliyun',
          composed: text,
          encoding: 'china',
          characters: [...text].length,
          parts: 1,
          perPart: 70,
        },
      });
      // A transactional notice carries no opt-out line; a long one is billed in parts of 67
      const long = await call('POST', 'messaging/preview', operator, {
        channel: 'sms',
        class: 'transactional',
        body: '您的包裹已发出。'.repeat(10),
      });
      expect(long.json().sms).toMatchObject({ characters: 7 + 80, parts: 2, perPart: 67 });
      expect(long.json().text.endsWith('已发出。')).toBe(true);
    });

    it('sends a test to staff once, audited, and lists it in the log masked for service staff', async () => {
      const template = (await call('GET', 'messaging/templates', operator)).json().templates[0];
      const sent = await call('POST', `messaging/templates/${template.id}/test`, operator, {
        recipient: '13900001111',
      });
      expect(sent.statusCode, sent.body).toBe(200);
      const row = await db()
        .selectFrom('messages')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('id', '=', sent.json().messageId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        channel: 'sms',
        class: 'transactional',
        recipient: '13900001111',
        customer_id: null,
      });
      expect(JSON.parse(row.content)).toMatchObject({
        templateCode: 'SMS_4411',
        params: { name: '王芳', lastProduct: '一段奶粉 800g', store: '老客母婴' },
        test: true,
      });
      expect((await audit()).at(-1)).toMatchObject({
        action: 'messaging.test_sent',
        actor_label: 'yunying',
        details: { channel: 'sms', messageId: row.id },
      });
      expectError(
        await call('POST', `messaging/templates/${template.id}/test`, operator, { recipient: 'not a phone' }),
        400,
        'request.invalid',
      );

      const asOperator = (await call('GET', 'messaging/messages', operator)).json();
      expect(asOperator.items[0]).toMatchObject({ id: row.id, recipient: '13900001111', status: 'queued' });
      const asService = (await call('GET', 'messaging/messages?channel=sms', service)).json();
      expect(asService.items[0]).toMatchObject({ id: row.id, recipient: '139****1111' });
      expect(asService.items[0].preview).toContain('【老客旗舰店】');
      expectError(await call('GET', 'messaging/messages/export', service), 403, 'auth.forbidden');

      const exported = await call('GET', 'messaging/messages/export?format=csv', operator);
      expect(exported.statusCode).toBe(200);
      const rows = Papa.parse<string[]>(exported.body.replace(/^\uFEFF/, '')).data.filter(
        (r) => r.length > 1,
      );
      expect(rows[0]?.slice(0, 3)).toEqual(['编号', '客户', '渠道']);
      expect(rows[1]?.[5]).toBe('13900001111');
      expect((await audit()).at(-1)?.action).toBe('messaging.log_exported');
    });

    it('keeps the opt-out list: service staff add, the owner lifts, addresses masked for service', async () => {
      expect(
        (
          await call('POST', 'messaging/suppressions', service, {
            channel: 'sms',
            address: '+86 138-1234-5678',
          })
        ).statusCode,
      ).toBe(204);
      const list = (await call('GET', 'messaging/suppressions?channel=sms', service)).json();
      expect(list.items).toEqual([
        {
          channel: 'sms',
          address: '138****5678',
          reason: 'manual',
          source: 'kefu',
          createdAt: REFERENCE_NOW,
        },
      ]);
      expectError(
        await call('DELETE', 'messaging/suppressions/sms/13812345678', service),
        403,
        'auth.forbidden',
      );
      expect((await call('DELETE', 'messaging/suppressions/sms/13812345678', owner)).statusCode).toBe(204);
      expectError(
        await call('DELETE', 'messaging/suppressions/sms/13812345678', owner),
        400,
        'request.invalid',
      );
      expect((await call('GET', 'messaging/suppressions', owner)).json().items).toEqual([]);
    });

    it('turns task messages into one task each, closed with an outcome that goes into the contact history', async () => {
      const now = REFERENCE_NOW as Instant;
      await db()
        .transaction()
        .execute((trx) =>
          enqueueMessages(
            trx,
            storeId,
            [
              {
                customerId: alice,
                channel: 'task',
                messageClass: 'transactional',
                source: 'campaign:1',
                recipient: '13812345678',
                content: {
                  kind: 'phone',
                  script: '王姐您好，这里是老客母婴，您的会员礼包到了',
                  assigneeId: serviceId,
                },
              },
            ],
            now,
          ),
        );
      const adapter = taskAdapter(handle.get(), null);
      const counts = await dispatchOnce(handle.get(), { adapters: { task: adapter }, now: () => now });
      // The test SMS queued earlier has no adapter here: it fails, the task goes
      expect(counts).toMatchObject({ claimed: 2, sent: 1, failed: 1 });
      // A resend of the same message (a dispatcher that died before settling) makes no second task
      const message = await db()
        .selectFrom('messages')
        .selectAll()
        .where('channel', '=', 'task')
        .executeTakeFirstOrThrow();
      await adapter.send({
        storeId,
        id: message.id,
        messageId: `lk-${storeId}-${message.id}`,
        customerId: alice,
        channel: 'task',
        messageClass: 'transactional',
        recipient: message.recipient,
        content: JSON.parse(message.content),
        attempts: 1,
      });
      const mine = (await call('GET', 'tasks?mine=1&status=open', service)).json();
      expect(mine.items).toHaveLength(1);
      expect(mine.items[0]).toMatchObject({
        kind: 'phone',
        assignee: { id: serviceId, login: 'kefu' },
        customer: { id: alice, name: '王芳', nick: 'alice88' },
        contact: '138****5678',
        status: 'open',
      });
      const taskId = mine.items[0].id;
      expectError(
        await call('PATCH', `tasks/${taskId}`, service, { status: 'done' }),
        400,
        'request.invalid',
      );
      const done = await call('PATCH', `tasks/${taskId}`, service, {
        status: 'done',
        outcome: 'interested',
        note: '下周来买',
      });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({
        status: 'done',
        outcome: 'interested',
        note: '下周来买',
        doneAt: REFERENCE_NOW,
      });
      const contacts = await db()
        .selectFrom('customer_contacts')
        .select(['channel', 'outcome', 'note', 'staff_label'])
        .where('store_id', '=', storeId)
        .where('customer_id', '=', alice)
        .execute();
      expect(contacts).toEqual([
        { channel: 'phone', outcome: 'interested', note: '下周来买', staff_label: 'kefu' },
      ]);
      const csv = await call('GET', 'tasks/export?format=csv', operator);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toContain('王姐您好');
      expect((await audit()).at(-1)?.action).toBe('messaging.tasks_exported');
    });

    it('applies Aliyun receipts and opt-out replies sent to the channel’s hook, and refuses a wrong token', async () => {
      const view = (await call('GET', 'messaging/channels', owner))
        .json()
        .channels.find((c: { channel: string }) => c.channel === 'sms');
      const path = (url: string) => new URL(url).pathname;
      const message = await db()
        .selectFrom('messages')
        .select('id')
        .where('store_id', '=', storeId)
        .where('channel', '=', 'sms')
        .executeTakeFirstOrThrow();
      await db()
        .updateTable('messages')
        .set({ status: 'sent', provider_id: 'biz-77', sent_at: REFERENCE_NOW as Instant })
        .where('store_id', '=', storeId)
        .where('id', '=', message.id)
        .execute();
      const report = [
        {
          phone_number: '13900001111',
          success: true,
          biz_id: 'biz-77',
          out_id: `lk-${storeId}-${message.id}`,
          report_time: '2026-11-24 10:00:05',
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
        },
      ];
      const forged = path(view.hooks.report).replace(/\/[A-Za-z0-9_-]{24}\//, '/AAAAAAAAAAAAAAAAAAAAAAAA/');
      expectError(
        await app.inject({ method: 'POST', url: forged, payload: report }),
        403,
        'messaging.hook_refused',
      );
      let row = await db()
        .selectFrom('messages')
        .selectAll()
        .where('id', '=', message.id)
        .where('store_id', '=', storeId)
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('sent');

      const ok = await app.inject({ method: 'POST', url: path(view.hooks.report), payload: report });
      expect(ok.json()).toEqual({ code: 0, msg: '成功' });
      row = await db()
        .selectFrom('messages')
        .selectAll()
        .where('id', '=', message.id)
        .where('store_id', '=', storeId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'delivered', delivered_at: Date.parse('2026-11-24T02:00:05Z') });

      const replies = [
        { phone_number: '13812345678', content: ' ＴＤ ', send_time: '2026-11-24 10:01:00' },
        { phone_number: '13900002222', content: '怎么退订', send_time: '2026-11-24 10:01:00' },
      ];
      expect(
        (await app.inject({ method: 'POST', url: path(view.hooks.reply), payload: replies })).statusCode,
      ).toBe(200);
      const suppressed = await db()
        .selectFrom('suppressions')
        .select(['address', 'reason'])
        .where('store_id', '=', storeId)
        .execute();
      expect(suppressed).toEqual([{ address: '13812345678', reason: 'reply' }]);
      const customer = await db()
        .selectFrom('customers')
        .select('consent_sms')
        .where('store_id', '=', storeId)
        .where('id', '=', alice)
        .executeTakeFirstOrThrow();
      expect(customer.consent_sms).toBe(0);
      expect((await audit()).at(-1)).toMatchObject({
        action: 'messaging.opted_out',
        actor_label: 'sms-reply',
      });
      // Tencent Cloud: receipts by its serial number (sid), a reply of 退订 opts out
      const tencent = (
        await call('PUT', 'messaging/channels/sms', owner, {
          settings: {
            provider: 'tencent',
            signName: '【老客母婴】',
            appId: '1400000001',
            secretId: 'AKID',
            secretKey: 'tc-secret',
          },
        })
      ).json();
      await db()
        .updateTable('messages')
        .set({ status: 'sent', provider_id: 'sid-9', delivered_at: null })
        .where('store_id', '=', storeId)
        .where('id', '=', message.id)
        .execute();
      const tencentOk = await app.inject({
        method: 'POST',
        url: path(tencent.hooks.report),
        payload: [
          {
            mobile: '13900001111',
            report_status: 'FAIL',
            errmsg: 'MK:0001',
            description: '空号',
            sid: 'sid-9',
          },
        ],
      });
      expect(tencentOk.json()).toEqual({ result: 0, errmsg: 'OK' });
      row = await db()
        .selectFrom('messages')
        .selectAll()
        .where('id', '=', message.id)
        .where('store_id', '=', storeId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'failed', reason: 'not delivered: MK:0001 空号' });
      await app.inject({
        method: 'POST',
        url: path(tencent.hooks.reply),
        payload: { mobile: '13900003333', text: '退订', nationcode: '86' },
      });
      expect(
        await db()
          .selectFrom('suppressions')
          .select('address')
          .where('store_id', '=', storeId)
          .where('address', '=', '13900003333')
          .execute(),
      ).toHaveLength(1);
      // The summary counts by the store's calendar day (Shanghai): the task sent, this SMS failed
      const summary = (await call('GET', 'messaging/summary?days=7', service)).json();
      expect(summary.daily).toHaveLength(7);
      expect(summary.daily.at(-1)).toEqual({
        day: '2026-11-24',
        sent: 1,
        delivered: 0,
        failed: 1,
        suppressed: 0,
      });
      expect(summary.byStatus).toEqual({ sent: 1, failed: 1 });
      // The Aliyun URL no longer answers for this store
      expectError(
        await app.inject({ method: 'POST', url: path(view.hooks.report), payload: report }),
        403,
        'messaging.hook_refused',
      );
      // Bad bodies are refused with what was expected
      expectError(
        await app.inject({ method: 'POST', url: path(view.hooks.reply), payload: { x: 1 } }),
        400,
        'request.invalid',
      );
    });

    it('unsubscribes by a signed link: a page on GET, the opt-out on POST (one-click), a forged link refused', async () => {
      const token = unsubscribeToken(derivedKey(ctx.config.messaging.secretKey!, 'unsubscribe'), {
        storeId,
        customerId: alice,
        channel: 'email',
        messageId: `lk-${storeId}-99`,
      });
      const page = await app.inject({
        method: 'GET',
        url: `/u/${token}`,
        headers: { 'accept-language': 'zh-CN' },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('确认退订');
      expect(
        await db().selectFrom('suppressions').select('address').where('channel', '=', 'email').execute(),
      ).toEqual([]);
      const english = await app.inject({
        method: 'GET',
        url: `/u/${token}`,
        headers: { 'accept-language': 'en-US' },
      });
      expect(english.body).toContain('Stop receiving marketing email');

      const done = await app.inject({
        method: 'POST',
        url: `/u/${token}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(done.statusCode).toBe(200);
      expect(done.body).toContain('已退订');
      expect(
        await db()
          .selectFrom('suppressions')
          .select(['address', 'reason', 'source'])
          .where('channel', '=', 'email')
          .execute(),
      ).toEqual([{ address: 'alice@example.com', reason: 'unsubscribe', source: `lk-${storeId}-99` }]);
      const customer = await db()
        .selectFrom('customers')
        .select('consent_email')
        .where('id', '=', alice)
        .where('store_id', '=', storeId)
        .executeTakeFirstOrThrow();
      expect(customer.consent_email).toBe(0);

      const forged = `${token.slice(0, -3)}abc`;
      expectError(
        await app.inject({ method: 'POST', url: `/u/${forged}` }),
        400,
        'messaging.unsubscribe_invalid',
      );
    });
  });
}

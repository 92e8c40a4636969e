import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { storeAdapters } from '../../src/messaging/adapters.js';
import type { TemplateSource } from '../../src/messaging/compose.js';
import { dispatchOnce } from '../../src/messaging/dispatcher.js';
import { twilioSignature } from '../../src/messaging/providers/twilio-signature.js';
import { queueTemplate } from '../../src/messaging/service.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import type { Instant } from '../../src/shared/time.js';
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
import { type FakeAliyunSms, startFakeAliyunSms } from '../helpers/fake-aliyun-sms.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// From a store's own channel settings to what providers receive: the owner sets up Aliyun SMS and
// SMTP through the API, a campaign step queues a template for customers, the dispatcher sends
// through adapters built from the settings (keys opened from their seal), and what comes back —
// an unsubscribe click, a Twilio reply — suppresses the customer.

const SECRET_KEY = Buffer.alloc(32, 3).toString('hex');
const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;

for (const testDatabase of testDatabases()) {
  describe(`a store's channels, end to end, on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let owner: string;
    let alice: CustomerId;
    let bob: CustomerId;
    let aliyun: FakeAliyunSms;
    const mail: ParsedMail[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onRcptTo(address, _session, callback) {
        if (address.address !== 'gone@example.com') return callback();
        return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
      },
      onData(stream, _session, callback) {
        simpleParser(stream)
          .then((parsed) => {
            mail.push(parsed);
            callback();
          })
          .catch(callback);
      },
    });
    const now = REFERENCE_NOW as Instant; // 10:00 in Shanghai: inside the sending window
    const put = (channel: string, settings: Record<string, unknown>, enabled = true) =>
      app.inject({
        method: 'PUT',
        url: `/api/stores/${storeId}/messaging/channels/${channel}`,
        headers: { cookie: owner },
        payload: { settings, enabled },
      });
    const template = (channel: 'sms' | 'email', body: string, subject: string | null = null) => ({
      channel,
      class: 'marketing' as const,
      subject,
      body,
      providerTemplate: channel === 'sms' ? 'SMS_2001' : null,
    });
    /** A campaign step queueing a template for customers, in its own transaction. */
    const queue = (source: TemplateSource, customerIds: CustomerId[], step: string) =>
      handle
        .get()
        .db.transaction()
        .execute((trx) =>
          queueTemplate(trx, ctx, { id: storeId, name: '老客母婴' }, source, customerIds, step, now),
        );
    const dispatch = (adapters: ReturnType<typeof storeAdapters>) =>
      dispatchOnce(handle.get(), { adapters, now: () => now });
    beforeAll(async () => {
      ctx = testContext(handle.get(), {
        env: { LAOKE_SECRET_KEY: SECRET_KEY, LAOKE_PUBLIC_URL: 'https://laoke.example.com' },
      });
      app = await testApp(ctx);
      storeId = await addStore(ctx, '老客母婴', await addUser(ctx, 'owner'));
      owner = await signIn(app, 'owner');
      aliyun = await startFakeAliyunSms('aliyun-secret');
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const db = handle.get().db;
      alice = await insertCustomerWithOrders(db, storeId, 'alice88', [
        { at: '2026-10-01T02:00:00Z', net: 9_900 },
      ]);
      bob = await insertCustomerWithOrders(db, storeId, 'bob77', [
        { at: '2026-10-02T02:00:00Z', net: 9_900 },
      ]);
      await db
        .updateTable('customers')
        .set({
          name: '王芳',
          phone: '13812345678',
          email: 'wangfang@example.com',
          consent_sms: 1,
          consent_email: 1,
        })
        .where('store_id', '=', storeId)
        .where('id', '=', alice)
        .execute();
      // The marketplace masked Bob's number: no SMS can reach him
      await db
        .updateTable('customers')
        .set({ name: '李雷', phone: '139****0000' })
        .where('store_id', '=', storeId)
        .where('id', '=', bob)
        .execute();
    });
    afterAll(async () => {
      await aliyun.close();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await app.close();
    });

    it('sends a campaign step through the store’s Aliyun account once, with its signature and template', async () => {
      expect(
        (
          await put('sms', {
            provider: 'aliyun',
            signName: '【老客母婴】',
            accessKeyId: 'LTAI-demo',
            accessKeySecret: 'aliyun-secret',
          })
        ).statusCode,
      ).toBe(200);
      const step = () =>
        queue(template('sms', '{姓名|亲}，老客专享券已到账'), [alice, bob], 'campaign:1:step:1');
      expect(await step()).toEqual({ queued: 1, unreachable: 1, smsParts: 1 });
      // The step run again queues nothing new
      expect(await step()).toEqual({ queued: 0, unreachable: 1, smsParts: 1 });

      const adapters = storeAdapters(ctx, { endpoints: { aliyun: aliyun.url } });
      expect(await dispatch(adapters)).toMatchObject({ claimed: 1, sent: 1 });
      const message = await handle
        .get()
        .db.selectFrom('messages')
        .select(['id', 'status', 'provider_id'])
        .where('store_id', '=', storeId)
        .where('customer_id', '=', alice)
        .executeTakeFirstOrThrow();
      expect(message).toMatchObject({ status: 'sent', provider_id: 'biz-1' });
      expect(aliyun.sent).toEqual([
        {
          phone: '13812345678',
          outId: `lk-${storeId}-${message.id}`,
          templateCode: 'SMS_2001',
          signName: '老客母婴',
          params: { name: '王芳' },
          day: '20261111',
        },
      ]);
      expect(aliyun.badSignatures).toBe(0);
    });

    it('fails messages of a channel that is switched off, saying so', async () => {
      await put('sms', { provider: 'aliyun', signName: '【老客母婴】', accessKeyId: 'LTAI-demo' }, false);
      await queue(template('sms', '{姓名}，会员日到了'), [alice], 'campaign:2:step:1');
      const counts = await dispatch(storeAdapters(ctx, { endpoints: { aliyun: aliyun.url } }));
      expect(counts).toMatchObject({ claimed: 1, failed: 1 });
      const failed = await handle
        .get()
        .db.selectFrom('messages')
        .select('reason')
        .where('store_id', '=', storeId)
        .where('source', '=', 'campaign:2:step:1')
        .executeTakeFirstOrThrow();
      expect(failed.reason).toBe('no sms channel is set up');
      expect(aliyun.sent).toHaveLength(1);
    });

    it('emails through the store’s SMTP server with a one-click unsubscribe that suppresses the customer', async () => {
      const port = (smtp.server.address() as AddressInfo).port;
      expect(
        (
          await put('email', {
            provider: 'smtp',
            host: '127.0.0.1',
            port,
            secure: false,
            from: '老客母婴 <news@laoke.example.com>',
          })
        ).statusCode,
      ).toBe(200);
      await queue(
        template(
          'email',
          '{姓名}您好：\n\n双十一老客专享，{店铺名}为您留了一张券。',
          '{姓名}，您的双十一专享券',
        ),
        [alice, bob],
        'campaign:3:step:1',
      );
      expect(await dispatch(storeAdapters(ctx))).toMatchObject({ claimed: 1, sent: 1 });
      expect(mail).toHaveLength(1);
      const received = mail[0]!;
      expect(received.subject).toBe('王芳，您的双十一专享券');
      expect(received.text).toContain('老客母婴为您留了一张券');
      expect(received.html).toContain('<p>王芳您好：</p>');
      expect(received.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toBe(
        'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
      );
      const header = received.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ?? '';
      const link = /<(https:[^>]+)>/.exec(header)?.[1] ?? '';
      expect(link).toMatch(/^https:\/\/laoke\.example\.com\/u\/[\w.-]+$/);

      const click = await app.inject({
        method: 'POST',
        url: new URL(link).pathname,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(click.statusCode).toBe(200);
      const suppressed = await handle
        .get()
        .db.selectFrom('suppressions')
        .select(['channel', 'address', 'reason'])
        .where('store_id', '=', storeId)
        .execute();
      expect(suppressed).toEqual([
        { channel: 'email', address: 'wangfang@example.com', reason: 'unsubscribe' },
      ]);

      // The next campaign's email to her is suppressed by the dispatcher, not sent
      await queue(template('email', '再次问候', '问候'), [alice], 'campaign:4:step:1');
      expect(await dispatch(storeAdapters(ctx))).toMatchObject({ claimed: 1, suppressed: 1 });
      expect(mail).toHaveLength(1);
    });

    it('posts a campaign step once to a group robot, not once per customer', async () => {
      expect((await put('wecom', { provider: 'wecom', webhookKey: 'robot-key' })).statusCode).toBe(200);
      const step = () =>
        queue(
          {
            channel: 'wecom',
            class: 'marketing',
            subject: '群福利',
            body: '**{店铺名}** 今晚 8 点群内抢券',
            providerTemplate: null,
          },
          [alice, bob],
          'campaign:9:step:1',
        );
      expect(await step()).toEqual({ queued: 1, unreachable: 0, smsParts: 0 });
      expect(await step()).toEqual({ queued: 0, unreachable: 0, smsParts: 0 });
      const rows = await handle
        .get()
        .db.selectFrom('messages')
        .select(['customer_id', 'recipient', 'content'])
        .where('store_id', '=', storeId)
        .where('source', '=', 'campaign:9:step:1')
        .execute();
      expect(rows.map((r) => ({ ...r, content: JSON.parse(r.content) }))).toEqual([
        {
          customer_id: null,
          recipient: 'wecom',
          content: { title: '群福利', markdown: '**老客母婴** 今晚 8 点群内抢券' },
        },
      ]);
      // Not sent from this test (the robot lives on the internet)
      await handle
        .get()
        .db.updateTable('messages')
        .set({ status: 'cancelled' })
        .where('store_id', '=', storeId)
        .where('source', '=', 'campaign:9:step:1')
        .execute();
    });

    it('puts a mailbox that does not exist (550) on the suppression list as a bounce', async () => {
      await handle
        .get()
        .db.updateTable('customers')
        .set({ email: 'gone@example.com', consent_email: 1 })
        .where('store_id', '=', storeId)
        .where('id', '=', bob)
        .execute();
      await queue(template('email', '你好', '问候'), [bob], 'campaign:5');
      expect(await dispatch(storeAdapters(ctx))).toMatchObject({ claimed: 1, failed: 1 });
      const bounced = await handle
        .get()
        .db.selectFrom('suppressions')
        .select(['address', 'reason'])
        .where('store_id', '=', storeId)
        .where('reason', '=', 'bounce')
        .execute();
      expect(bounced).toEqual([{ address: 'gone@example.com', reason: 'bounce' }]);
    });

    it('takes Twilio replies only when signed with the account’s token; STOP opts the number out', async () => {
      const view = (
        await put('sms', {
          provider: 'twilio',
          accountSid: ACCOUNT_SID,
          from: '+15005550006',
          authToken: 'tw-token',
        })
      ).json();
      const url = view.hooks.reply as string;
      const form = { From: '+15551234567', Body: 'STOP', MessageSid: 'SM1' };
      const body = new URLSearchParams(form).toString();
      const post = (signature: string) =>
        app.inject({
          method: 'POST',
          url: new URL(url).pathname,
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
          payload: body,
        });
      expectError(await post(twilioSignature('another-token', url, form)), 403, 'messaging.hook_refused');
      const answer = await post(twilioSignature('tw-token', url, form));
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain('<Response></Response>');
      const suppressed = await handle
        .get()
        .db.selectFrom('suppressions')
        .select(['address', 'reason', 'source'])
        .where('store_id', '=', storeId)
        .where('channel', '=', 'sms')
        .execute();
      expect(suppressed).toEqual([{ address: '+15551234567', reason: 'reply', source: 'STOP' }]);
    });
  });
}

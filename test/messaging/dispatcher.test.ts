import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimMessages } from '../../src/db/dialect/claim-messages.js';
import { createAliyunSms } from '../../src/messaging/channels/aliyun-sms.js';
import {
  type ChannelAdapter,
  type DispatchOptions,
  dispatchOnce,
  retryDelay,
} from '../../src/messaging/dispatcher.js';
import {
  countByStatus,
  enqueueMessages,
  type NewMessage,
  suppress,
} from '../../src/messaging/outbox.store.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import type { Instant } from '../../src/shared/time.js';
import { addStore, addUser, REFERENCE_NOW, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { type FakeAliyunSms, startFakeAliyunSms } from '../helpers/fake-aliyun-sms.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// The dispatcher against a stand-in for Aliyun that, like Aliyun, does not deduplicate: faults,
// lost answers and a dead dispatcher, and still every recipient gets one SMS; and the rules.

const SECRET = 'dispatch-secret';
const ZONE = 'Asia/Shanghai';

/** The Aliyun channel as the dispatcher uses it: our id as OutId, lookups by phone and China day. */
function aliyunAdapter(fake: FakeAliyunSms, clock: { now: number }): ChannelAdapter {
  const sms = createAliyunSms(
    { accessKeyId: 'id', accessKeySecret: SECRET },
    { endpoint: fake.url, timeoutMs: 300 },
  );
  return {
    send: (message) =>
      sms.send({
        messageId: message.messageId,
        phone: message.recipient,
        signName: '老客母婴',
        templateCode: String(message.content.template),
        params: message.content.params as Record<string, string>,
      }),
    lookup: async (message) => {
      const day = DateTime.fromMillis(clock.now, { zone: ZONE }).toFormat('yyyyMMdd');
      const found = await sms.lookup(message.messageId, message.recipient, day);
      return found === 'retry' ? 'retry' : found === 'unknown' ? 'unknown' : 'sent';
    },
  };
}

for (const testDatabase of testDatabases()) {
  describe(`the dispatcher on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let storeId: StoreId;
    let fake: FakeAliyunSms;
    const customers: CustomerId[] = [];
    const clock = { now: REFERENCE_NOW }; // 10:00 in Shanghai

    beforeAll(async () => {
      const ctx = testContext(handle.get());
      storeId = await addStore(ctx, '发信店', await addUser(ctx, 'owner'));
      for (let c = 0; c < 40; c++)
        customers.push(await insertCustomerWithOrders(handle.get().db, storeId, `c${c}`, []));
      fake = await startFakeAliyunSms(
        SECRET,
        DateTime.fromMillis(REFERENCE_NOW, { zone: ZONE }).toFormat('yyyyMMdd'),
      );
    });
    afterAll(() => fake.close());

    const options = (): DispatchOptions => ({
      adapters: { sms: aliyunAdapter(fake, clock) },
      now: () => clock.now,
      batch: 15,
      concurrency: 4,
      random: () => 0.5,
    });
    const phone = (c: number) => `139${String(c).padStart(8, '0')}`;
    const campaign = (
      source: string,
      from: number,
      to: number,
      messageClass: 'marketing' | 'transactional' = 'marketing',
    ): NewMessage[] =>
      customers.slice(from, to).map((customerId, k) => ({
        customerId,
        channel: 'sms',
        messageClass,
        source,
        recipient: phone(from + k),
        content: { template: 'SMS_1', params: { n: String(from + k) } },
      }));

    /** Dispatches until nothing is due, moving the clock past each retry. */
    async function drain(): Promise<void> {
      for (let round = 0; round < 60; round++) {
        const counts = await dispatchOnce(handle.get(), options());
        if (counts.claimed === 0) {
          const next = await handle
            .get()
            .db.selectFrom('messages')
            .select((eb) => eb.fn.min('next_attempt_at').as('at'))
            .where('store_id', '=', storeId)
            .where('status', 'in', ['queued', 'sending'])
            .executeTakeFirst();
          if (next?.at === null || next?.at === undefined) return;
          clock.now = Math.max(clock.now, Number(next.at)) + 1;
        }
      }
      throw new Error('the outbox did not drain');
    }

    it('sends every message once through 5xx, 429, rate limits, timeouts and answers lost after acceptance', async () => {
      await enqueueMessages(handle.get().db, storeId, campaign('campaign:1', 0, 30), clock.now as Instant);
      fake.faults.push(
        'http500',
        'drop-after-accept',
        'http429',
        'hang',
        'business-limit',
        'drop-after-accept',
        'http500',
      );
      await drain();
      expect(await countByStatus(handle.get().db, storeId)).toEqual({ sent: 30 });
      const byId = new Map<string, number>();
      for (const s of fake.sent) byId.set(s.outId, (byId.get(s.outId) ?? 0) + 1);
      expect(byId.size).toBe(30);
      expect([...byId.values()].every((n) => n === 1)).toBe(true);
      expect(fake.badSignatures).toBe(0);
    });

    it('settles the messages of a dispatcher that died mid-batch: found ones are not sent again', async () => {
      await enqueueMessages(
        handle.get().db,
        storeId,
        campaign('campaign:2', 0, 10, 'transactional'),
        clock.now as Instant,
      );
      // A dispatcher claims a batch, sends the first three, and dies before recording anything
      const claimed = await claimMessages[handle.get().dialect](handle.get(), {
        now: clock.now,
        leaseUntil: clock.now + 30_000,
        limit: 10,
      });
      expect(claimed).toHaveLength(10);
      const adapter = aliyunAdapter(fake, clock);
      for (const row of claimed.slice(0, 3)) {
        await adapter.send({
          storeId,
          id: row.id,
          messageId: `lk-${storeId}-${row.id}`,
          customerId: row.customer_id,
          channel: 'sms',
          messageClass: 'transactional',
          recipient: row.recipient,
          content: JSON.parse(row.content),
          attempts: 1,
        });
      }
      const before = fake.sent.length;
      // Nothing is taken over while the lease runs
      expect((await dispatchOnce(handle.get(), options())).claimed).toBe(0);
      clock.now += 30_001;
      const counts = await dispatchOnce(handle.get(), options());
      expect(counts).toMatchObject({ claimed: 10, settled: 3, sent: 7 });
      expect(fake.sent.length - before).toBe(7);
      expect(await countByStatus(handle.get().db, storeId)).toEqual({ sent: 40 });
    });

    it('records the provider id of a sent message, and the reason, lease and next attempt of one left in doubt', async () => {
      await enqueueMessages(
        handle.get().db,
        storeId,
        campaign('notice:6', 35, 37, 'transactional'),
        clock.now as Instant,
      );
      fake.faults.push('http500');
      const counts = await dispatchOnce(handle.get(), { ...options(), concurrency: 1 });
      expect(counts).toMatchObject({ claimed: 2, sent: 1, retried: 1 });
      const rows = await handle
        .get()
        .db.selectFrom('messages')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('source', '=', 'notice:6')
        .orderBy('id')
        .execute();
      const retryAt = clock.now + retryDelay(1, () => 0.5);
      expect(
        rows.map((r) => [
          r.status,
          r.reason,
          r.attempts,
          Number(r.lease_until) || null,
          Number(r.next_attempt_at),
          r.sent_at === null ? null : Number(r.sent_at),
        ]),
      ).toEqual([
        ['sending', 'HTTP 500', 1, retryAt, retryAt, null],
        ['sent', null, 1, null, clock.now, clock.now],
      ]);
      expect(rows[1]!.provider_id).toBe(`biz-${fake.sent.length}`);
      expect(rows[0]!.provider_id).toBeNull();
    });

    it('suppresses opted-out numbers and refused consent, defers at night and past the frequency cap', async () => {
      const db = handle.get().db;
      await suppress(db, storeId, 'sms', `+86 ${phone(30)}`, 'reply', 'TD', clock.now as Instant);
      await db
        .updateTable('customers')
        .set({ consent_sms: 0 })
        .where('store_id', '=', storeId)
        .where('id', '=', customers[31]!)
        .execute();
      // Customer 0 already had two marketing messages this week (campaign:1 and one more now)
      await enqueueMessages(db, storeId, campaign('campaign:3', 0, 1), clock.now as Instant);
      await dispatchOnce(handle.get(), options());
      await enqueueMessages(
        db,
        storeId,
        [...campaign('campaign:4', 0, 1), ...campaign('campaign:4', 30, 33)],
        clock.now as Instant,
      );
      const sentBefore = fake.sent.length;
      await dispatchOnce(handle.get(), options());
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('source', '=', 'campaign:4')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.recipient, r.status, r.reason])).toEqual([
        [phone(0), 'deferred', 'frequency cap'],
        [phone(30), 'suppressed', 'on the suppression list (opted out)'],
        [phone(31), 'suppressed', 'no consent for sms'],
        [phone(32), 'sent', null],
      ]);
      expect(rows[0]!.attempts).toBe(0);
      expect(fake.sent.length - sentBefore).toBe(1);

      // 22:00 in Shanghai: marketing waits for 08:00, a shipping notice goes now
      clock.now = DateTime.fromISO('2026-11-24T22:00', { zone: ZONE }).toMillis();
      await enqueueMessages(
        db,
        storeId,
        [...campaign('campaign:5', 33, 34), ...campaign('notice:5', 34, 35, 'transactional')],
        clock.now as Instant,
      );
      await dispatchOnce(handle.get(), options());
      const night = await db
        .selectFrom('messages')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('source', 'in', ['campaign:5', 'notice:5'])
        .orderBy('id')
        .execute();
      expect(night.map((r) => r.status)).toEqual(['deferred', 'sent']);
      expect(
        DateTime.fromMillis(Number(night[0]!.next_attempt_at), { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm'),
      ).toBe('2026-11-25 08:00');
    });

    it('follows the store’s own sending window and frequency cap from its settings', async () => {
      const db = handle.get().db;
      await db
        .updateTable('stores')
        .set({
          settings: JSON.stringify({
            messaging: {
              quietHours: { start: '09:30', end: '23:00' },
              frequencyCap: { messages: 1, days: 1 },
            },
          }),
        })
        .where('id', '=', storeId)
        .execute();
      // 22:00 is inside this store's window; customer 35 had nothing today, 36 one message an hour ago
      clock.now = DateTime.fromISO('2026-11-26T22:00', { zone: ZONE }).toMillis();
      await db
        .insertInto('messages')
        .values({
          store_id: storeId,
          id: 9_000,
          customer_id: customers[36]!,
          channel: 'sms',
          class: 'marketing',
          source: 'earlier',
          idempotency_key: 'earlier',
          recipient: phone(36),
          content: '{}',
          status: 'sent',
          next_attempt_at: (clock.now - 3_600_000) as Instant,
          created_at: (clock.now - 3_600_000) as Instant,
          updated_at: (clock.now - 3_600_000) as Instant,
          sent_at: (clock.now - 3_600_000) as Instant,
        })
        .execute();
      await enqueueMessages(db, storeId, campaign('campaign:6', 35, 37), clock.now as Instant);
      await dispatchOnce(handle.get(), options());
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('source', '=', 'campaign:6')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.status, r.reason])).toEqual([
        ['sent', null],
        ['deferred', 'frequency cap'],
      ]);
      // Freed a day after the earlier message
      expect(Number(rows[1]!.next_attempt_at)).toBe(clock.now - 3_600_000 + 86_400_000);
      // 08:30 is before this store's 09:30 start
      clock.now = DateTime.fromISO('2026-11-27T08:30', { zone: ZONE }).toMillis();
      await enqueueMessages(db, storeId, campaign('campaign:7', 37, 38), clock.now as Instant);
      await dispatchOnce(handle.get(), options());
      const early = await db
        .selectFrom('messages')
        .select(['status', 'next_attempt_at'])
        .where('store_id', '=', storeId)
        .where('source', '=', 'campaign:7')
        .executeTakeFirstOrThrow();
      expect(early.status).toBe('deferred');
      expect(DateTime.fromMillis(Number(early.next_attempt_at), { zone: ZONE }).toFormat('HH:mm')).toBe(
        '09:30',
      );
    });
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimMessages } from '../../src/db/dialect/claim-messages.js';
import { localSinkAdapter } from '../../src/messaging/channels/local-sink.js';
import { twilioAdapter } from '../../src/messaging/channels/twilio-sms.js';
import { type DispatchOptions, dispatchOnce, providerMessageId } from '../../src/messaging/dispatcher.js';
import { countByStatus, enqueueMessages, type NewMessage } from '../../src/messaging/outbox.store.js';
import type { StoreId } from '../../src/shared/ids.js';
import type { Instant } from '../../src/shared/time.js';
import { addStore, addUser, REFERENCE_NOW, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio.js';

// The new channels' adapters under the dispatcher: Twilio (which does not deduplicate) through
// faults and lost answers, and the local sink after a dispatcher died mid-batch. Each recipient
// gets exactly one message.

const SID = 'AC00000000000000000000000000000002';
const TOKEN = 'dispatch-token';

for (const testDatabase of testDatabases()) {
  describe(`the channel adapters under the dispatcher on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let storeId: StoreId;
    let fake: FakeTwilio;
    const clock = { now: REFERENCE_NOW }; // 10:00 in Shanghai
    const sink = localSinkAdapter();

    beforeAll(async () => {
      const ctx = testContext(handle.get());
      storeId = await addStore(ctx, '渠道店', await addUser(ctx, 'owner'));
      fake = await startFakeTwilio(SID, TOKEN, () => clock.now);
    });
    afterAll(() => fake.close());

    const options = (): DispatchOptions => ({
      adapters: {
        sms: twilioAdapter(
          { accountSid: SID, authToken: TOKEN, from: '+15005550006' },
          { endpoint: fake.url, timeoutMs: 300, now: () => clock.now },
        ),
        local: sink,
      },
      now: () => clock.now,
      batch: 8,
      concurrency: 3,
      random: () => 0.5,
    });
    const notices = (channel: 'sms' | 'local', count: number): NewMessage[] =>
      Array.from({ length: count }, (_, k) => ({
        customerId: null,
        channel,
        messageClass: 'transactional',
        source: `shipping:${k}`,
        recipient: `+861390000${String(k).padStart(4, '0')}`,
        content: { text: `Order ${1000 + k} has shipped.` },
      }));

    async function drain(): Promise<void> {
      for (let round = 0; round < 60; round++) {
        const counts = await dispatchOnce(handle.get(), options());
        if (counts.claimed > 0) continue;
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
      throw new Error('the outbox did not drain');
    }

    it('sends each Twilio message once through 5xx, 429, no answer and answers lost after acceptance', async () => {
      await enqueueMessages(handle.get().db, storeId, notices('sms', 20), clock.now as Instant);
      fake.faults.push(
        'http500',
        'drop-after-accept',
        'http429',
        'hang',
        'drop-after-accept',
        'drop-after-accept',
      );
      await drain();
      expect(await countByStatus(handle.get().db, storeId)).toEqual({ sent: 20 });
      const perRecipient = new Map<string, number>();
      for (const m of fake.sent) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
      expect(perRecipient.size).toBe(20);
      expect([...perRecipient.values()].every((n) => n === 1)).toBe(true);
    });

    it('settles what the local sink recorded before a dispatcher died, and records the rest once', async () => {
      await enqueueMessages(handle.get().db, storeId, notices('local', 6), clock.now as Instant);
      const claimed = await claimMessages[handle.get().dialect](handle.get(), {
        now: clock.now,
        leaseUntil: clock.now + 30_000,
        limit: 10,
      });
      expect(claimed).toHaveLength(6);
      // The dying dispatcher got two out before it could record anything
      for (const row of claimed.slice(0, 2))
        await sink.send({
          storeId,
          id: row.id,
          messageId: providerMessageId(storeId, row.id),
          customerId: null,
          channel: 'local',
          messageClass: 'transactional',
          recipient: row.recipient,
          content: JSON.parse(row.content),
          attempts: 1,
        });
      clock.now += 30_001;
      expect(await dispatchOnce(handle.get(), options())).toMatchObject({ claimed: 6, settled: 2, sent: 4 });
      const ids = sink.recorded().map((m) => m.messageId);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
    });
  });
}

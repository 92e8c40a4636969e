import { beforeAll, describe, expect, it } from 'vitest';
import {
  countByStatus,
  enqueueMessages,
  type NewMessage,
  normaliseAddress,
  suppress,
  suppressedAmong,
} from '../../src/messaging/outbox.store.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import type { Instant } from '../../src/shared/time.js';
import { addStore, addUser, REFERENCE_NOW, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// The outbox and the suppression list on both databases.

const now = REFERENCE_NOW as Instant;

for (const testDatabase of testDatabases()) {
  describe(`the outbox on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let storeId: StoreId;
    let other: StoreId;
    const customers: CustomerId[] = [];

    beforeAll(async () => {
      const ctx = testContext(handle.get());
      const owner = await addUser(ctx, 'owner');
      storeId = await addStore(ctx, '发信店', owner);
      other = await addStore(ctx, '别的店', owner);
      for (let c = 0; c < 3; c++)
        customers.push(await insertCustomerWithOrders(handle.get().db, storeId, `c${c}`, []));
    });

    const step = (source: string): NewMessage[] =>
      customers.map((customerId, i) => ({
        customerId,
        channel: 'sms',
        messageClass: 'marketing',
        source,
        recipient: `1380013800${i}`,
        content: { template: 'SMS_1001', params: { name: `客户${i}` } },
      }));

    it('queues a campaign step once, however often it runs, even in one batch', async () => {
      const db = handle.get().db;
      expect(
        await db
          .transaction()
          .execute((trx) => enqueueMessages(trx, storeId, step('campaign:1:step:1'), now)),
      ).toBe(3);
      expect(await enqueueMessages(db, storeId, step('campaign:1:step:1'), now)).toBe(0);
      expect(
        await enqueueMessages(db, storeId, [...step('campaign:1:step:2'), ...step('campaign:1:step:2')], now),
      ).toBe(3);
      // Another store's identical step is its own
      expect(await enqueueMessages(db, other, step('campaign:1:step:1'), now)).toBe(3);
      expect(await countByStatus(db, storeId)).toEqual({ queued: 6 });
      const rows = await db
        .selectFrom('messages')
        .selectAll()
        .where('store_id', '=', storeId)
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(rows[0]).toMatchObject({
        channel: 'sms',
        class: 'marketing',
        status: 'queued',
        attempts: 0,
        next_attempt_at: now,
        idempotency_key: `campaign:1:step:1|${customers[0]}|sms`,
      });
      expect(JSON.parse(rows[0]!.content)).toEqual({ template: 'SMS_1001', params: { name: '客户0' } });
    });

    it('keeps a scheduled message until its time, and a staff test send apart from customers', async () => {
      const db = handle.get().db;
      const later = (now + 3_600_000) as Instant;
      await enqueueMessages(db, storeId, [{ ...step('campaign:2')[0]!, notBefore: later }], now);
      const test = {
        customerId: null,
        channel: 'email',
        messageClass: 'marketing',
        source: 'test:user:1',
        content: {},
      } as const;
      expect(
        await enqueueMessages(
          db,
          storeId,
          [
            { ...test, recipient: 'a@shop.example' },
            { ...test, recipient: 'b@shop.example' },
          ],
          now,
        ),
      ).toBe(2);
      const scheduled = await db
        .selectFrom('messages')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('source', '=', 'campaign:2')
        .executeTakeFirstOrThrow();
      expect(scheduled.next_attempt_at).toBe(later);
    });

    it('suppresses an address once per channel, found however it is written', async () => {
      const db = handle.get().db;
      await suppress(db, storeId, 'sms', '+86 138-0013-8000', 'reply', 'TD', now);
      await suppress(db, storeId, 'sms', '13800138000', 'manual', null, now);
      await suppress(db, storeId, 'email', 'WangFang@Example.com', 'unsubscribe', 'msg-1', now);
      expect(
        await suppressedAmong(db, storeId, 'sms', ['13800138000', '8613800138001', '13800138002']),
      ).toEqual(new Set(['13800138000']));
      expect(await suppressedAmong(db, storeId, 'email', ['wangfang@example.com '])).toEqual(
        new Set(['wangfang@example.com']),
      );
      expect(await suppressedAmong(db, other, 'sms', ['13800138000'])).toEqual(new Set());
      const rows = await db
        .selectFrom('suppressions')
        .selectAll()
        .where('store_id', '=', storeId)
        .orderBy('channel')
        .execute();
      expect(rows.map((r) => [r.channel, r.address, r.reason])).toEqual([
        ['email', 'wangfang@example.com', 'unsubscribe'],
        ['sms', '13800138000', 'reply'],
      ]);
    });
  });
}

describe('address normalisation', () => {
  it('reduces a mainland phone to its eleven digits and an email to lower case', () => {
    expect(normaliseAddress('sms', '+86 138 0013 8000')).toBe('13800138000');
    expect(normaliseAddress('sms', '8613800138000')).toBe('13800138000');
    expect(normaliseAddress('sms', '+1 415-555-0100')).toBe('+14155550100');
    expect(normaliseAddress('email', ' Ann@Example.COM ')).toBe('ann@example.com');
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { type ChannelAdapter, dispatchOnce } from '../../src/messaging/dispatcher.js';
import { countByStatus, enqueueMessages, type NewMessage } from '../../src/messaging/outbox.store.js';
import { TokenBucket } from '../../src/messaging/rate-limit.js';
import type { StoreId } from '../../src/shared/ids.js';
import type { Instant } from '../../src/shared/time.js';
import { addStore, addUser, REFERENCE_NOW, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

// Per-provider rate limits: an adapter declaring `rateLimit` has its sends paced by one token
// bucket shared by every message sent through it; they wait for their turn and none fails.

describe('TokenBucket', () => {
  /** A clock that only moves when someone sleeps. */
  function fakeTime() {
    const time = { now: 0, slept: [] as number[] };
    const sleep = async (ms: number) => {
      time.slept.push(ms);
      time.now = Math.max(time.now, ms);
    };
    return { time, clock: () => time.now, sleep };
  }

  it('spaces callers evenly at the rate, first one at once', async () => {
    const { time, clock } = fakeTime();
    const waits: number[] = [];
    const bucket = new TokenBucket({ perSecond: 50 }, clock, async (ms) => {
      waits.push(ms);
    });
    await Promise.all(Array.from({ length: 100 }, () => bucket.take()));
    expect(time.now).toBe(0);
    expect(waits).toHaveLength(99);
    expect(waits[0]).toBeCloseTo(20);
    expect(waits.at(-1)).toBeCloseTo(99 * 20); // 100 sends at 50/s: 1.98 s from the first
  });

  it('gives no burst after an idle spell', async () => {
    const { time, clock, sleep } = fakeTime();
    const bucket = new TokenBucket({ perSecond: 10 }, clock, async (ms) => sleep(time.now + ms));
    await bucket.take();
    time.now = 10_000;
    await bucket.take();
    await bucket.take();
    expect(time.now).toBeCloseTo(10_100);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket({ perSecond: 0 })).toThrow(RangeError);
  });
});

for (const testDatabase of testDatabases()) {
  describe(`the dispatcher with a rate-limited adapter on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let storeId: StoreId;

    beforeAll(async () => {
      const ctx = testContext(handle.get());
      storeId = await addStore(ctx, '限速店', await addUser(ctx, 'owner'));
    });

    const notices = (source: string): NewMessage[] =>
      Array.from({ length: 100 }, (_, k) => ({
        customerId: null,
        channel: 'sms',
        messageClass: 'transactional',
        source,
        recipient: `137${String(k).padStart(8, '0')}`,
        content: { params: { n: String(k) } },
      }));

    /** Dispatches 100 messages through the adapter in one batch; the send times in ms. */
    async function sendTimes(source: string, rateLimit?: { perSecond: number }): Promise<number[]> {
      const times: number[] = [];
      const adapter: ChannelAdapter = {
        send: async () => {
          times.push(performance.now());
          return { status: 'sent', providerId: `p${times.length}` };
        },
        ...(rateLimit ? { rateLimit } : {}),
      };
      await enqueueMessages(handle.get().db, storeId, notices(source), REFERENCE_NOW as Instant);
      const counts = await dispatchOnce(handle.get(), {
        adapters: { sms: adapter },
        now: () => REFERENCE_NOW,
        batch: 100,
        concurrency: 16,
      });
      expect(counts).toMatchObject({ claimed: 100, sent: 100 });
      return times;
    }

    it('paces 100 sends at 50/s over about two seconds, all sent', async () => {
      const times = await sendTimes('paced', { perSecond: 50 });
      const span = times.at(-1)! - times[0]!;
      expect(span).toBeGreaterThanOrEqual(1_900);
      expect(span).toBeLessThan(3_000);
      expect(await countByStatus(handle.get().db, storeId)).toEqual({ sent: 100 });
    });

    it('does not pace an adapter without a limit', async () => {
      const times = await sendTimes('unpaced');
      expect(times.at(-1)! - times[0]!).toBeLessThan(500);
    });
  });
}

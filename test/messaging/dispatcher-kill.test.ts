import { type ChildProcess, spawn } from 'node:child_process';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Random } from '../../src/demo/random.js';
import { providerMessageId } from '../../src/messaging/dispatcher.js';
import { countByStatus, enqueueMessages, type NewMessage } from '../../src/messaging/outbox.store.js';
import type { StoreId } from '../../src/shared/ids.js';
import type { Instant } from '../../src/shared/time.js';
import { addStore, addUser, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { type FakeAliyunSms, startFakeAliyunSms } from '../helpers/fake-aliyun-sms.js';

// The guarantee, end to end: a dispatcher process is SIGKILLed in the middle of a run against a
// fake Aliyun that does not deduplicate and fails at random (5xx, 429, rate limits, answers lost
// after acceptance); a new one takes over. Every recipient gets exactly one SMS.

const MESSAGES = Number(process.env.LAOKE_KILL_TEST_MESSAGES ?? 100_000);
const SECRET = 'kill-secret';

function startChild(url: string, options: object, storeId: number, fakeUrl: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/messaging/dispatch-child.ts',
      url,
      JSON.stringify(options),
      String(storeId),
      fakeUrl,
      SECRET,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LAOKE_LOG_LEVEL: 'silent' } },
  );
}

const line = (child: ChildProcess, text: string) =>
  new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes(text)) resolve();
    });
    child.on('exit', (code) =>
      out.includes(text) ? resolve() : reject(new Error(`exited ${code} before "${text}"`)),
    );
  });

for (const testDatabase of testDatabases()) {
  describe(`a dispatcher killed mid-run on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let storeId: StoreId;
    let fake: FakeAliyunSms;
    const children: ChildProcess[] = [];

    beforeAll(async () => {
      const ctx = testContext(handle.get());
      storeId = await addStore(ctx, '压测店', await addUser(ctx, 'owner'));
      const random = new Random(23);
      fake = await startFakeAliyunSms(SECRET, DateTime.now().setZone('Asia/Shanghai').toFormat('yyyyMMdd'), {
        rate: 0.01,
        next: () => random.next(),
      });
      const now = Date.now() as Instant;
      for (let start = 0; start < MESSAGES; start += 2_000) {
        const batch: NewMessage[] = Array.from({ length: Math.min(2_000, MESSAGES - start) }, (_, k) => ({
          customerId: null,
          channel: 'sms',
          messageClass: 'transactional',
          source: 'load',
          recipient: `13${String(start + k).padStart(9, '0')}`,
          content: { params: { n: String(start + k) } },
        }));
        await handle
          .get()
          .db.transaction()
          .execute((trx) => enqueueMessages(trx, storeId, batch, now));
      }
    }, 300_000);

    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      await fake?.close();
    });

    it('sends every message exactly once, resuming within seconds', async () => {
      const { url, options } = handle.get().reopen;
      const first = startChild(url, options, storeId, fake.url);
      children.push(first);
      await line(first, 'ready');
      const started = Date.now();
      while (fake.sent.length < MESSAGES / 3) await new Promise((resolve) => setTimeout(resolve, 20));
      first.kill('SIGKILL');
      const killedAt = Date.now();
      const sentAtKill = fake.sent.length;
      await new Promise((resolve) => first.once('exit', resolve));
      const second = startChild(url, options, storeId, fake.url);
      children.push(second);
      const drained = line(second, 'drained');
      while (fake.sent.length === sentAtKill) await new Promise((resolve) => setTimeout(resolve, 10));
      const resumedAfter = Date.now() - killedAt;
      await drained;
      const seconds = (Date.now() - started) / 1000;
      console.log(
        `[kill test] ${MESSAGES} messages, killed after ${sentAtKill}; sending again ${resumedAfter} ms after the kill; ${seconds.toFixed(1)} s in all`,
      );

      const times = new Map<string, number>();
      for (const s of fake.sent) times.set(s.outId, (times.get(s.outId) ?? 0) + 1);
      expect(times.size).toBe(MESSAGES);
      const twice = [...times].filter(([, n]) => n > 1);
      expect(twice).toEqual([]);
      expect(times.has(providerMessageId(storeId, 1))).toBe(true);
      expect(await countByStatus(handle.get().db, storeId)).toEqual({ sent: MESSAGES });
      expect(resumedAfter).toBeLessThan(10_000);
    }, 300_000);
  });
}

import { DateTime } from 'luxon';
import { openDatabase } from '../../src/db/database.js';
import { createAliyunSms } from '../../src/messaging/channels/aliyun-sms.js';
import { startDispatcher } from '../../src/messaging/dispatcher.js';
import { countByStatus } from '../../src/messaging/outbox.store.js';
import type { StoreId } from '../../src/shared/ids.js';

// A dispatcher in a process of its own, for the crash test: node --import tsx dispatch-child.ts
// DB_URL OPEN_OPTIONS_JSON STORE_ID FAKE_URL SECRET. Prints "ready", then runs until the store's outbox is settled.

const [url, options, store, endpoint, secret] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];
const database = await openDatabase(url, JSON.parse(options));
const storeId = Number(store) as StoreId;
const sms = createAliyunSms({ accessKeyId: 'id', accessKeySecret: secret }, { endpoint, timeoutMs: 2_000 });
const day = () => DateTime.now().setZone('Asia/Shanghai').toFormat('yyyyMMdd');
const dispatcher = startDispatcher(database, {
  adapters: {
    sms: {
      send: (m) =>
        sms.send({
          messageId: m.messageId,
          phone: m.recipient,
          signName: '老客母婴',
          templateCode: 'SMS_1',
          params: m.content.params as Record<string, string>,
        }),
      lookup: async (m) => {
        const found = await sms.lookup(m.messageId, m.recipient, day());
        return found === 'retry' ? 'retry' : found === 'unknown' ? 'unknown' : 'sent';
      },
    },
  },
  now: Date.now,
  leaseMs: 3_000,
  batch: 500,
  concurrency: 32,
  idleMs: 100,
});
process.stdout.write('ready\n');
for (;;) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const counts = await countByStatus(database.db, storeId);
  if (!counts.queued && !counts.sending && !counts.deferred) break;
}
await dispatcher.stop();
await database.close();
process.stdout.write('drained\n');

import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { DateTime } from 'luxon';
import { openDatabase } from '../../src/db/database.js';
import { createAliyunSms } from '../../src/messaging/channels/aliyun-sms.js';
import { type DispatchCounts, dispatchOnce } from '../../src/messaging/dispatcher.js';
import { peakRssMiB } from '../lib.js';

// One dispatcher process of the messaging benchmark: the Aliyun channel as production builds it
// (createAliyunSms, signed requests over loopback HTTP to the fake in its own process), batches
// until nothing is due. Prints "ready", starts on "go" from stdin (so that two workers start
// together), and prints its figures as one JSON line.

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    fake: { type: 'string' },
    secret: { type: 'string', default: 'bench-secret' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '32' },
  },
});
const database = await openDatabase(values.url!);
const sms = createAliyunSms(
  { accessKeyId: 'bench', accessKeySecret: values.secret! },
  { endpoint: values.fake! },
);
const day = () => DateTime.now().setZone('Asia/Shanghai').toFormat('yyyyMMdd');
const options = {
  adapters: {
    sms: {
      send: (m: { messageId: string; recipient: string; content: Record<string, unknown> }) =>
        sms.send({
          messageId: m.messageId,
          phone: m.recipient,
          signName: '老客母婴',
          templateCode: 'SMS_1',
          params: m.content.params as Record<string, string>,
        }),
      lookup: async (m: { messageId: string; recipient: string }) => {
        const found = await sms.lookup(m.messageId, m.recipient, day());
        return found === 'retry'
          ? ('retry' as const)
          : found === 'unknown'
            ? ('unknown' as const)
            : ('sent' as const);
      },
    },
  },
  now: Date.now,
  batch: Number(values.batch),
  concurrency: Number(values.concurrency),
};

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) if (line === 'go') break;
const startedAt = Date.now();
const total: DispatchCounts = {
  claimed: 0,
  sent: 0,
  failed: 0,
  retried: 0,
  suppressed: 0,
  deferred: 0,
  settled: 0,
};
for (;;) {
  const counts = await dispatchOnce(database, options);
  for (const key of Object.keys(total) as (keyof DispatchCounts)[]) total[key] += counts[key];
  if (counts.claimed === 0) break;
}
const finishedAt = Date.now();
await database.close();
process.stdout.write(
  `${JSON.stringify({ seconds: (finishedAt - startedAt) / 1000, startedAt, finishedAt, peakRssMiB: peakRssMiB(), ...total })}\n`,
);
process.exit(0);

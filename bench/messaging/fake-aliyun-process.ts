import { createInterface } from 'node:readline';
import { startFakeAliyunSms } from '../../test/helpers/fake-aliyun-sms.js';

// The test fake of Aliyun SMS (test/helpers/fake-aliyun-sms.ts: checks every signature, records
// what it accepts, does not deduplicate) in a process of its own, so that serving requests does
// not share the dispatcher's event loop. Prints its URL, then answers lines on stdin:
// "stats" → one JSON line (accepted, distinct OutIds, duplicates, bad signatures); "reset".
// Usage: node --import tsx bench/messaging/fake-aliyun-process.ts SECRET

const fake = await startFakeAliyunSms(process.argv[2] ?? 'bench-secret');
process.stdout.write(`${JSON.stringify({ url: fake.url })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  if (line === 'reset') {
    fake.sent.length = 0;
    process.stdout.write('{"reset":true}\n');
  }
  if (line === 'stats') {
    const times = new Map<string, number>();
    for (const sms of fake.sent) times.set(sms.outId, (times.get(sms.outId) ?? 0) + 1);
    let duplicates = 0;
    for (const n of times.values()) duplicates += n - 1;
    process.stdout.write(
      `${JSON.stringify({ accepted: fake.sent.length, distinct: times.size, duplicates, badSignatures: fake.badSignatures })}\n`,
    );
  }
}
await fake.close();

import { parseArgs } from 'node:util';
import { createAliyunSms } from '../../src/messaging/channels/aliyun-sms.js';
import { peakRssMiB } from '../lib.js';

// The HTTP ceiling, the messaging benchmark's reference: the same number of signed SendSms
// requests through the same client (createAliyunSms) to the same fake, with the same number in
// flight, and no database at all. Prints its figures as one JSON line.

const { values } = parseArgs({
  options: {
    fake: { type: 'string' },
    secret: { type: 'string', default: 'bench-secret' },
    messages: { type: 'string', default: '1000000' },
    concurrency: { type: 'string', default: '32' },
  },
});
const total = Number(values.messages);
const sms = createAliyunSms(
  { accessKeyId: 'bench', accessKeySecret: values.secret! },
  { endpoint: values.fake! },
);
const started = performance.now();
let next = 0;
let sent = 0;
await Promise.all(
  Array.from({ length: Number(values.concurrency) }, async () => {
    while (next < total) {
      const k = next++;
      const recipient = `13${String(k).padStart(9, '0')}`;
      const outcome = await sms.send({
        messageId: `lk-ceiling-${k}`,
        phone: recipient,
        signName: '老客母婴',
        templateCode: 'SMS_1',
        params: { n: String(k) },
      });
      if (outcome.status === 'sent') sent += 1;
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ seconds, sent, peakRssMiB: peakRssMiB() })}\n`);

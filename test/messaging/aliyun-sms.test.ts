import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAliyunSms } from '../../src/messaging/channels/aliyun-sms.js';
import { type FakeAliyunSms, startFakeAliyunSms } from '../helpers/fake-aliyun-sms.js';

// The Aliyun SMS channel against a stand-in for Aliyun's API that checks the real signature.

const secret = 'fake-secret';
let fake: FakeAliyunSms;
beforeAll(async () => {
  fake = await startFakeAliyunSms(secret);
});
afterAll(() => fake.close());

const message = (messageId: string, phone = '13800138000') => ({
  messageId,
  phone,
  signName: '老客母婴',
  templateCode: 'SMS_1001',
  params: { name: '王芳', coupon: 'A1B2' },
});

describe('the Aliyun SMS channel', () => {
  const sms = () =>
    createAliyunSms({ accessKeyId: 'id', accessKeySecret: secret }, { endpoint: fake.url, timeoutMs: 500 });

  it('sends a signed request carrying our message id, and Aliyun keeps it', async () => {
    expect(await sms().send(message('m-1'))).toEqual({ status: 'sent', providerId: 'biz-1' });
    expect(fake.sent.at(-1)).toMatchObject({
      phone: '13800138000',
      outId: 'm-1',
      signName: '老客母婴',
      templateCode: 'SMS_1001',
      params: { name: '王芳', coupon: 'A1B2' },
    });
    expect(fake.badSignatures).toBe(0);
  });

  it('is refused with the wrong secret, as Aliyun refuses it, and does not retry that', async () => {
    const wrong = createAliyunSms({ accessKeyId: 'id', accessKeySecret: 'other' }, { endpoint: fake.url });
    expect(await wrong.send(message('m-x'))).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('SignatureDoesNotMatch'),
    });
    expect(fake.badSignatures).toBe(1);
  });

  it('retries 5xx, 429, rate limits and a provider that does not answer; ends a bad number at once', async () => {
    const before = fake.sent.length;
    for (const fault of ['http500', 'http429', 'business-limit', 'hang'] as const) {
      fake.faults.push(fault);
      expect(await sms().send(message(`m-${fault}`)), fault).toMatchObject({ status: 'retry' });
    }
    expect(fake.sent.length).toBe(before);
    expect(await sms().send(message('m-bad', '12345'))).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('isv.MOBILE_NUMBER_ILLEGAL'),
    });
  });

  it('finds a message whose answer was lost by our id, so it is not sent twice', async () => {
    fake.faults.push('drop-after-accept');
    // Aliyun took it, but the answer never came: to us it is in doubt
    expect(await sms().send(message('m-doubt', '13900139000'))).toMatchObject({ status: 'retry' });
    expect(fake.sent.filter((s) => s.outId === 'm-doubt')).toHaveLength(1);
    expect(await sms().lookup('m-doubt', '13900139000', '20261111')).toBe('delivered');
    expect(await sms().lookup('m-never', '13900139000', '20261111')).toBe('unknown');
    // The fake, like Aliyun, would send a retried request again: that is why we look first
    await sms().send(message('m-doubt', '13900139000'));
    expect(fake.sent.filter((s) => s.outId === 'm-doubt')).toHaveLength(2);
  });
});

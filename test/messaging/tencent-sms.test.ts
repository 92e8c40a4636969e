import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTencentSms } from '../../src/messaging/channels/tencent-sms.js';
import { startFakeTencentSms } from '../helpers/fake-tencent-sms.js';

// The Tencent Cloud SMS channel against a stand-in that checks the real TC3 signature.

let fake: Awaited<ReturnType<typeof startFakeTencentSms>>;
beforeAll(async () => {
  fake = await startFakeTencentSms('AKIDtest', 'tencent-secret');
});
afterAll(() => fake.close());

const sms = (secretKey = 'tencent-secret') =>
  createTencentSms(
    { secretId: 'AKIDtest', secretKey, appId: '1400000000' },
    { endpoint: fake.url, timeoutMs: 500 },
  );
const message = (messageId: string, phone = '13800138000') => ({
  messageId,
  phone,
  signName: '老客母婴',
  templateId: '1234567',
  params: ['王芳', 'A1B2'],
});

describe('the Tencent Cloud SMS channel', () => {
  it('sends a signed request carrying our message id in the mainland +86 form', async () => {
    expect(await sms().send(message('t-1'))).toEqual({ status: 'sent', providerId: 'serial-1' });
    expect(fake.sent.at(-1)).toEqual({
      phone: '+8613800138000',
      sessionContext: 't-1',
      templateId: '1234567',
      signName: '老客母婴',
      params: ['王芳', 'A1B2'],
    });
    expect(fake.badSignatures()).toBe(0);
  });

  it('ends a bad signature and a bad number at once; retries 5xx and daily limits', async () => {
    expect(await sms('wrong').send(message('t-x'))).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('AuthFailure'),
    });
    expect(await sms().send(message('t-bad', '123'))).toMatchObject({ status: 'failed' });
    fake.faults.push('http500');
    expect(await sms().send(message('t-5xx'))).toMatchObject({ status: 'retry' });
    fake.faults.push('limit');
    expect(await sms().send(message('t-limit'))).toMatchObject({ status: 'retry' });
  });

  it('finds a message whose answer was lost by our id', async () => {
    fake.faults.push('drop-after-accept');
    expect(await sms().send(message('t-doubt', '13900139000'))).toMatchObject({ status: 'retry' });
    expect(await sms().lookup('t-doubt', '13900139000', 0)).toBe('delivered');
    expect(await sms().lookup('t-none', '13900139000', 0)).toBe('unknown');
  });
});

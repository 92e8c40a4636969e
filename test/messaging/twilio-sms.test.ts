import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwilioSms, twilioAdapter } from '../../src/messaging/channels/twilio-sms.js';
import type { OutboxMessage } from '../../src/messaging/dispatcher.js';
import { twilioSignature, verifyTwilioSignature } from '../../src/messaging/providers/twilio-signature.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import { type FakeTwilio, startFakeTwilio } from '../helpers/fake-twilio.js';

// The Twilio SMS channel against a stand-in for Twilio's API that checks Basic auth and, like
// Twilio, does not deduplicate.

const sid = 'AC00000000000000000000000000000001';
const token = 'twilio-token';
// 2026-11-11 12:00:00 Asia/Shanghai
const T0 = Date.UTC(2026, 10, 11, 4, 0, 0);
let clock = T0;
let fake: FakeTwilio;
beforeAll(async () => {
  fake = await startFakeTwilio(sid, token, () => clock);
});
afterAll(() => fake.close());

const settings = {
  accountSid: sid,
  authToken: token,
  from: '+15005550006',
  statusCallback: 'https://laoke.example.com/hooks/twilio/status',
};
const sms = () => createTwilioSms(settings, { endpoint: fake.url, timeoutMs: 500 });
const message = (
  messageId: string,
  to = '+8613800138000',
  body = 'Your order has shipped. Reply STOP to opt out.',
) => ({
  messageId,
  to,
  body,
});

describe('the Twilio request signature', () => {
  const params = {
    CallSid: 'CA1234567890ABCDE',
    Caller: '+12349013030',
    Digits: '1234',
    From: '+12349013030',
    To: '+18005551212',
  };
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';

  it("gives Twilio's documented example signature", () => {
    // Also computed independently with Python's hmac: 0/KCTR6DLpKmkAf8muzZqo1nDgQ=
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('accepts that signature and refuses an altered parameter, URL, token or a missing header', () => {
    const signature = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
    expect(verifyTwilioSignature('12345', url, params, signature)).toBe(true);
    expect(verifyTwilioSignature('12345', url, { ...params, Digits: '1235' }, signature)).toBe(false);
    expect(verifyTwilioSignature('12345', url.replace('foo=1', 'foo=2'), params, signature)).toBe(false);
    expect(verifyTwilioSignature('54321', url, params, signature)).toBe(false);
    expect(verifyTwilioSignature('12345', url, params, undefined)).toBe(false);
  });
});

describe('the Twilio SMS channel', () => {
  it('sends To, From, Body and a StatusCallback carrying our id, under Basic auth', async () => {
    expect(await sms().send(message('lk-1-1'))).toEqual({
      status: 'sent',
      providerId: 'SM00000000000000000000000000000001',
    });
    expect(fake.sent.at(-1)).toEqual({
      sid: 'SM00000000000000000000000000000001',
      to: '+8613800138000',
      from: '+15005550006',
      messagingServiceSid: undefined,
      body: 'Your order has shipped. Reply STOP to opt out.',
      statusCallback: 'https://laoke.example.com/hooks/twilio/status?m=lk-1-1',
      createdAt: T0,
    });
  });

  it('sends through a Messaging Service instead of a number when one is set', async () => {
    const viaService = createTwilioSms(
      { accountSid: sid, authToken: token, messagingServiceSid: 'MG0001' },
      { endpoint: fake.url },
    );
    expect(await viaService.send(message('lk-1-2'))).toMatchObject({ status: 'sent' });
    expect(fake.sent.at(-1)).toMatchObject({
      from: undefined,
      messagingServiceSid: 'MG0001',
      statusCallback: undefined,
    });
  });

  it('ends the message on bad credentials, saying so', async () => {
    const wrong = createTwilioSms({ ...settings, authToken: 'other' }, { endpoint: fake.url });
    expect(await wrong.send(message('lk-1-3'))).toEqual({
      status: 'failed',
      reason: 'Twilio refused the credentials (20003: Authenticate)',
    });
    expect(fake.unauthorised).toBe(1);
  });

  it('ends a bad number and an opted-out recipient at once', async () => {
    expect(await sms().send(message('lk-1-4', '12345'))).toEqual({
      status: 'failed',
      reason: 'invalid "To" number (21211: The \'To\' number 12345 is not a valid phone number.)',
    });
    fake.optedOut.add('+8613900139000');
    expect(await sms().send(message('lk-1-5', '+8613900139000'))).toEqual({
      status: 'failed',
      reason: 'opted out: 21610: Attempt to send to unsubscribed recipient',
    });
  });

  it('retries a 5xx, a 429 and a Twilio that does not answer, having sent nothing', async () => {
    const before = fake.sent.length;
    const outcomes = [];
    for (const fault of ['http500', 'http429', 'hang'] as const) {
      fake.faults.push(fault);
      outcomes.push(await sms().send(message(`lk-1-${fault}`)));
    }
    expect(outcomes).toEqual([
      { status: 'retry', reason: '20500: Internal Server Error' },
      { status: 'retry', reason: '20429: Too Many Requests' },
      { status: 'retry', reason: expect.stringMatching(/^no answer: /) },
    ]);
    expect(fake.sent.length).toBe(before);
  });

  it('finds a message whose answer was lost by recipient, body and time, so it is not sent twice', async () => {
    clock = T0 + 60_000;
    const doubt = message('lk-1-9', '+14155550100', 'Your coupon A1B2 expires tonight.');
    fake.faults.push('drop-after-accept');
    expect(await sms().send(doubt)).toMatchObject({
      status: 'retry',
      reason: expect.stringMatching(/^no answer/),
    });
    expect(fake.sent.filter((m) => m.to === '+14155550100')).toHaveLength(1);
    // Twilio took it: found from the first attempt on
    expect(await sms().lookup(doubt, T0 + 60_000)).toBe('sent');
    expect(fake.listQueries.at(-1)).toBe('?To=%2B14155550100&PageSize=1000');
    // Not the same body, or created before the first attempt: not ours
    expect(await sms().lookup({ ...doubt, body: 'Another text.' }, T0 + 60_000)).toBe('unknown');
    expect(await sms().lookup(doubt, T0 + 61_000)).toBe('unknown');
    // Twilio sends a retried request again: that is why we look first
    await sms().send(doubt);
    expect(fake.sent.filter((m) => m.to === '+14155550100')).toHaveLength(2);
  });

  it('leaves the lookup undecided when Twilio does not answer it', async () => {
    fake.faults.push('http500');
    expect(await sms().lookup(message('lk-1-10'), T0)).toBe('retry');
  });
});

describe('the Twilio adapter', () => {
  const outbox = (content: Record<string, unknown>): OutboxMessage => ({
    storeId: 1 as StoreId,
    id: 20,
    messageId: 'lk-1-20',
    customerId: 5 as CustomerId,
    channel: 'sms',
    messageClass: 'transactional',
    recipient: '+8613700137000',
    content,
    attempts: 1,
  });
  const adapter = () =>
    twilioAdapter(settings, { endpoint: fake.url, now: () => clock, lookbackMs: 3_600_000 });

  it('sends content { text } to the recipient, and looks it up over the last hour', async () => {
    clock = T0 + 120_000;
    expect(await adapter().send(outbox({ text: '您的订单已发货' }))).toMatchObject({ status: 'sent' });
    expect(fake.sent.at(-1)).toMatchObject({ to: '+8613700137000', body: '您的订单已发货' });
    expect(await adapter().lookup!(outbox({ text: '您的订单已发货' }))).toBe('sent');
    clock = T0 + 120_000 + 3_601_000;
    expect(await adapter().lookup!(outbox({ text: '您的订单已发货' }))).toBe('unknown');
  });

  it('refuses a message without text', async () => {
    expect(await adapter().send(outbox({ markdown: '**hi**' }))).toEqual({
      status: 'failed',
      reason: 'an SMS needs content { text }',
    });
  });
});

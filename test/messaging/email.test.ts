import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel, type EmailMessage } from '../../src/messaging/channels/email.js';
import { readUnsubscribeToken, unsubscribeToken } from '../../src/messaging/unsubscribe.js';

// Email through a real SMTP server in the test process (the smtp-server package): what arrives,
// with which headers; and how refusals end.

const key = randomBytes(32);
const received: ParsedMail[] = [];
/** Recipients the server refuses, with the reply code. */
const refusals = new Map<string, number>([
  ['nobody@example.com', 550],
  ['busy@example.com', 451],
]);

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onRcptTo(address, _session, callback) {
    const code = refusals.get(address.address);
    if (!code) return callback();
    const error = Object.assign(new Error(code >= 500 ? 'No such user' : 'Try again later'), {
      responseCode: code,
    });
    return callback(error);
  },
  onData(stream, _session, callback) {
    simpleParser(stream)
      .then((mail) => {
        received.push(mail);
        callback();
      })
      .catch(callback);
  },
});

let port = 0;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const message = (overrides: Partial<EmailMessage> = {}): EmailMessage => ({
  messageId: 'msg-7f3a',
  storeId: 12,
  customerId: 345,
  to: 'wangfang@example.com',
  subject: '双十一会员专享券',
  html: '<p>王芳您好，送您 20 元券：A1B2</p>',
  text: '王芳您好，送您 20 元券：A1B2',
  messageClass: 'marketing',
  ...overrides,
});

describe('the email channel', () => {
  it('delivers marketing mail with both parts and a signed one-click unsubscribe link in headers and body', async () => {
    const channel = createEmailChannel(
      { host: '127.0.0.1', port, secure: false, from: '老客母婴 <news@shop.example>' },
      { unsubscribeBase: 'https://laoke.example/u/', key },
    );
    const outcome = await channel.send(message());
    channel.close();
    expect(outcome).toEqual({ status: 'sent', providerId: '<msg-7f3a@shop.example>' });
    const mail = received.at(-1)!;
    expect(mail.subject).toBe('双十一会员专享券');
    expect(mail.messageId).toBe('<msg-7f3a@shop.example>');
    expect(mail.from?.text).toBe('"老客母婴" <news@shop.example>');
    expect(mail.html).toContain('王芳您好');
    expect(mail.text).toContain('王芳您好');
    const header = mail.headerLines.find((line) => line.key === 'list-unsubscribe')!.line;
    expect(mail.headerLines.find((line) => line.key === 'list-unsubscribe-post')!.line).toBe(
      'List-Unsubscribe-Post: List-Unsubscribe=One-Click',
    );
    const link = /<(https:\/\/laoke\.example\/u\/[^>]+)>/.exec(header)![1]!;
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.text).toContain(link);
    expect(readUnsubscribeToken(key, link.split('/').at(-1)!)).toEqual({
      storeId: 12,
      customerId: 345,
      channel: 'email',
      messageId: 'msg-7f3a',
    });
  });

  it('sends transactional mail without an unsubscribe link', async () => {
    const channel = createEmailChannel(
      { host: '127.0.0.1', port, secure: false, from: 'orders@shop.example' },
      { unsubscribeBase: 'https://laoke.example/u', key },
    );
    expect(
      (await channel.send(message({ messageId: 'msg-ship', messageClass: 'transactional' }))).status,
    ).toBe('sent');
    channel.close();
    const mail = received.at(-1)!;
    expect(mail.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(false);
    expect(mail.text).not.toContain('Unsubscribe');
  });

  it('ends a refused mailbox at once, retries a busy server or one that is not there', async () => {
    const channel = createEmailChannel(
      { host: '127.0.0.1', port, secure: false, from: 'news@shop.example' },
      { unsubscribeBase: 'https://laoke.example/u', key },
    );
    expect(await channel.send(message({ to: 'nobody@example.com' }))).toMatchObject({ status: 'failed' });
    expect(await channel.send(message({ to: 'busy@example.com' }))).toMatchObject({ status: 'retry' });
    channel.close();
    const closed = createEmailChannel(
      { host: '127.0.0.1', port: 1, secure: false, from: 'news@shop.example' },
      { unsubscribeBase: 'https://laoke.example/u', key },
    );
    expect(await closed.send(message())).toMatchObject({ status: 'retry' });
    closed.close();
  });
});

describe('unsubscribe tokens', () => {
  it('cannot be forged for another customer or read with another key', () => {
    const token = unsubscribeToken(key, { storeId: 1, customerId: 2, channel: 'sms', messageId: 'm' });
    expect(readUnsubscribeToken(key, token)).toEqual({
      storeId: 1,
      customerId: 2,
      channel: 'sms',
      messageId: 'm',
    });
    const [, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify([1, 3, 'sms', 'm'])).toString('base64url');
    expect(readUnsubscribeToken(key, `${other}.${signature}`)).toBeNull();
    expect(readUnsubscribeToken(randomBytes(32), token)).toBeNull();
    for (const junk of ['', '.', 'abc', `${token}.x`, 'e30.AAAA'])
      expect(readUnsubscribeToken(key, junk)).toBeNull();
  });
});

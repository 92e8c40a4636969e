import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  sendWebhook,
  verifyWebhookSignature,
  webhookAdapter,
  webhookSignature,
} from '../../src/messaging/channels/webhook.js';
import type { OutboxMessage } from '../../src/messaging/dispatcher.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';

// The signed webhook against a plain http server in the test process (allowed as a private
// address by the store owner), and its SSRF refusals.

// 2026-11-11 12:00:00 Asia/Shanghai
const T0 = Date.UTC(2026, 10, 11, 4, 0, 0);
const secret = 'whsec-0123456789';
type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
const received: Received[] = [];
/** What the receiver answers next: a status, 'hang', or a redirect. */
const answers: (number | 'hang')[] = [];
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
      const answer = answers.shift() ?? 204;
      if (answer === 'hang') return;
      response.writeHead(answer, answer === 301 ? { location: 'http://169.254.169.254/' } : {});
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);

const payload = {
  id: 'lk-1-42',
  store: 1,
  customer: 345,
  channel: 'webhook',
  content: { event: 'coupon.issued', coupon: 'A1B2' },
  sentAt: '2026-11-11T04:00:00.000Z',
};
const settings = () => ({ url: `${base}/hooks/laoke?src=1`, secret, allowPrivate: true });
const options = { now: () => T0, timeoutMs: 500 };

describe('the webhook signature', () => {
  it('is sha256= hex HMAC-SHA256 of timestamp, a dot and the body (checked with node:crypto directly)', () => {
    const body = '{"a":1}';
    const hex = createHmac('sha256', secret).update(`1794369600.${body}`).digest('hex');
    expect(webhookSignature(secret, 1794369600, body)).toBe(`sha256=${hex}`);
  });

  it('verifies for a receiver: fresh and ours, stale outside the window, or forged', () => {
    const body = JSON.stringify(payload);
    const signature = webhookSignature(secret, 1794369600, body);
    const request = { signature, timestamp: '1794369600', body };
    expect(verifyWebhookSignature(secret, request, T0 + 299_000)).toBe('ok');
    expect(verifyWebhookSignature(secret, request, T0 + 301_000)).toBe('stale');
    expect(verifyWebhookSignature(secret, request, T0 + 301_000, 600)).toBe('ok');
    expect(verifyWebhookSignature(secret, { ...request, body: body.replace('A1B2', 'A1B3') }, T0)).toBe(
      'bad-signature',
    );
    expect(verifyWebhookSignature(secret, { ...request, timestamp: '1794369601' }, T0)).toBe('bad-signature');
    expect(verifyWebhookSignature('other', request, T0)).toBe('bad-signature');
    expect(verifyWebhookSignature(secret, { ...request, signature: undefined }, T0)).toBe('bad-signature');
  });
});

describe('the webhook channel', () => {
  it('posts the JSON payload with its id, timestamp and signature', async () => {
    expect(await sendWebhook(settings(), payload, options)).toEqual({ status: 'sent', providerId: '' });
    const request = received.at(-1)!;
    const body =
      '{"id":"lk-1-42","store":1,"customer":345,"channel":"webhook","content":{"event":"coupon.issued","coupon":"A1B2"},"sentAt":"2026-11-11T04:00:00.000Z"}';
    expect(request).toMatchObject({ method: 'POST', url: '/hooks/laoke?src=1', body });
    expect(request.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Laoke-Webhook/1',
      'x-laoke-id': 'lk-1-42',
      'x-laoke-timestamp': '1794369600',
      'x-laoke-signature': `sha256=${createHmac('sha256', secret).update(`1794369600.${body}`).digest('hex')}`,
    });
    expect(
      verifyWebhookSignature(
        secret,
        {
          signature: request.headers['x-laoke-signature'] as string,
          timestamp: request.headers['x-laoke-timestamp'] as string,
          body: request.body,
        },
        T0,
      ),
    ).toBe('ok');
  });

  it('retries 408, 429, 5xx and no answer; ends other 4xx and does not follow a redirect', async () => {
    const outcomes = [];
    for (const answer of [408, 429, 500, 503, 'hang', 400, 410, 301] as const) {
      answers.push(answer);
      outcomes.push(await sendWebhook(settings(), payload, options));
    }
    expect(outcomes).toEqual([
      { status: 'retry', reason: 'HTTP 408' },
      { status: 'retry', reason: 'HTTP 429' },
      { status: 'retry', reason: 'HTTP 500' },
      { status: 'retry', reason: 'HTTP 503' },
      { status: 'retry', reason: expect.stringMatching(/^no answer: /) },
      { status: 'failed', reason: 'HTTP 400' },
      { status: 'failed', reason: 'HTTP 410' },
      { status: 'failed', reason: 'HTTP 301: redirects are not followed (to http://169.254.169.254/)' },
    ]);
  });

  it('connects to the address it checked, not to a new DNS answer (DNS rebinding)', async () => {
    // hooks.example.test has no real DNS: only the checked address can have been used
    let resolutions = 0;
    const resolve = async () => {
      resolutions += 1;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const url = base.replace('127.0.0.1', 'hooks.example.test');
    expect(
      await sendWebhook({ url: `${url}/rebind`, secret, allowPrivate: true }, payload, {
        ...options,
        resolve,
      }),
    ).toMatchObject({ status: 'sent' });
    expect(resolutions).toBe(1);
    expect(received.at(-1)).toMatchObject({ url: '/rebind', headers: { host: url.replace('http://', '') } });
  });

  it('refuses, without a request, a private address the store owner did not allow', async () => {
    const before = received.length;
    expect(await sendWebhook({ ...settings(), allowPrivate: false }, payload, options)).toEqual({
      status: 'failed',
      reason: 'http:// is not allowed: expected an https:// URL',
    });
    const https = { url: base.replace('http:', 'https:'), secret };
    expect(await sendWebhook(https, payload, options)).toMatchObject({
      status: 'failed',
      reason: expect.stringMatching(/^127\.0\.0\.1 is a loopback address: expected a public address/),
    });
    expect(received.length).toBe(before);
  });

  it('retries when the host does not resolve (DNS may come back)', async () => {
    const resolve = async () => {
      throw new Error('queryA ETIMEOUT hooks.example.com');
    };
    expect(
      await sendWebhook({ url: 'https://hooks.example.com/x', secret }, payload, { ...options, resolve }),
    ).toEqual({
      status: 'retry',
      reason: 'hooks.example.com does not resolve: queryA ETIMEOUT hooks.example.com',
    });
  });
});

describe('the webhook over TLS to a pinned address', () => {
  // A certificate for hooks.example.test from a test CA (test/fixtures/tls, valid for a century)
  const tls = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));
  let httpsServer: ReturnType<typeof createHttpsServer>;
  let port: number;
  const servernames: (string | false | null)[] = [];
  beforeAll(async () => {
    httpsServer = createHttpsServer(
      { key: tls('hooks.key'), cert: tls('hooks.pem') },
      (request, response) => {
        servernames.push((request.socket as TLSSocket).servername);
        request.resume();
        request.on('end', () => response.writeHead(200).end());
      },
    );
    await new Promise<void>((resolve) => httpsServer.listen(0, '127.0.0.1', resolve));
    port = (httpsServer.address() as AddressInfo).port;
  });
  afterAll(
    () =>
      new Promise<void>((resolve) => {
        httpsServer.closeAllConnections();
        httpsServer.close(() => resolve());
      }),
  );
  const resolve = async () => [{ address: '127.0.0.1', family: 4 }];

  it('still checks the certificate against the host name, which it sends as SNI', async () => {
    const url = `https://hooks.example.test:${port}/hook`;
    const options_ = { ...options, resolve, ca: tls('ca.pem') };
    expect(await sendWebhook({ url, secret, allowPrivate: true }, payload, options_)).toEqual({
      status: 'sent',
      providerId: '',
    });
    expect(servernames).toEqual(['hooks.example.test']);
    // The same server under another name: the certificate does not match, nothing is posted
    const other = `https://other.example.test:${port}/hook`;
    expect(await sendWebhook({ url: other, secret, allowPrivate: true }, payload, options_)).toMatchObject({
      status: 'retry',
      reason: expect.stringContaining("Hostname/IP does not match certificate's altnames"),
    });
    expect(servernames).toHaveLength(1);
  });
});

describe('the webhook adapter', () => {
  it('sends the outbox message as the payload', async () => {
    const message: OutboxMessage = {
      storeId: 3 as StoreId,
      id: 9,
      messageId: 'lk-3-9',
      customerId: 77 as CustomerId,
      channel: 'webhook',
      messageClass: 'transactional',
      recipient: 'store-webhook',
      content: { event: 'tier.changed', tier: '金卡' },
      attempts: 1,
    };
    const adapter = webhookAdapter(settings(), options);
    expect(adapter.lookup).toBeUndefined();
    expect(await adapter.send(message)).toMatchObject({ status: 'sent' });
    expect(JSON.parse(received.at(-1)!.body)).toEqual({
      id: 'lk-3-9',
      store: 3,
      customer: 77,
      channel: 'webhook',
      content: { event: 'tier.changed', tier: '金卡' },
      sentAt: '2026-11-11T04:00:00.000Z',
    });
    expect(received.at(-1)!.headers['x-laoke-id']).toBe('lk-3-9');
  });
});

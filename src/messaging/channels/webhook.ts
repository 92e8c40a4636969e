import { createHmac, timingSafeEqual } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ChannelAdapter, OutboxMessage } from '../dispatcher.js';
import { checkWebhookUrl, type UrlPolicy, type WebhookTarget } from '../ssrf.js';
import type { SendOutcome } from './outcome.js';

// A signed webhook: a JSON POST to the store's own server. The receiver checks
// `x-laoke-signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>` and the timestamp's
// age (a replayed request is stale), and deduplicates by `x-laoke-id`: a request whose answer was
// lost is posted again (at least once; a receiver cannot be asked what it received). The URL is
// checked against SSRF at each send (src/messaging/ssrf.ts) and the request connects to the
// address that was checked. Redirects are not followed: they could lead anywhere.

export interface WebhookSettings {
  readonly url: string;
  readonly secret: string;
  /** The store owner allows private addresses (and http): see src/messaging/ssrf.ts. */
  readonly allowPrivate?: boolean;
}

export interface WebhookOptions {
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly resolve?: UrlPolicy['resolve'];
  /** Certificate authorities to trust instead of the system's (tests). */
  readonly ca?: string | Buffer;
}

export interface WebhookPayload {
  readonly id: string;
  readonly store: number;
  readonly customer: number | null;
  readonly channel: string;
  readonly content: Readonly<Record<string, unknown>>;
  /** ISO 8601, UTC. */
  readonly sentAt: string;
}

/** The x-laoke-signature of a body sent at `timestamp` (Unix seconds). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/**
 * For receivers: whether a request is ours and fresh. `body` is the raw body as received; a
 * timestamp more than `toleranceSeconds` from `now` (epoch ms) is stale, which stops replays.
 */
export function verifyWebhookSignature(
  secret: string,
  request: {
    readonly signature: string | undefined;
    readonly timestamp: string | undefined;
    readonly body: string;
  },
  now: number,
  toleranceSeconds = 300,
): 'ok' | 'bad-signature' | 'stale' {
  const timestamp = Number(request.timestamp);
  if (!request.signature || !Number.isInteger(timestamp)) return 'bad-signature';
  const expected = Buffer.from(webhookSignature(secret, timestamp, request.body));
  const given = Buffer.from(request.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad-signature';
  return Math.abs(now / 1000 - timestamp) > toleranceSeconds ? 'stale' : 'ok';
}

/** Posts to the vetted address; resolves to the status, or a reason when there was no answer. */
function post(
  target: WebhookTarget,
  headers: Record<string, string>,
  body: string,
  options: { readonly timeoutMs: number; readonly ca?: string | Buffer | undefined },
): Promise<{ status: number; location?: string } | { error: string }> {
  // The connection goes to the checked address, whatever DNS says now; TLS still checks the
  // certificate against the host name.
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const request = send(
      target.url,
      {
        method: 'POST',
        headers,
        lookup: pinned,
        agent: false,
        signal: AbortSignal.timeout(options.timeoutMs),
        ...(options.ca ? { ca: options.ca } : {}),
      },
      (response: IncomingMessage) => {
        response.resume(); // the receiver's body is not ours to read
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            ...(response.headers.location ? { location: response.headers.location } : {}),
          }),
        );
        response.on('error', (error) => resolve({ error: error.message }));
      },
    );
    request.on('error', (error) => resolve({ error: error.message }));
    request.end(body);
  });
}

/** Sends one payload to the store's webhook. */
export async function sendWebhook(
  settings: WebhookSettings,
  payload: WebhookPayload,
  options: WebhookOptions = {},
): Promise<SendOutcome> {
  const check = await checkWebhookUrl(settings.url, {
    ...(settings.allowPrivate ? { allowPrivate: true } : {}),
    ...(options.resolve ? { resolve: options.resolve } : {}),
  });
  if (!check.ok) return { status: check.kind === 'unresolved' ? 'retry' : 'failed', reason: check.reason };
  const timestamp = Math.floor((options.now ?? Date.now)() / 1000);
  const body = JSON.stringify(payload);
  const answer = await post(
    check.target,
    {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Laoke-Webhook/1',
      'x-laoke-id': payload.id,
      'x-laoke-timestamp': String(timestamp),
      'x-laoke-signature': webhookSignature(settings.secret, timestamp, body),
    },
    body,
    { timeoutMs: options.timeoutMs ?? 10_000, ca: options.ca },
  );
  if ('error' in answer) return { status: 'retry', reason: `no answer: ${answer.error}` };
  const { status } = answer;
  if (status >= 200 && status < 300) return { status: 'sent', providerId: '' };
  if (status === 408 || status === 429 || status >= 500) return { status: 'retry', reason: `HTTP ${status}` };
  if (status >= 300 && status < 400)
    return {
      status: 'failed',
      reason: `HTTP ${status}: redirects are not followed (to ${answer.location ?? '?'})`,
    };
  return { status: 'failed', reason: `HTTP ${status}` };
}

/** The dispatcher's webhook adapter: content is any JSON object. No lookup (at least once). */
export function webhookAdapter(settings: WebhookSettings, options: WebhookOptions = {}): ChannelAdapter {
  const now = options.now ?? Date.now;
  return {
    send: (message: OutboxMessage) =>
      sendWebhook(
        settings,
        {
          id: message.messageId,
          store: message.storeId,
          customer: message.customerId,
          channel: message.channel,
          content: message.content,
          sentAt: new Date(now()).toISOString(),
        },
        { ...options, now },
      ),
  };
}

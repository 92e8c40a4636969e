import type { ChannelAdapter, OutboxMessage } from '../dispatcher.js';
import type { SendOutcome } from './outcome.js';

// Twilio Programmable Messaging: POST …/Accounts/{AccountSid}/Messages.json, HTTP Basic auth.
// Twilio does not deduplicate: a request retried after its answer was lost sends the SMS again,
// so a message in doubt is looked up before it is resent. Twilio keeps no reference of ours
// (nothing like Aliyun's OutId): our id rides in the StatusCallback URL (`?m=<id>`), so delivery
// receipts find the message, but the list API does not return that URL. The lookup therefore
// matches on what it does return: the same recipient, the exact same body, created no earlier than
// the first attempt (no DateSent filter: a message still queued at Twilio has no date_sent).
// Its limits, honestly:
// - a message is told from another only by its text: a message in doubt is taken as sent when
//   the same text went to the same number since `sentAfter` (the adapter reads back a day), so a
//   second identical notice within that window, if its own send was lost, is never sent;
// - a body Twilio altered (a trial account's prefix) is not found, so it is sent again;
// - a recipient with more messages since the first attempt than `maxLookupPages` pages hold is
//   not concluded (`retry`), so the message ends failed after its attempts rather than twice.

export interface TwilioSettings {
  readonly accountSid: string;
  readonly authToken: string;
  /** A sender number (E.164) … */
  readonly from?: string;
  /** … or a Messaging Service, which picks the sender. */
  readonly messagingServiceSid?: string;
  /** Where Twilio posts delivery receipts; our message id is added as `m`. */
  readonly statusCallback?: string;
}

export interface TwilioOptions {
  readonly endpoint?: string;
  readonly timeoutMs?: number;
  readonly maxLookupPages?: number;
}

export interface TwilioSmsMessage {
  readonly messageId: string;
  /** E.164, e.g. +8613800138000. */
  readonly to: string;
  readonly body: string;
}

export interface TwilioSms {
  send(message: TwilioSmsMessage): Promise<SendOutcome>;
  /** Whether Twilio has a message of this body to `to` created at or after `sentAfter` (epoch ms). */
  lookup(message: TwilioSmsMessage, sentAfter: number): Promise<'sent' | 'unknown' | 'retry'>;
}

/** Twilio error codes no retry will change: the number, the sender, the content. */
const PERMANENT: Readonly<Record<number, string>> = {
  21211: 'invalid "To" number',
  21408: 'no permission to send to this region',
  21612: 'this sender cannot reach this number',
  21614: 'not a mobile number',
  21606: 'the "From" number cannot send SMS',
  21617: 'the body is too long',
};

/** How Twilio's answer to a create ends the attempt. */
export function classifyTwilioAnswer(status: number, body: Record<string, unknown>): SendOutcome {
  const code = typeof body.code === 'number' ? body.code : undefined;
  const detail = `${code ?? `HTTP ${status}`}: ${String(body.message ?? '')}`;
  if (status >= 200 && status < 300 && typeof body.sid === 'string')
    return { status: 'sent', providerId: body.sid };
  if (status === 429 || status >= 500 || status === 408) return { status: 'retry', reason: detail };
  if (status === 401) return { status: 'failed', reason: `Twilio refused the credentials (${detail})` };
  if (code === 21610) return { status: 'failed', reason: `opted out: ${detail}` };
  if (code !== undefined && PERMANENT[code])
    return { status: 'failed', reason: `${PERMANENT[code]} (${detail})` };
  if (status >= 400) return { status: 'failed', reason: detail };
  return { status: 'retry', reason: `unexpected answer (${detail})` };
}

export function createTwilioSms(settings: TwilioSettings, options: TwilioOptions = {}): TwilioSms {
  const base = `${(options.endpoint ?? 'https://api.twilio.com').replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}`;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxPages = options.maxLookupPages ?? 5;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString('base64')}`;

  async function call(
    url: string,
    body?: URLSearchParams,
  ): Promise<{ status: number; json: Record<string, unknown> } | { error: string }> {
    try {
      const response = await fetch(url, {
        method: body ? 'POST' : 'GET',
        headers: {
          authorization,
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(body ? { body: body.toString() } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let json: Record<string, unknown> = {};
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        // A proxy's HTML error page: the status alone decides
      }
      return { status: response.status, json };
    } catch (error) {
      return { error: `no answer: ${(error as Error).message}` };
    }
  }

  return {
    async send(message) {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      if (settings.messagingServiceSid) form.set('MessagingServiceSid', settings.messagingServiceSid);
      else if (settings.from) form.set('From', settings.from);
      else
        return { status: 'failed', reason: 'Twilio needs a sender: a "From" number or a Messaging Service' };
      if (settings.statusCallback) {
        const callback = new URL(settings.statusCallback);
        callback.searchParams.set('m', message.messageId);
        form.set('StatusCallback', callback.toString());
      }
      const answer = await call(`${base}/Messages.json`, form);
      if ('error' in answer) return { status: 'retry', reason: answer.error };
      return classifyTwilioAnswer(answer.status, answer.json);
    },

    async lookup(message, sentAfter) {
      // No DateSent filter: a message still queued at Twilio has no date_sent yet and would be
      // missed, then sent twice. The list comes newest first; we read until it is older.
      const since = Math.floor(sentAfter / 1000) * 1000; // date_created has whole seconds
      let url: string | null =
        `${base}/Messages.json?${new URLSearchParams({ To: message.to, PageSize: '1000' })}`;
      for (let page = 0; url && page < maxPages; page += 1) {
        const answer = await call(url);
        if ('error' in answer || answer.status !== 200) return 'retry';
        const messages = (answer.json.messages ?? []) as Record<string, unknown>[];
        const created = (m: Record<string, unknown>) => Date.parse(String(m.date_created));
        const found = messages.some(
          (m) =>
            m.to === message.to &&
            m.body === message.body &&
            m.direction !== 'inbound' &&
            created(m) >= since,
        );
        if (found) return 'sent';
        if (messages.length > 0 && messages.every((m) => created(m) < since)) return 'unknown';
        const next = answer.json.next_page_uri;
        url = typeof next === 'string' && next ? new URL(next, base).toString() : null;
      }
      return url ? 'retry' : 'unknown';
    },
  };
}

/**
 * The dispatcher's Twilio adapter: content `{ text }` (the rendered SMS), recipient in E.164. An
 * outbox message does not carry the time of its first attempt, so the lookup reads back
 * `lookbackMs` (default a day: more than ten attempts of backoff and a long outage).
 */
export function twilioAdapter(
  settings: TwilioSettings,
  options: TwilioOptions & { readonly now?: () => number; readonly lookbackMs?: number } = {},
): ChannelAdapter {
  const sms = createTwilioSms(settings, options);
  const now = options.now ?? Date.now;
  const lookbackMs = options.lookbackMs ?? 86_400_000;
  const toSms = (message: OutboxMessage): TwilioSmsMessage | null =>
    typeof message.content.text === 'string' && message.content.text !== ''
      ? { messageId: message.messageId, to: message.recipient, body: message.content.text }
      : null;
  return {
    send(message) {
      const outgoing = toSms(message);
      if (!outgoing) return Promise.resolve({ status: 'failed', reason: 'an SMS needs content { text }' });
      return sms.send(outgoing);
    },
    async lookup(message) {
      const outgoing = toSms(message);
      return outgoing ? sms.lookup(outgoing, now() - lookbackMs) : 'unknown';
    },
  };
}

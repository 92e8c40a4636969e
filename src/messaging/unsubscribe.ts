import { createHmac, timingSafeEqual } from 'node:crypto';

// The one-click unsubscribe link in every marketing email: a token naming the store, customer and
// channel, signed with the server key, so the link works without signing in and cannot be forged
// for another customer. It carries the message id too, for the audit trail of the opt-out.

export interface UnsubscribeClaim {
  readonly storeId: number;
  readonly customerId: number;
  readonly channel: 'email' | 'sms';
  readonly messageId: string;
}

const mac = (key: Buffer, body: string) =>
  createHmac('sha256', key).update(`unsubscribe:${body}`).digest().subarray(0, 16).toString('base64url');

export function unsubscribeToken(key: Buffer, claim: UnsubscribeClaim): string {
  const body = Buffer.from(
    JSON.stringify([claim.storeId, claim.customerId, claim.channel, claim.messageId]),
    'utf8',
  ).toString('base64url');
  return `${body}.${mac(key, body)}`;
}

/** The claim of a genuine token; null for one that was forged, altered or is malformed. */
export function readUnsubscribeToken(key: Buffer, token: string): UnsubscribeClaim | null {
  const [body, signature, ...rest] = token.split('.');
  if (!body || !signature || rest.length > 0) return null;
  const expected = Buffer.from(mac(key, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [storeId, customerId, channel, messageId] = JSON.parse(
      Buffer.from(body, 'base64url').toString('utf8'),
    );
    if (!Number.isInteger(storeId) || !Number.isInteger(customerId) || typeof messageId !== 'string')
      return null;
    if (channel !== 'email' && channel !== 'sms') return null;
    return { storeId, customerId, channel, messageId };
  } catch {
    return null;
  }
}

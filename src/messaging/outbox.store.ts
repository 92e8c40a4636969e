import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { allocateIds } from '../db/sequences.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { MessageClass } from './rules.js';

// The outbox's SQL. A message is queued in the transaction of whatever causes it (a campaign step,
// a test send), with an idempotency key per (source, customer, channel): running the same step
// twice queues nothing new. The suppression list holds the addresses a store may no longer message.

export const channels = ['sms', 'email', 'wecom', 'dingtalk', 'webhook', 'task', 'local'] as const;
export type Channel = (typeof channels)[number];

export interface NewMessage {
  readonly customerId: CustomerId | null;
  readonly channel: Channel;
  readonly messageClass: MessageClass;
  readonly source: string;
  readonly recipient: string;
  readonly content: Readonly<Record<string, unknown>>;
  /** Not before this instant (a scheduled send); now when absent. */
  readonly notBefore?: Instant;
}

export const idempotencyKey = (
  message: Pick<NewMessage, 'source' | 'customerId' | 'channel' | 'recipient'>,
) => `${message.source}|${message.customerId ?? `to:${message.recipient}`}|${message.channel}`;

/**
 * Queues messages in the caller's transaction; those whose key is already queued are skipped.
 * Returns how many were queued.
 */
export async function enqueueMessages(
  db: Db,
  storeId: StoreId,
  messages: readonly NewMessage[],
  now: Instant,
): Promise<number> {
  if (messages.length === 0) return 0;
  const keys = messages.map(idempotencyKey);
  const existing = new Set(
    (
      await db
        .selectFrom('messages')
        .select('idempotency_key')
        .where('store_id', '=', storeId)
        .where('idempotency_key', 'in', keys)
        .execute()
    ).map((row) => row.idempotency_key),
  );
  const fresh = messages.filter((_, i) => !existing.has(keys[i]!) && keys.indexOf(keys[i]!) === i);
  if (fresh.length === 0) return 0;
  const first = await allocateIds(db, storeId, 'messages', fresh.length);
  await db
    .insertInto('messages')
    .values(
      fresh.map((message, i) => ({
        store_id: storeId,
        id: first + i,
        customer_id: message.customerId,
        channel: message.channel,
        class: message.messageClass,
        source: message.source,
        idempotency_key: idempotencyKey(message),
        recipient: message.recipient,
        content: JSON.stringify(message.content),
        next_attempt_at: Math.max(now, message.notBefore ?? now) as Instant,
        created_at: now,
        updated_at: now,
      })),
    )
    // A concurrent transaction may have queued the same key since the check: skip it, not fail.
    .onConflict((conflict) => conflict.columns(['store_id', 'idempotency_key']).doNothing())
    .execute();
  return fresh.length;
}

/** A phone as its mainland digits (+86 and spaces dropped), an email in lower case. */
export function normaliseAddress(channel: Channel, address: string): string {
  const trimmed = address.trim();
  if (channel === 'sms') return trimmed.replace(/[\s-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (channel === 'email') return trimmed.toLowerCase();
  return trimmed;
}

export type SuppressionReason = 'reply' | 'unsubscribe' | 'bounce' | 'manual';

/** Adds an address to the store's suppression list for a channel (once; the first reason stays). */
export async function suppress(
  db: Db,
  storeId: StoreId,
  channel: Channel,
  address: string,
  reason: SuppressionReason,
  source: string | null,
  now: Instant,
): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({
      store_id: storeId,
      channel,
      address: normaliseAddress(channel, address),
      reason,
      source,
      created_at: now,
    })
    .onConflict((conflict) => conflict.columns(['store_id', 'channel', 'address']).doNothing())
    .execute();
}

/** Which of these addresses the store may not message on the channel (normalised forms). */
export async function suppressedAmong(
  db: Db,
  storeId: StoreId,
  channel: Channel,
  addresses: readonly string[],
): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const rows = await db
    .selectFrom('suppressions')
    .select('address')
    .where('store_id', '=', storeId)
    .where('channel', '=', channel)
    .where(
      'address',
      'in',
      addresses.map((a) => normaliseAddress(channel, a)),
    )
    .execute();
  return new Set(rows.map((row) => row.address));
}

/** Messages of a store by status, for the dispatcher's tests and the message log. */
export async function countByStatus(db: Db, storeId: StoreId): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('messages')
    .select(['status', sql<number>`count(*)`.as('n')])
    .where('store_id', '=', storeId)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

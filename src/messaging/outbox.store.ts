import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { BulkTarget } from '../db/dialect/bulk-insert.js';
import { inList } from '../db/dialect/in-list.js';
import { insertRows } from '../db/dialect/insert-rows.js';
import { dialectOf } from '../db/dialect/schema-ddl.js';
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

const messageColumns: BulkTarget = {
  table: 'messages',
  columns: [
    { name: 'store_id', pgType: 'int4' },
    { name: 'id', pgType: 'int4' },
    { name: 'customer_id', pgType: 'int4' },
    { name: 'channel', pgType: 'text' },
    { name: 'class', pgType: 'text' },
    { name: 'source', pgType: 'text' },
    { name: 'idempotency_key', pgType: 'text' },
    { name: 'recipient', pgType: 'text' },
    { name: 'content', pgType: 'text' },
    { name: 'next_attempt_at', pgType: 'int8' },
    { name: 'created_at', pgType: 'int8' },
    { name: 'updated_at', pgType: 'int8' },
  ],
};

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
        .where('idempotency_key', 'in', inList[dialectOf(db as never)](keys, 'text') as never)
        .execute()
    ).map((row) => row.idempotency_key),
  );
  const seen = new Set<string>();
  const fresh: number[] = [];
  keys.forEach((key, i) => {
    if (existing.has(key) || seen.has(key)) return;
    seen.add(key);
    fresh.push(i);
  });
  if (fresh.length === 0) return 0;
  const first = await allocateIds(db, storeId, 'messages', fresh.length);
  // A concurrent transaction may have queued the same key since the check: skip it, not fail.
  return insertRows(
    db,
    messageColumns,
    fresh.map((index, i) => {
      const message = messages[index]!;
      return [
        storeId,
        first + i,
        message.customerId,
        message.channel,
        message.messageClass,
        message.source,
        keys[index]!,
        message.recipient,
        JSON.stringify(message.content),
        Math.max(now, message.notBefore ?? now),
        now,
        now,
      ];
    }),
    { skipConflictsOn: ['store_id', 'idempotency_key'] },
  );
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

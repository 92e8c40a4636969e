import type { Selectable } from 'kysely';
import type { Database, Db } from '../db/database.js';
import { type ClaimedMessage, claimMessages } from '../db/dialect/claim-messages.js';
import { type MessageSettlement, settleMessages } from '../db/dialect/settle-messages.js';
import type { MessagesTable } from '../db/schema.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import { parseStoreSettings } from '../stores/settings.js';
import type { SendOutcome } from './channels/outcome.js';
import { type Channel, normaliseAddress } from './outbox.store.js';
import { paceFor, type RateLimit } from './rate-limit.js';
import {
  DEFAULT_CAP,
  DEFAULT_WINDOW,
  type FrequencyCap,
  frequencyCapCheck,
  nextSendingTime,
  type SendingWindow,
} from './rules.js';

// The dispatcher: claims due messages under a lease, applies the sending rules, and hands each to
// its channel exactly once. The protocol, for providers that do not deduplicate:
// 1. A claimed message is committed as `sending` (with our message id, which the provider keeps:
//    Aliyun's OutId, Tencent's SessionContext) before the provider is called.
// 2. An answer settles it: `sent` with the provider's id, or `failed` with the reason.
// 3. No clear answer (a timeout, a dropped connection, a 5xx, a rate limit): it stays `sending`,
//    its lease running out at the next attempt's time, so it comes back *in doubt*.
//    The outcomes of a batch are written together after it (a few statements per batch); until
//    then the whole batch is `sending` under the renewed lease, so a crash before that write
//    leaves the sent ones in doubt, to be found by the lookup below, never sent twice.
// 4. A message in doubt — this case, or a dispatcher that died holding it — is first looked up at
//    the provider by our id: found, it is `sent`; unknown, it is sent again. A channel without a
//    lookup (SMTP) is sent again: at least once, not exactly once.

export interface OutboxMessage {
  readonly storeId: StoreId;
  readonly id: number;
  readonly messageId: string;
  readonly customerId: CustomerId | null;
  readonly channel: Channel;
  readonly messageClass: 'marketing' | 'transactional';
  readonly recipient: string;
  readonly content: Record<string, unknown>;
  readonly attempts: number;
}

export interface ChannelAdapter {
  send(message: OutboxMessage): Promise<SendOutcome>;
  /** Whether the provider has our message (by our id): settles a message in doubt. */
  lookup?(message: OutboxMessage): Promise<'sent' | 'unknown' | 'retry'>;
  /**
   * The provider's rate limit: sends through this adapter object, from every store and batch in
   * this process, are paced to it (they wait their turn; none fails for it).
   */
  readonly rateLimit?: RateLimit;
}

/**
 * Where the dispatcher finds a channel's adapter: one set for every store (tests, the demo), or per
 * store and channel (the stores' own provider settings, src/messaging/channel-settings.ts).
 */
export type AdapterSource =
  | Partial<Record<Channel, ChannelAdapter>>
  | ((storeId: StoreId, channel: Channel) => Promise<ChannelAdapter | undefined>);

export interface DispatchOptions {
  readonly adapters: AdapterSource;
  readonly now: () => number;
  readonly leaseMs?: number;
  readonly batch?: number;
  /** Messages handed to providers at once. */
  readonly concurrency?: number;
  readonly maxAttempts?: number;
  readonly window?: SendingWindow;
  readonly cap?: FrequencyCap;
  readonly random?: () => number;
}

export interface DispatchCounts {
  claimed: number;
  sent: number;
  failed: number;
  retried: number;
  suppressed: number;
  deferred: number;
  /** Messages in doubt found at the provider (not sent again). */
  settled: number;
}

/** A message's id as providers see it: store and number, unique across stores. */
export const providerMessageId = (storeId: number, id: number) => `lk-${storeId}-${id}`;

const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 3_600_000;

/** Exponential backoff with full jitter: up to 2 s, 4 s, 8 s … one hour. */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

const toMessage = (row: Selectable<MessagesTable>): OutboxMessage => ({
  storeId: row.store_id,
  id: row.id,
  messageId: providerMessageId(row.store_id, row.id),
  customerId: row.customer_id,
  channel: row.channel as Channel,
  messageClass: row.class,
  recipient: row.recipient,
  content: JSON.parse(row.content) as Record<string, unknown>,
  attempts: row.attempts,
});

/** What the rules say of each marketing message of the batch: suppressed, deferred, or free to go. */
async function applyRules(
  db: Db,
  rows: readonly ClaimedMessage[],
  now: number,
  options: DispatchOptions,
): Promise<
  Map<
    number,
    { status: 'suppressed'; reason: string } | { status: 'deferred'; until: number; reason: string }
  >
> {
  const verdicts = new Map<
    number,
    { status: 'suppressed'; reason: string } | { status: 'deferred'; until: number; reason: string }
  >();
  const marketing = rows.filter((row) => row.class === 'marketing');
  if (marketing.length === 0) return verdicts;
  const key = (row: { store_id: number; id: number }) => row.store_id * 2 ** 32 + row.id;
  const storeIds = [...new Set(marketing.map((row) => row.store_id))];
  // Each store's time zone and its own window and cap (store settings), unless the caller fixes them
  const stores = new Map(
    (
      await db
        .selectFrom('stores')
        .select(['id', 'time_zone', 'settings'])
        .where('id', 'in', storeIds)
        .execute()
    ).map((s) => [s.id, { zone: s.time_zone, rules: parseStoreSettings(s.settings).messaging }]),
  );
  for (const storeId of storeIds) {
    const mine = marketing.filter((row) => row.store_id === storeId);
    const suppressed = await db
      .selectFrom('suppressions')
      .select(['channel', 'address'])
      .where('store_id', '=', storeId)
      .where(
        'address',
        'in',
        mine.map((row) => normaliseAddress(row.channel as Channel, row.recipient)),
      )
      .execute();
    const blocked = new Set(suppressed.map((s) => `${s.channel}|${s.address}`));
    const customerIds = [
      ...new Set(mine.flatMap((row) => (row.customer_id === null ? [] : [row.customer_id]))),
    ];
    const consent = new Map(
      customerIds.length === 0
        ? []
        : (
            await db
              .selectFrom('customers')
              .select(['id', 'consent_sms', 'consent_email'])
              .where('store_id', '=', storeId)
              .where('id', 'in', customerIds)
              .execute()
          ).map((c) => [c.id, c]),
    );
    const rules = stores.get(storeId)?.rules;
    const cap = options.cap ?? (rules ? rules.frequencyCap : DEFAULT_CAP);
    const window = options.window ?? (rules ? rules.quietHours : DEFAULT_WINDOW);
    const recent = new Map<number, number[]>();
    if (customerIds.length > 0) {
      const sends = await db
        .selectFrom('messages')
        .select(['customer_id', 'sent_at'])
        .where('store_id', '=', storeId)
        .where('customer_id', 'in', customerIds)
        .where('class', '=', 'marketing')
        .where('status', 'in', ['sent', 'delivered'])
        .where('sent_at', '>', (now - cap.days * 86_400_000) as never)
        .execute();
      for (const send of sends) {
        const list = recent.get(send.customer_id!) ?? [];
        list.push(Number(send.sent_at));
        recent.set(send.customer_id!, list);
      }
    }
    for (const row of mine) {
      const channel = row.channel as Channel;
      if (blocked.has(`${channel}|${normaliseAddress(channel, row.recipient)}`)) {
        verdicts.set(key(row), { status: 'suppressed', reason: 'on the suppression list (opted out)' });
        continue;
      }
      const customer = row.customer_id === null ? undefined : consent.get(row.customer_id);
      const refused =
        (channel === 'sms' && customer?.consent_sms === 0) ||
        (channel === 'email' && customer?.consent_email === 0);
      if (refused) {
        verdicts.set(key(row), { status: 'suppressed', reason: `no consent for ${channel}` });
        continue;
      }
      const zone = stores.get(row.store_id)?.zone ?? 'Asia/Shanghai';
      const allowedAt = nextSendingTime(now, zone, 'marketing', window);
      if (allowedAt > now) {
        verdicts.set(key(row), { status: 'deferred', until: allowedAt, reason: 'quiet hours' });
        continue;
      }
      if (row.customer_id !== null) {
        const check = frequencyCapCheck(recent.get(row.customer_id) ?? [], now, cap);
        if (!check.allowed) {
          verdicts.set(key(row), { status: 'deferred', until: check.freesAt, reason: 'frequency cap' });
          continue;
        }
        // This one counts against the customer's next messages in the same batch
        recent.set(row.customer_id, [...(recent.get(row.customer_id) ?? []), now]);
      }
    }
  }
  return verdicts;
}

/** Claims one batch of due messages and handles it; returns what happened. */
export async function dispatchOnce(database: Database, options: DispatchOptions): Promise<DispatchCounts> {
  const counts: DispatchCounts = {
    claimed: 0,
    sent: 0,
    failed: 0,
    retried: 0,
    suppressed: 0,
    deferred: 0,
    settled: 0,
  };
  const now = options.now();
  const leaseMs = options.leaseMs ?? 30_000;
  const rows = await claimMessages[database.dialect](database, {
    now,
    leaseUntil: now + leaseMs,
    limit: options.batch ?? 200,
  });
  counts.claimed = rows.length;
  if (rows.length === 0) return counts;
  const db = database.db;
  const verdicts = await applyRules(db, rows, now, options);
  const key = (row: { store_id: number; id: number }) => row.store_id * 2 ** 32 + row.id;
  const random = options.random ?? Math.random;
  const maxAttempts = options.maxAttempts ?? 10;

  // How each message ended, written in one go once the batch is handled (settleMessages). This is
  // safe under the in-doubt protocol: until that write, every message of the batch is still
  // `sending` under this dispatcher's lease (renewed below). If the process dies before the write,
  // the messages it had sent come back in doubt when the lease runs out and are looked up at the
  // provider by our id, not sent again; the write only records what the provider already has.
  const settlements: MessageSettlement[] = [];
  const settle = (
    row: { store_id: number; id: number },
    at: number,
    changes: Partial<Omit<MessageSettlement, 'storeId' | 'id' | 'at'>> & { status?: string },
  ) => {
    settlements.push({
      storeId: row.store_id,
      id: row.id,
      status: changes.status ?? 'sending',
      reason: changes.reason ?? null,
      leaseUntil: changes.leaseUntil ?? null,
      nextAttemptAt: changes.nextAttemptAt ?? null,
      providerId: changes.providerId ?? null,
      sentAt: changes.sentAt ?? null,
      attemptsBack: changes.attemptsBack ?? 0,
      at,
    });
  };

  async function handle(row: ClaimedMessage): Promise<void> {
    const verdict = verdicts.get(key(row));
    if (verdict?.status === 'suppressed') {
      counts.suppressed += 1;
      return settle(row, options.now(), { status: 'suppressed', reason: verdict.reason });
    }
    if (verdict?.status === 'deferred') {
      counts.deferred += 1;
      // Not an attempt: the count goes back
      return settle(row, options.now(), {
        status: 'deferred',
        nextAttemptAt: verdict.until,
        reason: verdict.reason,
        attemptsBack: 1,
      });
    }
    const adapter =
      typeof options.adapters === 'function'
        ? await options.adapters(row.store_id, row.channel as Channel)
        : options.adapters[row.channel as Channel];
    if (!adapter) {
      counts.failed += 1;
      return settle(row, options.now(), { status: 'failed', reason: `no ${row.channel} channel is set up` });
    }
    const message = toMessage(row);
    if (row.wasSending && adapter.lookup) {
      const found = await adapter.lookup(message);
      if (found === 'sent') {
        counts.settled += 1;
        return settle(row, options.now(), { status: 'sent', sentAt: options.now() });
      }
      if (found === 'retry') {
        counts.retried += 1;
        const at = options.now() + retryDelay(row.attempts, random);
        return settle(row, options.now(), {
          leaseUntil: at,
          nextAttemptAt: at,
          reason: 'in doubt; the provider did not answer the lookup',
        });
      }
    }
    await paceFor(adapter);
    const outcome = await adapter.send(message);
    const at = options.now();
    if (outcome.status === 'sent') {
      counts.sent += 1;
      return settle(row, at, { status: 'sent', providerId: outcome.providerId, sentAt: at });
    }
    if (outcome.status === 'failed') {
      counts.failed += 1;
      return settle(row, at, { status: 'failed', reason: outcome.reason });
    }
    if (row.attempts >= maxAttempts) {
      counts.failed += 1;
      return settle(row, at, {
        status: 'failed',
        reason: `gave up after ${row.attempts} attempts: ${outcome.reason}`,
      });
    }
    // No clear answer: in doubt until the next attempt, which looks the message up first.
    counts.retried += 1;
    const next = at + retryDelay(row.attempts, random);
    return settle(row, at, { leaseUntil: next, nextAttemptAt: next, reason: outcome.reason });
  }

  // While the batch is handled, the lease on its unsettled messages is renewed, so a slow provider
  // never lets another dispatcher take a message this one is still sending.
  let lease = now + leaseMs;
  const heartbeat = setInterval(
    () => {
      const renewed = options.now() + leaseMs;
      const held = lease;
      lease = renewed;
      void db
        .updateTable('messages')
        .set({ lease_until: renewed as never })
        .where('status', '=', 'sending')
        .where('lease_until', '=', held as never)
        .where((eb) =>
          eb.or(rows.map((row) => eb.and([eb('store_id', '=', row.store_id), eb('id', '=', row.id)]))),
        )
        .execute()
        .catch(() => undefined);
    },
    Math.max(1_000, leaseMs / 3),
  );
  const concurrency = Math.max(1, options.concurrency ?? 16);
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
        while (next < rows.length) await handle(rows[next++]!);
      }),
    );
  } finally {
    // Also when a handler threw: what was settled is recorded; the rest stays in doubt.
    try {
      await settleMessages[database.dialect](database, settlements);
    } finally {
      clearInterval(heartbeat);
    }
  }
  return counts;
}

export interface RunningDispatcher {
  /** Finishes the batch in hand, then stops. */
  stop(): Promise<void>;
  /** Resolves when stopped. */
  readonly done: Promise<void>;
}

/** Dispatches continuously: batch after batch while there is work, polling every `idleMs` when not. */
export function startDispatcher(
  database: Database,
  options: DispatchOptions & {
    readonly idleMs?: number;
    readonly onBatch?: (counts: DispatchCounts) => void;
  },
): RunningDispatcher {
  let stopping = false;
  let wake: (() => void) | null = null;
  const done = (async () => {
    while (!stopping) {
      const counts = await dispatchOnce(database, options);
      options.onBatch?.(counts);
      if (counts.claimed === 0 && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.idleMs ?? 250);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  })();
  return {
    done,
    async stop() {
      stopping = true;
      wake?.();
      await done;
    },
  };
}

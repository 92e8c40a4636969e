import { sql } from 'kysely';
import type { Database, DialectName, SqliteDatabase } from '../database.js';

// Recording how a batch of messages ended, in a few statements per batch instead of an UPDATE per
// message (one UPDATE per message held the SQLite dispatcher to ~1,100 messages/s; bench/README.md,
// "Messaging dispatch"). Every settlement sets status, reason, lease and updated_at; the provider's
// id, the sent time and the next attempt are left as they were where absent (null); a deferral
// gives its attempt back.
// - SQLite: one transaction of a prepared UPDATE run per message on the native handle, taken
//   through Kysely's connection so that no other Kysely query or transaction is open meanwhile.
//   In-process and synchronous, a run costs microseconds; one commit per batch.
// - PostgreSQL: one UPDATE … FROM unnest(arrays): a single round trip and statement per batch,
//   with ten parameters whatever the batch size.

export interface MessageSettlement {
  readonly storeId: number;
  readonly id: number;
  /** `sending` for a message left in doubt until its next attempt. */
  readonly status: string;
  readonly reason: string | null;
  readonly leaseUntil: number | null;
  /** Null: unchanged. */
  readonly nextAttemptAt: number | null;
  /** Null: unchanged. */
  readonly providerId: string | null;
  /** Null: unchanged. */
  readonly sentAt: number | null;
  /** 1 for a deferral, which is not an attempt: the claim's count goes back. */
  readonly attemptsBack: 0 | 1;
  readonly at: number;
}

type SettleMessages = (database: Database, settlements: readonly MessageSettlement[]) => Promise<void>;

const SETTLE_SQL = `update messages set status = ?, reason = ?, lease_until = ?,
  next_attempt_at = coalesce(?, next_attempt_at), provider_id = coalesce(?, provider_id),
  sent_at = coalesce(?, sent_at), attempts = attempts - ?, updated_at = ?
  where store_id = ? and id = ?`;

const statements = new WeakMap<object, (settlements: readonly MessageSettlement[]) => void>();

function sqliteWriter(database: SqliteDatabase) {
  let write = statements.get(database.sqlite);
  if (!write) {
    const update = database.sqlite.prepare(SETTLE_SQL);
    write = database.sqlite.transaction((settlements: readonly MessageSettlement[]) => {
      for (const s of settlements)
        update.run(
          s.status,
          s.reason,
          s.leaseUntil,
          s.nextAttemptAt,
          s.providerId,
          s.sentAt,
          s.attemptsBack,
          s.at,
          s.storeId,
          s.id,
        );
    });
    statements.set(database.sqlite, write);
  }
  return write;
}

const settleInOneTransaction: SettleMessages = async (database, settlements) => {
  if (database.dialect !== 'sqlite') throw new Error('needs SQLite');
  if (settlements.length === 0) return;
  const write = sqliteWriter(database);
  // Holding Kysely's one connection: no Kysely transaction is open, so this one is our own.
  await database.db.connection().execute(async () => write(settlements));
};

const settleWithUnnest: SettleMessages = async (database, settlements) => {
  if (settlements.length === 0) return;
  const column = <T>(pick: (s: MessageSettlement) => T) => settlements.map(pick);
  await sql`
    update messages m set status = v.status, reason = v.reason, lease_until = v.lease_until,
      next_attempt_at = coalesce(v.next_attempt_at, m.next_attempt_at),
      provider_id = coalesce(v.provider_id, m.provider_id), sent_at = coalesce(v.sent_at, m.sent_at),
      attempts = m.attempts - v.attempts_back, updated_at = v.at
    from unnest(${column((s) => s.storeId)}::int4[], ${column((s) => s.id)}::int4[],
      ${column((s) => s.status)}::text[], ${column((s) => s.reason)}::text[],
      ${column((s) => s.leaseUntil)}::int8[], ${column((s) => s.nextAttemptAt)}::int8[],
      ${column((s) => s.providerId)}::text[], ${column((s) => s.sentAt)}::int8[],
      ${column((s) => s.attemptsBack)}::int4[], ${column((s) => s.at)}::int8[])
      as v(store_id, id, status, reason, lease_until, next_attempt_at, provider_id, sent_at,
           attempts_back, at)
    where m.store_id = v.store_id and m.id = v.id`.execute(database.db);
};

/** Writes how each message of a batch ended, in one transaction. */
export const settleMessages = {
  sqlite: settleInOneTransaction,
  postgres: settleWithUnnest,
} satisfies Record<DialectName, SettleMessages>;

import type BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Database, DialectName } from '../database.js';
import type { MessagesTable } from '../schema.js';

// Claiming a batch of due messages for one dispatcher, so that two never take the same message.
// Due: queued or deferred whose time has come, or `sending` under a lease that has run out — a
// message in doubt (its dispatcher died, or the provider's answer was lost), to be settled first.
// Claimed messages are `sending` under this dispatcher's lease, attempts counted; `wasSending`
// says which were in doubt.
// - SQLite: BEGIN IMMEDIATE takes the one write lock before choosing, so choices cannot interleave.
// - PostgreSQL: FOR UPDATE SKIP LOCKED hands each dispatcher different rows without waiting.

export type ClaimedMessage = Selectable<MessagesTable> & { readonly wasSending: boolean };

export interface MessageClaim {
  readonly now: number;
  readonly leaseUntil: number;
  readonly limit: number;
}

type ClaimMessages = (database: Database, claim: MessageClaim) => Promise<ClaimedMessage[]>;

const claimStatements = new WeakMap<BetterSqlite3.Database, BetterSqlite3.Statement>();

function claimStatement(sqlite: BetterSqlite3.Database): BetterSqlite3.Statement {
  let statement = claimStatements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare(
      `update messages set status = 'sending', lease_until = ?, attempts = attempts + 1,
         updated_at = ? where store_id = ? and id = ?`,
    );
    claimStatements.set(sqlite, statement);
  }
  return statement;
}

const claimInImmediateTransaction: ClaimMessages = async (database, claim) => {
  if (database.dialect !== 'sqlite') throw new Error('needs SQLite');
  return database.db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const due = await connection
        .selectFrom('messages')
        .selectAll()
        // The first term is the due index's own condition: without it SQLite does not see that
        // the partial index applies, and scanned and sorted the whole table for every batch.
        .where('status', 'in', ['queued', 'deferred', 'sending'])
        .where((eb) =>
          eb.or([
            eb.and([
              eb('status', 'in', ['queued', 'deferred']),
              eb('next_attempt_at', '<=', claim.now as never),
            ]),
            eb.and([eb('status', '=', 'sending'), eb('lease_until', '<', claim.now as never)]),
          ]),
        )
        .orderBy('next_attempt_at')
        .limit(claim.limit)
        .execute();
      // A prepared statement on the native handle, which is this very connection (held, inside
      // the BEGIN IMMEDIATE): a Kysely UPDATE per row took a sixth of the dispatcher's CPU.
      const take = claimStatement(database.sqlite);
      for (const row of due) take.run(claim.leaseUntil, claim.now, row.store_id, row.id);
      await sql`commit`.execute(connection);
      return due.map((row) => ({
        ...row,
        wasSending: row.status === 'sending',
        status: 'sending',
        attempts: row.attempts + 1,
        lease_until: claim.leaseUntil as never,
      }));
    } catch (thrown) {
      await sql`rollback`.execute(connection);
      throw thrown;
    }
  });
};

const claimWithSkipLocked: ClaimMessages = async (database, claim) => {
  const result = await sql<ClaimedMessage & { was: string }>`
    with due as (
      select store_id, id, status as was from messages
      where status in ('queued', 'deferred', 'sending')
        and ((status in ('queued', 'deferred') and next_attempt_at <= ${claim.now})
          or (status = 'sending' and lease_until < ${claim.now}))
      order by next_attempt_at
      limit ${claim.limit}
      for update skip locked)
    update messages m set status = 'sending', lease_until = ${claim.leaseUntil},
      attempts = m.attempts + 1, updated_at = ${claim.now}
    from due where m.store_id = due.store_id and m.id = due.id
    returning m.*, due.was`.execute(database.db);
  return result.rows.map(({ was, ...row }) => ({ ...row, wasSending: was === 'sending' }));
};

export const claimMessages = {
  sqlite: claimInImmediateTransaction,
  postgres: claimWithSkipLocked,
} satisfies Record<DialectName, ClaimMessages>;

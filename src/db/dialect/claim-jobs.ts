import { sql } from 'kysely';
import type { Database, DialectName } from '../database.js';
import type { JobRow } from '../schema.js';

// Claiming the next due job, so that two workers never take the same one.
// - SQLite has one writer at a time: BEGIN IMMEDIATE takes the write lock before the job is
//   chosen, so the choice and the claim cannot interleave with another process's.
// - PostgreSQL lets workers run side by side: FOR UPDATE SKIP LOCKED hands each worker a
//   different row without waiting.
// A job is due when queued and its time has come, or when running under a lease that expired
// (its worker died): it is taken over and runs again (handlers make that safe, e.g. an import
// resumes from its checkpoint).

export interface Claim {
  readonly owner: string;
  readonly now: number;
  readonly leaseUntil: number;
  readonly kinds: readonly string[];
}

type ClaimJob = (database: Database, claim: Claim) => Promise<JobRow | undefined>;

const claimInImmediateTransaction: ClaimJob = async (database, claim) => {
  if (database.dialect !== 'sqlite') throw new Error('needs SQLite');
  return database.db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    try {
      const due = await connection
        .selectFrom('jobs')
        .select(['store_id', 'id'])
        .where('kind', 'in', claim.kinds)
        .where((eb) =>
          eb.or([
            eb.and([eb('state', '=', 'queued'), eb('run_after', '<=', claim.now as never)]),
            eb.and([eb('state', '=', 'running'), eb('lease_expires_at', '<', claim.now as never)]),
          ]),
        )
        .orderBy('run_after')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      let job: JobRow | undefined;
      if (due) {
        job = await connection
          .updateTable('jobs')
          .set((eb) => ({
            state: 'running',
            lease_owner: claim.owner,
            lease_expires_at: claim.leaseUntil as never,
            attempts: eb('attempts', '+', 1),
            updated_at: claim.now as never,
          }))
          .where('store_id', '=', due.store_id)
          .where('id', '=', due.id)
          .returningAll()
          .executeTakeFirst();
      }
      await sql`commit`.execute(connection);
      return job;
    } catch (thrown) {
      await sql`rollback`.execute(connection);
      throw thrown;
    }
  });
};

const claimWithSkipLocked: ClaimJob = async (database, claim) => {
  const result = await sql<JobRow>`
    update jobs set state = 'running', lease_owner = ${claim.owner}, lease_expires_at = ${claim.leaseUntil},
      attempts = attempts + 1, updated_at = ${claim.now}
    where (store_id, id) = (
      select store_id, id from jobs
      where kind = any(${claim.kinds as string[]}::text[])
        and ((state = 'queued' and run_after <= ${claim.now}) or (state = 'running' and lease_expires_at < ${claim.now}))
      order by run_after, id
      for update skip locked
      limit 1)
    returning *`.execute(database.db);
  return result.rows[0];
};

export const claimDueJob = {
  sqlite: claimInImmediateTransaction,
  postgres: claimWithSkipLocked,
} satisfies Record<DialectName, ClaimJob>;

import type { Db } from '../db/database.js';
import { allocateIds } from '../db/sequences.js';
import type { JobId, StoreId, UserId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

export interface NewJob {
  readonly kind: string;
  readonly payload: unknown;
  readonly createdBy: UserId | null;
  readonly maxAttempts?: number;
}

/** Queues a job; call it in the transaction that makes the work exist. */
export async function enqueueJob(db: Db, storeId: StoreId, job: NewJob, now: Instant): Promise<JobId> {
  const id = (await allocateIds(db, storeId, 'jobs')) as JobId;
  await db
    .insertInto('jobs')
    .values({
      store_id: storeId,
      id,
      kind: job.kind,
      payload: JSON.stringify(job.payload),
      state: 'queued',
      max_attempts: job.maxAttempts ?? 3,
      run_after: now,
      created_by: job.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export function findJob(db: Db, storeId: StoreId, jobId: JobId) {
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', jobId)
    .executeTakeFirst();
}

/** Progress and a lease extension from the worker that holds the job (and only from it). */
export async function reportProgress(
  db: Db,
  storeId: StoreId,
  jobId: JobId,
  owner: string,
  progress: { fraction: number; note: string | null; leaseUntil: Instant; now: Instant },
): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({
      progress: Math.max(0, Math.min(1, progress.fraction)),
      progress_note: progress.note,
      lease_expires_at: progress.leaseUntil,
      updated_at: progress.now,
    })
    .where('store_id', '=', storeId)
    .where('id', '=', jobId)
    .where('lease_owner', '=', owner)
    .where('state', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishJob(
  db: Db,
  storeId: StoreId,
  jobId: JobId,
  owner: string,
  outcome: { state: 'succeeded' | 'failed' | 'queued'; result?: unknown; error?: string; runAfter?: Instant },
  now: Instant,
) {
  await db
    .updateTable('jobs')
    .set({
      state: outcome.state,
      result: outcome.result === undefined ? null : JSON.stringify(outcome.result),
      error: outcome.error ?? null,
      progress: outcome.state === 'succeeded' ? 1 : undefined,
      run_after: outcome.runAfter,
      lease_owner: null,
      lease_expires_at: null,
      finished_at: outcome.state === 'queued' ? null : now,
      updated_at: now,
    })
    .where('store_id', '=', storeId)
    .where('id', '=', jobId)
    .where('lease_owner', '=', owner)
    .execute();
}

import { hostname } from 'node:os';
import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../context.js';
import { claimDueJob } from '../db/dialect/claim-jobs.js';
import type { JobRow } from '../db/schema.js';
import { LaokeError, toError } from '../shared/errors.js';
import { instant } from '../shared/time.js';
import { finishJob, reportProgress } from './jobs.store.js';

// Runs queued jobs: the server starts one worker in-process; `laoke worker` starts more on
// PostgreSQL. A job holds a lease that its handler's progress reports extend; a worker that dies
// lets the lease run out and another worker takes the job over.

export interface JobContext {
  readonly job: JobRow;
  /** Reports progress (0..1) and extends the lease; cheap to call often, written at most every second. */
  progress(fraction: number, note?: string): Promise<void>;
}

export type JobHandler = (ctx: AppContext, job: JobContext) => Promise<unknown>;

export interface WorkerOptions {
  readonly handlers: Readonly<Record<string, JobHandler>>;
  readonly pollMs?: number;
  readonly leaseMs?: number;
  readonly log?: Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>;
}

export interface RunningWorker {
  /** Stops claiming and waits (at most `waitMs`) for the job in hand to finish. */
  stop(waitMs?: number): Promise<void>;
  /** Claims and runs due jobs until none is left (for tests and the CLI); returns how many ran. */
  drain(): Promise<number>;
}

const RETRY_BASE_MS = 5_000;

export function startWorker(ctx: AppContext, options: WorkerOptions, autoStart = true): RunningWorker {
  const owner = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1_000;
  const kinds = Object.keys(options.handlers);
  let stopping = false;
  let current: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;

  async function runOne(): Promise<boolean> {
    const now = ctx.clock.now();
    const job = await claimDueJob[ctx.database.dialect](ctx.database, {
      owner,
      now,
      leaseUntil: now + leaseMs,
      kinds,
    });
    if (!job) return false;
    const handler = options.handlers[job.kind]!;
    let lastReport = 0;
    const jobContext: JobContext = {
      job,
      progress: async (fraction, note) => {
        const at = ctx.clock.now();
        if (at - lastReport < 1_000 && fraction < 1) return;
        lastReport = at;
        await reportProgress(ctx.database.db, job.store_id, job.id, owner, {
          fraction,
          note: note ?? null,
          leaseUntil: instant(at + leaseMs),
          now: at,
        });
      },
    };
    try {
      const result = await handler(ctx, jobContext);
      await finishJob(
        ctx.database.db,
        job.store_id,
        job.id,
        owner,
        { state: 'succeeded', result },
        ctx.clock.now(),
      );
    } catch (thrown) {
      const error = toError(thrown);
      // A LaokeError is the input's fault (a bad file): running it again changes nothing.
      const final = error instanceof LaokeError || job.attempts >= job.max_attempts;
      options.log?.[final ? 'error' : 'warn'](
        { err: error, jobId: job.id, storeId: job.store_id },
        'job failed',
      );
      const message = error instanceof LaokeError ? `${error.code}: ${error.message}` : error.message;
      await finishJob(
        ctx.database.db,
        job.store_id,
        job.id,
        owner,
        final
          ? { state: 'failed', error: message }
          : {
              state: 'queued',
              error: message,
              runAfter: instant(ctx.clock.now() + RETRY_BASE_MS * 2 ** (job.attempts - 1)),
            },
        ctx.clock.now(),
      );
    }
    return true;
  }

  const loop = async () => {
    if (stopping) return;
    try {
      current = (async () => {
        while (!stopping && (await runOne())) {
          // keep going while work is due
        }
      })();
      await current;
    } catch (thrown) {
      options.log?.error({ err: toError(thrown) }, 'job worker loop failed');
    }
    if (!stopping) timer = setTimeout(loop, pollMs);
  };
  if (autoStart) timer = setTimeout(loop, 0);

  return {
    async stop(waitMs = 10_000) {
      stopping = true;
      if (timer) clearTimeout(timer);
      // A long job is not waited for beyond `waitMs`: its lease runs out and another worker
      // (or this one after a restart) takes it over, resuming where it stopped.
      await Promise.race([
        current.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, waitMs).unref()),
      ]);
    },
    async drain() {
      let ran = 0;
      while (await runOne()) ran += 1;
      return ran;
    },
  };
}

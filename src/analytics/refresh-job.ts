import { systemActor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import { enqueueJob } from '../jobs/jobs.store.js';
import type { JobContext } from '../jobs/worker.js';
import { type LoyaltyRefresh, refreshLoyalty } from '../loyalty/refresh.js';
import type { JobId, StoreId, UserId } from '../shared/ids.js';
import { dayOfInstant } from './purchases.js';
import { type RefreshSummary, refreshAnalytics } from './refresh.js';

// Refreshes run as jobs: from the dashboard's button, after every import, and nightly, so the
// recency-based figures (R, lifecycle states) move with the calendar even without new orders.

export const ANALYTICS_REFRESH_JOB = 'analytics.refresh';

export type RefreshReason = 'manual' | 'import' | 'nightly';

export async function runAnalyticsRefreshJob(
  ctx: AppContext,
  context: JobContext,
): Promise<RefreshSummary & Partial<LoyaltyRefresh>> {
  const summary = await refreshAnalytics(ctx, context.job.store_id, (fraction, note) => {
    void context.progress(fraction, note);
  });
  // Membership tiers move with the same figures: upgrades and downgrades at every refresh.
  const loyalty = await refreshLoyalty(ctx, context.job.store_id, systemActor);
  return loyalty ? { ...summary, ...loyalty } : summary;
}

/** Queues a refresh of the store, unless one is already waiting (which then covers this one). */
export async function enqueueAnalyticsRefresh(
  ctx: AppContext,
  storeId: StoreId,
  createdBy: UserId | null,
  reason: RefreshReason,
): Promise<JobId> {
  const waiting = await ctx.database.db
    .selectFrom('jobs')
    .select('id')
    .where('store_id', '=', storeId)
    .where('kind', '=', ANALYTICS_REFRESH_JOB)
    .where('state', '=', 'queued')
    .executeTakeFirst();
  if (waiting) return waiting.id;
  return enqueueJob(
    ctx.database.db,
    storeId,
    { kind: ANALYTICS_REFRESH_JOB, payload: { reason }, createdBy, maxAttempts: 2 },
    ctx.clock.now(),
  );
}

/** The local hour after which the nightly refresh of a store is due. */
export const NIGHTLY_HOUR = 3;

/**
 * Queues the nightly refresh of every store whose latest refresh is older than today's
 * NIGHTLY_HOUR in the store's time zone (and it is past that hour). Returns the stores queued.
 */
export async function queueNightlyRefreshes(ctx: AppContext): Promise<StoreId[]> {
  const now = ctx.clock.now();
  const stores = await ctx.database.db
    .selectFrom('stores')
    .leftJoin('analysis_snapshots as s', (join) =>
      join.onRef('s.store_id', '=', 'stores.id').on('s.kind', '=', 'rfm'),
    )
    .select((eb) => ['stores.id', 'stores.time_zone', eb.fn.max('s.computed_at').as('last')])
    .groupBy(['stores.id', 'stores.time_zone'])
    .execute();
  const queued: StoreId[] = [];
  for (const store of stores) {
    const toDay = (at: number) => dayOfInstant(at, store.time_zone);
    // The instant of today's NIGHTLY_HOUR, local: shift now by the hours past it and compare days.
    const due = toDay(now - NIGHTLY_HOUR * 3_600_000);
    const last = store.last === null ? null : Number(store.last);
    if (last !== null && toDay(last - NIGHTLY_HOUR * 3_600_000) >= due) continue;
    const pending = await ctx.database.db
      .selectFrom('jobs')
      .select('id')
      .where('store_id', '=', store.id)
      .where('kind', '=', ANALYTICS_REFRESH_JOB)
      .where('state', 'in', ['queued', 'running'])
      .executeTakeFirst();
    if (pending) continue;
    await enqueueAnalyticsRefresh(ctx, store.id, null, 'nightly');
    queued.push(store.id);
  }
  return queued;
}

/** Checks every `everyMs` (default 10 minutes) for stores due a nightly refresh. */
export function startNightlyRefresh(
  ctx: AppContext,
  onError: (error: unknown) => void,
  everyMs = 600_000,
): { stop(): void } {
  const check = () => {
    queueNightlyRefreshes(ctx).catch(onError);
  };
  const timer = setInterval(check, everyMs);
  timer.unref();
  check();
  return { stop: () => clearInterval(timer) };
}

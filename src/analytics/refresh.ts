import type { AppContext } from '../context.js';
import { type BulkTarget, bulkSession } from '../db/dialect/bulk-insert.js';
import { scanNumbers } from '../db/dialect/scan-numbers.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { parseStoreSettings } from '../stores/settings.js';
import { findStoreById } from '../stores/stores.store.js';
import { analyzeCohorts } from './cohorts.js';
import {
  bucketCounts,
  GAP_BUCKETS,
  lifecycleStatesOf,
  lifecycleThresholds,
  NONE,
  purchaseCycle,
  purchaseShape,
  summarizeStates,
  transitionCounts,
} from './lifecycle.js';
import { analyzeNewOld } from './new-old.js';
import { analyzePareto } from './pareto.js';
import { dateOfDay, dayOfInstant, loadPurchases } from './purchases.js';
import { readBuyers, scoreBuyers } from './rfm-refresh.js';
import {
  type CohortsSnapshot,
  type LifecycleSnapshot,
  lifecycleSnapshotSchema,
  lifecycleStates,
  type NewOldSnapshot,
  type ParetoSnapshot,
} from './schemas.js';
import { latestSnapshot, saveSnapshot } from './snapshots.js';

// A full analytics refresh of one store: RFM from the roll-ups, then one read of every purchase
// for lifecycle, new vs old, cohorts and products. Each buyer's scores, state and spending rank
// replace their row in customer_scores (audiences select on them); each analysis keeps a snapshot.

export type RefreshProgress = (fraction: number, note: string) => void;

export interface RefreshSummary {
  readonly computedAt: number;
  readonly buyers: number;
  readonly purchases: number;
  readonly seconds: number;
}

const scoresTarget: BulkTarget = {
  table: 'customer_scores',
  columns: [
    { name: 'store_id', pgType: 'int4' },
    { name: 'customer_id', pgType: 'int4' },
    { name: 'recency_days', pgType: 'int4' },
    { name: 'rfm_r', pgType: 'int4' },
    { name: 'rfm_f', pgType: 'int4' },
    { name: 'rfm_m', pgType: 'int4' },
    { name: 'segment_cn', pgType: 'text' },
    { name: 'segment_en', pgType: 'text' },
    { name: 'computed_at', pgType: 'int8' },
    { name: 'lifecycle', pgType: 'text' },
    { name: 'value_rank', pgType: 'int4' },
    { name: 'is_core', pgType: 'int4' },
  ],
};

const WRITE_BATCH = 5_000;

/** Each buyer's lifecycle state at the last refresh (NONE if they had none), aligned with `ids`. */
async function previousStates(ctx: AppContext, storeId: StoreId, ids: Float64Array): Promise<Uint8Array> {
  const states = new Uint8Array(ids.length).fill(NONE);
  const cases = lifecycleStates.map((state, code) => `when '${state}' then ${code}`).join(' ');
  let at = 0;
  await scanNumbers(
    ctx.database,
    {
      sql: `select customer_id, case lifecycle ${cases} else ${NONE} end from customer_scores
            where store_id = ? order by customer_id`,
      params: [storeId],
      columns: 2,
    },
    (batch, rows) => {
      for (let r = 0; r < rows; r++) {
        const id = batch[r * 2]!;
        while (at < ids.length && ids[at]! < id) at += 1;
        if (at < ids.length && ids[at] === id) states[at] = batch[r * 2 + 1]!;
      }
    },
  );
  return states;
}

async function countNonBuyers(ctx: AppContext, storeId: StoreId): Promise<number> {
  const row = await ctx.database.db
    .selectFrom('customers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .where('merged_into_id', 'is', null)
    .where('order_count', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Recomputes every analysis of the store now; `onProgress` hears how far it is. */
export async function refreshAnalytics(
  ctx: AppContext,
  storeId: StoreId,
  onProgress: RefreshProgress = () => undefined,
): Promise<RefreshSummary> {
  const started = performance.now();
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  const settings = parseStoreSettings(store.settings);
  const now = ctx.clock.now();
  const today = dayOfInstant(now, store.time_zone);

  onProgress(0, 'buyers');
  const buyers = await readBuyers(ctx, storeId);
  const rfm = scoreBuyers(buyers, now, settings.rfm);
  const pareto = analyzePareto(buyers.columns.totalSpent);

  onProgress(0.1, 'purchases');
  const purchases = await loadPurchases(ctx, storeId, store.time_zone);
  onProgress(0.5, 'lifecycle');

  // Runs (customers with purchases, in id order) against buyers (roll-ups, in id order). They
  // match unless an import commits between the two reads; its customers are scored next time.
  const n = buyers.ids.length;
  const runOfBuyer = new Int32Array(n).fill(-1);
  for (let k = 0, b = 0; k < purchases.runStart.length - 1; k++) {
    const id = purchases.customerId[purchases.runStart[k]!]!;
    while (b < n && buyers.ids[b]! < id) b += 1;
    if (b < n && buyers.ids[b] === id) runOfBuyer[b] = k;
  }
  const cycle = purchaseCycle(purchases);
  const thresholds = lifecycleThresholds(cycle, settings.analytics);
  const runStates = lifecycleStatesOf(purchases, today, thresholds);
  const states = new Uint8Array(n).fill(NONE);
  for (let b = 0; b < n; b++) if (runOfBuyer[b]! >= 0) states[b] = runStates[runOfBuyer[b]!]!;
  const before = await previousStates(ctx, storeId, buyers.ids);
  const previous = await latestSnapshot(ctx.database.db, storeId, 'lifecycle', lifecycleSnapshotSchema);
  const shape = purchaseShape(purchases);
  const lifecycle: LifecycleSnapshot = {
    computedAt: now,
    asOf: dateOfDay(today),
    buyers: n,
    potential: await countNonBuyers(ctx, storeId),
    cycle: {
      gaps: cycle.gaps,
      repeatBuyers: cycle.repeatBuyers,
      medianDays: cycle.medianDays,
      p25Days: cycle.p25Days,
      p75Days: cycle.p75Days,
      p90Days: cycle.p90Days,
      meanDays: cycle.meanDays === null ? null : Math.round(cycle.meanDays * 10) / 10,
      histogram: bucketCounts(cycle.gapCounts, GAP_BUCKETS),
    },
    thresholds,
    states: summarizeStates(purchases, runStates),
    transitions: transitionCounts(
      before.filter((_, b) => states[b] !== NONE),
      states.filter((s) => s !== NONE),
    ),
    previousComputedAt: previous?.computedAt ?? null,
    ...shape,
  };
  onProgress(0.6, 'new vs old');
  const newOld: NewOldSnapshot = {
    computedAt: now,
    ...analyzeNewOld(purchases, today, settings.analytics.promotions),
  };
  const cohorts: CohortsSnapshot = { computedAt: now, cohorts: analyzeCohorts(purchases, today) };
  const { rank, ...paretoFigures } = pareto;
  const paretoSnapshot: ParetoSnapshot = { computedAt: now, ...paretoFigures };

  onProgress(0.75, 'saving');
  await bulkSession(ctx.database, async (session) => {
    await session.db.deleteFrom('customer_scores').where('store_id', '=', storeId).execute();
    for (let start = 0; start < n; start += WRITE_BATCH) {
      const rows = [];
      for (let i = start; i < Math.min(n, start + WRITE_BATCH); i++) {
        rows.push([
          storeId,
          buyers.ids[i]!,
          rfm.days[i]!,
          rfm.scores.r[i]!,
          rfm.scores.f[i]!,
          rfm.scores.m[i]!,
          rfm.cn[i]!,
          rfm.en[i]!,
          now,
          states[i] === NONE ? null : lifecycleStates[states[i]!]!,
          rank[i]!,
          rank[i]! <= pareto.coreCustomers ? 1 : 0,
        ]);
      }
      await session.insert(scoresTarget, rows);
      onProgress(0.75 + (0.25 * (start + WRITE_BATCH)) / Math.max(n, 1), 'saving');
    }
    await saveSnapshot(session.db, storeId, 'rfm', now, rfm.snapshot);
    await saveSnapshot(session.db, storeId, 'lifecycle', now, lifecycle);
    await saveSnapshot(session.db, storeId, 'new_old', now, newOld);
    await saveSnapshot(session.db, storeId, 'pareto', now, paretoSnapshot);
    await saveSnapshot(session.db, storeId, 'cohorts', now, cohorts);
  });
  onProgress(1, 'done');
  return {
    computedAt: now,
    buyers: n,
    purchases: purchases.count,
    seconds: (performance.now() - started) / 1000,
  };
}

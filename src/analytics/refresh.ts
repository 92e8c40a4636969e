import { sql } from 'kysely';
import type { AppContext } from '../context.js';
import { type BulkTarget, bulkSession } from '../db/dialect/bulk-insert.js';
import { scanNumbers } from '../db/dialect/scan-numbers.js';
import { DAYS_PER_UNIT } from '../predict/model.js';
import { buildPredictions, writePredictions } from '../predict/refresh.js';
import { predictionsSnapshotSchema } from '../predict/schemas.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
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
import { buildProductsSnapshot } from './products.js';
import { loadPurchaseLogs } from './purchase-log.js';
import { dateOfDay, dayOfInstant } from './purchases.js';
import { chineseSegments, englishSegments } from './rfm.js';
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
// (from the purchase logs, src/analytics/purchase-log.ts) for lifecycle, new vs old, cohorts, products
// and the predicted value (src/predict). Each buyer's scores, state and spending rank replace their
// row in customer_scores, their predictions their row in customer_predictions (audiences select on
// both); each analysis keeps a snapshot.

export type RefreshProgress = (fraction: number, note: string) => void;

export interface RefreshSummary {
  readonly computedAt: number;
  readonly buyers: number;
  readonly purchases: number;
  /** Purchase logs rebuilt from the orders (stale or new buyers). */
  readonly logsRebuilt: number;
  /** Buyers whose stored scores changed. */
  readonly scoresWritten: number;
  readonly seconds: number;
}

const scoresTarget: BulkTarget = {
  table: 'customer_scores',
  columns: [
    { name: 'store_id', pgType: 'int4' },
    { name: 'customer_id', pgType: 'int4' },
    { name: 'rfm_r', pgType: 'int4' },
    { name: 'rfm_f', pgType: 'int4' },
    { name: 'rfm_m', pgType: 'int4' },
    { name: 'segment_cn', pgType: 'text' },
    { name: 'segment_en', pgType: 'text' },
    { name: 'computed_at', pgType: 'int8' },
    { name: 'lifecycle', pgType: 'text' },
    { name: 'is_core', pgType: 'int4' },
  ],
};

const WRITE_BATCH = 5_000;

/** A buyer's stored scores, as numbers: R, F, M, segment codes, lifecycle code, core flag. */
const SCORE_FIELDS = 7;

function codeCase(column: string, values: readonly string[]): string {
  const literal = (value: string) => `'${value.replaceAll("'", "''")}'`; // Can't lose them
  return `case ${column} ${values.map((value, code) => `when ${literal(value)} then ${code}`).join(' ')} else ${NONE} end`;
}

/**
 * The stored scores of each buyer, aligned with `ids` (NONE where there are none), and the ids of
 * stored rows that belong to customers who are no longer buyers.
 */
async function previousScores(ctx: AppContext, storeId: StoreId, ids: Float64Array) {
  const scores = new Uint8Array(ids.length * SCORE_FIELDS).fill(NONE);
  const orphans: number[] = [];
  let at = 0;
  await scanNumbers(
    ctx.database,
    {
      sql: `select customer_id, rfm_r, rfm_f, rfm_m, ${codeCase('segment_cn', chineseSegments)},
                   ${codeCase('segment_en', englishSegments)}, ${codeCase('lifecycle', lifecycleStates)}, is_core
            from customer_scores where store_id = ? order by customer_id`,
      params: [storeId],
      columns: 1 + SCORE_FIELDS,
    },
    (batch, rows) => {
      for (let r = 0; r < rows; r++) {
        const base = r * (1 + SCORE_FIELDS);
        const id = batch[base]!;
        while (at < ids.length && ids[at]! < id) at += 1;
        if (at < ids.length && ids[at] === id) {
          for (let f = 0; f < SCORE_FIELDS; f++) scores[at * SCORE_FIELDS + f] = batch[base + 1 + f]!;
        } else orphans.push(id);
      }
    },
  );
  return { scores, orphans };
}

/**
 * Customers not merged away, counted from the partial index that holds exactly them: SQLite
 * otherwise walks a spend index and looks up every row (4 s for a million customers, against
 * 40 ms). PostgreSQL picks the index itself.
 */
async function countCustomers(ctx: AppContext, storeId: StoreId): Promise<number> {
  const from =
    ctx.database.dialect === 'sqlite' ? sql`customers indexed by customers_nick_idx` : sql`customers`;
  const result = await sql<{ n: number | string }>`
    select count(*) as n from ${from} where store_id = ${storeId} and merged_into_id is null`.execute(
    ctx.database.db,
  );
  return Number(result.rows[0]!.n);
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

  onProgress(0.05, 'purchases');
  const { purchases, rebuilt } = await loadPurchaseLogs(ctx, storeId, store.time_zone, buyers, (fraction) =>
    onProgress(0.05 + 0.45 * fraction, 'purchases'),
  );
  onProgress(0.5, 'lifecycle');

  // Each run (a customer's purchases) against its buyer (roll-ups, in id order). They match
  // unless an import commits between the two reads; its customers are scored next time.
  const n = buyers.ids.length;
  const buyerOfId = new Int32Array((n > 0 ? buyers.ids[n - 1]! : 0) + 1).fill(-1);
  for (let b = 0; b < n; b++) buyerOfId[buyers.ids[b]!] = b;
  const cycle = purchaseCycle(purchases);
  const thresholds = lifecycleThresholds(cycle, settings.analytics);
  const runStates = lifecycleStatesOf(purchases, today, thresholds);
  const states = new Uint8Array(n).fill(NONE);
  for (let k = 0; k < runStates.length; k++) {
    const id = purchases.customerId[purchases.runStart[k]!]!;
    const b = id < buyerOfId.length ? buyerOfId[id]! : -1;
    if (b >= 0) states[b] = runStates[k]!;
  }
  const before = await previousScores(ctx, storeId, buyers.ids);
  const beforeState = (b: number) => before.scores[b * SCORE_FIELDS + 5]!;
  const previous = await latestSnapshot(ctx.database.db, storeId, 'lifecycle', lifecycleSnapshotSchema);
  const shape = purchaseShape(purchases);
  const lifecycle: LifecycleSnapshot = {
    computedAt: now,
    asOf: dateOfDay(today),
    buyers: n,
    potential: Math.max(0, (await countCustomers(ctx, storeId)) - n),
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
      Uint8Array.from(states.keys(), beforeState).filter((_, b) => states[b] !== NONE),
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
  onProgress(0.65, 'products');
  const products = await buildProductsSnapshot(ctx, storeId, purchases, settings.analytics);
  onProgress(0.7, 'predictions');
  const predictions = buildPredictions(
    purchases,
    today,
    settings.predictions,
    now,
    await latestSnapshot(ctx.database.db, storeId, 'predictions', predictionsSnapshotSchema),
  );
  const { rank: _rank, ...paretoFigures } = pareto;
  const paretoSnapshot: ParetoSnapshot = { computedAt: now, ...paretoFigures };

  // Only the rows whose scores changed are rewritten: after the first refresh that is a few
  // percent of the buyers a night, not all of them.
  onProgress(0.75, 'saving');
  const cnCode = new Map(chineseSegments.map((segment, code) => [segment, code]));
  const enCode = new Map(englishSegments.map((segment, code) => [segment, code]));
  const changed: number[] = [];
  const fresh = new Uint8Array(SCORE_FIELDS); // reused: a million buyers, no array each
  for (let b = 0; b < n; b++) {
    fresh[0] = rfm.scores.r[b]!;
    fresh[1] = rfm.scores.f[b]!;
    fresh[2] = rfm.scores.m[b]!;
    fresh[3] = cnCode.get(rfm.cn[b]!)!;
    fresh[4] = enCode.get(rfm.en[b]!)!;
    fresh[5] = states[b]!;
    fresh[6] = pareto.rank[b]! <= pareto.coreCustomers ? 1 : 0;
    const offset = b * SCORE_FIELDS;
    for (let f = 0; f < SCORE_FIELDS; f++) {
      if (before.scores[offset + f] !== fresh[f]) {
        changed.push(b);
        break;
      }
    }
  }
  const rowOf = (b: number) => [
    storeId,
    buyers.ids[b]!,
    rfm.scores.r[b]!,
    rfm.scores.f[b]!,
    rfm.scores.m[b]!,
    rfm.cn[b]!,
    rfm.en[b]!,
    now,
    states[b] === NONE ? null : lifecycleStates[states[b]!]!,
    pareto.rank[b]! <= pareto.coreCustomers ? 1 : 0,
  ];
  const rewriteAll = changed.length > n / 2;
  await bulkSession(ctx.database, async (session) => {
    const scores = () => session.db.deleteFrom('customer_scores').where('store_id', '=', storeId);
    if (rewriteAll) await scores().execute();
    else {
      const drop = [...before.orphans, ...changed.map((b) => buyers.ids[b]!)];
      for (let start = 0; start < drop.length; start += WRITE_BATCH) {
        await scores()
          .where('customer_id', 'in', drop.slice(start, start + WRITE_BATCH) as CustomerId[])
          .execute();
      }
    }
    const written = rewriteAll ? Array.from(buyers.ids.keys()) : changed;
    for (let start = 0; start < written.length; start += WRITE_BATCH) {
      await session.insert(scoresTarget, written.slice(start, start + WRITE_BATCH).map(rowOf));
      onProgress(0.75 + (0.1 * (start + WRITE_BATCH)) / Math.max(written.length, 1), 'saving');
    }
    await writePredictions(
      session,
      storeId,
      predictions,
      DAYS_PER_UNIT[settings.predictions.unit],
      (fraction) => onProgress(0.85 + 0.1 * fraction, 'saving'),
    );
    if (predictions) await saveSnapshot(session.db, storeId, 'predictions', now, predictions.snapshot);
    await saveSnapshot(session.db, storeId, 'rfm', now, rfm.snapshot);
    await saveSnapshot(session.db, storeId, 'lifecycle', now, lifecycle);
    await saveSnapshot(session.db, storeId, 'new_old', now, newOld);
    await saveSnapshot(session.db, storeId, 'pareto', now, paretoSnapshot);
    await saveSnapshot(session.db, storeId, 'cohorts', now, cohorts);
    await saveSnapshot(session.db, storeId, 'products', now, products);
  });
  onProgress(1, 'done');
  return {
    computedAt: now,
    buyers: n,
    purchases: purchases.count,
    logsRebuilt: rebuilt,
    scoresWritten: changed.length,
    seconds: (performance.now() - started) / 1000,
  };
}

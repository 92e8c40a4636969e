import { z } from 'zod';
import type { AppContext } from '../context.js';
import { type BulkTarget, bulkSession } from '../db/dialect/bulk-insert.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { rfmSettingsSchema } from '../stores/settings.js';
import { parseStoreSettings } from '../stores/settings.js';
import { findStoreById } from '../stores/stores.store.js';
import {
  averageScores,
  chineseSegment,
  chineseSegments,
  englishSegment,
  englishSegments,
  type RfmCuts,
  type RfmMethod,
  recencyDays,
  type SegmentSummary,
  scoreRfm,
  summarizeSegments,
} from './rfm.js';
import { insertSnapshot, latestSnapshotResult } from './snapshots.store.js';

// An RFM refresh for one store: read the buyers' roll-ups (no scan of the orders: the roll-ups
// are kept by every import), score them, replace customer_scores, and keep a snapshot.

const CHUNK = 50_000;

export const rfmSnapshotSchema = z.object({
  computedAt: z.number().int(),
  buyers: z.number().int(),
  method: z.enum(['quintiles', 'thresholds']),
  cuts: z.object({
    recencyDays: z.array(z.number()),
    orders: z.array(z.number()),
    spent: z.array(z.number()).describe('fen'),
  }),
  reference: z.object({ r: z.number(), f: z.number(), m: z.number() }),
  chinese: z.array(
    z.object({
      segment: z.enum(chineseSegments),
      customers: z.number().int(),
      revenueShare: z.number(),
      averageR: z.number(),
      averageF: z.number(),
      averageM: z.number(),
    }),
  ),
  english: z.array(
    z.object({
      segment: z.enum(englishSegments),
      customers: z.number().int(),
      revenueShare: z.number(),
      averageR: z.number(),
      averageF: z.number(),
      averageM: z.number(),
    }),
  ),
});
export type RfmSnapshot = z.infer<typeof rfmSnapshotSchema>;

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
  ],
};

/** The buyers' roll-ups as columns, read a chunk at a time in id order. */
async function readBuyers(ctx: AppContext, storeId: StoreId) {
  let ids = new Float64Array(CHUNK);
  let last = new Float64Array(CHUNK);
  let orders = new Float64Array(CHUNK);
  let spent = new Float64Array(CHUNK);
  let n = 0;
  let after = 0;
  for (;;) {
    const rows = await ctx.database.db
      .selectFrom('customers')
      .select(['id', 'last_order_at', 'order_count', 'total_spent'])
      .where('store_id', '=', storeId)
      .where('id', '>', after as never)
      .where('order_count', '>', 0)
      .where('merged_into_id', 'is', null)
      .orderBy('id')
      .limit(CHUNK)
      .execute();
    if (rows.length === 0) break;
    if (n + rows.length > ids.length) {
      const grow = (array: Float64Array) => {
        const bigger = new Float64Array(array.length * 2);
        bigger.set(array);
        return bigger;
      };
      ids = grow(ids);
      last = grow(last);
      orders = grow(orders);
      spent = grow(spent);
    }
    for (const row of rows) {
      ids[n] = row.id;
      last[n] = Number(row.last_order_at);
      orders[n] = row.order_count;
      spent[n] = Number(row.total_spent);
      n += 1;
    }
    after = rows[rows.length - 1]!.id;
  }
  return {
    ids: ids.subarray(0, n),
    columns: {
      lastOrderAt: last.subarray(0, n),
      orderCount: orders.subarray(0, n),
      totalSpent: spent.subarray(0, n),
    },
  };
}

function methodOf(settings: z.infer<typeof rfmSettingsSchema>): RfmMethod {
  if (settings.method === 'quintiles') return { kind: 'quintiles' };
  const { recencyDays: days, orders, spentYuan } = settings.thresholds;
  const cuts: RfmCuts = {
    recencyDays: days,
    orders,
    spent: spentYuan.map((yuan) => Math.round(yuan * 100)) as unknown as RfmCuts['spent'],
  };
  return { kind: 'thresholds', cuts };
}

/** Scores every buyer of the store, replaces their scores and keeps a snapshot; returns it. */
export async function refreshRfm(ctx: AppContext, storeId: StoreId): Promise<RfmSnapshot> {
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  const settings = parseStoreSettings(store.settings).rfm;
  const now = ctx.clock.now();
  const { ids, columns } = await readBuyers(ctx, storeId);
  const scores = scoreRfm(columns, now, methodOf(settings));
  const average = averageScores(scores);
  const reference =
    settings.reference === 'average'
      ? average
      : { r: settings.reference, f: settings.reference, m: settings.reference };
  const days = recencyDays(columns, now);
  const n = ids.length;
  const cn = new Array<(typeof chineseSegments)[number]>(n);
  const en = new Array<(typeof englishSegments)[number]>(n);
  for (let i = 0; i < n; i++) {
    cn[i] = chineseSegment(scores.r[i]!, scores.f[i]!, scores.m[i]!, reference);
    en[i] = englishSegment(scores.r[i]!, scores.f[i]!, scores.m[i]!);
  }
  const round = <S extends string>(summary: SegmentSummary<S>[]) =>
    summary.map((s) => ({
      ...s,
      averageR: Math.round(s.averageR * 100) / 100,
      averageF: Math.round(s.averageF * 100) / 100,
      averageM: Math.round(s.averageM * 100) / 100,
    }));
  const snapshot: RfmSnapshot = {
    computedAt: now,
    buyers: n,
    method: settings.method,
    cuts: {
      recencyDays: [...scores.cuts.recencyDays],
      orders: [...scores.cuts.orders],
      spent: [...scores.cuts.spent],
    },
    reference,
    chinese: round(summarizeSegments(chineseSegments, (i) => cn[i]!, scores, columns.totalSpent)),
    english: round(summarizeSegments(englishSegments, (i) => en[i]!, scores, columns.totalSpent)),
  };

  await bulkSession(ctx.database, async (session) => {
    await session.db.deleteFrom('customer_scores').where('store_id', '=', storeId).execute();
    for (let start = 0; start < n; start += 5_000) {
      const rows = [];
      for (let i = start; i < Math.min(n, start + 5_000); i++) {
        rows.push([
          storeId,
          ids[i]!,
          days[i]!,
          scores.r[i]!,
          scores.f[i]!,
          scores.m[i]!,
          cn[i]!,
          en[i]!,
          now,
        ]);
      }
      await session.insert(scoresTarget, rows);
    }
    await insertSnapshot(session.db, storeId, 'rfm', now as Instant, snapshot);
  });
  return snapshot;
}

/** The newest RFM snapshot, or null before the first refresh. */
export async function latestRfm(ctx: AppContext, storeId: StoreId): Promise<RfmSnapshot | null> {
  const result = await latestSnapshotResult(ctx.database.db, storeId, 'rfm');
  return result === null ? null : rfmSnapshotSchema.parse(result);
}

import { z } from 'zod';
import type { AppContext } from '../context.js';
import { scanNumbers } from '../db/dialect/scan-numbers.js';
import type { StoreId } from '../shared/ids.js';
import type { rfmSettingsSchema } from '../stores/settings.js';
import type { BuyerRollups } from './purchase-log.js';
import {
  averageScores,
  chineseSegment,
  chineseSegments,
  englishSegment,
  englishSegments,
  type RfmColumns,
  type RfmCuts,
  type RfmMethod,
  type RfmScores,
  type SegmentSummary,
  scoreRfm,
  summarizeSegments,
} from './rfm.js';
import { latestSnapshot } from './snapshots.js';

// RFM for one store: read the buyers' roll-ups (no scan of the orders: the roll-ups are kept by
// every import) and score them. The refresh (refresh.ts) stores the scores and the snapshot.

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

/** The buyers' roll-ups as columns, in customer id order. */
export interface Buyers extends BuyerRollups {
  readonly columns: RfmColumns;
}

const BUYER_COLUMNS = 6;

export async function readBuyers(ctx: AppContext, storeId: StoreId): Promise<Buyers> {
  const columns = Array.from({ length: BUYER_COLUMNS }, () => new Float64Array(CHUNK));
  let n = 0;
  await scanNumbers(
    ctx.database,
    {
      sql: `select id, first_order_at, last_order_at, order_count, total_spent, item_count from customers
            where store_id = ? and order_count > 0 and merged_into_id is null order by id`,
      params: [storeId],
      columns: BUYER_COLUMNS,
    },
    (batch, rows) => {
      if (n + rows > columns[0]!.length) {
        for (let c = 0; c < BUYER_COLUMNS; c++) {
          const bigger = new Float64Array(columns[c]!.length * 2);
          bigger.set(columns[c]!);
          columns[c] = bigger;
        }
      }
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < BUYER_COLUMNS; c++) columns[c]![n] = batch[r * BUYER_COLUMNS + c]!;
        n += 1;
      }
    },
  );
  const [ids, first, last, orders, spent, items] = columns.map((column) => column.subarray(0, n)) as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  return {
    ids,
    firstOrderAt: first,
    lastOrderAt: last,
    orderCount: orders,
    totalSpent: spent,
    itemCount: items,
    columns: { lastOrderAt: last, orderCount: orders, totalSpent: spent },
  };
}

type RfmSettings = z.infer<typeof rfmSettingsSchema>;

function methodOf(settings: RfmSettings): RfmMethod {
  if (settings.method === 'quintiles') return { kind: 'quintiles' };
  const { recencyDays: days, orders, spentYuan } = settings.thresholds;
  const cuts: RfmCuts = {
    recencyDays: days,
    orders,
    spent: spentYuan.map((yuan) => Math.round(yuan * 100)) as unknown as RfmCuts['spent'],
  };
  return { kind: 'thresholds', cuts };
}

/** One buyer's RFM result, column by column (index = position in Buyers). */
export interface RfmResult {
  readonly snapshot: RfmSnapshot;
  readonly scores: RfmScores;
  readonly cn: (typeof chineseSegments)[number][];
  readonly en: (typeof englishSegments)[number][];
}

/** Scores every buyer with the store's settings and summarises the segments. */
export function scoreBuyers(
  buyers: Pick<Buyers, 'ids' | 'columns'>,
  now: number,
  settings: RfmSettings,
): RfmResult {
  const { columns } = buyers;
  const scores = scoreRfm(columns, now, methodOf(settings));
  const average = averageScores(scores);
  const reference =
    settings.reference === 'average'
      ? average
      : { r: settings.reference, f: settings.reference, m: settings.reference };
  const n = buyers.ids.length;
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
  return { snapshot, scores, cn, en };
}

/** The newest RFM snapshot, or null before the first refresh. */
export function latestRfm(ctx: AppContext, storeId: StoreId): Promise<RfmSnapshot | null> {
  return latestSnapshot(ctx.database.db, storeId, 'rfm', rfmSnapshotSchema);
}

import type { z } from 'zod';
import type { Db } from '../db/database.js';
import { allocateIds } from '../db/sequences.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

// Each refresh keeps its results per analysis as a JSON snapshot (analysis_snapshots), so the
// dashboard reads them without recomputing and RFM segments and lifecycle states can be followed
// from one refresh to the next.

export const snapshotKinds = [
  'rfm',
  'lifecycle',
  'new_old',
  'pareto',
  'cohorts',
  'products',
  'predictions',
] as const;
export type SnapshotKind = (typeof snapshotKinds)[number];

/**
 * How many snapshots of each kind are kept. RFM and lifecycle are small and show movement over
 * time (a year of nightly refreshes); the big series only need the latest and the one before.
 */
export const snapshotsKept: Readonly<Record<SnapshotKind, number>> = {
  rfm: 400,
  lifecycle: 400,
  new_old: 2,
  pareto: 2,
  cohorts: 2,
  products: 2,
  predictions: 60,
};

export async function saveSnapshot(
  db: Db,
  storeId: StoreId,
  kind: SnapshotKind,
  computedAt: number,
  result: unknown,
): Promise<void> {
  const id = await allocateIds(db, storeId, 'analysis_snapshots');
  await db
    .insertInto('analysis_snapshots')
    .values({
      store_id: storeId,
      id,
      kind,
      computed_at: computedAt as Instant,
      result: JSON.stringify(result),
    })
    .execute();
  const stale = await db
    .selectFrom('analysis_snapshots')
    .select('id')
    .where('store_id', '=', storeId)
    .where('kind', '=', kind)
    .orderBy('computed_at', 'desc')
    .orderBy('id', 'desc')
    .offset(snapshotsKept[kind])
    .limit(1_000)
    .execute();
  if (stale.length > 0) {
    await db
      .deleteFrom('analysis_snapshots')
      .where('store_id', '=', storeId)
      .where(
        'id',
        'in',
        stale.map((row) => row.id),
      )
      .execute();
  }
}

/** The newest snapshot of a kind, or null before the first refresh. */
export async function latestSnapshot<T>(
  db: Db,
  storeId: StoreId,
  kind: SnapshotKind,
  schema: z.ZodType<T>,
): Promise<T | null> {
  const [latest] = await snapshotHistory(db, storeId, kind, schema, 1);
  return latest ?? null;
}

/** The last `limit` snapshots of a kind, oldest first. */
export async function snapshotHistory<T>(
  db: Db,
  storeId: StoreId,
  kind: SnapshotKind,
  schema: z.ZodType<T>,
  limit: number,
): Promise<T[]> {
  const rows = await db
    .selectFrom('analysis_snapshots')
    .select('result')
    .where('store_id', '=', storeId)
    .where('kind', '=', kind)
    .orderBy('computed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((row) => schema.parse(JSON.parse(row.result)));
}

import type { Db } from '../db/database.js';
import { allocateIds } from '../db/sequences.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

// analysis_snapshots: one JSON result per refresh and kind (rfm, products, …), kept to show change.

export type SnapshotKind = 'rfm' | 'lifecycle' | 'new_old' | 'pareto' | 'cohorts' | 'products';

/** Keeps one result of a kind. */
export async function insertSnapshot(
  db: Db,
  storeId: StoreId,
  kind: SnapshotKind,
  computedAt: Instant,
  result: unknown,
): Promise<void> {
  const id = await allocateIds(db, storeId, 'analysis_snapshots');
  await db
    .insertInto('analysis_snapshots')
    .values({ store_id: storeId, id, kind, computed_at: computedAt, result: JSON.stringify(result) })
    .execute();
}

/** The newest result of a kind, parsed from JSON but not validated; null when there is none. */
export async function latestSnapshotResult(db: Db, storeId: StoreId, kind: SnapshotKind): Promise<unknown> {
  const row = await db
    .selectFrom('analysis_snapshots')
    .select('result')
    .where('store_id', '=', storeId)
    .where('kind', '=', kind)
    .orderBy('computed_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? JSON.parse(row.result) : null;
}

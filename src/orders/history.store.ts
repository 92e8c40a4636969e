import type { Db } from '../db/database.js';
import type { ImportRunId, StoreId } from '../shared/ids.js';

export function listRuns(db: Db, storeId: StoreId, limit: number, beforeId?: number) {
  let query = db.selectFrom('import_runs').selectAll().where('store_id', '=', storeId);
  if (beforeId !== undefined) query = query.where('id', '<', beforeId as never);
  return query.orderBy('id', 'desc').limit(limit).execute();
}

/** Rejected rows after a line, in line order (a page of the rejections download). */
export function listRejections(
  db: Db,
  storeId: StoreId,
  runId: ImportRunId,
  afterLine: number,
  limit: number,
) {
  return db
    .selectFrom('import_rejections')
    .select(['line', 'code', 'message', 'raw'])
    .where('store_id', '=', storeId)
    .where('import_run_id', '=', runId)
    .where('line', '>', afterLine)
    .orderBy('line')
    .limit(limit)
    .execute();
}

export async function rejectionCounts(
  db: Db,
  storeId: StoreId,
  runId: ImportRunId,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('import_rejections')
    .select((eb) => ['code', eb.fn.countAll<number>().as('n')])
    .where('store_id', '=', storeId)
    .where('import_run_id', '=', runId)
    .groupBy('code')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.code, Number(row.n)]));
}

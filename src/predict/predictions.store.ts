import type { Db } from '../db/database.js';
import type { CustomerPredictionsTable } from '../db/schema.js';
import type { CustomerId, StoreId } from '../shared/ids.js';

// Reading the stored predictions (written by src/predict/refresh.ts).

export type StoredPrediction = Omit<CustomerPredictionsTable, 'store_id'>;

/** One customer's predictions, or undefined for non-buyers and before the first refresh. */
export function findPrediction(db: Db, storeId: StoreId, customerId: CustomerId) {
  return db
    .selectFrom('customer_predictions')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}

/** The predictions of the customers among `ids` that have them, by customer id (ids sorted). */
export async function predictionsOf(
  db: Db,
  storeId: StoreId,
  ids: readonly CustomerId[],
): Promise<Map<number, StoredPrediction>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('customer_predictions')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('customer_id', '>=', ids[0]!)
    .where('customer_id', '<=', ids[ids.length - 1]!)
    .execute();
  return new Map(rows.map((row) => [row.customer_id, row]));
}

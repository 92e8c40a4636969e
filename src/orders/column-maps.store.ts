import type { Db } from '../db/database.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { type ColumnMap, columnMapSchema } from './formats/generic-map.js';

export async function listColumnMaps(
  db: Db,
  storeId: StoreId,
): Promise<{ name: string; map: ColumnMap; updatedAt: number }[]> {
  const rows = await db
    .selectFrom('import_column_maps')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('name')
    .execute();
  // A stored map that no longer parses (written by an older version) is skipped, not fatal.
  return rows.flatMap((row) => {
    const parsed = columnMapSchema.safeParse(JSON.parse(row.definition));
    return parsed.success ? [{ name: row.name, map: parsed.data, updatedAt: row.updated_at }] : [];
  });
}

export async function saveColumnMap(db: Db, storeId: StoreId, name: string, map: ColumnMap, now: Instant) {
  await db
    .insertInto('import_column_maps')
    .values({ store_id: storeId, name, definition: JSON.stringify(map), created_at: now, updated_at: now })
    .onConflict((conflict) =>
      conflict
        .columns(['store_id', 'name'])
        .doUpdateSet({ definition: JSON.stringify(map), updated_at: now }),
    )
    .execute();
}

export async function deleteColumnMap(db: Db, storeId: StoreId, name: string): Promise<boolean> {
  const result = await db
    .deleteFrom('import_column_maps')
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/dialect/errors.js';
import type { Schema } from '../db/schema.js';
import { allocateIds } from '../db/sequences.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';

// Saved audiences and the customers an audience's compiled `where` selects.

export interface SavedAudienceRow {
  readonly store_id: StoreId;
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly definition: string;
  readonly created_at: Instant;
  readonly created_by: string;
  readonly updated_at: Instant;
  readonly updated_by: string;
}

export type AudienceWhere = (eb: ExpressionBuilder<Schema, 'customers'>) => Expression<SqlBool>;

/** The store's live customers (not merged away, not erased) that the compiled audience selects. */
export function audienceCustomers(db: Db, storeId: StoreId, where: AudienceWhere) {
  return db
    .selectFrom('customers')
    .where('customers.store_id', '=', storeId)
    .where('customers.merged_into_id', 'is', null)
    .where('customers.erased_at', 'is', null)
    .where(where);
}

/** How many customers the audience holds. */
export async function countAudienceCustomers(
  db: Db,
  storeId: StoreId,
  where: AudienceWhere,
): Promise<number> {
  const row = await audienceCustomers(db, storeId, where)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listSavedAudiences(db: Db, storeId: StoreId): Promise<SavedAudienceRow[]> {
  return db.selectFrom('audiences').selectAll().where('store_id', '=', storeId).orderBy('name').execute();
}

export async function findSavedAudiences(
  db: Db,
  storeId: StoreId,
  ids: readonly number[],
): Promise<SavedAudienceRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('audiences')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', 'in', [...ids])
    .execute();
}

/** The saved audience, or audience.not_found (also for an id of another store). */
export async function getSavedAudience(db: Db, storeId: StoreId, id: number): Promise<SavedAudienceRow> {
  const [row] = await findSavedAudiences(db, storeId, [id]);
  if (!row) throw new LaokeError('audience.not_found', `No saved audience ${id} in this store.`, { id });
  return row;
}

const nameTaken = (name: string) =>
  new LaokeError('audience.name_taken', `An audience named "${name}" exists in this store.`, { name });

export async function insertSavedAudience(
  db: Db,
  storeId: StoreId,
  values: { name: string; description: string; definition: string; by: string; now: Instant },
): Promise<number> {
  const id = await allocateIds(db, storeId, 'audiences');
  try {
    await db
      .insertInto('audiences')
      .values({
        store_id: storeId,
        id,
        name: values.name,
        description: values.description,
        definition: values.definition,
        created_at: values.now,
        created_by: values.by,
        updated_at: values.now,
        updated_by: values.by,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(values.name);
    throw error;
  }
  return id;
}

export async function updateSavedAudience(
  db: Db,
  storeId: StoreId,
  id: number,
  values: { name?: string; description?: string; definition?: string; by: string; now: Instant },
): Promise<void> {
  try {
    await db
      .updateTable('audiences')
      .set({
        ...(values.name !== undefined ? { name: values.name } : {}),
        ...(values.description !== undefined ? { description: values.description } : {}),
        ...(values.definition !== undefined ? { definition: values.definition } : {}),
        updated_at: values.now,
        updated_by: values.by,
      })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error) && values.name !== undefined) throw nameTaken(values.name);
    throw error;
  }
}

export async function deleteSavedAudience(db: Db, storeId: StoreId, id: number): Promise<void> {
  await db.deleteFrom('audiences').where('store_id', '=', storeId).where('id', '=', id).execute();
}

/** A cheap pre-filter for "who refers to audience id": definitions whose text holds the number. */
export async function audiencesMentioning(db: Db, storeId: StoreId, id: number): Promise<SavedAudienceRow[]> {
  return db
    .selectFrom('audiences')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '<>', id)
    .where(sql`definition`, 'like', `%${id}%`)
    .execute();
}

/** Which of these campaign ids the store has (for "answered a campaign" conditions). */
export async function existingCampaigns(db: Db, storeId: StoreId, ids: readonly number[]): Promise<number[]> {
  const rows = await db
    .selectFrom('campaigns')
    .select('id')
    .where('store_id', '=', storeId)
    .where('id', 'in', ids)
    .execute();
  return rows.map((row) => row.id);
}

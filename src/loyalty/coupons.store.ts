import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { CouponBatchesTable, CouponRedemptionsTable } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { newCouponCode } from './coupons.js';

// The SQL of coupons: batches, codes, redemptions.

export type CouponBatchRow = Selectable<CouponBatchesTable>;
export type RedemptionRow = Selectable<CouponRedemptionsTable> & { order_number: string };

/** A batch, or coupon.batch_not_found. */
export async function findBatch(db: Db, storeId: StoreId, id: number): Promise<CouponBatchRow> {
  const row = await db
    .selectFrom('coupon_batches')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new LaokeError('coupon.batch_not_found', `No coupon batch ${id} in this store.`, { id });
  return row;
}

/**
 * Locks the batch row for the rest of the transaction (an update is a row lock on PostgreSQL and
 * the write lock on SQLite), so two issues of one batch count its stock one after the other.
 */
export async function lockBatch(
  trx: Db,
  storeId: StoreId,
  id: number,
  now: Instant,
): Promise<CouponBatchRow> {
  const locked = await trx
    .updateTable('coupon_batches')
    .set({ updated_at: now })
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(locked.numUpdatedRows) !== 1)
    throw new LaokeError('coupon.batch_not_found', `No coupon batch ${id} in this store.`, { id });
  return findBatch(trx, storeId, id);
}

/** Accepted redemptions per batch. */
export async function redeemedCounts(db: Db, storeId: StoreId): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('coupon_redemptions')
    .select(['batch_id', sql<number>`count(*)`.as('n')])
    .where('store_id', '=', storeId)
    .where('accepted', '=', 1)
    .groupBy('batch_id')
    .execute();
  return new Map(rows.map((r) => [r.batch_id, Number(r.n)]));
}

/** How many codes of a batch each of these customers holds. */
export async function codesHeld(
  trx: Db,
  storeId: StoreId,
  batchId: number,
  customers: readonly CustomerId[],
): Promise<Map<CustomerId, number>> {
  const held = new Map<CustomerId, number>();
  for (let start = 0; start < customers.length; start += 5_000) {
    const rows = await trx
      .selectFrom('coupon_codes')
      .select(['customer_id', sql<number>`count(*)`.as('n')])
      .where('store_id', '=', storeId)
      .where('batch_id', '=', batchId)
      .where('customer_id', 'in', customers.slice(start, start + 5_000))
      .groupBy('customer_id')
      .execute();
    for (const row of rows) if (row.customer_id !== null) held.set(row.customer_id, Number(row.n));
  }
  return held;
}

/**
 * Makes `count` new codes per customer. A fresh code that happens to exist already (at 59 bits,
 * practically never) is skipped by the unique key and drawn again.
 */
export async function insertCodes(
  trx: Db,
  storeId: StoreId,
  batchId: number,
  give: ReadonlyMap<CustomerId, number>,
  campaignId: number | null,
  now: Instant,
): Promise<number> {
  const owners: CustomerId[] = [];
  for (const [customer, n] of give) for (let i = 0; i < n; i += 1) owners.push(customer);
  let made = 0;
  for (let start = 0; start < owners.length; start += 1_000) {
    let pending = owners.slice(start, start + 1_000);
    while (pending.length > 0) {
      const rows = pending.map((customer) => ({
        store_id: storeId,
        code: newCouponCode(),
        batch_id: batchId,
        customer_id: customer,
        campaign_id: campaignId,
        issued_at: now,
        redeemed_at: null,
        order_id: null,
      }));
      const inserted = await trx
        .insertInto('coupon_codes')
        .values(rows)
        .onConflict((c) => c.columns(['store_id', 'code']).doNothing())
        .returning('code')
        .execute();
      made += inserted.length;
      const done = new Set(inserted.map((r) => r.code));
      pending = rows.filter((r) => !done.has(r.code)).map((r) => r.customer_id);
    }
  }
  return made;
}

/** Each customer's newest unredeemed code of a batch (what a campaign message carries). */
export async function openCodesOf(
  trx: Db,
  storeId: StoreId,
  batchId: number,
  customers: readonly CustomerId[],
): Promise<Map<CustomerId, string>> {
  const result = new Map<CustomerId, string>();
  for (let start = 0; start < customers.length; start += 5_000) {
    const rows = await trx
      .selectFrom('coupon_codes')
      .select(['customer_id', 'code', 'issued_at'])
      .where('store_id', '=', storeId)
      .where('batch_id', '=', batchId)
      .where('order_id', 'is', null)
      .where('customer_id', 'in', customers.slice(start, start + 5_000))
      .orderBy('issued_at')
      .orderBy('code')
      .execute();
    for (const row of rows) if (row.customer_id !== null) result.set(row.customer_id, row.code);
  }
  return result;
}

/** Redemptions with their order numbers, newest first. */
export function redemptionsQuery(db: Db, storeId: StoreId) {
  return db
    .selectFrom('coupon_redemptions as r')
    .innerJoin('orders as o', (join) =>
      join.onRef('o.store_id', '=', 'r.store_id').onRef('o.id', '=', 'r.order_id'),
    )
    .selectAll('r')
    .select('o.external_id as order_number')
    .where('r.store_id', '=', storeId)
    .orderBy('r.id', 'desc');
}

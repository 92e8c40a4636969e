import { addDays } from '../audiences/dates.js';
import { freezeAudience, getAudience } from '../audiences/service.js';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { whenUnique } from '../db/dialect/errors.js';
import { allocateIds } from '../db/sequences.js';
import type { TemplateValues } from '../messaging/templates.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import { type Instant, startOfLocalDay } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { type CouponTerms, faceValue, planIssue } from './coupons.js';
import {
  type CouponBatchRow,
  codesHeld,
  findBatch,
  insertCodes,
  lockBatch,
  openCodesOf,
  redeemedCounts,
} from './coupons.store.js';
import type { CouponBatch, CouponBatchInput, IssueInput, IssueResult } from './coupons-schemas.js';

// Coupon batches: created with their terms and validity (store-local days), issued to a saved
// audience or with a campaign, reported per batch. Issuing runs in one transaction on the locked
// batch row and tops each customer up to what they may hold, so a retry issues nothing twice.

const termsOf = (row: CouponBatchRow): CouponTerms => ({
  kind: row.kind,
  amountOff: row.amount_off,
  percentOff: row.percent_off,
  threshold: row.threshold,
});

export function toBatch(row: CouponBatchRow, redeemed: number): CouponBatch {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    amountOff: row.amount_off === null ? null : Number(row.amount_off),
    percentOff: row.percent_off,
    threshold: Number(row.threshold),
    faceValue: faceValue(termsOf(row)),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    perCustomerLimit: row.per_customer_limit,
    totalCount: row.total_count,
    issued: row.issued,
    redeemed,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}

export async function listBatches(ctx: AppContext, access: StoreAccess): Promise<CouponBatch[]> {
  const db = ctx.database.db;
  const rows = await db
    .selectFrom('coupon_batches')
    .selectAll()
    .where('store_id', '=', access.storeId)
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const redeemed = await redeemedCounts(db, access.storeId);
  return rows.map((row) => toBatch(row, redeemed.get(row.id) ?? 0));
}

export async function getBatch(ctx: AppContext, access: StoreAccess, id: number): Promise<CouponBatch> {
  const row = await findBatch(ctx.database.db, access.storeId, id);
  const redeemed = await redeemedCounts(ctx.database.db, access.storeId);
  return toBatch(row, redeemed.get(id) ?? 0);
}

/** Creates a batch; its days become instants in the store's time zone. Audited. */
export async function createBatch(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  input: CouponBatchInput,
): Promise<CouponBatch> {
  const zone = access.store.time_zone;
  const startOf = (date: string) => {
    const at = startOfLocalDay(date, zone);
    if (at === null)
      throw new LaokeError('request.invalid', `"${date}" is not a calendar day (yyyy-MM-dd).`, { date });
    return at;
  };
  const startsAt = startOf(input.validFrom);
  startOf(input.validTo); // 2026-02-30 is refused, not rolled over into March
  const endsAt = startOf(addDays(input.validTo, 1));
  const now = ctx.clock.now();
  const row = await ctx.database.db
    .transaction()
    .execute(async (trx) => {
      const id = await allocateIds(trx, access.storeId, 'coupon_batches');
      const inserted = await trx
        .insertInto('coupon_batches')
        .values({
          store_id: access.storeId,
          id,
          name: input.name,
          kind: input.kind,
          amount_off: (input.amountOff ?? null) as Fen | null,
          percent_off: input.percentOff ?? null,
          threshold: input.threshold as Fen,
          valid_from: input.validFrom,
          valid_to: input.validTo,
          starts_at: startsAt,
          ends_at: endsAt,
          per_customer_limit: input.perCustomerLimit,
          total_count: input.totalCount,
          issued: 0,
          created_at: now,
          created_by: actor.label,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await insertAuditEntry(
        trx,
        access.storeId,
        actor,
        { action: 'coupon.batch_created', subjectType: 'coupon_batch', subjectId: id, details: { ...input } },
        now,
      );
      return inserted;
    })
    .catch(
      whenUnique(
        () =>
          new LaokeError('coupon.name_taken', `A coupon batch named "${input.name}" exists in this store.`),
      ),
    );
  return toBatch(row, 0);
}

/**
 * Issues codes of a batch to customers inside the caller's transaction: the batch locked, each
 * topped up to `perCustomer` codes within the limit, in the order given, until the total is reached.
 */
export async function issueCodes(
  trx: Db,
  storeId: StoreId,
  batchId: number,
  customers: readonly CustomerId[],
  perCustomer: number,
  now: Instant,
  campaignId: number | null = null,
) {
  const batch = await lockBatch(trx, storeId, batchId, now);
  if (Number(batch.ends_at) <= now)
    throw new LaokeError('coupon.batch_expired', `Coupon batch ${batchId} expired on ${batch.valid_to}.`);
  const held = await codesHeld(trx, storeId, batchId, customers);
  const plan = planIssue(
    customers,
    held,
    perCustomer,
    batch.per_customer_limit,
    batch.total_count - batch.issued,
  );
  const made = await insertCodes(trx, storeId, batchId, plan.give, campaignId, now);
  await trx
    .updateTable('coupon_batches')
    .set({ issued: batch.issued + made })
    .where('store_id', '=', storeId)
    .where('id', '=', batchId)
    .execute();
  return {
    batch,
    issued: made,
    customers: plan.give.size,
    atLimit: plan.atLimit,
    outOfStock: plan.outOfStock,
    remaining: batch.total_count - batch.issued - made,
  };
}

/** Issues codes to a saved audience's members now. Audited. */
export async function issueToAudience(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  batchId: number,
  input: IssueInput,
): Promise<IssueResult> {
  await findBatch(ctx.database.db, access.storeId, batchId);
  const audience = await getAudience(ctx, access.storeId, input.audienceId);
  const now = ctx.clock.now();
  return ctx.database.db.transaction().execute(async (trx) => {
    const members = await freezeAudience(trx, access.storeId, audience.definition, now);
    const issued = await issueCodes(trx, access.storeId, batchId, members, input.perCustomer, now);
    const result = {
      batchId,
      members: members.length,
      issued: issued.issued,
      customers: issued.customers,
      atLimit: issued.atLimit,
      outOfStock: issued.outOfStock,
      remaining: issued.remaining,
    };
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      {
        action: 'coupon.issued',
        subjectType: 'coupon_batch',
        subjectId: batchId,
        details: { audienceId: input.audienceId, audience: audience.name, ...result },
      },
      now,
    );
    return result;
  });
}

/**
 * For a campaign's send, called per chunk with the targets the channel reaches: one code of the
 * batch each (an unredeemed one they hold already is reused), as the {券码} and {券面额} values.
 * Targets left when the batch runs out get no code; their message shows the template's fallback.
 */
export async function couponValuesForCampaign(
  trx: Db,
  storeId: StoreId,
  batchId: number,
  targets: readonly CustomerId[],
  campaignId: number,
  now: Instant,
): Promise<{ values: Map<CustomerId, TemplateValues>; issued: number }> {
  const issued = await issueCodes(trx, storeId, batchId, targets, 1, now, campaignId);
  const codes = await openCodesOf(trx, storeId, batchId, targets);
  const face = faceValue(termsOf(issued.batch));
  const values = new Map<CustomerId, TemplateValues>();
  for (const [customer, code] of codes) values.set(customer, { coupon: code, couponValue: face });
  return { values, issued: issued.issued };
}

/** A page of a batch's codes with their holders and redeeming orders. */
export async function listCodes(
  ctx: AppContext,
  access: StoreAccess,
  batchId: number,
  page: { page: number; pageSize: number },
) {
  const db = ctx.database.db;
  const batch = await findBatch(db, access.storeId, batchId);
  const rows = await db
    .selectFrom('coupon_codes as c')
    .leftJoin('customers as cu', (join) =>
      join.onRef('cu.store_id', '=', 'c.store_id').onRef('cu.id', '=', 'c.customer_id'),
    )
    .leftJoin('orders as o', (join) =>
      join.onRef('o.store_id', '=', 'c.store_id').onRef('o.id', '=', 'c.order_id'),
    )
    .select([
      'c.code',
      'c.customer_id',
      'cu.nick',
      'c.campaign_id',
      'c.issued_at',
      'c.redeemed_at',
      'o.external_id',
    ])
    .where('c.store_id', '=', access.storeId)
    .where('c.batch_id', '=', batchId)
    .orderBy('c.issued_at')
    .orderBy('c.customer_id')
    .orderBy('c.code')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return {
    codes: rows.map((r) => ({
      code: r.code,
      customerId: r.customer_id,
      customerNick: r.nick ?? null,
      campaignId: r.campaign_id,
      issuedAt: Number(r.issued_at),
      redeemedAt: r.redeemed_at === null ? null : Number(r.redeemed_at),
      orderNumber: r.external_id ?? null,
    })),
    total: batch.issued,
    page: page.page,
    pageSize: page.pageSize,
  };
}

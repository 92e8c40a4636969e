import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { allocateIds } from '../db/sequences.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, ImportRunId, OrderId, StoreId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import { codesInCell, discountFor, normaliseCode, type RejectReason, rejectionOf } from './coupons.js';
import { type CouponBatchRow, findBatch, type RedemptionRow, redemptionsQuery } from './coupons.store.js';
import type { MatchResult, Redemption } from './coupons-schemas.js';

// Redemption: a code on an order, from the platform's export (orders.discount_code, matched after
// each import and on demand) or entered by staff. The same checks either way (coupons.ts
// rejectionOf). A code is claimed by a conditional update (order_id still null), so of two orders
// racing for one code exactly one wins; a partial unique index on accepted redemptions stands
// behind it. Imports record rejections with their reason for the report; staff get the reason as
// an error and nothing is recorded.

interface OrderForMatch {
  readonly id: OrderId;
  readonly external_id: string;
  readonly customer_id: CustomerId;
  readonly ordered_at: Instant;
  readonly goods_amount: Fen;
  readonly net_amount: Fen;
  readonly is_purchase: 0 | 1;
  readonly discount_code: string | null;
}

type Outcome =
  | { readonly kind: 'unknown' }
  | { readonly kind: 'seen'; readonly id: number }
  | { readonly kind: 'accepted' | 'rejected'; readonly id: number; readonly reason: RejectReason | null };

const orderColumns = [
  'id',
  'external_id',
  'customer_id',
  'ordered_at',
  'goods_amount',
  'net_amount',
  'is_purchase',
  'discount_code',
] as const;

async function redeemOnOrder(
  trx: Db,
  storeId: StoreId,
  order: OrderForMatch,
  code: string,
  how: { source: 'import' | 'staff'; label: string; now: Instant; batches: Map<number, CouponBatchRow> },
): Promise<Outcome> {
  const codeRow = await trx
    .selectFrom('coupon_codes')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('code', '=', code)
    .executeTakeFirst();
  if (!codeRow) return { kind: 'unknown' };
  const seen = await trx
    .selectFrom('coupon_redemptions')
    .select(['id', 'accepted', 'reason'])
    .where('store_id', '=', storeId)
    .where('order_id', '=', order.id)
    .where('code', '=', code)
    .executeTakeFirst();
  if (seen) return { kind: 'seen', id: seen.id };
  let batch = how.batches.get(codeRow.batch_id);
  if (!batch) {
    batch = await findBatch(trx, storeId, codeRow.batch_id);
    how.batches.set(batch.id, batch);
  }
  const terms = {
    kind: batch.kind,
    amountOff: batch.amount_off,
    percentOff: batch.percent_off,
    threshold: batch.threshold,
    startsAt: batch.starts_at,
    endsAt: batch.ends_at,
  };
  const facts = {
    id: order.id,
    customerId: order.customer_id,
    orderedAt: Number(order.ordered_at) as Instant,
    goodsAmount: Number(order.goods_amount) as Fen,
    isPurchase: order.is_purchase === 1,
  };
  let reason = rejectionOf(
    { customerId: codeRow.customer_id, redeemedByOrder: codeRow.order_id },
    { ...terms, startsAt: Number(terms.startsAt) as Instant, endsAt: Number(terms.endsAt) as Instant },
    facts,
  );
  if (reason === null) {
    const claimed = await trx
      .updateTable('coupon_codes')
      .set({ order_id: order.id, redeemed_at: facts.orderedAt })
      .where('store_id', '=', storeId)
      .where('code', '=', code)
      .where('order_id', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) reason = 'already_redeemed';
  }
  if (reason !== null && how.source === 'staff')
    throw new LaokeError('coupon.not_redeemable', rejectionMessage(code, reason, order.external_id), {
      code,
      reason,
    });
  const id = await allocateIds(trx, storeId, 'coupon_redemptions');
  await trx
    .insertInto('coupon_redemptions')
    .values({
      store_id: storeId,
      id,
      code,
      batch_id: batch.id,
      order_id: order.id,
      customer_id: order.customer_id,
      source: how.source,
      accepted: reason === null ? 1 : 0,
      reason,
      ordered_at: facts.orderedAt,
      goods_amount: facts.goodsAmount,
      revenue: Number(order.net_amount) as Fen,
      discount: reason === null ? discountFor(terms, facts.goodsAmount) : (0 as Fen),
      recorded_at: how.now,
      recorded_by: how.label,
    })
    .execute();
  return { kind: reason === null ? 'accepted' : 'rejected', id, reason };
}

function rejectionMessage(code: string, reason: RejectReason, orderNumber: string): string {
  const why: Record<RejectReason, string> = {
    already_redeemed: 'it was redeemed by another order already',
    other_customer: 'it was issued to another customer',
    order_not_paid: 'the order is not a paid purchase',
    not_yet_valid: 'the order was placed before the coupon’s first valid day',
    expired: 'the order was placed after the coupon’s last valid day',
    below_threshold: 'the order’s goods amount is below the coupon’s threshold',
  };
  return `Code ${code} cannot be redeemed on order ${orderNumber}: ${why[reason]}.`;
}

const CHUNK = 500;

/**
 * Matches the codes on orders' discount-code cells: the orders of one import run, or every order
 * of the store (on demand). Earlier orders first, so of two orders with one code the earlier wins.
 * Pairs already recorded are skipped: matching again changes nothing.
 */
export async function matchRedemptions(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  scope: { readonly importRunId?: ImportRunId } = {},
): Promise<MatchResult> {
  const db = ctx.database.db;
  const anyBatch = await db
    .selectFrom('coupon_batches')
    .select('id')
    .where('store_id', '=', storeId)
    .limit(1)
    .executeTakeFirst();
  const result = { orders: 0, accepted: 0, rejected: 0, unknown: 0 };
  if (!anyBatch) return result; // a store without coupons has nothing to match
  // One pass over the cells (import_run_id has no index: a chunked walk would scan per chunk);
  // most cells hold the platform's own codes and are dropped here without another query.
  let cells = db
    .selectFrom('orders')
    .select(['id', 'ordered_at', 'discount_code'])
    .where('store_id', '=', storeId)
    .where('discount_code', 'is not', null);
  if (scope.importRunId !== undefined) cells = cells.where('import_run_id', '=', scope.importRunId);
  const candidates = (await cells.execute())
    .filter((o) => codesInCell(o.discount_code).length > 0)
    .sort((a, b) => Number(a.ordered_at) - Number(b.ordered_at) || a.id - b.id)
    .map((o) => o.id);
  const now = ctx.clock.now();
  const batches = new Map<number, CouponBatchRow>();
  for (let start = 0; start < candidates.length; start += CHUNK) {
    const ids = candidates.slice(start, start + CHUNK);
    const rows = (await db
      .selectFrom('orders')
      .select(orderColumns)
      .where('store_id', '=', storeId)
      .where('id', 'in', ids)
      .execute()) as OrderForMatch[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    await db.transaction().execute(async (trx) => {
      for (const id of ids) {
        const order = byId.get(id);
        if (!order) continue;
        result.orders += 1;
        for (const code of codesInCell(order.discount_code)) {
          const outcome = await redeemOnOrder(trx, storeId, order, code, {
            source: 'import',
            label: actor.label,
            now,
            batches,
          });
          if (outcome.kind === 'accepted') result.accepted += 1;
          if (outcome.kind === 'rejected') result.rejected += 1;
          if (outcome.kind === 'unknown') result.unknown += 1;
        }
      }
    });
  }
  if (result.accepted + result.rejected > 0)
    await insertAuditEntry(
      db,
      storeId,
      actor,
      {
        action: 'coupon.match',
        subjectType: scope.importRunId === undefined ? 'store' : 'import_run',
        ...(scope.importRunId === undefined ? {} : { subjectId: scope.importRunId }),
        details: result,
      },
      now,
    );
  return result;
}

export function toRedemption(row: RedemptionRow): Redemption {
  return {
    id: row.id,
    code: row.code,
    batchId: row.batch_id,
    orderNumber: row.order_number,
    customerId: row.customer_id,
    source: row.source,
    accepted: row.accepted === 1,
    reason: row.reason as RejectReason | null,
    orderedAt: Number(row.ordered_at),
    goodsAmount: Number(row.goods_amount),
    revenue: Number(row.revenue),
    discount: Number(row.discount),
    recordedBy: row.recorded_by,
  };
}

/** Staff redeem a code on an imported order (an export without the code column). Audited. */
export async function redeemByStaff(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  input: { readonly code: string; readonly orderNumber: string },
): Promise<Redemption> {
  const storeId = access.storeId;
  const code = normaliseCode(input.code);
  if (code === null)
    throw new LaokeError(
      'coupon.invalid_code',
      `"${input.code.slice(0, 40)}" is not a coupon code: expected 12 letters and digits.`,
    );
  const now = ctx.clock.now();
  const id = await ctx.database.db.transaction().execute(async (trx) => {
    const order = (await trx
      .selectFrom('orders')
      .select(orderColumns)
      .where('store_id', '=', storeId)
      .where('external_id', '=', input.orderNumber)
      .executeTakeFirst()) as OrderForMatch | undefined;
    if (!order)
      throw new LaokeError('coupon.order_not_found', `No order numbered ${input.orderNumber} in this store.`);
    const outcome = await redeemOnOrder(trx, storeId, order, code, {
      source: 'staff',
      label: actor.label,
      now,
      batches: new Map(),
    });
    if (outcome.kind === 'unknown')
      throw new LaokeError('coupon.code_not_found', `No coupon code ${code} in this store.`, { code });
    if (outcome.kind === 'seen') {
      const seen = await trx
        .selectFrom('coupon_redemptions')
        .select(['accepted', 'reason'])
        .where('store_id', '=', storeId)
        .where('id', '=', outcome.id)
        .executeTakeFirstOrThrow();
      if (seen.accepted !== 1)
        throw new LaokeError(
          'coupon.not_redeemable',
          rejectionMessage(code, seen.reason as RejectReason, order.external_id),
          { code, reason: seen.reason },
        );
      return outcome.id; // redeemed on this very order already: the same answer again
    }
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'coupon.redeem',
        subjectType: 'coupon_code',
        subjectId: code,
        details: { orderNumber: order.external_id, redemptionId: outcome.id },
      },
      now,
    );
    return outcome.id;
  });
  const row = await redemptionsQuery(ctx.database.db, storeId)
    .where('r.id', '=', id)
    .executeTakeFirstOrThrow();
  return toRedemption(row);
}

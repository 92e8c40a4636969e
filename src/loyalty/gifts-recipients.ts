import { sql } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import { canSeePersonalData } from '../auth/permissions.js';
import type { AppContext } from '../context.js';
import { maskAddress, maskPhone } from '../customers/mask.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId } from '../shared/ids.js';
import type { StoreAccess } from '../stores/access.js';
import { findPlan } from './gifts.store.js';
import type { GiftPlan, ShippingUpdate } from './gifts-schemas.js';
import { getPlan } from './gifts-service.js';

// A confirmed plan's recipients: read (masked by role) and tracked planned → packed → shipped.

/** A page of recipients; phone and street address masked for roles without personal data. */
export async function listRecipients(
  ctx: AppContext,
  access: StoreAccess,
  id: number,
  query: { page: number; pageSize: number; status?: 'planned' | 'packed' | 'shipped' | undefined },
) {
  const db = ctx.database.db;
  await findPlan(db, access.storeId, id);
  let base = db
    .selectFrom('gift_recipients as g')
    .where('g.store_id', '=', access.storeId)
    .where('g.plan_id', '=', id);
  if (query.status) base = base.where('g.status', '=', query.status);
  const [rows, total] = await Promise.all([
    base
      .leftJoin('customers as c', (join) =>
        join.onRef('c.store_id', '=', 'g.store_id').onRef('c.id', '=', 'g.customer_id'),
      )
      .selectAll('g')
      .select('c.nick')
      .orderBy('g.customer_id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  const unmasked = canSeePersonalData(access.role, access.settings);
  return {
    recipients: rows.map((r) => ({
      customerId: r.customer_id,
      nick: r.nick ?? null,
      name: r.name,
      phone: unmasked ? r.phone : maskPhone(r.phone),
      address: unmasked ? r.address : maskAddress(r.address, r),
      province: r.province,
      city: r.city,
      status: r.status,
      trackingNo: r.tracking_no,
      shippedAt: r.shipped_at === null ? null : Number(r.shipped_at),
    })),
    total: Number(total.n),
    page: query.page,
    pageSize: query.pageSize,
    masked: !unmasked,
  };
}

/** Marks recipients packed or shipped (with the tracking number). All or nothing. Audited. */
export async function updateShipping(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
  input: ShippingUpdate,
): Promise<GiftPlan> {
  const storeId = access.storeId;
  const plan = await findPlan(ctx.database.db, storeId, id);
  if (plan.status !== 'confirmed')
    throw new LaokeError('gift.wrong_state', `Gift plan ${id} is a draft: confirm it before shipping.`);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    for (const update of input.updates) {
      const result = await trx
        .updateTable('gift_recipients')
        .set({
          status: update.status,
          tracking_no: update.trackingNo ?? null,
          shipped_at: update.status === 'shipped' ? now : null,
          updated_at: now,
        })
        .where('store_id', '=', storeId)
        .where('plan_id', '=', id)
        .where('customer_id', '=', update.customerId as CustomerId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1)
        throw new LaokeError(
          'gift.recipient_not_found',
          `Customer ${update.customerId} is not a recipient of gift plan ${id}; nothing was changed.`,
          { customerId: update.customerId },
        );
    }
    const counts: Record<string, number> = {};
    for (const u of input.updates) counts[u.status] = (counts[u.status] ?? 0) + 1;
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      { action: 'gift.shipping_updated', subjectType: 'gift_plan', subjectId: id, details: counts },
      now,
    );
  });
  return getPlan(ctx, access, id);
}

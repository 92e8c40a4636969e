import { sql } from 'kysely';
import { audienceCustomers, countAudienceCustomers } from '../audiences/audiences.store.js';
import { compileForStore, freezeAudience, getAudience } from '../audiences/service.js';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { whenUnique } from '../db/dialect/errors.js';
import { allocateIds } from '../db/sequences.js';
import { queueTemplate } from '../messaging/service.js';
import { getTemplate } from '../messaging/templates.store.js';
import { LaokeError } from '../shared/errors.js';
import type { Fen } from '../shared/money.js';
import type { StoreAccess } from '../stores/access.js';
import { findPlan, type PlanRow, shippingCounts } from './gifts.store.js';
import type { GiftPlan, GiftPlanInput, GiftPlanUpdate, GiftPreview } from './gifts-schemas.js';

// Gifts and greetings (节日关怀): a plan names a saved audience (e.g. the top two tiers), a gift and
// a budget. Confirming freezes the recipients with their names and addresses as they are then,
// refuses a plan whose gifts cost more than its budget, and queues the greeting template if there
// is one (source `gift:<id>`). The warehouse works from the exported list; each recipient goes
// planned → packed → shipped with a tracking number (gifts-recipients.ts).

export const giftSource = (id: number) => `gift:${id}`;

function toPlan(row: PlanRow, shipping: GiftPlan['shipping'] | undefined): GiftPlan {
  return {
    id: row.id,
    name: row.name,
    occasion: row.occasion as GiftPlan['occasion'],
    audienceId: row.audience_id,
    giftSku: row.gift_sku,
    giftTitle: row.gift_title,
    unitCost: Number(row.unit_cost),
    budget: Number(row.budget),
    templateId: row.template_id,
    status: row.status,
    recipients: row.recipients,
    greetingsQueued: row.greetings_queued,
    shipping: shipping ?? { planned: 0, packed: 0, shipped: 0 },
    confirmedAt: row.confirmed_at === null ? null : Number(row.confirmed_at),
    confirmedBy: row.confirmed_by,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  };
}

export async function listPlans(ctx: AppContext, access: StoreAccess): Promise<GiftPlan[]> {
  const db = ctx.database.db;
  const rows = await db
    .selectFrom('gift_plans')
    .selectAll()
    .where('store_id', '=', access.storeId)
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const shipping = await shippingCounts(
    db,
    access.storeId,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toPlan(row, shipping.get(row.id)));
}

export async function getPlan(ctx: AppContext, access: StoreAccess, id: number): Promise<GiftPlan> {
  const row = await findPlan(ctx.database.db, access.storeId, id);
  const shipping = await shippingCounts(ctx.database.db, access.storeId, [id]);
  return toPlan(row, shipping.get(id));
}

/** Creates a draft plan; the audience and the greeting template must be the store's. Audited. */
export async function createPlan(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  input: GiftPlanInput,
): Promise<GiftPlan> {
  const db = ctx.database.db;
  await getAudience(ctx, access.storeId, input.audienceId);
  if (input.templateId !== undefined) await getTemplate(db, access.storeId, input.templateId);
  const now = ctx.clock.now();
  const row = await db
    .transaction()
    .execute(async (trx) => {
      const id = await allocateIds(trx, access.storeId, 'gift_plans');
      const inserted = await trx
        .insertInto('gift_plans')
        .values({
          store_id: access.storeId,
          id,
          name: input.name,
          occasion: input.occasion,
          audience_id: input.audienceId,
          gift_sku: input.giftSku,
          gift_title: input.giftTitle,
          unit_cost: input.unitCost as Fen,
          budget: input.budget as Fen,
          template_id: input.templateId ?? null,
          status: 'draft',
          recipients: null,
          greetings_queued: null,
          confirmed_at: null,
          confirmed_by: null,
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
        { action: 'gift.plan_created', subjectType: 'gift_plan', subjectId: id, details: { ...input } },
        now,
      );
      return inserted;
    })
    .catch(
      whenUnique(
        () => new LaokeError('gift.name_taken', `A gift plan named "${input.name}" exists in this store.`),
      ),
    );
  return toPlan(row, undefined);
}

/** Changes a draft's gift, cost or budget (say, to fit the audience). Audited. */
export async function updatePlan(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
  input: GiftPlanUpdate,
): Promise<GiftPlan> {
  const plan = await findPlan(ctx.database.db, access.storeId, id);
  if (plan.status !== 'draft')
    throw new LaokeError('gift.wrong_state', `Gift plan ${id} is confirmed: its gift and budget are fixed.`);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('gift_plans')
      .set({
        ...(input.giftSku === undefined ? {} : { gift_sku: input.giftSku }),
        ...(input.giftTitle === undefined ? {} : { gift_title: input.giftTitle }),
        ...(input.unitCost === undefined ? {} : { unit_cost: input.unitCost as Fen }),
        ...(input.budget === undefined ? {} : { budget: input.budget as Fen }),
        updated_at: now,
      })
      .where('store_id', '=', access.storeId)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .execute();
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      { action: 'gift.plan_updated', subjectType: 'gift_plan', subjectId: id, details: { ...input } },
      now,
    );
  });
  return getPlan(ctx, access, id);
}

/** Before confirming: how many would get the gift now, what it costs against the budget. */
export async function previewPlan(ctx: AppContext, access: StoreAccess, id: number): Promise<GiftPreview> {
  const db = ctx.database.db;
  const plan = await findPlan(db, access.storeId, id);
  if (plan.status === 'confirmed') {
    const recipients = plan.recipients ?? 0;
    const withoutAddress = await db
      .selectFrom('gift_recipients')
      .select(sql<number>`count(*)`.as('n'))
      .where('store_id', '=', access.storeId)
      .where('plan_id', '=', id)
      .where((eb) => eb.or([eb('address', 'is', null), eb('address', '=', '')]))
      .executeTakeFirstOrThrow();
    return costOf(plan, recipients, Number(withoutAddress.n));
  }
  const audience = await getAudience(ctx, access.storeId, plan.audience_id);
  const where = await compileForStore(db, access.store, audience.definition, ctx.clock.now(), audience.id);
  const recipients = await countAudienceCustomers(db, access.storeId, where);
  const withoutAddress = await audienceCustomers(db, access.storeId, where)
    .where((eb) => eb.or([eb('customers.address', 'is', null), eb('customers.address', '=', '')]))
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return costOf(plan, recipients, Number(withoutAddress.n));
}

const costOf = (plan: PlanRow, recipients: number, withoutAddress: number): GiftPreview => {
  const cost = Number(plan.unit_cost) * recipients;
  return {
    recipients,
    withoutAddress,
    cost,
    budget: Number(plan.budget),
    overBudget: cost > Number(plan.budget),
  };
};

/**
 * Freezes the recipients (names and addresses as they are now) and queues the greeting, in one
 * transaction; refused when the gifts would cost more than the budget. Audited.
 */
export async function confirmPlan(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
): Promise<GiftPlan> {
  const storeId = access.storeId;
  const plan = await findPlan(ctx.database.db, storeId, id);
  if (plan.status !== 'draft')
    throw new LaokeError('gift.wrong_state', `Gift plan ${id} is confirmed already.`, {
      status: plan.status,
    });
  const audience = await getAudience(ctx, storeId, plan.audience_id);
  const template =
    plan.template_id === null ? null : await getTemplate(ctx.database.db, storeId, plan.template_id);
  const now = ctx.clock.now();
  await ctx.database.db.transaction().execute(async (trx) => {
    // Claimed first: a second confirm finds it confirmed already
    const claimed = await trx
      .updateTable('gift_plans')
      .set({ status: 'confirmed', updated_at: now })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1)
      throw new LaokeError('gift.wrong_state', `Gift plan ${id} is confirmed already.`);
    const members = await freezeAudience(trx, storeId, audience.definition, now);
    const cost = Number(plan.unit_cost) * members.length;
    if (cost > Number(plan.budget))
      throw new LaokeError(
        'gift.over_budget',
        `${members.length} gifts at ${Number(plan.unit_cost) / 100} cost ${cost / 100}, more than the budget of ${Number(plan.budget) / 100}: raise the budget or narrow the audience.`,
        { recipients: members.length, cost, budget: Number(plan.budget) },
      );
    for (let start = 0; start < members.length; start += 1_000) {
      const people = await trx
        .selectFrom('customers')
        .select(['id', 'name', 'nick', 'phone', 'address', 'province', 'city', 'district'])
        .where('store_id', '=', storeId)
        .where('id', 'in', members.slice(start, start + 1_000))
        .execute();
      if (people.length > 0)
        await trx
          .insertInto('gift_recipients')
          .values(
            people.map((p) => ({
              store_id: storeId,
              plan_id: id,
              customer_id: p.id,
              name: p.name ?? p.nick,
              phone: p.phone,
              address: p.address,
              province: p.province,
              city: p.city,
              district: p.district,
              status: 'planned' as const,
              tracking_no: null,
              shipped_at: null,
              updated_at: now,
            })),
          )
          .execute();
    }
    const greetings = template
      ? await queueTemplate(
          trx,
          ctx,
          { id: storeId, name: access.store.name },
          template,
          members,
          giftSource(id),
          now,
        )
      : null;
    await trx
      .updateTable('gift_plans')
      .set({
        recipients: members.length,
        greetings_queued: greetings?.queued ?? null,
        confirmed_at: now,
        confirmed_by: actor.label,
      })
      .where('store_id', '=', storeId)
      .where('id', '=', id)
      .execute();
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'gift.plan_confirmed',
        subjectType: 'gift_plan',
        subjectId: id,
        details: { recipients: members.length, cost, greetings: greetings?.queued ?? 0 },
      },
      now,
    );
  });
  return getPlan(ctx, access, id);
}

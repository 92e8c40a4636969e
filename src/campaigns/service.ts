import { randomInt } from 'node:crypto';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { type AudienceDefinition, audienceDefinitionSchema } from '../audiences/definition.js';
import { countAudience, freezeAudience, getAudience } from '../audiences/service.js';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import { can } from '../auth/permissions.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { BulkTarget } from '../db/dialect/bulk-insert.js';
import { whenUnique } from '../db/dialect/errors.js';
import { inList } from '../db/dialect/in-list.js';
import { insertRows } from '../db/dialect/insert-rows.js';
import type { CampaignsTable } from '../db/schema.js';
import { allocateIds } from '../db/sequences.js';
import { findBatch } from '../loyalty/coupons.store.js';
import { couponValuesForCampaign } from '../loyalty/coupons-service.js';
import { queueTemplate } from '../messaging/service.js';
import { getTemplate } from '../messaging/templates.store.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import type { StoreAccess } from '../stores/access.js';
import type { Campaign, CampaignInput } from './schemas.js';
import { controlGroup } from './stats.js';

// A campaign: an audience, a template on its channel, a schedule and a control group. Sending
// freezes the members in one transaction — the control group drawn by seed, each member's RFM
// segment recorded, and one outbox message per target queued (source `campaign:<id>`), so a send
// retried after a failure queues nothing twice. Marketing sends above the store's threshold wait
// for the owner's approval. Pausing holds the campaign's unsent messages; cancelling drops them.

type CampaignRow = Selectable<CampaignsTable>;

export const campaignSource = (id: number) => `campaign:${id}`;

async function messageCounts(db: Db, storeId: StoreId, ids: readonly number[]) {
  const result = new Map<number, Record<string, number>>();
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('messages')
    .select(['source', 'status', sql<number>`count(*)`.as('n')])
    .where('store_id', '=', storeId)
    .where(
      'source',
      'in',
      ids.map((id) => campaignSource(id)),
    )
    .groupBy(['source', 'status'])
    .execute();
  for (const row of rows) {
    const id = Number(row.source.slice('campaign:'.length));
    const counts = result.get(id) ?? {};
    counts[row.status] = Number(row.n);
    result.set(id, counts);
  }
  return result;
}

function liveStatus(row: CampaignRow, messages: Record<string, number>): Campaign['status'] {
  if (row.status !== 'scheduled') return row.status as Campaign['status'];
  const pending = (messages.queued ?? 0) + (messages.sending ?? 0) + (messages.deferred ?? 0);
  if (pending > 0) return (messages.sent ?? 0) + (messages.delivered ?? 0) > 0 ? 'sending' : 'scheduled';
  return 'completed';
}

function toCampaign(row: CampaignRow, messages: Record<string, number>, threshold: number): Campaign {
  return {
    id: row.id,
    name: row.name,
    audienceId: row.audience_id,
    definition: JSON.parse(row.definition),
    templateId: row.template_id,
    channel: row.channel,
    class: row.class,
    schedule: {
      kind: row.schedule,
      from: row.starts_at === null ? null : Number(row.starts_at),
      to: row.ends_at === null ? null : Number(row.ends_at),
    },
    controlShare: row.control_share,
    seed: row.seed,
    attributionDays: row.attribution_days,
    couponBatchId: row.coupon_batch_id,
    status: liveStatus(row, messages),
    estimatedMembers: row.estimated_members,
    needsApproval: needsApproval(row, threshold),
    members: row.members,
    control: row.control,
    queued: row.queued,
    unreachable: row.unreachable,
    smsParts: row.sms_parts,
    approvedBy: row.approved_by,
    frozenAt: row.frozen_at === null ? null : Number(row.frozen_at),
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
    messages,
  };
}

const needsApproval = (row: CampaignRow, threshold: number) =>
  row.class === 'marketing' && (row.estimated_members ?? 0) > threshold && row.approved_at === null;

async function findRow(db: Db, storeId: StoreId, id: number): Promise<CampaignRow> {
  const row = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new LaokeError('campaign.not_found', `No campaign ${id} in this store.`);
  return row;
}

export async function getCampaign(ctx: AppContext, access: StoreAccess, id: number): Promise<Campaign> {
  const row = await findRow(ctx.database.db, access.storeId, id);
  const counts = await messageCounts(ctx.database.db, access.storeId, [id]);
  return toCampaign(row, counts.get(id) ?? {}, access.settings.campaigns.approvalThreshold);
}

export async function listCampaigns(ctx: AppContext, access: StoreAccess): Promise<Campaign[]> {
  const rows = await ctx.database.db
    .selectFrom('campaigns')
    .selectAll()
    .where('store_id', '=', access.storeId)
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  const counts = await messageCounts(
    ctx.database.db,
    access.storeId,
    rows.map((r) => r.id),
  );
  return rows.map((row) =>
    toCampaign(row, counts.get(row.id) ?? {}, access.settings.campaigns.approvalThreshold),
  );
}

async function definitionOf(
  ctx: AppContext,
  access: StoreAccess,
  input: CampaignInput,
): Promise<AudienceDefinition> {
  if (input.definition) return input.definition;
  const saved = await getAudience(ctx, access.storeId, input.audienceId!);
  return audienceDefinitionSchema.parse(saved.definition);
}

/**
 * Creates a draft: the audience counted now, the template's channel and class taken. Audited.
 * `alongside` runs in the same transaction after the insert (a promotion plan links its task), so
 * both are written or neither.
 */
export async function createCampaign(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  input: CampaignInput,
  alongside?: (trx: Db, campaignId: number) => Promise<void>,
): Promise<Campaign> {
  const db = ctx.database.db;
  const template = await getTemplate(db, access.storeId, input.templateId);
  const definition = await definitionOf(ctx, access, input);
  const { count } = await countAudience(ctx, access, definition);
  if (input.couponBatchId !== undefined) {
    const batch = await findBatch(db, access.storeId, input.couponBatchId);
    if (Number(batch.ends_at) <= ctx.clock.now())
      throw new LaokeError('coupon.batch_expired', `Coupon batch ${batch.id} expired on ${batch.valid_to}.`);
  }
  const settings = access.settings.campaigns;
  const now = ctx.clock.now();
  const schedule = input.schedule;
  const row = await db
    .transaction()
    .execute(async (trx) => {
      const id = await allocateIds(trx, access.storeId, 'campaigns');
      const inserted = await trx
        .insertInto('campaigns')
        .values({
          store_id: access.storeId,
          id,
          name: input.name,
          audience_id: input.audienceId ?? null,
          definition: JSON.stringify(definition),
          template_id: template.id,
          channel: template.channel,
          class: template.class,
          schedule: schedule.kind,
          starts_at:
            schedule.kind === 'now'
              ? null
              : ((schedule.kind === 'at' ? schedule.at : schedule.from) as Instant),
          ends_at: schedule.kind === 'window' ? (schedule.to as Instant) : null,
          control_share: input.controlShare ?? settings.controlShare,
          seed: input.seed ?? randomInt(0, 2_147_483_647),
          attribution_days: input.attributionDays ?? settings.attributionDays,
          coupon_batch_id: input.couponBatchId ?? null,
          status: 'draft',
          estimated_members: count,
          members: null,
          control: null,
          queued: null,
          unreachable: null,
          sms_parts: null,
          sms_price_fen: settings.smsPriceFen,
          approved_by: null,
          approved_at: null,
          frozen_at: null,
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
        {
          action: 'campaign.created',
          subjectType: 'campaign',
          subjectId: id,
          details: {
            name: input.name,
            templateId: template.id,
            channel: template.channel,
            estimatedMembers: count,
          },
        },
        now,
      );
      if (alongside) await alongside(trx, id);
      return inserted;
    })
    .catch(
      whenUnique(
        () => new LaokeError('campaign.name_taken', `A campaign named "${input.name}" exists in this store.`),
      ),
    );
  return toCampaign(row, {}, settings.approvalThreshold);
}

const wrongState = (row: CampaignRow, action: string) =>
  new LaokeError('campaign.wrong_state', `Campaign ${row.id} is ${row.status}: it cannot be ${action}.`, {
    status: row.status,
  });

/**
 * Sends a draft: freezes the members, draws the control group, queues the targets' messages.
 * A marketing send above the store's threshold waits for the owner (status awaiting_approval).
 */
export async function sendCampaign(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
): Promise<Campaign> {
  const row = await findRow(ctx.database.db, access.storeId, id);
  if (row.status !== 'draft') throw wrongState(row, 'sent');
  // An owner's own send is their approval
  if (
    needsApproval(row, access.settings.campaigns.approvalThreshold) &&
    can(access.role, 'campaigns.approve')
  )
    return approveCampaign(ctx, access, actor, id);
  if (needsApproval(row, access.settings.campaigns.approvalThreshold)) {
    await ctx.database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('campaigns')
        .set({ status: 'awaiting_approval', updated_at: ctx.clock.now() })
        .where('store_id', '=', access.storeId)
        .where('id', '=', id)
        .execute();
      await insertAuditEntry(
        trx,
        access.storeId,
        actor,
        { action: 'campaign.approval_requested', subjectType: 'campaign', subjectId: id },
        ctx.clock.now(),
      );
    });
    return getCampaign(ctx, access, id);
  }
  await freezeAndQueue(ctx, access, actor, row);
  return getCampaign(ctx, access, id);
}

/** The owner approves a large marketing send, which then goes as sendCampaign would send it. */
export async function approveCampaign(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
): Promise<Campaign> {
  const row = await findRow(ctx.database.db, access.storeId, id);
  if (row.status !== 'awaiting_approval' && row.status !== 'draft') throw wrongState(row, 'approved');
  const now = ctx.clock.now();
  await ctx.database.db
    .updateTable('campaigns')
    .set({ approved_by: actor.label, approved_at: now, updated_at: now })
    .where('store_id', '=', access.storeId)
    .where('id', '=', id)
    .execute();
  await freezeAndQueue(ctx, access, actor, { ...row, approved_by: actor.label, approved_at: now });
  return getCampaign(ctx, access, id);
}

const memberColumns: BulkTarget = {
  table: 'campaign_members',
  columns: [
    { name: 'store_id', pgType: 'int4' },
    { name: 'campaign_id', pgType: 'int4' },
    { name: 'customer_id', pgType: 'int4' },
    { name: 'is_control', pgType: 'int4' },
    { name: 'segment', pgType: 'text' },
  ],
};

async function freezeAndQueue(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  row: CampaignRow,
): Promise<void> {
  const storeId = access.storeId;
  const now = ctx.clock.now();
  const template = await getTemplate(ctx.database.db, storeId, row.template_id);
  const definition = audienceDefinitionSchema.parse(JSON.parse(row.definition));
  await ctx.database.db.transaction().execute(async (trx) => {
    // Claimed first: a second send of the same campaign finds it no longer a draft
    const claimed = await trx
      .updateTable('campaigns')
      .set({ status: 'scheduled', updated_at: now })
      .where('store_id', '=', storeId)
      .where('id', '=', row.id)
      .where('status', 'in', ['draft', 'awaiting_approval'])
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw wrongState(row, 'sent twice');
    const members = await freezeAudience(trx, storeId, definition, now);
    const control = controlGroup(members, row.control_share, row.seed);
    const segments = new Map<number, string>();
    // One query: the members travel as one parameter (in-list.ts), not 5,000 at a time.
    const scores = await trx
      .selectFrom('customer_scores')
      .select(['customer_id', 'segment_cn'])
      .where('store_id', '=', storeId)
      .where('customer_id', 'in', inList[ctx.database.dialect](members, 'int4') as never)
      .execute();
    for (const s of scores) segments.set(s.customer_id, s.segment_cn);
    await insertRows(
      trx,
      memberColumns,
      members.map((customerId) => [
        storeId,
        row.id,
        customerId,
        control.has(customerId) ? 1 : 0,
        segments.get(customerId) ?? null,
      ]),
    );
    const targets = members.filter((id) => !control.has(id));
    const from = Math.max(now, Number(row.starts_at ?? now));
    const to = row.ends_at === null ? null : Number(row.ends_at);
    // Spread over a window: the targets in id order, evenly from its start to its end
    const position = new Map(targets.map((id, i) => [id, i]));
    const notBeforeOf =
      row.schedule === 'window' && to !== null && to > from && targets.length > 1
        ? (customerId: CustomerId) =>
            Math.round(from + ((to - from) * (position.get(customerId) ?? 0)) / targets.length) as Instant
        : () => from as Instant;
    // Each reachable target's coupon code, issued in this transaction: a failed send issues none
    const batchId = row.coupon_batch_id;
    let couponsIssued = 0;
    const valuesFor =
      batchId === null
        ? undefined
        : async (reachable: readonly CustomerId[]) => {
            const coupons = await couponValuesForCampaign(trx, storeId, batchId, reachable, row.id, now);
            couponsIssued += coupons.issued;
            return coupons.values;
          };
    const queued = await queueTemplate(
      trx,
      ctx,
      { id: storeId, name: access.store.name },
      template,
      targets,
      campaignSource(row.id),
      now,
      valuesFor ? { notBeforeOf, valuesFor } : { notBeforeOf },
    );
    await trx
      .updateTable('campaigns')
      .set({
        members: members.length,
        control: control.size,
        queued: queued.queued,
        unreachable: queued.unreachable,
        sms_parts: queued.smsParts,
        frozen_at: now,
        updated_at: now,
      })
      .where('store_id', '=', storeId)
      .where('id', '=', row.id)
      .execute();
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'campaign.sent',
        subjectType: 'campaign',
        subjectId: row.id,
        details: {
          members: members.length,
          control: control.size,
          queued: queued.queued,
          unreachable: queued.unreachable,
          ...(batchId === null ? {} : { couponsIssued }),
        },
      },
      now,
    );
  });
}

async function changeMessages(
  trx: Db,
  storeId: StoreId,
  id: number,
  from: readonly string[],
  to: string,
  now: Instant,
): Promise<number> {
  const result = await trx
    .updateTable('messages')
    .set({ status: to, updated_at: now })
    .where('store_id', '=', storeId)
    .where('source', '=', campaignSource(id))
    .where('status', 'in', [...from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Pause holds the unsent messages; resume releases them; cancel drops them. Audited. */
export async function changeCampaignState(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  id: number,
  action: 'pause' | 'resume' | 'cancel',
): Promise<Campaign> {
  const row = await findRow(ctx.database.db, access.storeId, id);
  const now = ctx.clock.now();
  const allowed: Record<typeof action, readonly string[]> = {
    pause: ['scheduled'],
    resume: ['paused'],
    cancel: ['draft', 'awaiting_approval', 'scheduled', 'paused'],
  };
  if (!allowed[action].includes(row.status))
    throw wrongState(row, { pause: 'paused', resume: 'resumed', cancel: 'cancelled' }[action]);
  await ctx.database.db.transaction().execute(async (trx) => {
    let messages = 0;
    if (action === 'pause')
      messages = await changeMessages(trx, access.storeId, id, ['queued', 'deferred'], 'paused', now);
    if (action === 'resume')
      messages = await changeMessages(trx, access.storeId, id, ['paused'], 'queued', now);
    if (action === 'cancel')
      messages = await changeMessages(
        trx,
        access.storeId,
        id,
        ['queued', 'deferred', 'paused'],
        'cancelled',
        now,
      );
    const status = { pause: 'paused', resume: 'scheduled', cancel: 'cancelled' }[action];
    await trx
      .updateTable('campaigns')
      .set({ status, updated_at: now })
      .where('store_id', '=', access.storeId)
      .where('id', '=', id)
      .execute();
    await insertAuditEntry(
      trx,
      access.storeId,
      actor,
      {
        action: { pause: 'campaign.paused', resume: 'campaign.resumed', cancel: 'campaign.cancelled' }[
          action
        ],
        subjectType: 'campaign',
        subjectId: id,
        details: { messages },
      },
      now,
    );
  });
  return getCampaign(ctx, access, id);
}

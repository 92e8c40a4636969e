import { sql } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { allocateIds } from '../db/sequences.js';
import { LaokeError } from '../shared/errors.js';
import type { CustomerId, StoreId } from '../shared/ids.js';
import type { Fen } from '../shared/money.js';
import { evaluate, type TargetScheme } from './evaluation.js';
import type {
  ApplySummary,
  CustomerTier,
  TierChange,
  TierPreview,
  TierScheme,
  TierSchemeInput,
} from './schemas.js';
import { thresholdProblems } from './tiers.js';
import {
  type ChangeFilter,
  countBuyers,
  countMembersPerTier,
  findScheme,
  listTierRows,
  selectChanges,
  selectMovement,
  writeMoves,
} from './tiers.store.js';

// Membership tiers: the store's scheme, saved and applied; a what-if of a scheme not saved; every
// move between tiers recorded in tier_changes, the "tier changed" event (tierChangesSince).
// A refresh assigns every buyer the highest tier they meet and moves those whose tier changed,
// up or down, in one transaction.

function checkThresholds(input: TargetScheme): void {
  const problems = thresholdProblems(input);
  const names = input.tiers.map((tier) => tier.name);
  if (new Set(names).size !== names.length) problems.push('two tiers have the same name');
  if (problems.length > 0)
    throw new LaokeError('loyalty.invalid_scheme', `The tiers are not valid: ${problems.join('; ')}.`, {
      problems,
    });
}

/** Whether the store has set up tiers (the analytics refresh then applies them). */
export async function hasTierScheme(ctx: AppContext, storeId: StoreId): Promise<boolean> {
  return (await findScheme(ctx.database.db, storeId)) !== undefined;
}

/** The store's scheme with its members per tier; null when it has none. */
export async function getTierScheme(ctx: AppContext, storeId: StoreId): Promise<TierScheme | null> {
  const db = ctx.database.db;
  const scheme = await findScheme(db, storeId);
  if (!scheme) return null;
  const rows = await listTierRows(db, storeId);
  const members = await countMembersPerTier(db, storeId);
  const buyers = await countBuyers(db, storeId);
  const tiered = [...members.values()].reduce((sum, n) => sum + n, 0);
  return {
    basis: scheme.basis,
    period: scheme.period,
    tiers: rows.map((row) => ({
      id: row.id,
      rank: row.rank,
      name: row.name,
      minSpent: Number(row.min_spent),
      minOrders: row.min_orders,
      pricePercent: row.price_percent,
      benefits: row.benefits,
      members: members.get(row.id) ?? 0,
    })),
    noTier: Math.max(buyers - tiered, 0),
    appliedAt: scheme.applied_at === null ? null : Number(scheme.applied_at),
    updatedAt: Number(scheme.updated_at),
    updatedBy: scheme.updated_by,
  };
}

/** How many buyers a proposed scheme (not saved) would put in each tier, and who would move. */
export async function previewTiers(
  ctx: AppContext,
  storeId: StoreId,
  input: TierSchemeInput,
): Promise<TierPreview> {
  const target: TargetScheme = {
    ...input,
    tiers: input.tiers.map((tier) => ({ ...tier, id: tier.id ?? null })),
  };
  checkThresholds(target);
  const saved = await listTierRows(ctx.database.db, storeId);
  const former = new Map(saved.map((row) => [row.id, { rank: row.rank, name: row.name }]));
  const result = await evaluate(ctx, storeId, target, former);
  const buyers = await countBuyers(ctx.database.db, storeId);
  const tiered = result.perTier.reduce((sum, n) => sum + n, 0);
  return {
    tiers: target.tiers.map((tier, rank) => ({
      id: tier.id,
      name: tier.name,
      customers: result.perTier[rank]!,
    })),
    none: Math.max(buyers - tiered, 0),
    up: result.up,
    down: result.down,
    same: result.same,
  };
}

/** Refreshes every buyer's tier under the saved scheme: ups, downs, history. Audited. */
export async function applyTiers(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  reason: 'refresh' | 'apply' | 'scheme',
  former: ReadonlyMap<number, { rank: number; name: string }> = new Map(),
): Promise<ApplySummary> {
  // Another refresh or save may land between reading and writing (the refresh job and a click):
  // the write claims the scheme's version and, if it moved, the refresh starts again from fresh reads.
  for (let attempt = 0; attempt < 3; attempt++) {
    const summary = await tryApply(ctx, storeId, actor, reason, former);
    if (summary) return summary;
  }
  throw new LaokeError(
    'loyalty.refresh_conflict',
    'The tiers kept changing while they were being refreshed (three tries); try again.',
  );
}

/** One refresh; null when the scheme's version moved after it was read (nothing written). */
async function tryApply(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  reason: 'refresh' | 'apply' | 'scheme',
  former: ReadonlyMap<number, { rank: number; name: string }>,
): Promise<ApplySummary | null> {
  const db = ctx.database.db;
  const scheme = await findScheme(db, storeId);
  if (!scheme)
    throw new LaokeError('loyalty.no_tiers', 'The store has no tiers yet: save a tier scheme first.');
  const rows = await listTierRows(db, storeId);
  const target: TargetScheme = {
    basis: scheme.basis,
    period: scheme.period,
    tiers: rows.map((row) => ({
      id: row.id,
      name: row.name,
      minSpent: Number(row.min_spent),
      minOrders: row.min_orders,
    })),
  };
  const result = await evaluate(ctx, storeId, target, former);
  const now = ctx.clock.now();
  const { moves } = result;
  let up = 0;
  for (let i = 0; i < moves.count; i++) up += moves.up[i]!;
  const down = moves.count - up;
  const written = await db.transaction().execute(async (trx) => {
    // The claim comes first: on PostgreSQL it locks the row, and a second refresh waits here,
    // then finds the version moved.
    const claimed = await trx
      .updateTable('tier_schemes')
      .set({ applied_at: now, version: scheme.version + 1 })
      .where('store_id', '=', storeId)
      .where('version', '=', scheme.version)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return false;
    if (moves.count > 0) {
      const firstId = await allocateIds(trx, storeId, 'tier_changes', moves.count);
      await writeMoves(trx, storeId, moves, result.names, firstId, reason, now);
    }
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      { action: 'tiers.applied', subjectType: 'tiers', details: { reason, up, down } },
      now,
    );
    return true;
  });
  if (!written) return null;
  return { members: result.perTier.reduce((sum, n) => sum + n, 0), up, down, appliedAt: now };
}

/**
 * Saves the store's scheme (tiers with an id keep it; tiers left out are removed) and applies it
 * at once, so no member is left in a tier that no longer exists. Audited.
 */
export async function saveTierScheme(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  input: TierSchemeInput,
): Promise<{ scheme: TierScheme; applied: ApplySummary }> {
  const db = ctx.database.db;
  checkThresholds({ ...input, tiers: input.tiers.map((tier) => ({ ...tier, id: tier.id ?? null })) });
  const saved = await listTierRows(db, storeId);
  const savedIds = new Set(saved.map((row) => row.id));
  const unknown = input.tiers.filter((tier) => tier.id !== undefined && !savedIds.has(tier.id));
  if (unknown.length > 0)
    throw new LaokeError(
      'loyalty.tier_not_found',
      `No tier ${unknown.map((tier) => tier.id).join(', ')} in this store; leave out the id for a new tier.`,
    );
  const now = ctx.clock.now();
  const kept = new Set(input.tiers.flatMap((tier) => (tier.id === undefined ? [] : [tier.id])));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('tier_schemes')
      .values({
        store_id: storeId,
        basis: input.basis,
        period: input.period,
        applied_at: null,
        updated_at: now,
        updated_by: actor.label,
      })
      .onConflict((conflict) =>
        conflict.column('store_id').doUpdateSet({
          basis: input.basis,
          period: input.period,
          // A refresh that read the old tiers must not write over the new ones
          version: sql<number>`tier_schemes.version + 1`,
          updated_at: now,
          updated_by: actor.label,
        }),
      )
      .execute();
    const removed = saved.filter((row) => !kept.has(row.id)).map((row) => row.id);
    if (removed.length > 0)
      await trx.deleteFrom('tiers').where('store_id', '=', storeId).where('id', 'in', removed).execute();
    for (const [rank, tier] of input.tiers.entries()) {
      const values = {
        rank,
        name: tier.name,
        min_spent: tier.minSpent as Fen,
        min_orders: tier.minOrders,
        price_percent: tier.pricePercent,
        benefits: tier.benefits,
      };
      if (tier.id !== undefined)
        await trx
          .updateTable('tiers')
          .set(values)
          .where('store_id', '=', storeId)
          .where('id', '=', tier.id)
          .execute();
      else {
        const id = await allocateIds(trx, storeId, 'tiers');
        await trx
          .insertInto('tiers')
          .values({ store_id: storeId, id, ...values })
          .execute();
      }
    }
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'tiers.saved',
        subjectType: 'tiers',
        details: {
          basis: input.basis,
          period: input.period,
          tiers: input.tiers.map((tier) => tier.name),
          removed,
        },
      },
      now,
    );
  });
  const former = new Map(saved.map((row) => [row.id, { rank: row.rank, name: row.name }]));
  const applied = await applyTiers(ctx, storeId, actor, 'scheme', former);
  return { scheme: (await getTierScheme(ctx, storeId))!, applied };
}

function toChange(row: Awaited<ReturnType<typeof selectChanges>>[number]): TierChange {
  return {
    id: row.id,
    customerId: row.customer_id,
    from: row.from_tier_id === null ? null : { id: row.from_tier_id, name: row.from_name ?? '' },
    to: row.to_tier_id === null ? null : { id: row.to_tier_id, name: row.to_name ?? '' },
    direction: row.direction,
    reason: row.reason,
    at: Number(row.at),
  };
}

/**
 * The "tier changed" events of a store at or after `since` (and after `afterId`, to poll without
 * repeats), oldest first unless asked: what campaigns and automations use to greet an upgrade.
 */
export async function tierChangesSince(
  ctx: AppContext,
  storeId: StoreId,
  filter: Omit<ChangeFilter, 'customerId'>,
): Promise<TierChange[]> {
  return (await selectChanges(ctx.database.db, storeId, filter)).map(toChange);
}

/** Ups and downs of the latest refreshes, for the movement chart. */
export async function tierMovement(ctx: AppContext, storeId: StoreId, limit = 30) {
  return { refreshes: await selectMovement(ctx.database.db, storeId, limit) };
}

/** A customer's tier now and their moves, newest first. */
export async function customerTier(
  ctx: AppContext,
  storeId: StoreId,
  customerId: CustomerId,
): Promise<CustomerTier> {
  const db = ctx.database.db;
  const customer = await db
    .selectFrom('customers')
    .select('id')
    .where('store_id', '=', storeId)
    .where('id', '=', customerId)
    .executeTakeFirst();
  if (!customer) throw new LaokeError('customer.not_found', `No customer ${customerId} in this store.`);
  const tier = await db
    .selectFrom('customer_tiers as ct')
    .innerJoin('tiers as t', (join) =>
      join.onRef('t.store_id', '=', 'ct.store_id').onRef('t.id', '=', 'ct.tier_id'),
    )
    .select(['t.id', 't.name', 't.price_percent', 'ct.since'])
    .where('ct.store_id', '=', storeId)
    .where('ct.customer_id', '=', customerId)
    .executeTakeFirst();
  const history = await selectChanges(db, storeId, { customerId, limit: 100 });
  return {
    tier: tier
      ? { id: tier.id, name: tier.name, pricePercent: tier.price_percent, since: Number(tier.since) }
      : null,
    history: history.map(toChange),
  };
}

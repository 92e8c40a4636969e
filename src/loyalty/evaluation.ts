import { DateTime } from 'luxon';
import type { AppContext } from '../context.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { type Instant, localDateOf, startOfLocalDay } from '../shared/time.js';
import { findStoreById } from '../stores/stores.store.js';
import { assignRanks, NO_TIER, type TierPeriod, type TierRules } from './tiers.js';
import { readCurrentTiers, readMeasures, type TierMoves } from './tiers.store.js';

// One evaluation of a scheme over a store's buyers, for a what-if and for a refresh alike (so the
// what-if's counts are the counts after applying): the measures read in customer-id order, each
// buyer's tier assigned, the current tiers walked alongside, the moves collected in typed arrays.

/** A scheme to evaluate: the saved one, or a proposal (whose new tiers have no id yet). */
export interface TargetScheme {
  readonly basis: TierRules['basis'];
  readonly period: TierPeriod;
  readonly tiers: readonly {
    readonly id: number | null;
    readonly name: string;
    readonly minSpent: number;
    readonly minOrders: number;
  }[];
}

/** The first instant of a rolling 12 months: the start of the same calendar day a year ago. */
export function periodStart(now: Instant, timeZone: string): Instant {
  const today = localDateOf(now, timeZone);
  const yearAgo = DateTime.fromISO(today, { zone: 'UTC' }).minus({ months: 12 }).toISODate()!;
  return startOfLocalDay(yearAgo, timeZone)!;
}

async function timeZoneOf(ctx: AppContext, storeId: StoreId): Promise<string> {
  const store = await findStoreById(ctx.database.db, storeId);
  if (!store) throw new LaokeError('store.not_found', `No store ${storeId}.`);
  return store.time_zone;
}

export interface Evaluation {
  readonly perTier: number[];
  readonly up: number;
  readonly down: number;
  readonly same: number;
  readonly moves: TierMoves;
  /** Every tier id a move mentions, with its name (the target's, else the former one's). */
  readonly names: ReadonlyMap<number, string>;
}

/**
 * Every buyer's tier under `target` against their tier now. `former` names tiers that are no
 * longer in the target (a saved scheme that dropped them), so a move out of one has a rank.
 */
export async function evaluate(
  ctx: AppContext,
  storeId: StoreId,
  target: TargetScheme,
  former: ReadonlyMap<number, { rank: number; name: string }>,
): Promise<Evaluation> {
  const since = periodStart(ctx.clock.now(), await timeZoneOf(ctx, storeId));
  const measures = await readMeasures(ctx.database, storeId, target.period, since);
  const current = await readCurrentTiers(ctx.database, storeId);
  const ranks = assignRanks(target, measures.spent, measures.orders);
  const rankOfId = new Map<number, number>();
  const names = new Map<number, string>();
  for (const [id, tier] of former) names.set(id, tier.name);
  target.tiers.forEach((tier, rank) => {
    if (tier.id === null) return;
    rankOfId.set(tier.id, rank);
    names.set(tier.id, tier.name);
  });
  const oldRank = (tierId: number) => rankOfId.get(tierId) ?? former.get(tierId)?.rank ?? NO_TIER;
  const perTier = new Array<number>(target.tiers.length).fill(0);
  // At most every measured and every current member moves: typed arrays of that size, no per-row objects.
  const capacity = measures.ids.length + current.ids.length;
  const moves = {
    count: 0,
    customerIds: new Int32Array(capacity),
    fromTierIds: new Int32Array(capacity),
    toTierIds: new Int32Array(capacity),
    up: new Uint8Array(capacity),
  };
  let up = 0;
  let down = 0;
  let same = 0;
  // Both lists are in customer id order: walk them together.
  let i = 0;
  let j = 0;
  while (i < measures.ids.length || j < current.ids.length) {
    const measured = i < measures.ids.length ? measures.ids[i]! : Number.POSITIVE_INFINITY;
    const held = j < current.ids.length ? current.ids[j]! : Number.POSITIVE_INFINITY;
    const customerId = Math.min(measured, held);
    const rank = measured === customerId ? ranks[i++]! : NO_TIER;
    const fromTierId = held === customerId ? current.tierIds[j++]! : 0;
    if (rank !== NO_TIER) perTier[rank]! += 1;
    const before = fromTierId === 0 ? NO_TIER : oldRank(fromTierId);
    if (rank > before) up += 1;
    else if (rank < before) down += 1;
    else same += 1;
    // A proposed tier without an id yet is a move for every member it gets (-1 never matches).
    const toTierId = rank === NO_TIER ? 0 : (target.tiers[rank]!.id ?? -1);
    if (toTierId === fromTierId) continue;
    const at = moves.count++;
    moves.customerIds[at] = customerId;
    moves.fromTierIds[at] = fromTierId;
    moves.toTierIds[at] = toTierId;
    moves.up[at] = rank >= before ? 1 : 0;
  }
  return { perTier, up, down, same, moves, names };
}

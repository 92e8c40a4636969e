// Membership tiers (会员等级), pure: members' measures and a scheme in, each member's tier out. No
// I/O, no clock. A scheme lists its tiers from the lowest; a member gets the highest tier whose
// thresholds they meet on the store's basis: cumulative spend, order count, or both at once.

export const tierBases = ['spend', 'orders', 'both'] as const;
export type TierBasis = (typeof tierBases)[number];
/** Over the whole history, or the purchases of the last 12 months of the store's calendar. */
export const tierPeriods = ['all', '12m'] as const;
export type TierPeriod = (typeof tierPeriods)[number];

/** The thresholds of one tier: spend in fen, orders counted. */
export interface TierThresholds {
  readonly minSpent: number;
  readonly minOrders: number;
}

export interface TierRules {
  readonly basis: TierBasis;
  /** Lowest first. */
  readonly tiers: readonly TierThresholds[];
}

/** No tier: the rank of a customer who meets no tier's thresholds (or bought nothing in the period). */
export const NO_TIER = -1;

/** Whether a member with these measures meets a tier's thresholds on the basis. */
export function meets(basis: TierBasis, tier: TierThresholds, spent: number, orders: number): boolean {
  if (basis === 'spend') return spent >= tier.minSpent;
  if (basis === 'orders') return orders >= tier.minOrders;
  return spent >= tier.minSpent && orders >= tier.minOrders;
}

/**
 * The rank (0 the lowest tier) a member reaches, or NO_TIER. Only buyers are members: a customer
 * without a purchase in the period has no tier, whatever the lowest threshold says.
 */
export function tierRankOf(rules: TierRules, spent: number, orders: number): number {
  if (orders <= 0) return NO_TIER;
  for (let rank = rules.tiers.length - 1; rank >= 0; rank--)
    if (meets(rules.basis, rules.tiers[rank]!, spent, orders)) return rank;
  return NO_TIER;
}

/** Each member's rank, aligned with the measures. */
export function assignRanks(rules: TierRules, spent: Float64Array, orders: Float64Array): Int16Array {
  const ranks = new Int16Array(spent.length);
  for (let i = 0; i < spent.length; i++) ranks[i] = tierRankOf(rules, spent[i]!, orders[i]!);
  return ranks;
}

/**
 * What is wrong with a scheme's thresholds, as messages a person can act on; [] when none. Each
 * tier must ask strictly more than the one below on what the basis measures, so tiers nest and
 * "the highest tier met" is one tier.
 */
export function thresholdProblems(rules: TierRules): string[] {
  const problems: string[] = [];
  const usesSpend = rules.basis !== 'orders';
  const usesOrders = rules.basis !== 'spend';
  for (let rank = 1; rank < rules.tiers.length; rank++) {
    const below = rules.tiers[rank - 1]!;
    const tier = rules.tiers[rank]!;
    if (usesSpend && tier.minSpent <= below.minSpent)
      problems.push(
        `tier ${rank + 1} must ask for more spend than tier ${rank} (${tier.minSpent} ≤ ${below.minSpent} fen)`,
      );
    if (usesOrders && tier.minOrders <= below.minOrders)
      problems.push(
        `tier ${rank + 1} must ask for more orders than tier ${rank} (${tier.minOrders} ≤ ${below.minOrders})`,
      );
  }
  return problems;
}

/** Members per rank (index 0 the lowest tier) and without a tier. */
export function countRanks(ranks: Int16Array, tierCount: number): { perTier: number[]; none: number } {
  const perTier = new Array<number>(tierCount).fill(0);
  let none = 0;
  for (const rank of ranks) {
    if (rank === NO_TIER) none += 1;
    else perTier[rank]! += 1;
  }
  return { perTier, none };
}

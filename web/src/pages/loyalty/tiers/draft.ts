import { thresholdProblems } from '../../../../../src/loyalty/tiers.js';
import type { TierScheme, TierSchemeInput } from '../types.js';

// The scheme being edited: rows with a client key (React needs one before a tier has an id).

export interface DraftTier {
  readonly key: string;
  readonly id?: number;
  readonly name: string;
  readonly minSpent: number; // fen
  readonly minOrders: number;
  readonly pricePercent: number;
  readonly benefits: string;
}

export interface Draft {
  readonly basis: TierScheme['basis'];
  readonly period: TierScheme['period'];
  readonly tiers: readonly DraftTier[];
}

let nextKey = 0;
export const newKey = () => `new-${++nextKey}`;

/** A first scheme to start from: three tiers by spend over the whole history. */
export function startingDraft(names: readonly [string, string, string]): Draft {
  return {
    basis: 'spend',
    period: 'all',
    tiers: [
      { key: newKey(), name: names[0], minSpent: 50_000, minOrders: 2, pricePercent: 98, benefits: '' },
      { key: newKey(), name: names[1], minSpent: 200_000, minOrders: 5, pricePercent: 95, benefits: '' },
      { key: newKey(), name: names[2], minSpent: 500_000, minOrders: 10, pricePercent: 90, benefits: '' },
    ],
  };
}

export function draftOf(scheme: TierScheme): Draft {
  return {
    basis: scheme.basis,
    period: scheme.period,
    tiers: scheme.tiers.map((tier) => ({ key: `tier-${tier.id}`, ...tier })),
  };
}

/** The request body, or null when the server would refuse it (empty name, thresholds not rising). */
export function inputOf(draft: Draft): TierSchemeInput | null {
  if (draft.tiers.length === 0 || draft.tiers.some((tier) => tier.name.trim() === '')) return null;
  if (new Set(draft.tiers.map((tier) => tier.name.trim())).size !== draft.tiers.length) return null;
  if (thresholdProblems(draft).length > 0) return null;
  return {
    basis: draft.basis,
    period: draft.period,
    tiers: draft.tiers.map((tier) => ({
      ...(tier.id === undefined ? {} : { id: tier.id }),
      name: tier.name.trim(),
      minSpent: tier.minSpent,
      minOrders: tier.minOrders,
      pricePercent: tier.pricePercent,
      benefits: tier.benefits,
    })),
  };
}

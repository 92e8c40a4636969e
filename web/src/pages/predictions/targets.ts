import { storePath } from '../../app/sections';

// The two customer lists the predictions point to, as customer-list filters in the API's names.

export const predictionTargets = {
  /**
   * Valuable but slipping away: the top fifth by value if still active (CLV already discounts the
   * risk, so a slipping customer's CLV is low), under 30% likely to still be active.
   */
  winBack: { pAliveMax: 0.3, potentialTopPercent: 20 },
  /** The best customers: the top fifth by CLV, over 70% likely to still be active. */
  active: { pAliveMin: 0.7, clvTopPercent: 20 },
} as const;

export type PredictionTarget = keyof typeof predictionTargets;

/** The customer list filtered to a target. */
export function targetPath(storeId: number, target: PredictionTarget): string {
  const params = new URLSearchParams(
    Object.entries(predictionTargets[target]).map(([name, value]) => [name, String(value)]),
  );
  return `${storePath(storeId, 'customers')}?${params.toString()}`;
}

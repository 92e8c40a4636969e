import { useAnalytics } from '../analytics/api';
import type { Snapshot } from '../analytics/types';
import type { PredictionsSnapshot } from './types';

/**
 * The latest predictions, or null before a refresh has computed them. The analytics refresh
 * computes them with the rest, so they sit under its queries and its reload asks again.
 */
export const usePredictions = (storeId: number) =>
  useAnalytics<Snapshot<PredictionsSnapshot>>(storeId, '/predictions');

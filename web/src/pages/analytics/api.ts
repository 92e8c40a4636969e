import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, query } from '../../api/client';
import type {
  CohortsSnapshot,
  CoreCustomersPage,
  ExportTable,
  LifecycleSnapshot,
  LowConversion,
  NewOldRow,
  NewOldSnapshot,
  ParetoSnapshot,
  ProductsExportTable,
  ProductsSnapshot,
  RfmHistoryEntry,
  RfmSnapshot,
  Snapshot,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}/analytics`;

export const analyticsKeys = {
  all: (storeId: number) => ['stores', storeId, 'analytics'] as const,
  part: (storeId: number, path: string) => ['stores', storeId, 'analytics', path] as const,
};

/** An analysis under /analytics: its latest snapshot, or null before the first refresh. */
export function useAnalytics<T>(storeId: number, path: string, enabled = true) {
  return useQuery({
    queryKey: analyticsKeys.part(storeId, path),
    queryFn: ({ signal }) => api.get<T>(`${base(storeId)}${path}`, signal),
    enabled,
  });
}

export const useRfm = (storeId: number) => useAnalytics<Snapshot<RfmSnapshot>>(storeId, '/rfm');
export const useRfmHistory = (storeId: number) =>
  useAnalytics<{ history: readonly RfmHistoryEntry[] }>(storeId, '/rfm/history');
export const useLifecycle = (storeId: number) =>
  useAnalytics<Snapshot<LifecycleSnapshot>>(storeId, '/lifecycle');
export const useNewOld = (storeId: number) => useAnalytics<Snapshot<NewOldSnapshot>>(storeId, '/new-old');
export const usePareto = (storeId: number) => useAnalytics<Snapshot<ParetoSnapshot>>(storeId, '/pareto');
export const useCohorts = (storeId: number) => useAnalytics<Snapshot<CohortsSnapshot>>(storeId, '/cohorts');
export const useProducts = (storeId: number) =>
  useAnalytics<Snapshot<ProductsSnapshot>>(storeId, '/products');

export interface DayRange {
  readonly from: string;
  readonly to: string;
}

/** New vs old customers over any range of days; asked once a range is chosen. */
export const useNewOldRange = (storeId: number, range: DayRange | undefined) =>
  useAnalytics<{ row: NewOldRow }>(storeId, `/new-old/range${query({ ...range })}`, range !== undefined);

export const useLowConversion = (storeId: number, range: DayRange | undefined) =>
  useAnalytics<LowConversion>(storeId, `/products/low-conversion${query({ ...range })}`, range !== undefined);

export function useCoreCustomers(storeId: number, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...analyticsKeys.part(storeId, '/core-customers'), page, pageSize],
    queryFn: ({ signal }) =>
      api.get<CoreCustomersPage>(`${base(storeId)}/core-customers${query({ page, pageSize })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export type ExportFormat = 'csv' | 'xlsx';

/** Where a table downloads from (a plain link: the session cookie goes along). */
export const exportUrl = (storeId: number, table: ExportTable, format: ExportFormat) =>
  `${base(storeId)}/export${query({ table, format })}`;

/** A products table's download; the low-conversion list needs its days. */
export const productsExportUrl = (
  storeId: number,
  table: ProductsExportTable,
  format: ExportFormat,
  range?: DayRange,
) => `${base(storeId)}/products/export${query({ table, format, ...range })}`;

/** Starts the refresh job; the answer names it, for the progress to follow. */
export function useStartRefresh(storeId: number, onStarted: (jobId: number) => void) {
  return useMutation({
    mutationFn: () => api.post<{ jobId: number }>(`${base(storeId)}/refresh`),
    onSuccess: (answer) => onStarted(answer.jobId),
  });
}

/** After a refresh: every analysis asks again for its new snapshot. */
export function useReloadAnalytics(storeId: number) {
  const client = useQueryClient();
  return useCallback(
    () => client.invalidateQueries({ queryKey: analyticsKeys.all(storeId) }),
    [client, storeId],
  );
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Overview } from './types';

export const overviewQueryKey = (storeId: number) => ['stores', storeId, 'overview'] as const;

export function useOverview(storeId: number) {
  return useQuery({
    queryKey: overviewQueryKey(storeId),
    queryFn: ({ signal }) => api.get<Overview>(`/api/stores/${storeId}/overview`, signal),
  });
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type {
  AudienceDefinition,
  AudienceInput,
  CountResult,
  CustomerList,
  ReadyMadeAudience,
  SavedAudience,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}/audiences`;

export const audienceKeys = {
  all: (storeId: number) => ['stores', storeId, 'audiences'] as const,
  readyMade: (storeId: number) => ['stores', storeId, 'audiences-ready-made'] as const,
  members: (storeId: number, id: number, page: number) =>
    ['stores', storeId, 'audiences', id, 'members', page] as const,
};

export function useAudiences(storeId: number) {
  return useQuery({
    queryKey: audienceKeys.all(storeId),
    queryFn: ({ signal }) => api.get<{ audiences: SavedAudience[] }>(base(storeId), signal),
    select: (answer) => answer.audiences,
  });
}

export function useReadyMade(storeId: number) {
  return useQuery({
    queryKey: audienceKeys.readyMade(storeId),
    queryFn: ({ signal }) =>
      api.get<{ audiences: ReadyMadeAudience[] }>(`${base(storeId)}/ready-made`, signal),
    select: (answer) => answer.audiences,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** A count and how long the request took, in milliseconds as the browser saw it. */
export interface TimedCount extends CountResult {
  readonly ms: number;
}

/** The live count of a definition; undefined asks nothing. */
export function useLiveCount(storeId: number, definition: AudienceDefinition | undefined) {
  return useQuery({
    queryKey: ['stores', storeId, 'audiences', 'count', definition] as const,
    queryFn: async ({ signal }): Promise<TimedCount> => {
      const started = performance.now();
      const answer = await api.post<CountResult>(`${base(storeId)}/count`, { definition }, { signal });
      return { ...answer, ms: Math.round(performance.now() - started) };
    },
    enabled: definition !== undefined,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

export function useMembers(storeId: number, id: number | undefined, page: number) {
  return useQuery({
    queryKey: audienceKeys.members(storeId, id ?? 0, page),
    queryFn: ({ signal }) =>
      api.get<CustomerList>(`${base(storeId)}/${id}/members${query({ page, pageSize: 20 })}`, signal),
    enabled: id !== undefined,
    placeholderData: (previous) => previous,
  });
}

export function audienceExportUrl(storeId: number, id: number, format: 'csv' | 'xlsx'): string {
  return `${base(storeId)}/${id}/export${query({ format })}`;
}

export function useAudienceMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: audienceKeys.all(storeId) });
  return {
    save: useMutation({
      mutationFn: ({ id, input }: { id: number | undefined; input: AudienceInput }) =>
        id === undefined
          ? api.post<SavedAudience>(base(storeId), input)
          : api.patch<SavedAudience>(`${base(storeId)}/${id}`, input),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: number) => api.delete(`${base(storeId)}/${id}`),
      onSuccess: refresh,
    }),
  };
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StoreSettings } from '../../../../src/stores/settings.js';
import { api } from '../../api/client';
import type { Campaign, CampaignInput, CampaignResults } from './types';

const base = (storeId: number) => `/api/stores/${storeId}/campaigns`;

export const campaignKeys = {
  all: (storeId: number) => ['stores', storeId, 'campaigns'] as const,
  one: (storeId: number, id: number) => ['stores', storeId, 'campaigns', id] as const,
  results: (storeId: number, id: number) => ['stores', storeId, 'campaigns', id, 'results'] as const,
};

// A sending campaign's message counts move as the dispatcher works; the list looks again this often.
const LIVE_REFRESH_MS = 5_000;

export function useCampaigns(storeId: number, enabled = true) {
  return useQuery({
    enabled,
    queryKey: campaignKeys.all(storeId),
    queryFn: ({ signal }) => api.get<{ campaigns: Campaign[] }>(base(storeId), signal),
    select: (answer) => answer.campaigns,
    refetchInterval: (q) =>
      q.state.data?.campaigns.some((c) => c.status === 'sending' || c.status === 'scheduled')
        ? LIVE_REFRESH_MS
        : false,
  });
}

export function useCampaign(storeId: number, id: number) {
  return useQuery({
    queryKey: campaignKeys.one(storeId, id),
    queryFn: ({ signal }) => api.get<Campaign>(`${base(storeId)}/${id}`, signal),
  });
}

export function useCampaignResults(storeId: number, id: number) {
  return useQuery({
    queryKey: campaignKeys.results(storeId, id),
    queryFn: ({ signal }) => api.get<CampaignResults>(`${base(storeId)}/${id}/results`, signal),
  });
}

export type CampaignAction = 'send' | 'approve' | 'pause' | 'resume' | 'cancel';

export function useCampaignMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: campaignKeys.all(storeId) });
  return {
    create: useMutation({
      mutationFn: (input: CampaignInput) => api.post<Campaign>(base(storeId), input),
      onSuccess: refresh,
    }),
    act: useMutation({
      mutationFn: ({ id, action }: { id: number; action: CampaignAction }) =>
        api.post<Campaign>(`${base(storeId)}/${id}/${action}`),
      onSuccess: refresh,
    }),
  };
}

/** The store's campaign settings (approval threshold, control share, SMS price in fen per part). */
export function useCampaignSettings(storeId: number) {
  return useQuery({
    // The same answer the settings page reads (GET /api/stores/:id), typed here by the server's schema.
    queryKey: ['stores', storeId, 'detail'] as const,
    queryFn: ({ signal }) => api.get<{ settings: StoreSettings }>(`/api/stores/${storeId}`, signal),
    select: (detail) => detail.settings.campaigns,
  });
}

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type { Campaign } from '../campaigns/types';
import type {
  ApplySummary,
  CustomerTier,
  MemberDay,
  MemberDayCalendar,
  MemberDayInput,
  TierChange,
  TierMovement,
  TierPreview,
  TierScheme,
  TierSchemeInput,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}/loyalty`;

export const loyaltyKeys = {
  all: (storeId: number) => ['stores', storeId, 'loyalty'] as const,
  scheme: (storeId: number) => ['stores', storeId, 'loyalty', 'scheme'] as const,
  preview: (storeId: number, input: TierSchemeInput | null) =>
    ['stores', storeId, 'loyalty', 'preview', input] as const,
  movement: (storeId: number) => ['stores', storeId, 'loyalty', 'movement'] as const,
  changes: (storeId: number) => ['stores', storeId, 'loyalty', 'changes'] as const,
  customer: (storeId: number, customerId: number) =>
    ['stores', storeId, 'loyalty', 'customer', customerId] as const,
  memberDays: (storeId: number) => ['stores', storeId, 'loyalty', 'member-days'] as const,
  calendar: (storeId: number, month: string) => ['stores', storeId, 'loyalty', 'calendar', month] as const,
};

export function useTierScheme(storeId: number) {
  return useQuery({
    queryKey: loyaltyKeys.scheme(storeId),
    queryFn: ({ signal }) => api.get<{ scheme: TierScheme | null }>(`${base(storeId)}/tiers`, signal),
    select: (answer) => answer.scheme,
  });
}

/** The what-if of a proposed scheme (null: nothing to ask yet); the last answer stays while the next loads. */
export function useTierPreview(storeId: number, input: TierSchemeInput | null) {
  return useQuery({
    queryKey: loyaltyKeys.preview(storeId, input),
    queryFn: ({ signal }) => api.post<TierPreview>(`${base(storeId)}/tiers/preview`, input, { signal }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useTierMovement(storeId: number) {
  return useQuery({
    queryKey: loyaltyKeys.movement(storeId),
    queryFn: ({ signal }) => api.get<TierMovement>(`${base(storeId)}/tiers/movement`, signal),
  });
}

/** The latest 200 tier changes since `since`, newest first. */
export function useRecentTierChanges(storeId: number, since: number) {
  return useQuery({
    queryKey: [...loyaltyKeys.changes(storeId), since],
    queryFn: ({ signal }) =>
      api.get<{ changes: TierChange[] }>(
        `${base(storeId)}/tiers/changes${query({ since, limit: 200, order: 'desc' })}`,
        signal,
      ),
    select: (answer) => answer.changes,
  });
}

export function useCustomerTier(storeId: number, customerId: number) {
  return useQuery({
    queryKey: loyaltyKeys.customer(storeId, customerId),
    queryFn: ({ signal }) => api.get<CustomerTier>(`${base(storeId)}/customers/${customerId}/tier`, signal),
  });
}

export function useTierMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: loyaltyKeys.all(storeId) });
  return {
    save: useMutation({
      mutationFn: (input: TierSchemeInput) =>
        api.put<{ scheme: TierScheme; applied: ApplySummary }>(`${base(storeId)}/tiers`, input),
      onSuccess: refresh,
    }),
    apply: useMutation({
      mutationFn: () => api.post<ApplySummary>(`${base(storeId)}/tiers/apply`),
      onSuccess: refresh,
    }),
  };
}

export function useMemberDays(storeId: number) {
  return useQuery({
    queryKey: loyaltyKeys.memberDays(storeId),
    queryFn: ({ signal }) => api.get<{ memberDays: MemberDay[] }>(`${base(storeId)}/member-days`, signal),
    select: (answer) => answer.memberDays,
  });
}

export function useMemberDayCalendar(storeId: number, month: string) {
  return useQuery({
    queryKey: loyaltyKeys.calendar(storeId, month),
    queryFn: ({ signal }) =>
      api.get<MemberDayCalendar>(`${base(storeId)}/member-days/calendar${query({ month })}`, signal),
    placeholderData: keepPreviousData,
  });
}

export function useMemberDayMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: loyaltyKeys.all(storeId) });
  return {
    save: useMutation({
      mutationFn: ({ id, input }: { id: number | null; input: MemberDayInput }) =>
        id === null
          ? api.post<MemberDay>(`${base(storeId)}/member-days`, input)
          : api.put<MemberDay>(`${base(storeId)}/member-days/${id}`, input),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: number) => api.delete(`${base(storeId)}/member-days/${id}`),
      onSuccess: refresh,
    }),
    remind: useMutation({
      mutationFn: (id: number) => api.post<Campaign>(`${base(storeId)}/member-days/${id}/reminder`),
      onSuccess: () => client.invalidateQueries({ queryKey: ['stores', storeId, 'campaigns'] }),
    }),
  };
}

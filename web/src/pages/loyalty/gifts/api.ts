import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../../api/client';
import type { GiftPlan, GiftPlanInput, GiftPreview, RecipientStatus, RecipientsPage } from './types';

const base = (storeId: number) => `/api/stores/${storeId}/gifts`;

export const giftKeys = {
  all: (storeId: number) => ['stores', storeId, 'gifts'] as const,
  one: (storeId: number, id: number) => ['stores', storeId, 'gifts', id] as const,
};

export function useGiftPlans(storeId: number) {
  return useQuery({
    queryKey: giftKeys.all(storeId),
    queryFn: ({ signal }) => api.get<{ plans: GiftPlan[] }>(base(storeId), signal),
    select: (answer) => answer.plans,
  });
}

export function useGiftPlan(storeId: number, id: number) {
  return useQuery({
    queryKey: giftKeys.one(storeId, id),
    queryFn: ({ signal }) => api.get<GiftPlan>(`${base(storeId)}/${id}`, signal),
  });
}

export function useGiftPreview(storeId: number, id: number, enabled: boolean) {
  return useQuery({
    queryKey: [...giftKeys.one(storeId, id), 'preview'] as const,
    queryFn: ({ signal }) => api.get<GiftPreview>(`${base(storeId)}/${id}/preview`, signal),
    enabled,
  });
}

export function useRecipients(
  storeId: number,
  id: number,
  page: number,
  status: RecipientStatus | undefined,
) {
  return useQuery({
    queryKey: [...giftKeys.one(storeId, id), 'recipients', page, status] as const,
    queryFn: ({ signal }) =>
      api.get<RecipientsPage>(
        `${base(storeId)}/${id}/recipients${query({ page, pageSize: 50, status })}`,
        signal,
      ),
    placeholderData: (previous) => previous,
  });
}

/** Where the shipping list downloads from: a plain link, so the session cookie goes along. */
export const shippingListUrl = (storeId: number, id: number, format: 'csv' | 'xlsx') =>
  `${base(storeId)}/${id}/export${query({ format })}`;

export function useGiftMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: giftKeys.all(storeId) });
  return {
    create: useMutation({
      mutationFn: (input: GiftPlanInput) => api.post<GiftPlan>(base(storeId), input),
      onSuccess: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, budget }: { id: number; budget: number }) =>
        api.patch<GiftPlan>(`${base(storeId)}/${id}`, { budget }),
      onSuccess: refresh,
    }),
    confirm: useMutation({
      mutationFn: (id: number) => api.post<GiftPlan>(`${base(storeId)}/${id}/confirm`),
      onSuccess: refresh,
    }),
    ship: useMutation({
      mutationFn: ({
        id,
        updates,
      }: {
        id: number;
        updates: { customerId: number; status: RecipientStatus; trackingNo?: string }[];
      }) => api.post<GiftPlan>(`${base(storeId)}/${id}/shipping`, { updates }),
      onSuccess: refresh,
    }),
  };
}

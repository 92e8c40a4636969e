import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type {
  CouponBatch,
  CouponBatchInput,
  CouponReport,
  IssueResult,
  MatchResult,
  Redemption,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}/coupons`;

export const couponKeys = {
  all: (storeId: number) => ['stores', storeId, 'coupons'] as const,
  report: (storeId: number, id: number) => ['stores', storeId, 'coupons', id, 'report'] as const,
};

export function useCouponBatches(storeId: number) {
  return useQuery({
    queryKey: couponKeys.all(storeId),
    queryFn: ({ signal }) => api.get<{ batches: CouponBatch[] }>(base(storeId), signal),
    select: (answer) => answer.batches,
  });
}

export function useCouponReport(storeId: number, id: number) {
  return useQuery({
    queryKey: couponKeys.report(storeId, id),
    queryFn: ({ signal }) => api.get<CouponReport>(`${base(storeId)}/${id}/report`, signal),
  });
}

export function useCouponMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: couponKeys.all(storeId) });
  return {
    create: useMutation({
      mutationFn: (input: CouponBatchInput) => api.post<CouponBatch>(base(storeId), input),
      onSuccess: refresh,
    }),
    issue: useMutation({
      mutationFn: ({
        id,
        audienceId,
        perCustomer,
      }: {
        id: number;
        audienceId: number;
        perCustomer: number;
      }) => api.post<IssueResult>(`${base(storeId)}/${id}/issue`, { audienceId, perCustomer }),
      onSuccess: refresh,
    }),
    redeem: useMutation({
      mutationFn: (input: { code: string; orderNumber: string }) =>
        api.post<Redemption>(`${base(storeId)}/redeem`, input),
      onSuccess: refresh,
    }),
    match: useMutation({
      mutationFn: () => api.post<MatchResult>(`${base(storeId)}/match`),
      onSuccess: refresh,
    }),
  };
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  audienceResultSchema,
  nurtureResultSchema,
  Review,
} from '../../../../../src/promotions/review-schemas';
import { api, query } from '../../../api/client';

// The review (复盘) API: GET …/plans/:planId/review, the new customers saved as an audience, the
// nurture plan as draft campaigns, and the two exports.

export type { Review };
export type AudienceResult = z.infer<typeof audienceResultSchema>;
export type NurtureResult = z.infer<typeof nurtureResultSchema>;

const base = (storeId: number, planId: number) => `/api/stores/${storeId}/promotions/plans/${planId}/review`;
const reviewKey = (storeId: number, planId: number) =>
  ['stores', storeId, 'promotions', 'plan', planId, 'review'] as const;

export function useReview(storeId: number, planId: number) {
  return useQuery({
    queryKey: reviewKey(storeId, planId),
    queryFn: ({ signal }) => api.get<Review>(base(storeId, planId), signal),
    retry: false, // 409 promotion.not_started is an answer, not a failure to retry
  });
}

export function useReviewActions(storeId: number, planId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: reviewKey(storeId, planId) });
  return {
    audience: useMutation({
      mutationFn: () => api.post<AudienceResult>(`${base(storeId, planId)}/new-customers-audience`),
      onSuccess: refresh,
    }),
    nurture: useMutation({
      mutationFn: () => api.post<NurtureResult>(`${base(storeId, planId)}/nurture-campaigns`),
      onSuccess: refresh,
    }),
  };
}

/** The address of the review as an XLSX or PDF file, in the given language (audited on the server). */
export function reviewFileUrl(storeId: number, planId: number, format: 'xlsx' | 'pdf', lang: 'zh-CN' | 'en') {
  return `/api/stores/${storeId}/promotions/plans/${planId}/review.${format}${query({ lang })}`;
}

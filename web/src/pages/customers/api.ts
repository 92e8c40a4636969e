import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type {
  AfterSalesCase,
  BulkTagRequest,
  CaseList,
  Contact,
  ContactInput,
  CustomerList,
  CustomerPatch,
  CustomerProfile,
  Duplicates,
  FollowUpList,
  ListParams,
  OpenCaseInput,
  PreferenceSuggestions,
  Revealed,
  TagCounts,
  Timeline,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}`;
const customerPath = (storeId: number, customerId: number) => `${base(storeId)}/customers/${customerId}`;

export const customerKeys = {
  all: (storeId: number) => ['stores', storeId, 'customers'] as const,
  list: (storeId: number, params: ListParams) => ['stores', storeId, 'customers', 'list', params] as const,
  profile: (storeId: number, customerId: number) =>
    ['stores', storeId, 'customers', 'profile', customerId] as const,
  timeline: (storeId: number, customerId: number) =>
    ['stores', storeId, 'customers', 'timeline', customerId] as const,
  tags: (storeId: number) => ['stores', storeId, 'customers', 'tags'] as const,
  preferenceKeys: (storeId: number) => ['stores', storeId, 'customers', 'preference-keys'] as const,
  followUps: (storeId: number) => ['stores', storeId, 'customers', 'follow-ups'] as const,
  duplicates: (storeId: number) => ['stores', storeId, 'customers', 'duplicates'] as const,
};

/** One page of the customer list; the previous page stays on screen while the next loads. */
export function useCustomerList(storeId: number, params: ListParams, enabled = true) {
  return useQuery({
    queryKey: customerKeys.list(storeId, params),
    queryFn: ({ signal }) => api.get<CustomerList>(`${base(storeId)}/customers${query(params)}`, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomer(storeId: number, customerId: number) {
  return useQuery({
    queryKey: customerKeys.profile(storeId, customerId),
    queryFn: ({ signal }) => api.get<CustomerProfile>(customerPath(storeId, customerId), signal),
  });
}

const TIMELINE_PAGE = 30;

/** The customer's history, newest first; older events a page at a time. */
export function useTimeline(storeId: number, customerId: number) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(storeId, customerId),
    queryFn: ({ pageParam, signal }) =>
      api.get<Timeline>(
        `${customerPath(storeId, customerId)}/timeline${query({ before: pageParam, limit: TIMELINE_PAGE })}`,
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}

export function useTagCounts(storeId: number) {
  return useQuery({
    queryKey: customerKeys.tags(storeId),
    queryFn: ({ signal }) => api.get<TagCounts>(`${base(storeId)}/customers/tags`, signal),
    select: (answer) => answer.tags,
    staleTime: 60_000,
  });
}

export function usePreferenceKeys(storeId: number, enabled = true) {
  return useQuery({
    queryKey: customerKeys.preferenceKeys(storeId),
    queryFn: ({ signal }) =>
      api.get<PreferenceSuggestions>(`${base(storeId)}/customers/preference-keys`, signal),
    select: (answer) => answer.keys,
    staleTime: 60_000,
    enabled,
  });
}

// After a change to customers, everything listed about them may be out of date: lists, profiles,
// timelines, tag counts. One prefix covers them all.
function useRefreshCustomers(storeId: number) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: customerKeys.all(storeId) });
}

/** Saves a profile edit; the answer is the new profile, and the timeline gains the change. */
export function useUpdateCustomer(storeId: number, customerId: number) {
  const client = useQueryClient();
  const refresh = useRefreshCustomers(storeId);
  return useMutation({
    mutationFn: (patch: CustomerPatch) =>
      api.patch<CustomerProfile>(customerPath(storeId, customerId), patch),
    onSuccess: async (profile) => {
      client.setQueryData(customerKeys.profile(storeId, customerId), profile);
      await refresh();
    },
  });
}

/** The full phone number and address (the server records who asked). */
export function useReveal(storeId: number, customerId: number) {
  return useMutation({
    mutationFn: () => api.post<Revealed>(`${customerPath(storeId, customerId)}/reveal`),
  });
}

export function useRecordContact(storeId: number, customerId: number) {
  const refresh = useRefreshCustomers(storeId);
  return useMutation({
    mutationFn: (contact: ContactInput) =>
      api.post<Contact>(`${customerPath(storeId, customerId)}/contacts`, contact),
    onSuccess: refresh,
  });
}

export function useFollowUps(storeId: number, date: string, all: boolean) {
  return useQuery({
    queryKey: [...customerKeys.followUps(storeId), date, all],
    queryFn: ({ signal }) =>
      api.get<FollowUpList>(`${base(storeId)}/follow-ups${query({ date, all: String(all) })}`, signal),
  });
}

export function useMarkDone(storeId: number) {
  const refresh = useRefreshCustomers(storeId);
  return useMutation({
    mutationFn: (contactId: number) => api.post<Contact>(`${base(storeId)}/contacts/${contactId}/done`),
    onSuccess: refresh,
  });
}

export function useBulkTag(storeId: number) {
  const refresh = useRefreshCustomers(storeId);
  return useMutation({
    mutationFn: (request: BulkTagRequest) =>
      api.post<{ affected: number }>(`${base(storeId)}/customers/tags`, request),
    onSuccess: refresh,
  });
}

export function useDuplicates(storeId: number) {
  return useQuery({
    queryKey: customerKeys.duplicates(storeId),
    queryFn: ({ signal }) => api.get<Duplicates>(`${base(storeId)}/customers/duplicates`, signal),
    select: (answer) => answer.groups,
  });
}

/** Moves the duplicate's orders and history into the kept customer. */
export function useMerge(storeId: number) {
  const refresh = useRefreshCustomers(storeId);
  return useMutation({
    mutationFn: ({ keepId, duplicateId }: { keepId: number; duplicateId: number }) =>
      api.post<CustomerProfile>(`${customerPath(storeId, keepId)}/merge`, { duplicateId }),
    onSuccess: refresh,
  });
}

/** Clears the personal fields; orders stay for the figures. */
export function useErase(storeId: number, customerId: number) {
  const client = useQueryClient();
  const refresh = useRefreshCustomers(storeId);
  return useMutation({
    mutationFn: () => api.post<CustomerProfile>(`${customerPath(storeId, customerId)}/erase`),
    onSuccess: async (profile) => {
      client.setQueryData(customerKeys.profile(storeId, customerId), profile);
      await refresh();
    },
  });
}

/** The customer's after-sales cases, newest first, and how many are open. */
export function useCustomerCases(storeId: number, customerId: number) {
  return useQuery({
    queryKey: [...customerKeys.profile(storeId, customerId), 'after-sales'],
    queryFn: ({ signal }) =>
      api.get<CaseList>(`${base(storeId)}/after-sales${query({ customerId, limit: 200 })}`, signal),
  });
}

/** Opens an after-sales case for the customer. */
export function useOpenCase(storeId: number, customerId: number) {
  const refresh = useRefreshCustomers(storeId);
  return useMutation({
    mutationFn: (input: OpenCaseInput) =>
      api.post<AfterSalesCase>(`${customerPath(storeId, customerId)}/after-sales`, input),
    onSuccess: refresh,
  });
}

/** Resolves (with what was done) or reopens a case. */
export function useCaseStatus(storeId: number) {
  const refresh = useRefreshCustomers(storeId);
  return useMutation({
    mutationFn: ({ caseId, resolution }: { caseId: number; resolution?: string }) =>
      resolution === undefined
        ? api.post<AfterSalesCase>(`${base(storeId)}/after-sales/${caseId}/reopen`)
        : api.post<AfterSalesCase>(`${base(storeId)}/after-sales/${caseId}/resolve`, { resolution }),
    onSuccess: refresh,
  });
}

/** Where an export downloads from: a plain link, so the session cookie goes along. */
export function exportUrl(
  storeId: number,
  format: 'csv' | 'xlsx',
  target: { readonly ids: readonly number[] } | { readonly filter: ListParams },
): string {
  const params = 'ids' in target ? { ids: target.ids.join(',') } : target.filter;
  return `${base(storeId)}/customers/export${query({ format, ...params })}`;
}

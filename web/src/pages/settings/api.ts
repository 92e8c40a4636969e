import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import { meQueryKey } from '../../session/api';
import type {
  ApiToken,
  AuditPage,
  CreatedToken,
  Member,
  NewMember,
  NewToken,
  StoreChanges,
  StoreDetail,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}`;

export const settingsKeys = {
  detail: (storeId: number) => ['stores', storeId, 'detail'] as const,
  members: (storeId: number) => ['stores', storeId, 'members'] as const,
  tokens: (storeId: number) => ['stores', storeId, 'tokens'] as const,
  audit: (storeId: number, action?: string) => ['stores', storeId, 'audit', action ?? 'all'] as const,
  auditAll: (storeId: number) => ['stores', storeId, 'audit'] as const,
};

export function useStoreDetail(storeId: number) {
  return useQuery({
    queryKey: settingsKeys.detail(storeId),
    queryFn: ({ signal }) => api.get<StoreDetail>(base(storeId), signal),
  });
}

export function useUpdateStore(storeId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: StoreChanges) => api.patch<StoreDetail>(base(storeId), changes),
    onSuccess: async (detail) => {
      client.setQueryData(settingsKeys.detail(storeId), detail);
      // The header's store switcher and every figure in the store's currency depend on it.
      await Promise.all([
        client.invalidateQueries({ queryKey: meQueryKey }),
        client.invalidateQueries({ queryKey: ['stores', storeId, 'overview'] }),
        client.invalidateQueries({ queryKey: settingsKeys.auditAll(storeId) }),
      ]);
    },
  });
}

export function useMembers(storeId: number) {
  return useQuery({
    queryKey: settingsKeys.members(storeId),
    queryFn: ({ signal }) => api.get<{ members: Member[] }>(`${base(storeId)}/members`, signal),
    select: (answer) => answer.members,
  });
}

/** Add, re-role or remove a member; each refreshes the list and the audit log. */
export function useMemberMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: settingsKeys.members(storeId) }),
      client.invalidateQueries({ queryKey: settingsKeys.auditAll(storeId) }),
    ]);
  return {
    add: useMutation({
      mutationFn: (member: NewMember) => api.post<{ userId: number }>(`${base(storeId)}/members`, member),
      onSuccess: refresh,
    }),
    changeRole: useMutation({
      mutationFn: ({ userId, role }: Pick<Member, 'userId' | 'role'>) =>
        api.patch<void>(`${base(storeId)}/members/${userId}`, { role }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (userId: number) => api.delete(`${base(storeId)}/members/${userId}`),
      onSuccess: refresh,
    }),
  };
}

export function useTokens(storeId: number) {
  return useQuery({
    queryKey: settingsKeys.tokens(storeId),
    queryFn: ({ signal }) => api.get<{ tokens: ApiToken[] }>(`${base(storeId)}/tokens`, signal),
    select: (answer) => answer.tokens,
  });
}

export function useTokenMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: settingsKeys.tokens(storeId) }),
      client.invalidateQueries({ queryKey: settingsKeys.auditAll(storeId) }),
    ]);
  return {
    create: useMutation({
      mutationFn: (token: NewToken) => api.post<CreatedToken>(`${base(storeId)}/tokens`, token),
      onSuccess: refresh,
    }),
    revoke: useMutation({
      mutationFn: (tokenId: number) => api.delete(`${base(storeId)}/tokens/${tokenId}`),
      onSuccess: refresh,
    }),
  };
}

const AUDIT_PAGE_SIZE = 50;

/** The audit log, newest first, a page of 50 at a time. */
export function useAuditLog(storeId: number, action: string | undefined) {
  return useInfiniteQuery({
    queryKey: settingsKeys.audit(storeId, action),
    queryFn: ({ pageParam, signal }) =>
      api.get<AuditPage>(
        `${base(storeId)}/audit${query({ limit: AUDIT_PAGE_SIZE, before: pageParam, action })}`,
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}

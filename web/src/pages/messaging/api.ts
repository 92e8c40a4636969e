import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from '../../api/client';
import type {
  Channel,
  ChannelInput,
  ChannelView,
  Message,
  MessageStatus,
  MessageTemplate,
  MessagingSummary,
  Preview,
  PreviewInput,
  Suppression,
  SuppressionInput,
  Task,
  TaskUpdate,
  TemplateInput,
  TestSendInput,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}/messaging`;

export const messagingKeys = {
  all: (storeId: number) => ['stores', storeId, 'messaging'] as const,
  summary: (storeId: number) => ['stores', storeId, 'messaging', 'summary'] as const,
  messages: (storeId: number, filter: MessageFilter) =>
    ['stores', storeId, 'messaging', 'messages', filter] as const,
  templates: (storeId: number) => ['stores', storeId, 'messaging', 'templates'] as const,
  suppressions: (storeId: number, channel?: Channel, q?: string) =>
    ['stores', storeId, 'messaging', 'suppressions', channel ?? 'all', q ?? ''] as const,
  channels: (storeId: number) => ['stores', storeId, 'messaging', 'channels'] as const,
  tasks: (storeId: number, filter?: TaskFilter) =>
    ['stores', storeId, 'tasks', ...(filter ? [filter] : [])] as const,
};

export type ExportFormat = 'csv' | 'xlsx';

export interface MessageFilter {
  readonly status?: MessageStatus | undefined;
  readonly channel?: Channel | undefined;
  readonly source?: string | undefined;
  readonly customerId?: number | undefined;
}

interface Page<T> {
  readonly items: T[];
  readonly next: number | null;
}

const PAGE_SIZE = 50;
const SUMMARY_DAYS = 30;

export function useMessagingSummary(storeId: number) {
  return useQuery({
    queryKey: messagingKeys.summary(storeId),
    queryFn: ({ signal }) =>
      api.get<MessagingSummary>(`${base(storeId)}/summary${query({ days: SUMMARY_DAYS })}`, signal),
  });
}

/** The message log, newest first; "load more" asks for the messages before the last id shown. */
export function useMessages(storeId: number, filter: MessageFilter) {
  return useInfiniteQuery({
    queryKey: messagingKeys.messages(storeId, filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Message>>(
        `${base(storeId)}/messages${query({ ...filter, before: pageParam, limit: PAGE_SIZE })}`,
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });
}

/** Where an export downloads from: a plain link, so the session cookie goes along. */
export function messagesExportUrl(storeId: number, format: ExportFormat, filter: MessageFilter): string {
  const { status, channel, source } = filter;
  return `${base(storeId)}/messages/export${query({ format, status, channel, source })}`;
}

export function useTemplates(storeId: number) {
  return useQuery({
    queryKey: messagingKeys.templates(storeId),
    queryFn: ({ signal }) => api.get<{ templates: MessageTemplate[] }>(`${base(storeId)}/templates`, signal),
    select: (answer) => answer.templates,
  });
}

export function useTemplateMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: messagingKeys.templates(storeId) });
  return {
    save: useMutation({
      mutationFn: ({ id, input }: { id: number | undefined; input: TemplateInput }) =>
        id === undefined
          ? api.post<MessageTemplate>(`${base(storeId)}/templates`, input)
          : api.put<MessageTemplate>(`${base(storeId)}/templates/${id}`, input),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: number) => api.delete(`${base(storeId)}/templates/${id}`),
      onSuccess: refresh,
    }),
    test: useMutation({
      mutationFn: ({ id, input }: { id: number; input: TestSendInput }) =>
        api.post<{ messageId: number }>(`${base(storeId)}/templates/${id}/test`, input),
      // The test message shows in the log and its figures.
      onSuccess: () => client.invalidateQueries({ queryKey: messagingKeys.all(storeId) }),
    }),
  };
}

/** The template rendered for a sample customer; undefined input asks nothing. */
export function usePreview(storeId: number, input: PreviewInput | undefined) {
  return useQuery({
    queryKey: ['stores', storeId, 'messaging', 'preview', input] as const,
    queryFn: ({ signal }) => api.post<Preview>(`${base(storeId)}/preview`, input, { signal }),
    enabled: input !== undefined,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

export function useSuppressions(storeId: number, channel: Channel | undefined, q: string | undefined) {
  return useQuery({
    queryKey: messagingKeys.suppressions(storeId, channel, q),
    queryFn: ({ signal }) =>
      api.get<{ items: Suppression[] }>(`${base(storeId)}/suppressions${query({ channel, q })}`, signal),
    select: (answer) => answer.items,
  });
}

export function useSuppressionMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: [...messagingKeys.all(storeId), 'suppressions'] }),
      client.invalidateQueries({ queryKey: messagingKeys.summary(storeId) }),
    ]);
  return {
    add: useMutation({
      mutationFn: (input: SuppressionInput) => api.post<void>(`${base(storeId)}/suppressions`, input),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: ({ channel, address }: Pick<Suppression, 'channel' | 'address'>) =>
        api.delete(
          `${base(storeId)}/suppressions/${encodeURIComponent(channel)}/${encodeURIComponent(address)}`,
        ),
      onSuccess: refresh,
    }),
  };
}

export function useChannels(storeId: number, enabled = true) {
  return useQuery({
    queryKey: messagingKeys.channels(storeId),
    queryFn: ({ signal }) =>
      api.get<{ channels: ChannelView[]; secretKeySet: boolean }>(`${base(storeId)}/channels`, signal),
    enabled,
  });
}

export function useChannelMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: messagingKeys.channels(storeId) });
  return {
    save: useMutation({
      mutationFn: ({
        channel,
        settings,
        enabled,
      }: {
        channel: Channel;
        settings: ChannelInput;
        enabled: boolean;
      }) => api.put<ChannelView>(`${base(storeId)}/channels/${channel}`, { settings, enabled }),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (channel: Channel) => api.delete(`${base(storeId)}/channels/${channel}`),
      onSuccess: refresh,
    }),
  };
}

export interface TaskFilter {
  readonly mine: boolean;
  readonly status?: Task['status'] | undefined;
}

const tasksBase = (storeId: number) => `/api/stores/${storeId}/tasks`;

export function useTasks(storeId: number, filter: TaskFilter) {
  return useInfiniteQuery({
    queryKey: messagingKeys.tasks(storeId, filter),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Task>>(
        `${tasksBase(storeId)}${query({
          mine: filter.mine ? '1' : '0',
          status: filter.status,
          before: pageParam,
          limit: PAGE_SIZE,
        })}`,
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
  });
}

export function useUpdateTask(storeId: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, update }: { id: number; update: TaskUpdate }) =>
      api.patch<Task>(`${tasksBase(storeId)}/${id}`, update),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: messagingKeys.tasks(storeId) }),
        client.invalidateQueries({ queryKey: messagingKeys.summary(storeId) }),
      ]),
  });
}

export function tasksExportUrl(storeId: number, format: ExportFormat, filter: TaskFilter): string {
  return `${tasksBase(storeId)}/export${query({ format, mine: filter.mine ? '1' : '0', status: filter.status })}`;
}

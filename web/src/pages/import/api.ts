import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, query, type UploadProgress, upload } from '../../api/client';
import type { AttributeMatchKey } from '../customers/types';
import type {
  ColumnMap,
  ImportFormat,
  ImportRun,
  Job,
  RunDetail,
  RunsPage,
  SavedColumnMap,
  UploadAnswer,
} from './types';

const base = (storeId: number) => `/api/stores/${storeId}`;

export const importKeys = {
  runs: (storeId: number) => ['stores', storeId, 'imports', 'runs'] as const,
  run: (storeId: number, runId: number) => ['stores', storeId, 'imports', 'run', runId] as const,
  job: (storeId: number, jobId: number) => ['stores', storeId, 'jobs', jobId] as const,
  maps: (storeId: number) => ['stores', storeId, 'imports', 'maps'] as const,
};

/** Where the rejected rows of a run download from (a plain link: the session cookie goes along). */
export const rejectionsCsvUrl = (storeId: number, runId: number) =>
  `${base(storeId)}/imports/${runId}/rejections.csv`;

export interface UploadRequest {
  readonly files: readonly File[];
  readonly format?: ImportFormat | undefined;
  readonly map?: string | undefined;
  /** Customer details (客户属性) rather than orders, matched to customers by this column. */
  readonly attributes?: { readonly matchBy: AttributeMatchKey } | undefined;
  readonly onProgress: (progress: UploadProgress) => void;
  readonly signal?: AbortSignal;
}

/** Sends the files; the answer names the job that imports them. */
function uploadFiles(storeId: number, request: UploadRequest): Promise<UploadAnswer> {
  const form = new FormData();
  if (request.attributes) {
    form.append('matchBy', request.attributes.matchBy);
    for (const file of request.files) form.append('file', file, file.name);
    return upload<UploadAnswer>(
      `${base(storeId)}/customers/attribute-imports`,
      form,
      request.onProgress,
      request.signal,
    );
  }
  // Fields before files: they are small, and the server has them before the first byte of a file.
  if (request.format) form.append('format', request.format);
  if (request.map) form.append('map', request.map);
  for (const file of request.files) form.append('file', file, file.name);
  return upload<UploadAnswer>(`${base(storeId)}/imports`, form, request.onProgress, request.signal);
}

/** The upload as a mutation; `onAnswer` runs even when the page has been left meanwhile. */
export function useUploadFiles(storeId: number, options: { onAnswer: (answer: UploadAnswer) => void }) {
  return useMutation({
    mutationFn: (request: UploadRequest) => uploadFiles(storeId, request),
    onSuccess: options.onAnswer,
  });
}

/** A cancelled upload is the operator's choice, not a failure to report. */
export const isCancelled = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

const JOB_POLL_MS = 1_000;
const finished = (job: Job | undefined) =>
  job !== undefined && (job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled');

/** A job's state, asked for every second until it has ended. */
export function useJob(storeId: number, jobId: number | undefined) {
  return useQuery({
    queryKey: importKeys.job(storeId, jobId ?? 0),
    queryFn: ({ signal }) => api.get<Job>(`${base(storeId)}/jobs/${jobId}`, signal),
    enabled: jobId !== undefined,
    staleTime: 0,
    refetchInterval: (current) => (finished(current.state.data) ? false : JOB_POLL_MS),
    // Progress keeps coming while the tab is in the background: it is one small request a second.
    refetchIntervalInBackground: true,
  });
}

const RUNS_PAGE_SIZE = 20;
const RUNNING_POLL_MS = 2_000;

/** The import history, newest first, twenty at a time; refreshed every 2 s while a run is running. */
export function useImportRuns(storeId: number) {
  return useInfiniteQuery({
    queryKey: importKeys.runs(storeId),
    queryFn: ({ pageParam, signal }) =>
      api.get<RunsPage>(
        `${base(storeId)}/imports${query({ limit: RUNS_PAGE_SIZE, before: pageParam })}`,
        signal,
      ),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (page) => page.nextBefore ?? undefined,
    staleTime: 0,
    refetchInterval: (current) =>
      current.state.data?.pages.some((page) => page.runs.some((run) => run.status === 'running'))
        ? RUNNING_POLL_MS
        : false,
  });
}

/** One run with its rejections by reason and the first rejected rows. */
export function useImportRun(storeId: number, run: ImportRun) {
  return useQuery({
    queryKey: importKeys.run(storeId, run.id),
    queryFn: ({ signal }) => api.get<RunDetail>(`${base(storeId)}/imports/${run.id}`, signal),
    staleTime: 0,
    refetchInterval: run.status === 'running' ? RUNNING_POLL_MS : false,
  });
}

/** Asks for the history again, e.g. when a job has started or finished; stable between renders. */
export function useRefreshRuns(storeId: number) {
  const client = useQueryClient();
  return useCallback(
    () => client.invalidateQueries({ queryKey: importKeys.runs(storeId) }),
    [client, storeId],
  );
}

export function useColumnMaps(storeId: number) {
  return useQuery({
    queryKey: importKeys.maps(storeId),
    queryFn: ({ signal }) => api.get<{ maps: SavedColumnMap[] }>(`${base(storeId)}/import-maps`, signal),
    select: (answer) => answer.maps,
  });
}

const mapPath = (storeId: number, name: string) => `${base(storeId)}/import-maps/${encodeURIComponent(name)}`;

/** Save (create or replace) and delete column maps; each refreshes the list. */
export function useColumnMapMutations(storeId: number) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: importKeys.maps(storeId) });
  return {
    save: useMutation({
      mutationFn: ({ name, map }: { name: string; map: ColumnMap }) =>
        api.put<void>(mapPath(storeId, name), map),
      onSuccess: refresh,
    }),
    remove: useMutation({
      mutationFn: (name: string) => api.delete(mapPath(storeId, name)),
      onSuccess: refresh,
    }),
  };
}

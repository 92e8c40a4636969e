import { useCallback } from 'react';
import { can } from '../../session/permissions';
import { useStore } from '../../session/use-session';
import { useJob } from '../import/api';
import { useReloadAnalytics, useStartRefresh } from './api';
import { useRefreshJob } from './refresh-job';

/** The analytics refresh as a page uses it: start it, follow its job, reload every analysis after. */
export interface AnalyticsRefresh {
  /** The job on screen, if any (it outlives a visit to another page: see refresh-job.ts). */
  readonly jobId: number | undefined;
  /** Starting or running: the button waits rather than queue another refresh. */
  readonly busy: boolean;
  readonly allowed: boolean;
  readonly start: () => void;
  readonly onSucceeded: () => void;
  readonly dismiss: () => void;
}

/** The store's analytics refresh; the customer analytics and predictions pages share it. */
export function useAnalyticsRefresh(): AnalyticsRefresh {
  const store = useStore();
  const reload = useReloadAnalytics(store.id);
  const [jobId, setJobId, settleJob] = useRefreshJob(store.id);
  const start = useStartRefresh(store.id, setJobId);
  // The same query as the progress bar's (one request a second between them).
  const job = useJob(store.id, jobId);
  const state = job.data?.state;
  const running =
    jobId !== undefined &&
    !job.isError &&
    state !== 'succeeded' &&
    state !== 'failed' &&
    state !== 'cancelled';
  const onSucceeded = useCallback(() => {
    settleJob();
    void reload();
  }, [reload, settleJob]);
  return {
    jobId,
    busy: start.isPending || running,
    allowed: can(store.role, 'analytics.refresh'),
    start: () => start.mutate(),
    onSucceeded,
    dismiss: () => setJobId(undefined),
  };
}

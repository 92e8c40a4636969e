import type { AnalyticsRefresh } from '../use-analytics-refresh';
import { RefreshProgress } from './RefreshProgress';

/** The running (or just ended) refresh's progress, when there is one. */
export function RefreshJob({ refresh }: { readonly refresh: AnalyticsRefresh }) {
  if (refresh.jobId === undefined) return null;
  return (
    <RefreshProgress
      key={refresh.jobId}
      jobId={refresh.jobId}
      onSucceeded={refresh.onSucceeded}
      onClose={refresh.dismiss}
    />
  );
}

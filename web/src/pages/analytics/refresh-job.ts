import { useCallback, useState } from 'react';

// The refresh job last started in this tab, per store, so its progress is still on screen after
// the operator looks at another page (or reloads) while the server computes.

const key = (storeId: number) => `laoke.analyticsRefreshJob.${storeId}`;

function write(storeId: number, jobId: number | undefined): void {
  try {
    if (jobId === undefined) sessionStorage.removeItem(key(storeId));
    else sessionStorage.setItem(key(storeId), String(jobId));
  } catch {
    // Not remembered: the page still shows the job until it is left.
  }
}

function read(storeId: number): number | undefined {
  try {
    const value = Number(sessionStorage.getItem(key(storeId)));
    return Number.isInteger(value) && value > 0 ? value : undefined;
  } catch {
    return undefined; // storage disabled: nothing to show
  }
}

/**
 * The refresh job on screen for this store; a way to replace or dismiss it; and `settle`, for when
 * it has ended: its result stays on screen but is not shown again on the next visit.
 */
export function useRefreshJob(storeId: number) {
  const [jobId, setJobId] = useState(() => read(storeId));
  const change = useCallback(
    (next: number | undefined) => {
      write(storeId, next);
      setJobId(next);
    },
    [storeId],
  );
  const settle = useCallback(() => write(storeId, undefined), [storeId]);
  return [jobId, change, settle] as const;
}

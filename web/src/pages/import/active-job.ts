import { useCallback, useState } from 'react';
import type { UploadAnswer } from './types';

// The import job last started in this tab, per store, so its progress is still on screen after
// the operator looks at another page (or reloads) while the server imports.

const key = (storeId: number) => `laoke.importJob.${storeId}`;

function read(storeId: number): UploadAnswer | undefined {
  try {
    const text = sessionStorage.getItem(key(storeId));
    if (text === null) return undefined;
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { jobId, files } = value as Partial<UploadAnswer>;
    return typeof jobId === 'number' && Array.isArray(files) ? { jobId, files } : undefined;
  } catch {
    return undefined; // storage disabled or a damaged entry: nothing to show
  }
}

/** Remembers the started job; called when the upload answers, even if the page has been left. */
export function rememberJob(storeId: number, job: UploadAnswer | undefined): void {
  try {
    if (job) sessionStorage.setItem(key(storeId), JSON.stringify(job));
    else sessionStorage.removeItem(key(storeId));
  } catch {
    // Not remembered: the history still shows the runs.
  }
}

/** The job on screen for this store and a way to replace or dismiss it. */
export function useActiveJob(storeId: number) {
  const [job, setJob] = useState(() => read(storeId));
  const change = useCallback(
    (next: UploadAnswer | undefined) => {
      rememberJob(storeId, next);
      setJob(next);
    },
    [storeId],
  );
  return [job, change] as const;
}

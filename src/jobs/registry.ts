import { IMPORT_JOB, runImportJob } from '../orders/import-job.js';
import type { JobHandler } from './worker.js';

/** Every kind of job and the handler that runs it. */
export const jobHandlers: Readonly<Record<string, JobHandler>> = {
  [IMPORT_JOB]: runImportJob,
};

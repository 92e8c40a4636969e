import { ANALYTICS_REFRESH_JOB, runAnalyticsRefreshJob } from '../analytics/refresh-job.js';
import { ATTRIBUTE_IMPORT_JOB, runAttributeImportJob } from '../customers/attribute-import-job.js';
import { IMPORT_JOB, runImportJob } from '../orders/import-job.js';
import type { JobHandler } from './worker.js';

/** Every kind of job and the handler that runs it. */
export const jobHandlers: Readonly<Record<string, JobHandler>> = {
  [IMPORT_JOB]: runImportJob,
  [ATTRIBUTE_IMPORT_JOB]: runAttributeImportJob,
  [ANALYTICS_REFRESH_JOB]: runAnalyticsRefreshJob,
};

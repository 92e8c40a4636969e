import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { enqueueAnalyticsRefresh } from '../analytics/refresh-job.js';
import { jobActor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import type { JobContext } from '../jobs/worker.js';
import { LaokeError } from '../shared/errors.js';
import type { UserId } from '../shared/ids.js';
import type { FormatName } from './formats/format.js';
import { type ImportSummary, importOrderFile } from './importer.js';

// The job behind an upload from the dashboard or the API: the files were saved to the upload
// folder by the request; the job imports them in order and deletes them when it is done.

export const IMPORT_JOB = 'orders.import';

const payloadSchema = z.object({
  files: z.array(z.object({ path: z.string(), name: z.string() })).min(1),
  format: z.enum(['taobao', 'taobao-items', 'shopify', 'generic', 'cdnow']).optional(),
  mapName: z.string().optional(),
  userId: z.number().int().nullable(),
  login: z.string(),
});

export type ImportJobPayload = z.infer<typeof payloadSchema>;

export interface ImportJobResult {
  readonly files: readonly ImportSummary[];
  readonly failures: readonly { file: string; code: string; message: string }[];
}

export async function runImportJob(ctx: AppContext, context: JobContext): Promise<ImportJobResult> {
  const payload = payloadSchema.parse(JSON.parse(context.job.payload));
  const actor = jobActor(payload);
  const files: ImportSummary[] = [];
  const failures: { file: string; code: string; message: string }[] = [];
  for (const [index, file] of payload.files.entries()) {
    try {
      const summary = await importOrderFile(ctx, context.job.store_id, actor, file.path, {
        format: payload.format as FormatName | undefined,
        mapName: payload.mapName,
        fileName: file.name,
        jobId: context.job.id,
        onProgress: (progress) => {
          const withinFile = progress.bytesTotal > 0 ? progress.bytesRead / progress.bytesTotal : 0;
          void context.progress(
            (index + withinFile) / payload.files.length,
            `${file.name}: ${progress.counts.rows_read} rows`,
          );
        },
      });
      files.push(summary);
    } catch (thrown) {
      if (!(thrown instanceof LaokeError)) throw thrown; // unexpected: the job retries (and resumes)
      failures.push({ file: file.name, code: thrown.code, message: thrown.message });
    }
  }
  // The files are done with: imported, or refused for a reason the result reports.
  await Promise.all(payload.files.map((file) => rm(file.path, { force: true })));
  if (files.some((file) => file.inserted + file.updated > 0)) {
    await enqueueAnalyticsRefresh(ctx, context.job.store_id, payload.userId as UserId | null, 'import');
  }
  return { files, failures };
}

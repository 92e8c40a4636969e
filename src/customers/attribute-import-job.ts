import { rm } from 'node:fs/promises';
import { z } from 'zod';
import { jobActor } from '../audit/actor.js';
import type { AppContext } from '../context.js';
import type { JobContext } from '../jobs/worker.js';
import { LaokeError } from '../shared/errors.js';
import { type AttributeImportSummary, importCustomerAttributes } from './attribute-import.js';
import { attributeMatchKeys } from './schemas.js';

// The job behind POST /customers/attribute-imports: the upload was saved by the request; the job
// imports it and deletes it. A file the importer refuses (no key column, no profile column) is a
// result to report, not a reason to retry.

export const ATTRIBUTE_IMPORT_JOB = 'customers.attributes';

const payloadSchema = z.object({
  file: z.object({ path: z.string(), name: z.string() }),
  matchBy: z.enum(attributeMatchKeys),
  userId: z.number().int().nullable(),
  login: z.string(),
});

export type AttributeImportJobPayload = z.infer<typeof payloadSchema>;

export async function runAttributeImportJob(
  ctx: AppContext,
  context: JobContext,
): Promise<{ file: AttributeImportSummary | null; failure: { code: string; message: string } | null }> {
  const payload = payloadSchema.parse(JSON.parse(context.job.payload));
  const actor = jobActor(payload);
  try {
    const file = await importCustomerAttributes(ctx, context.job.store_id, actor, payload.file.path, {
      matchBy: payload.matchBy,
      fileName: payload.file.name,
      jobId: context.job.id,
      onProgress: (read, fraction) => void context.progress(fraction, `${payload.file.name}: ${read} rows`),
    });
    await rm(payload.file.path, { force: true });
    return { file, failure: null };
  } catch (thrown) {
    if (!(thrown instanceof LaokeError)) throw thrown;
    await rm(payload.file.path, { force: true });
    return { file: null, failure: { code: thrown.code, message: thrown.message } };
  }
}

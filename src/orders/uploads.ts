import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { enqueueJob } from '../jobs/jobs.store.js';
import { LaokeError } from '../shared/errors.js';
import type { JobId, StoreId } from '../shared/ids.js';

// Saving uploaded files: streamed to disk as they arrive (a 1 GB export never sits in memory),
// under a random name (the client's name is only shown, never used as a path).

export interface SavedUpload {
  readonly path: string;
  readonly name: string;
  readonly bytes: number;
}

export interface UploadForm {
  readonly files: readonly SavedUpload[];
  readonly fields: Readonly<Record<string, string>>;
}

/** The client's file name, for display: control characters and any folder part removed. */
function displayName(name: string): string {
  const printable = [...name]
    .filter((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    .join('');
  const cleaned = printable.replace(/^.*[\\/]/, '').trim();
  return (cleaned || 'upload').slice(0, 200);
}

/** Reads a multipart request: files to the upload folder, text fields into a record. */
export async function saveUploads(
  request: FastifyRequest,
  uploadDir: string,
  storeId: StoreId,
  maxBytes: number,
): Promise<UploadForm> {
  const folder = resolve(uploadDir, String(storeId));
  await mkdir(folder, { recursive: true });
  const files: SavedUpload[] = [];
  const fields: Record<string, string> = {};
  try {
    for await (const part of request.parts({
      limits: { fileSize: maxBytes, files: 20, fields: 10, fieldSize: 1_000 },
    })) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      const path = join(folder, `${randomUUID()}.upload`);
      files.push({ path, name: displayName(part.filename), bytes: 0 });
      await pipeline(part.file, createWriteStream(path));
      if (part.file.truncated) {
        throw new LaokeError(
          'import.file_too_large',
          `${displayName(part.filename)} is larger than the ${Math.round(maxBytes / 1024 ** 2)} MiB upload limit.`,
        );
      }
      files[files.length - 1] = { path, name: displayName(part.filename), bytes: part.file.bytesRead };
    }
  } catch (thrown) {
    await Promise.all(files.map((file) => rm(file.path, { force: true })));
    throw thrown;
  }
  if (files.length === 0)
    throw new LaokeError('request.invalid', 'Attach at least one file (multipart field "file").');
  return { files, fields };
}

/**
 * Queues the job that will import saved uploads, with its audit entry, in one transaction. If
 * that fails, the files are deleted: nothing would ever pick them up.
 */
export async function enqueueUploadJob(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  job: { readonly kind: string; readonly payload: unknown; readonly files: readonly SavedUpload[] },
): Promise<JobId> {
  return ctx.database.db
    .transaction()
    .execute(async (trx) => {
      const now = ctx.clock.now();
      const id = await enqueueJob(
        trx,
        storeId,
        { kind: job.kind, payload: job.payload, createdBy: actor.userId, maxAttempts: 3 },
        now,
      );
      await insertAuditEntry(
        trx,
        storeId,
        actor,
        {
          action: 'import.upload',
          subjectType: 'job',
          subjectId: id,
          details: {
            kind: job.kind,
            files: job.files.map((file) => ({ name: file.name, bytes: file.bytes })),
          },
        },
        now,
      );
      return id;
    })
    .catch(async (thrown: unknown) => {
      await discardUploads(job.files);
      throw thrown;
    });
}

export async function discardUploads(files: readonly SavedUpload[]): Promise<void> {
  await Promise.all(files.map((file) => rm(file.path, { force: true })));
}

/** A store's multipart upload, saved to the upload folder with the configured (or a smaller) limit. */
export async function receiveUploads(
  ctx: AppContext,
  request: FastifyRequest,
  storeId: StoreId,
  maxBytes = ctx.config.import.uploadMaxBytes,
): Promise<UploadForm> {
  if (!request.isMultipart())
    throw new LaokeError('request.unsupported_media_type', 'Upload files as multipart/form-data.');
  return saveUploads(request, ctx.config.import.uploadDir, storeId, maxBytes);
}

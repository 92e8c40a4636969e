import { PassThrough } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import Papa from 'papaparse';
import { z } from 'zod';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { findJob } from '../jobs/jobs.store.js';
import { actorOf, storeAccessOf } from '../server/request-context.js';
import { emptyResponse, idParam, storeParams } from '../server/schemas.js';
import { LaokeError } from '../shared/errors.js';
import { asImportRunId, asJobId } from '../shared/ids.js';
import { neutralise } from '../shared/spreadsheet.js';
import { deleteColumnMap, listColumnMaps, saveColumnMap } from './column-maps.store.js';
import { columnMapSchema } from './formats/generic-map.js';
import { listRejections, listRuns, rejectionCounts } from './history.store.js';
import { findRun } from './import.store.js';
import { IMPORT_JOB, type ImportJobPayload } from './import-job.js';
import { orderFilesForImport } from './service.js';
import { discardUploads, enqueueUploadJob, receiveUploads } from './uploads.js';

const formatSchema = z.enum(['taobao', 'taobao-items', 'shopify', 'generic', 'cdnow']);

const runSchema = z.object({
  id: z.number().int(),
  fileName: z.string().nullable(),
  format: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  encoding: z.string().nullable(),
  read: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  imported: z
    .number()
    .int()
    .describe('rows written: orders, or customers updated by a customer-attributes run'),
  customers: z.number().int(),
  items: z.number().int(),
  error: z.string().nullable(),
  jobId: z.number().int().nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});

const jobSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  state: z.enum(['queued', 'running', 'succeeded', 'failed', 'cancelled']),
  progress: z.number().min(0).max(1),
  note: z.string().nullable(),
  attempts: z.number().int(),
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});

type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;
function toRun(row: RunRow): z.infer<typeof runSchema> {
  return {
    id: row.id,
    fileName: row.file_name,
    format: row.format,
    status: row.status,
    encoding: row.encoding,
    read: row.rows_read,
    inserted: row.orders_created,
    updated: row.orders_updated,
    unchanged: row.orders_unchanged,
    rejected: row.rows_rejected,
    imported: row.rows_imported,
    customers: row.customers_created,
    items: row.items_written,
    error: row.error,
    jobId: row.job_id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Upload and history of order imports, column maps, and job status. */
export function orderImportRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db } = ctx.database;
  return async (app) => {
    await app.register(fastifyMultipart);

    app.post(
      '/api/stores/:storeId/imports',
      {
        config: { permission: 'data.import' },
        schema: {
          tags: ['import'],
          summary:
            'Upload order exports (multipart: one or more "file" parts, optional "format" and "map" fields); answers the job that imports them',
          consumes: ['multipart/form-data'],
          params: storeParams,
          response: { 202: z.object({ jobId: z.number().int(), files: z.array(z.string()) }) },
        },
      },
      async (request, reply) => {
        const access = storeAccessOf(request);
        const form = await receiveUploads(ctx, request, access.storeId);
        const discard = () => discardUploads(form.files);
        const format = form.fields.format ? formatSchema.safeParse(form.fields.format) : undefined;
        if (format && !format.success) {
          await discard();
          throw new LaokeError(
            'request.invalid',
            `Unknown format "${form.fields.format}"; expected ${formatSchema.options.join(', ')}.`,
          );
        }
        const ordered = await orderFilesForImport(
          ctx,
          access.storeId,
          form.files.map((file) => file.path),
          { format: format?.data },
        );
        const files = ordered.map((path) => form.files.find((file) => file.path === path)!);
        const actor = actorOf(request);
        const payload: ImportJobPayload = {
          files: files.map((file) => ({ path: file.path, name: file.name })),
          format: format?.data,
          mapName: form.fields.map || undefined,
          userId: actor.userId,
          login: actor.label,
        };
        const jobId = await enqueueUploadJob(ctx, access.storeId, actor, {
          kind: IMPORT_JOB,
          payload,
          files,
        });
        return reply.code(202).send({ jobId, files: files.map((file) => file.name) });
      },
    );

    app.get(
      '/api/stores/:storeId/jobs/:jobId',
      {
        config: { permission: 'jobs.read' },
        schema: {
          tags: ['jobs'],
          summary: 'A job’s state and progress',
          params: storeParams.extend({ jobId: idParam }),
          response: { 200: jobSchema },
        },
      },
      async (request) => {
        const job = await findJob(db, storeAccessOf(request).storeId, asJobId(request.params.jobId));
        if (!job) throw new LaokeError('job.not_found', `No job ${request.params.jobId} in this store.`);
        return {
          id: job.id,
          kind: job.kind,
          state: job.state,
          progress: job.progress,
          note: job.progress_note,
          attempts: job.attempts,
          result: job.result === null ? null : (JSON.parse(job.result) as unknown),
          error: job.error,
          createdAt: job.created_at,
          finishedAt: job.finished_at,
        };
      },
    );

    app.get(
      '/api/stores/:storeId/imports',
      {
        config: { permission: 'data.import' },
        schema: {
          tags: ['import'],
          summary: 'Import history, newest first',
          params: storeParams,
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(200).default(20),
            before: z.coerce.number().int().positive().optional(),
          }),
          response: { 200: z.object({ runs: z.array(runSchema), nextBefore: z.number().int().nullable() }) },
        },
      },
      async (request) => {
        const { limit, before } = request.query;
        const rows = await listRuns(db, storeAccessOf(request).storeId, limit, before);
        return {
          runs: rows.map(toRun),
          nextBefore: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
        };
      },
    );

    app.get(
      '/api/stores/:storeId/imports/:runId',
      {
        config: { permission: 'data.import' },
        schema: {
          tags: ['import'],
          summary: 'One import with its rejected rows by reason and the first of them',
          params: storeParams.extend({ runId: idParam }),
          response: {
            200: runSchema.extend({
              rejectionsByCode: z.record(z.string(), z.number().int()),
              rejections: z.array(
                z.object({ line: z.number().int(), code: z.string(), message: z.string() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const storeId = storeAccessOf(request).storeId;
        const run = await findRun(db, storeId, asImportRunId(request.params.runId));
        if (!run)
          throw new LaokeError('import.run_not_found', `No import ${request.params.runId} in this store.`);
        const [byCode, first] = await Promise.all([
          rejectionCounts(db, storeId, run.id),
          listRejections(db, storeId, run.id, 0, 50),
        ]);
        return {
          ...toRun(run),
          rejectionsByCode: byCode,
          rejections: first.map(({ line, code, message }) => ({ line, code, message })),
        };
      },
    );

    app.get(
      '/api/stores/:storeId/imports/:runId/rejections.csv',
      {
        config: { permission: 'data.import' },
        schema: {
          tags: ['import'],
          summary: 'The rejected rows as CSV: line, reason and the original text',
          params: storeParams.extend({ runId: idParam }),
        },
      },
      async (request, reply) => {
        const access = storeAccessOf(request);
        const run = await findRun(db, access.storeId, asImportRunId(request.params.runId));
        if (!run)
          throw new LaokeError('import.run_not_found', `No import ${request.params.runId} in this store.`);
        // The rows hold names and addresses: exporting them is recorded like any export.
        await insertAuditEntry(
          db,
          access.storeId,
          actorOf(request),
          {
            action: 'import.rejections_export',
            subjectType: 'import_run',
            subjectId: run.id,
            details: { rows: run.rows_rejected },
          },
          ctx.clock.now(),
        );
        const out = new PassThrough();
        void (async () => {
          out.write(`\uFEFF${Papa.unparse([['line', 'code', 'reason', 'original']])}\r\n`);
          let after = 0;
          for (;;) {
            const page = await listRejections(db, access.storeId, run.id, after, 2_000);
            if (page.length === 0) break;
            out.write(
              `${Papa.unparse(page.map((r) => [r.line, r.code, neutralise(r.message), neutralise(r.raw ?? '')]))}\r\n`,
            );
            after = page.at(-1)!.line;
          }
          out.end();
        })().catch((thrown: unknown) =>
          out.destroy(thrown instanceof Error ? thrown : new Error(String(thrown))),
        );
        const name = `rejections-${run.id}.csv`;
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`)
          .send(out);
      },
    );

    app.get(
      '/api/stores/:storeId/import-maps',
      {
        config: { permission: 'data.import' },
        schema: {
          tags: ['import'],
          summary: 'Saved column maps for generic CSV/XLSX files',
          params: storeParams,
          response: {
            200: z.object({
              maps: z.array(
                z.object({ name: z.string(), map: columnMapSchema, updatedAt: z.number().int() }),
              ),
            }),
          },
        },
      },
      async (request) => ({ maps: await listColumnMaps(db, storeAccessOf(request).storeId) }),
    );

    app.put(
      '/api/stores/:storeId/import-maps/:name',
      {
        config: { permission: 'data.import' },
        schema: {
          tags: ['import'],
          summary: 'Save a column map under a name',
          params: storeParams.extend({ name: z.string().trim().min(1).max(100) }),
          body: columnMapSchema,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        const access = storeAccessOf(request);
        await db.transaction().execute(async (trx) => {
          const now = ctx.clock.now();
          await saveColumnMap(trx, access.storeId, request.params.name, request.body, now);
          await insertAuditEntry(
            trx,
            access.storeId,
            actorOf(request),
            { action: 'import.map_save', subjectType: 'import_map', subjectId: request.params.name },
            now,
          );
        });
        return reply.code(204).send();
      },
    );

    app.delete(
      '/api/stores/:storeId/import-maps/:name',
      {
        config: { permission: 'data.import' },
        schema: {
          tags: ['import'],
          summary: 'Delete a column map',
          params: storeParams.extend({ name: z.string().min(1).max(100) }),
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        if (!(await deleteColumnMap(db, storeAccessOf(request).storeId, request.params.name))) {
          throw new LaokeError('import.map_not_found', `No column map "${request.params.name}".`);
        }
        return reply.code(204).send();
      },
    );
  };
}

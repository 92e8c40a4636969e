import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { predictionsSnapshotSchema } from '../predict/schemas.js';
import {
  actorOf,
  exportLanguageOf,
  principalOf,
  sendDownload,
  storeAccessOf,
} from '../server/request-context.js';
import { storeParams } from '../server/schemas.js';
import { enqueueAnalyticsRefresh } from './refresh-job.js';
import {
  coreCustomerSchema,
  coreCustomers,
  exportAnalyticsTable,
  exportTables,
  newOldForRange,
} from './reports.js';
import { rfmSnapshotSchema } from './rfm-refresh.js';
import {
  cohortsSnapshotSchema,
  lifecycleSnapshotSchema,
  newOldRowSchema,
  newOldSnapshotSchema,
  paretoSnapshotSchema,
} from './schemas.js';
import { latestSnapshot, type SnapshotKind, snapshotHistory } from './snapshots.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-MM-dd, e.g. 2026-11-11');

const historyEntrySchema = z.object({
  computedAt: z.number().int(),
  chinese: z.array(z.object({ segment: z.string(), customers: z.number().int() })),
  english: z.array(z.object({ segment: z.string(), customers: z.number().int() })),
});

/** Customer analytics: RFM, lifecycle, new vs old, 80/20, cohorts; refresh, core list, exports. */
export function analyticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['analytics'];

    const latest = (path: string, kind: SnapshotKind, schema: z.ZodType, summary: string) =>
      app.get(
        `/api/stores/:storeId/analytics/${path}`,
        {
          config: { permission: 'overview.read' },
          schema: {
            tags,
            summary,
            params: storeParams,
            response: { 200: z.object({ snapshot: schema.nullable() }) },
          },
        },
        async (request) => ({
          snapshot: await latestSnapshot(ctx.database.db, storeAccessOf(request).storeId, kind, schema),
        }),
      );

    latest(
      'rfm',
      'rfm',
      rfmSnapshotSchema,
      'The latest RFM refresh: cut points, and per segment (Chinese 8, English 11) size, revenue share, average scores',
    );
    latest(
      'lifecycle',
      'lifecycle',
      lifecycleSnapshotSchema,
      'Purchase cycle, active/churn thresholds, lifecycle states and transitions, purchase distributions',
    );
    latest(
      'new-old',
      'new_old',
      newOldSnapshotSchema,
      'New vs old customers per day (last 400), week, month and promotion window, with year-over-year growth',
    );
    latest('pareto', 'pareto', paretoSnapshotSchema, 'The 80/20 figures and the Pareto curve');
    latest('cohorts', 'cohorts', cohortsSnapshotSchema, 'Monthly acquisition cohorts: retention and revenue');
    latest(
      'predictions',
      'predictions',
      predictionsSnapshotSchema,
      'Predicted value: BG/NBD and Gamma-Gamma parameters with standard errors, warnings, totals, distributions, the value matrix and the holdout check',
    );

    app.get(
      '/api/stores/:storeId/analytics/rfm/history',
      {
        config: { permission: 'overview.read' },
        schema: {
          tags,
          summary: 'Segment sizes at each of the last refreshes (up to 60), oldest first',
          params: storeParams,
          response: { 200: z.object({ history: z.array(historyEntrySchema) }) },
        },
      },
      async (request) => {
        const snapshots = await snapshotHistory(
          ctx.database.db,
          storeAccessOf(request).storeId,
          'rfm',
          rfmSnapshotSchema,
          60,
        );
        return {
          history: snapshots.map((s) => ({
            computedAt: s.computedAt,
            chinese: s.chinese.map(({ segment, customers }) => ({ segment, customers })),
            english: s.english.map(({ segment, customers }) => ({ segment, customers })),
          })),
        };
      },
    );

    app.get(
      '/api/stores/:storeId/analytics/new-old/range',
      {
        config: { permission: 'overview.read' },
        schema: {
          tags,
          summary:
            'New vs old customers between two dates (inclusive, store time zone), with the year before',
          params: storeParams,
          querystring: z.object({ from: isoDate, to: isoDate }).strict(),
          response: { 200: z.object({ row: newOldRowSchema }) },
        },
      },
      async (request) => ({
        row: await newOldForRange(ctx, storeAccessOf(request), request.query.from, request.query.to),
      }),
    );

    app.get(
      '/api/stores/:storeId/analytics/core-customers',
      {
        config: { permission: 'overview.read' },
        schema: {
          tags,
          summary: 'The core list: the top 20% of buyers by spend, biggest first (phones masked)',
          params: storeParams,
          querystring: z
            .object({
              page: z.coerce.number().int().min(1).max(100_000).default(1),
              pageSize: z.coerce.number().int().min(1).max(200).default(20),
            })
            .strict(),
          response: { 200: z.object({ total: z.number().int(), items: z.array(coreCustomerSchema) }) },
        },
      },
      async (request) =>
        coreCustomers(ctx, storeAccessOf(request).storeId, request.query.page, request.query.pageSize),
    );

    app.get(
      '/api/stores/:storeId/analytics/export',
      {
        config: { permission: 'data.export' },
        schema: {
          tags,
          summary: 'One analysis table as CSV or XLSX (headers in the user’s language); audited',
          params: storeParams,
          querystring: z
            .object({ table: z.enum(exportTables), format: z.enum(['csv', 'xlsx']).default('csv') })
            .strict(),
        },
      },
      async (request, reply) => {
        const file = await exportAnalyticsTable(ctx, storeAccessOf(request), actorOf(request), {
          table: request.query.table,
          format: request.query.format,
          language: exportLanguageOf(request),
        });
        return sendDownload(reply, file);
      },
    );

    app.post(
      '/api/stores/:storeId/analytics/refresh',
      {
        config: { permission: 'analytics.refresh' },
        schema: {
          tags,
          summary:
            'Recompute every analysis now, as a job (progress at /jobs/:jobId); a refresh already waiting is reused',
          params: storeParams,
          response: { 202: z.object({ jobId: z.number().int() }) },
        },
      },
      async (request, reply) => {
        const jobId = await enqueueAnalyticsRefresh(
          ctx,
          storeAccessOf(request).storeId,
          principalOf(request).userId,
          'manual',
        );
        return reply.code(202).send({ jobId });
      },
    );
  };
}

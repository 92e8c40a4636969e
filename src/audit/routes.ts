import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { storeAccessOf } from '../server/request-context.js';
import { storeParams } from '../server/schemas.js';
import { listAuditEntries } from './audit.store.js';

const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.number().int(),
  actor: z.string(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});

/** The store's audit log: who changed, exported or messaged what. */
export function auditRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/stores/:storeId/audit',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit log entries, newest first',
          params: storeParams,
          querystring: z.object({
            limit: z.coerce.number().int().min(1).max(500).default(50),
            before: z.coerce.number().int().positive().optional().describe('Entries older than this id'),
            action: z.string().max(64).optional(),
          }),
          response: {
            200: z.object({ entries: z.array(auditEntrySchema), nextBefore: z.number().int().nullable() }),
          },
        },
      },
      async (request) => {
        const { limit, before, action } = request.query;
        const rows = await listAuditEntries(ctx.database.db, storeAccessOf(request).storeId, {
          limit,
          beforeId: before,
          action,
        });
        return {
          entries: rows.map((row) => ({
            id: row.id,
            at: row.at,
            actor: row.actor_label,
            action: row.action,
            subjectType: row.subject_type,
            subjectId: row.subject_id,
            details: JSON.parse(row.details) as Record<string, unknown>,
            requestId: row.request_id,
            ip: row.ip,
          })),
          nextBefore: rows.length === limit ? (rows.at(-1)?.id ?? null) : null,
        };
      },
    );
  };
}

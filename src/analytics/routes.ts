import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { storeAccessOf } from '../server/request-context.js';
import { storeParams } from '../server/schemas.js';
import { latestRfm, refreshRfm, rfmSnapshotSchema } from './rfm-refresh.js';

/** Customer analytics: RFM scores and segments (more of issue 5 to come). */
export function analyticsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['analytics'];

    app.get(
      '/api/stores/:storeId/analytics/rfm',
      {
        config: { permission: 'overview.read' },
        schema: {
          tags,
          summary:
            'The latest RFM refresh: cut points, and per segment (Chinese 8, English 11) size, revenue share, average scores',
          params: storeParams,
          response: { 200: z.object({ snapshot: rfmSnapshotSchema.nullable() }) },
        },
      },
      async (request) => ({ snapshot: await latestRfm(ctx, storeAccessOf(request).storeId) }),
    );

    app.post(
      '/api/stores/:storeId/analytics/rfm/refresh',
      {
        config: { permission: 'analytics.refresh' },
        schema: {
          tags,
          summary:
            'Score every buyer now (from the roll-ups) with the store’s RFM settings, and keep a snapshot',
          params: storeParams,
          response: { 200: z.object({ snapshot: rfmSnapshotSchema }) },
        },
      },
      async (request) => ({ snapshot: await refreshRfm(ctx, storeAccessOf(request).storeId) }),
    );
  };
}

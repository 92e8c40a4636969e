import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { storeAccessOf } from '../server/request-context.js';
import { storeParams } from '../server/schemas.js';
import { overviewSchema } from './schemas.js';
import { storeOverview } from './service.js';

/** The Overview page's figures. */
export function overviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/stores/:storeId/overview',
      {
        config: { permission: 'overview.read' },
        schema: {
          tags: ['overview'],
          summary: 'Headline figures and twelve months of new vs old customer revenue',
          params: storeParams,
          response: { 200: overviewSchema },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        const figures = await storeOverview(ctx, access);
        return {
          currency: access.store.currency,
          timeZone: access.store.time_zone,
          generatedAt: ctx.clock.now(),
          ...figures,
        };
      },
    );
  };
}

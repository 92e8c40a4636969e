import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { storeAccessOf } from '../server/request-context.js';
import { storeParams } from '../server/schemas.js';
import { storeOverview } from './service.js';

const money = z.number().int().describe('minor units (fen/cents) of the store currency');

const overviewSchema = z.object({
  currency: z.string(),
  timeZone: z.string(),
  generatedAt: z.number().int(),
  customers: z.number().int(),
  buyers: z.number().int().describe('customers with at least one purchase'),
  repeatBuyers: z.number().int().describe('customers with two or more purchases'),
  repeatBuyerShare: z.number().min(0).max(1),
  orders: z.number().int(),
  revenue: money,
  averageOrderValue: money,
  months: z.array(
    z.object({
      month: z.string().describe('yyyy-MM in the store time zone'),
      newBuyers: z.number().int(),
      oldBuyers: z.number().int(),
      newRevenue: money,
      oldRevenue: money,
      orders: z.number().int(),
    }),
  ),
});

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

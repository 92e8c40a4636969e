import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { actorOf, exportLanguageOf, storeAccessOf } from '../server/request-context.js';
import { exportReview } from './review-export.js';
import { newCustomersAudience, nurtureCampaigns } from './review-nurture.js';
import {
  audienceResultSchema,
  nurtureResultSchema,
  reviewExportQuery,
  reviewSchema,
} from './review-schemas.js';
import { planReview } from './review-service.js';
import { planParams } from './schemas.js';

/** A plan's review (复盘): the figures, its XLSX and PDF, and the new customers' audience and nurture drafts. */
export function promotionReviewRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['promotions'];
    const base = '/api/stores/:storeId/promotions/plans/:planId/review';

    app.get(
      base,
      {
        config: { permission: 'promotions.read' },
        schema: {
          tags,
          summary:
            'The review (复盘): target met, new vs old by phase, segments, channels, cost and ROI, top products, comparison, nurture plan',
          params: planParams,
          response: { 200: reviewSchema },
        },
      },
      async (request) => planReview(ctx, storeAccessOf(request), request.params.planId),
    );

    app.post(
      `${base}/new-customers-audience`,
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary:
            'Saves the event’s new customers (first purchase inside the window) as an audience, once; audited',
          params: planParams,
          response: { 200: audienceResultSchema },
        },
      },
      async (request) =>
        newCustomersAudience(ctx, storeAccessOf(request), actorOf(request), request.params.planId),
    );

    app.post(
      `${base}/nurture-campaigns`,
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary:
            'Creates the nurture plan’s steps as draft campaigns on the new-customer audience, once; never sends; audited',
          params: planParams,
          response: { 200: nurtureResultSchema },
        },
      },
      async (request) =>
        nurtureCampaigns(ctx, storeAccessOf(request), actorOf(request), request.params.planId),
    );

    for (const format of ['xlsx', 'pdf'] as const)
      app.get(
        `${base}.${format}`,
        {
          config: { permission: 'data.export' },
          schema: {
            tags,
            summary: `The review as ${format.toUpperCase()} (lang zh-CN or en); owners and operators; audited`,
            params: planParams,
            querystring: reviewExportQuery,
          },
        },
        async (request, reply) => {
          const file = await exportReview(
            ctx,
            storeAccessOf(request),
            actorOf(request),
            request.params.planId,
            {
              format,
              language: request.query.lang ?? exportLanguageOf(request),
            },
          );
          return reply
            .type(file.contentType)
            .header('content-disposition', `attachment; filename="${file.fileName}"`)
            .send(file.body);
        },
      );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf, exportLanguageOf, sendDownload, storeAccessOf } from '../server/request-context.js';
import { idParam, storeParams } from '../server/schemas.js';
import { exportShippingList } from './gifts-export.js';
import { listRecipients, updateShipping } from './gifts-recipients.js';
import {
  giftExportQuerySchema,
  giftPlanInputSchema,
  giftPlanSchema,
  giftPlanUpdateSchema,
  giftPreviewSchema,
  recipientsPageSchema,
  recipientsQuerySchema,
  shippingUpdateSchema,
} from './gifts-schemas.js';
import { confirmPlan, createPlan, getPlan, listPlans, previewPlan, updatePlan } from './gifts-service.js';

/** Gifts and greetings (节日关怀): plans, recipients, the warehouse's shipping list, shipping status. */
export function giftRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['gifts'];
    const manage = { permission: 'gifts.manage' as const };
    const read = { permission: 'customers.read' as const };
    const params = storeParams.extend({ planId: idParam });

    app.get(
      '/api/stores/:storeId/gifts',
      {
        config: read,
        schema: {
          tags,
          summary: 'Gift plans, newest first, with shipping progress',
          params: storeParams,
          response: { 200: z.object({ plans: z.array(giftPlanSchema) }) },
        },
      },
      async (request) => ({ plans: await listPlans(ctx, storeAccessOf(request)) }),
    );

    app.post(
      '/api/stores/:storeId/gifts',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Creates a draft gift plan: occasion, saved audience, gift, unit cost, budget, greeting',
          params: storeParams,
          body: giftPlanInputSchema,
          response: { 200: giftPlanSchema },
        },
      },
      async (request) => createPlan(ctx, storeAccessOf(request), actorOf(request), request.body),
    );

    app.get(
      '/api/stores/:storeId/gifts/:planId',
      { config: read, schema: { tags, summary: 'A gift plan', params, response: { 200: giftPlanSchema } } },
      async (request) => getPlan(ctx, storeAccessOf(request), request.params.planId),
    );

    app.patch(
      '/api/stores/:storeId/gifts/:planId',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Changes a draft plan’s gift, unit cost or budget; audited',
          params,
          body: giftPlanUpdateSchema,
          response: { 200: giftPlanSchema },
        },
      },
      async (request) =>
        updatePlan(ctx, storeAccessOf(request), actorOf(request), request.params.planId, request.body),
    );

    app.get(
      '/api/stores/:storeId/gifts/:planId/preview',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Recipients now, those without an address, gift cost against the budget',
          params,
          response: { 200: giftPreviewSchema },
        },
      },
      async (request) => previewPlan(ctx, storeAccessOf(request), request.params.planId),
    );

    app.post(
      '/api/stores/:storeId/gifts/:planId/confirm',
      {
        config: manage,
        schema: {
          tags,
          summary:
            'Freezes the recipients with their addresses and queues the greeting; refused over budget; audited',
          params,
          response: { 200: giftPlanSchema },
        },
      },
      async (request) => confirmPlan(ctx, storeAccessOf(request), actorOf(request), request.params.planId),
    );

    app.get(
      '/api/stores/:storeId/gifts/:planId/recipients',
      {
        config: read,
        schema: {
          tags,
          summary:
            'A page of recipients with shipping status; phone and address masked for roles without personal data',
          params,
          querystring: recipientsQuerySchema,
          response: { 200: recipientsPageSchema },
        },
      },
      async (request) => listRecipients(ctx, storeAccessOf(request), request.params.planId, request.query),
    );

    app.post(
      '/api/stores/:storeId/gifts/:planId/shipping',
      {
        config: manage,
        schema: {
          tags,
          summary: 'Marks recipients packed or shipped (with tracking numbers); all or nothing; audited',
          params,
          body: shippingUpdateSchema,
          response: { 200: giftPlanSchema },
        },
      },
      async (request) =>
        updateShipping(ctx, storeAccessOf(request), actorOf(request), request.params.planId, request.body),
    );

    app.get(
      '/api/stores/:storeId/gifts/:planId/export',
      {
        config: manage,
        schema: {
          tags,
          summary: 'The warehouse’s shipping list as CSV or XLSX, names and addresses in full; audited',
          params,
          querystring: giftExportQuerySchema,
        },
      },
      async (request, reply) => {
        const file = await exportShippingList(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          request.params.planId,
          {
            format: request.query.format,
            language: exportLanguageOf(request),
          },
        );
        return sendDownload(reply, file);
      },
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { customerListSchema } from '../customers/schemas.js';
import { actorOf, exportLanguageOf, sendDownload, storeAccessOf } from '../server/request-context.js';
import { emptyResponse, storeParams } from '../server/schemas.js';
import { readyMadeAudiences } from './ready-made.js';
import {
  audienceExportQuery,
  audienceInputSchema,
  audienceParams,
  audiencePatchSchema,
  countRequestSchema,
  countResultSchema,
  membersQuery,
  readyMadeListSchema,
  savedAudienceSchema,
} from './schemas.js';
import {
  audienceMembers,
  countAudience,
  createAudience,
  deleteAudience,
  exportAudience,
  getAudience,
  listAudiences,
  updateAudience,
} from './service.js';

/** Audiences (人群): live counts, saved audiences, their members and exports. */
export function audienceRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['audiences'];

    app.get(
      '/api/stores/:storeId/audiences',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'The store’s saved audiences, by name',
          params: storeParams,
          response: { 200: z.object({ audiences: z.array(savedAudienceSchema) }) },
        },
      },
      async (request) => ({ audiences: await listAudiences(ctx, storeAccessOf(request).storeId) }),
    );

    app.get(
      '/api/stores/:storeId/audiences/ready-made',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'Ready-made audiences (预设人群): definitions to start from, with zh-CN and en names',
          params: storeParams,
          response: { 200: readyMadeListSchema },
        },
      },
      async () => ({ audiences: [...readyMadeAudiences] }),
    );

    app.post(
      '/api/stores/:storeId/audiences/count',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'The live count of a definition (while it is edited), with a few member ids',
          params: storeParams,
          body: countRequestSchema,
          response: { 200: countResultSchema },
        },
      },
      async (request) => countAudience(ctx, storeAccessOf(request), request.body.definition, { live: true }),
    );

    app.post(
      '/api/stores/:storeId/audiences',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Save an audience (its name unique in the store); audited',
          params: storeParams,
          body: audienceInputSchema,
          response: { 201: savedAudienceSchema },
        },
      },
      async (request, reply) => {
        const saved = await createAudience(ctx, storeAccessOf(request), actorOf(request), request.body);
        return reply.code(201).send(saved);
      },
    );

    app.get(
      '/api/stores/:storeId/audiences/:audienceId',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'A saved audience',
          params: audienceParams,
          response: { 200: savedAudienceSchema },
        },
      },
      async (request) => getAudience(ctx, storeAccessOf(request).storeId, request.params.audienceId),
    );

    app.patch(
      '/api/stores/:storeId/audiences/:audienceId',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Rename or redefine a saved audience; references may not form a circle; audited',
          params: audienceParams,
          body: audiencePatchSchema,
          response: { 200: savedAudienceSchema },
        },
      },
      async (request) =>
        updateAudience(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          request.params.audienceId,
          request.body,
        ),
    );

    app.delete(
      '/api/stores/:storeId/audiences/:audienceId',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Delete a saved audience no other saved audience refers to; audited',
          params: audienceParams,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await deleteAudience(ctx, storeAccessOf(request), actorOf(request), request.params.audienceId);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/stores/:storeId/audiences/:audienceId/members',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'A page of a saved audience’s members in id order, phone numbers masked',
          params: audienceParams,
          querystring: membersQuery,
          response: { 200: customerListSchema },
        },
      },
      async (request) =>
        audienceMembers(ctx, storeAccessOf(request), request.params.audienceId, request.query),
    );

    app.get(
      '/api/stores/:storeId/audiences/:audienceId/export',
      {
        config: { permission: 'data.export' },
        schema: {
          tags,
          summary:
            'A saved audience’s members as CSV or XLSX; phone and address in full only for roles that may see them; audited',
          params: audienceParams,
          querystring: audienceExportQuery,
        },
      },
      async (request, reply) => {
        const file = await exportAudience(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          { kind: 'saved', id: request.params.audienceId },
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

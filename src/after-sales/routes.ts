import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../context.js';
import { customerParams } from '../customers/schemas.js';
import { actorOf, storeAccessOf } from '../server/request-context.js';
import { storeParams } from '../server/schemas.js';
import { asCustomerId } from '../shared/ids.js';
import {
  caseListQuery,
  caseListSchema,
  caseParams,
  caseSchema,
  openCaseSchema,
  resolveCaseSchema,
} from './schemas.js';
import { caseList, openCase, setCaseStatus } from './service.js';

/** After-sales cases (售后): the store's queue, a customer's cases, open, resolve and reopen. */
export function afterSalesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['after-sales'];

    app.get(
      '/api/stores/:storeId/after-sales',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'After-sales cases, newest first: by status, kind or customer; with the open count',
          params: storeParams,
          querystring: caseListQuery,
          response: { 200: caseListSchema },
        },
      },
      async (request) => caseList(ctx, storeAccessOf(request), request.query),
    );

    app.post(
      '/api/stores/:storeId/customers/:customerId/after-sales',
      {
        config: { permission: 'after_sales.write' },
        schema: {
          tags,
          summary: 'Open an after-sales case (refund, return, exchange, complaint); audited',
          params: customerParams,
          body: openCaseSchema,
          response: { 201: caseSchema },
        },
      },
      async (request, reply) => {
        const opened = await openCase(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          asCustomerId(request.params.customerId),
          request.body,
        );
        return reply.code(201).send(opened);
      },
    );

    app.post(
      '/api/stores/:storeId/after-sales/:caseId/resolve',
      {
        config: { permission: 'after_sales.write' },
        schema: {
          tags,
          summary: 'Resolve a case, saying what was done; audited',
          params: caseParams,
          body: resolveCaseSchema,
          response: { 200: caseSchema },
        },
      },
      async (request) =>
        setCaseStatus(ctx, storeAccessOf(request), actorOf(request), request.params.caseId, {
          status: 'resolved',
          input: request.body,
        }),
    );

    app.post(
      '/api/stores/:storeId/after-sales/:caseId/reopen',
      {
        config: { permission: 'after_sales.write' },
        schema: {
          tags,
          summary: 'Reopen a resolved case; audited',
          params: caseParams,
          response: { 200: caseSchema },
        },
      },
      async (request) =>
        setCaseStatus(ctx, storeAccessOf(request), actorOf(request), request.params.caseId, {
          status: 'open',
        }),
    );
  };
}

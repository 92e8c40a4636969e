import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf, storeAccessOf } from '../server/request-context.js';
import { idParam, storeParams } from '../server/schemas.js';
import { matchRedemptions, redeemByStaff } from './coupons-redeem.js';
import { couponReport } from './coupons-report.js';
import {
  codesPageSchema,
  codesQuerySchema,
  couponBatchInputSchema,
  couponBatchSchema,
  couponReportSchema,
  issueInputSchema,
  issueResultSchema,
  matchResultSchema,
  redemptionSchema,
  staffRedeemInputSchema,
} from './coupons-schemas.js';
import { createBatch, getBatch, issueToAudience, listBatches, listCodes } from './coupons-service.js';

/** Coupons (优惠券): batches, issuing to an audience, codes, redemption by staff or from imports, reports. */
export function couponRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['coupons'];
    const config = { permission: 'coupons.manage' as const };
    const params = storeParams.extend({ batchId: idParam });

    app.get(
      '/api/stores/:storeId/coupons',
      {
        config,
        schema: {
          tags,
          summary: 'Coupon batches, newest first, with issued and redeemed counts',
          params: storeParams,
          response: { 200: z.object({ batches: z.array(couponBatchSchema) }) },
        },
      },
      async (request) => ({ batches: await listBatches(ctx, storeAccessOf(request)) }),
    );

    app.post(
      '/api/stores/:storeId/coupons',
      {
        config,
        schema: {
          tags,
          summary: 'Creates a batch: amount off above a threshold or percent off, valid days, limits',
          params: storeParams,
          body: couponBatchInputSchema,
          response: { 200: couponBatchSchema },
        },
      },
      async (request) => createBatch(ctx, storeAccessOf(request), actorOf(request), request.body),
    );

    app.post(
      '/api/stores/:storeId/coupons/redeem',
      {
        config,
        schema: {
          tags,
          summary:
            'Staff redeem a code on an imported order; the same checks as imports (owner, validity, threshold, once); audited',
          params: storeParams,
          body: staffRedeemInputSchema,
          response: { 200: redemptionSchema },
        },
      },
      async (request) => redeemByStaff(ctx, storeAccessOf(request), actorOf(request), request.body),
    );

    app.post(
      '/api/stores/:storeId/coupons/match',
      {
        config,
        schema: {
          tags,
          summary: 'Matches the discount codes of all imported orders against the store’s coupons (again)',
          params: storeParams,
          response: { 200: matchResultSchema },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        return matchRedemptions(ctx, access.storeId, actorOf(request));
      },
    );

    app.get(
      '/api/stores/:storeId/coupons/:batchId',
      {
        config,
        schema: { tags, summary: 'A coupon batch', params, response: { 200: couponBatchSchema } },
      },
      async (request) => getBatch(ctx, storeAccessOf(request), request.params.batchId),
    );

    app.post(
      '/api/stores/:storeId/coupons/:batchId/issue',
      {
        config,
        schema: {
          tags,
          summary:
            'Issues codes to a saved audience’s members, within the per-customer limit and the total; repeating it issues nothing twice',
          params,
          body: issueInputSchema,
          response: { 200: issueResultSchema },
        },
      },
      async (request) =>
        issueToAudience(ctx, storeAccessOf(request), actorOf(request), request.params.batchId, request.body),
    );

    app.get(
      '/api/stores/:storeId/coupons/:batchId/codes',
      {
        config,
        schema: {
          tags,
          summary: 'A page of the batch’s codes with holder and redeeming order',
          params,
          querystring: codesQuerySchema,
          response: { 200: codesPageSchema },
        },
      },
      async (request) => listCodes(ctx, storeAccessOf(request), request.params.batchId, request.query),
    );

    app.get(
      '/api/stores/:storeId/coupons/:batchId/report',
      {
        config,
        schema: {
          tags,
          summary:
            'Issued, redeemed, rate, revenue of redeeming orders, discount given, rejections by reason, by day',
          params,
          response: { 200: couponReportSchema },
        },
      },
      async (request) => couponReport(ctx, storeAccessOf(request), request.params.batchId),
    );
  };
}

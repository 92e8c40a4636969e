import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { campaignSchema } from '../campaigns/schemas.js';
import type { AppContext } from '../context.js';
import { actorOf, storeAccessOf } from '../server/request-context.js';
import { emptyResponse, idParam, storeParams } from '../server/schemas.js';
import { asCustomerId } from '../shared/ids.js';
import {
  createMemberDay,
  createMemberDayReminder,
  deleteMemberDay,
  listMemberDays,
  memberDayCalendar,
  updateMemberDay,
} from './member-day-service.js';
import {
  applySummarySchema,
  calendarQuerySchema,
  customerTierSchema,
  memberDayCalendarSchema,
  memberDayInputSchema,
  memberDaySchema,
  tierChangeSchema,
  tierChangesQuerySchema,
  tierMovementSchema,
  tierPreviewSchema,
  tierSchemeInputSchema,
  tierSchemeSchema,
} from './schemas.js';
import {
  applyTiers,
  customerTier,
  getTierScheme,
  previewTiers,
  saveTierScheme,
  tierChangesSince,
  tierMovement,
} from './tier-service.js';

/** Loyalty: membership tiers (scheme, what-if, refresh, history) and member days. */
export function loyaltyRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['loyalty'];
    const base = '/api/stores/:storeId/loyalty';
    const memberDayParams = storeParams.extend({ memberDayId: idParam });

    app.get(
      `${base}/tiers`,
      {
        config: { permission: 'loyalty.read' },
        schema: {
          tags,
          summary: 'The tier scheme with members per tier (null scheme: none set)',
          params: storeParams,
          response: { 200: z.object({ scheme: tierSchemeSchema.nullable() }) },
        },
      },
      async (request) => ({ scheme: await getTierScheme(ctx, storeAccessOf(request).storeId) }),
    );

    app.put(
      `${base}/tiers`,
      {
        config: { permission: 'loyalty.manage' },
        schema: {
          tags,
          summary: 'Saves the tier scheme and moves every buyer to their tier at once (audited)',
          params: storeParams,
          body: tierSchemeInputSchema,
          response: { 200: z.object({ scheme: tierSchemeSchema, applied: applySummarySchema }) },
        },
      },
      async (request) => saveTierScheme(ctx, storeAccessOf(request).storeId, actorOf(request), request.body),
    );

    app.post(
      `${base}/tiers/preview`,
      {
        config: { permission: 'loyalty.manage' },
        schema: {
          tags,
          summary: 'What-if: the buyers per tier under a proposed scheme (not saved) and who would move',
          params: storeParams,
          body: tierSchemeInputSchema,
          response: { 200: tierPreviewSchema },
        },
      },
      async (request) => previewTiers(ctx, storeAccessOf(request).storeId, request.body),
    );

    app.post(
      `${base}/tiers/apply`,
      {
        config: { permission: 'loyalty.manage' },
        schema: {
          tags,
          summary: 'Refreshes every buyer’s tier now: upgrades, downgrades and their history (audited)',
          params: storeParams,
          response: { 200: applySummarySchema },
        },
      },
      async (request) => applyTiers(ctx, storeAccessOf(request).storeId, actorOf(request), 'apply'),
    );

    app.get(
      `${base}/tiers/changes`,
      {
        config: { permission: 'loyalty.read' },
        schema: {
          tags,
          summary: 'Tier changes (the "tier changed" events), oldest first, since an instant or after an id',
          params: storeParams,
          querystring: tierChangesQuerySchema,
          response: { 200: z.object({ changes: z.array(tierChangeSchema) }) },
        },
      },
      async (request) => ({
        changes: await tierChangesSince(ctx, storeAccessOf(request).storeId, request.query),
      }),
    );

    app.get(
      `${base}/tiers/movement`,
      {
        config: { permission: 'loyalty.read' },
        schema: {
          tags,
          summary: 'Upgrades and downgrades of the latest 30 refreshes',
          params: storeParams,
          response: { 200: tierMovementSchema },
        },
      },
      async (request) => tierMovement(ctx, storeAccessOf(request).storeId),
    );

    app.get(
      `${base}/customers/:customerId/tier`,
      {
        config: { permission: 'loyalty.read' },
        schema: {
          tags,
          summary: 'A customer’s tier and tier history',
          params: storeParams.extend({ customerId: idParam }),
          response: { 200: customerTierSchema },
        },
      },
      async (request) =>
        customerTier(ctx, storeAccessOf(request).storeId, asCustomerId(request.params.customerId)),
    );

    app.get(
      `${base}/member-days`,
      {
        config: { permission: 'loyalty.read' },
        schema: {
          tags,
          summary: 'The store’s member days (会员日) with their next date',
          params: storeParams,
          response: { 200: z.object({ memberDays: z.array(memberDaySchema) }) },
        },
      },
      async (request) => ({ memberDays: await listMemberDays(ctx, storeAccessOf(request)) }),
    );

    app.get(
      `${base}/member-days/calendar`,
      {
        config: { permission: 'loyalty.read' },
        schema: {
          tags,
          summary: 'A month’s member days and reminder dates (default: this month)',
          params: storeParams,
          querystring: calendarQuerySchema,
          response: { 200: memberDayCalendarSchema },
        },
      },
      async (request) => memberDayCalendar(ctx, storeAccessOf(request), request.query.month),
    );

    app.post(
      `${base}/member-days`,
      {
        config: { permission: 'loyalty.manage' },
        schema: {
          tags,
          summary: 'Creates a member day (audited)',
          params: storeParams,
          body: memberDayInputSchema,
          response: { 200: memberDaySchema },
        },
      },
      async (request) => createMemberDay(ctx, storeAccessOf(request), actorOf(request), request.body),
    );

    app.put(
      `${base}/member-days/:memberDayId`,
      {
        config: { permission: 'loyalty.manage' },
        schema: {
          tags,
          summary: 'Replaces a member day’s settings (audited)',
          params: memberDayParams,
          body: memberDayInputSchema,
          response: { 200: memberDaySchema },
        },
      },
      async (request) =>
        updateMemberDay(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          request.params.memberDayId,
          request.body,
        ),
    );

    app.delete(
      `${base}/member-days/:memberDayId`,
      {
        config: { permission: 'loyalty.manage' },
        schema: {
          tags,
          summary: 'Deletes a member day (audited)',
          params: memberDayParams,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await deleteMemberDay(ctx, storeAccessOf(request), actorOf(request), request.params.memberDayId);
        return reply.code(204).send();
      },
    );

    app.post(
      `${base}/member-days/:memberDayId/reminder`,
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary:
            'Creates the next member day’s reminder: a draft campaign for the eligible tiers, N days before',
          params: memberDayParams,
          response: { 200: campaignSchema },
        },
      },
      async (request) =>
        createMemberDayReminder(ctx, storeAccessOf(request), actorOf(request), request.params.memberDayId),
    );
  };
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf, storeAccessOf } from '../server/request-context.js';
import { idParam, storeParams } from '../server/schemas.js';
import { campaignResults, responseRates } from './results.js';
import {
  campaignInputSchema,
  campaignResultsSchema,
  campaignSchema,
  responseRatesSchema,
} from './schemas.js';
import {
  approveCampaign,
  changeCampaignState,
  createCampaign,
  getCampaign,
  listCampaigns,
  sendCampaign,
} from './service.js';

/** Campaigns: create, send (with the owner's approval above the store's threshold), pause, results. */
export function campaignRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['campaigns'];
    const params = storeParams.extend({ campaignId: idParam });

    app.get(
      '/api/stores/:storeId/campaigns',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Campaigns, newest first, with their messages by status',
          params: storeParams,
          response: { 200: z.object({ campaigns: z.array(campaignSchema) }) },
        },
      },
      async (request) => ({ campaigns: await listCampaigns(ctx, storeAccessOf(request)) }),
    );

    app.post(
      '/api/stores/:storeId/campaigns',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary:
            'Creates a draft campaign: an audience (saved or inline), a template, a schedule, a control share',
          params: storeParams,
          body: campaignInputSchema,
          response: { 200: campaignSchema },
        },
      },
      async (request) => createCampaign(ctx, storeAccessOf(request), actorOf(request), request.body),
    );

    app.get(
      '/api/stores/:storeId/campaigns/response-rates',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Per RFM segment, the response of finished campaigns (for estimating the next one)',
          params: storeParams,
          response: { 200: responseRatesSchema },
        },
      },
      async (request) => responseRates(ctx, storeAccessOf(request)),
    );

    app.get(
      '/api/stores/:storeId/campaigns/:campaignId',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'A campaign and its live status',
          params,
          response: { 200: campaignSchema },
        },
      },
      async (request) => getCampaign(ctx, storeAccessOf(request), request.params.campaignId),
    );

    app.post(
      '/api/stores/:storeId/campaigns/:campaignId/send',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary:
            'Sends a draft: members frozen, control group drawn, messages queued; a marketing send above the approval threshold waits for the owner',
          params,
          response: { 200: campaignSchema },
        },
      },
      async (request) =>
        sendCampaign(ctx, storeAccessOf(request), actorOf(request), request.params.campaignId),
    );

    app.post(
      '/api/stores/:storeId/campaigns/:campaignId/approve',
      {
        config: { permission: 'campaigns.approve' },
        schema: {
          tags,
          summary: 'The owner approves and sends a campaign',
          params,
          response: { 200: campaignSchema },
        },
      },
      async (request) =>
        approveCampaign(ctx, storeAccessOf(request), actorOf(request), request.params.campaignId),
    );

    for (const action of ['pause', 'resume', 'cancel'] as const)
      app.post(
        `/api/stores/:storeId/campaigns/:campaignId/${action}`,
        {
          config: { permission: 'campaigns.manage' },
          schema: {
            tags,
            summary: {
              pause: 'Holds the campaign’s unsent messages',
              resume: 'Releases held messages',
              cancel: 'Drops the unsent messages; sent ones stay in the log',
            }[action],
            params,
            response: { 200: campaignSchema },
          },
        },
        async (request) =>
          changeCampaignState(
            ctx,
            storeAccessOf(request),
            actorOf(request),
            request.params.campaignId,
            action,
          ),
      );

    app.get(
      '/api/stores/:storeId/campaigns/:campaignId/results',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary:
            'Sent/delivered/failed/opted out; orders and revenue in the attribution window against the control group, uplift with 95% intervals, cost and ROI, per segment',
          params,
          response: { 200: campaignResultsSchema },
        },
      },
      async (request) => campaignResults(ctx, storeAccessOf(request), request.params.campaignId),
    );
  };
}

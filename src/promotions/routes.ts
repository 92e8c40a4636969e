import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { actorOf, storeAccessOf } from '../server/request-context.js';
import { emptyResponse, storeParams } from '../server/schemas.js';
import { planProgress, planTargets } from './figures.js';
import {
  calendarQuery,
  calendarSchema,
  createPlanSchema,
  eventInputSchema,
  eventParams,
  eventPatchSchema,
  eventSchema,
  lessonsInputSchema,
  phasesInputSchema,
  planCampaignInputSchema,
  planCampaignSchema,
  planParams,
  planSchema,
  progressSchema,
  targetInputSchema,
  targetsSchema,
  taskInputSchema,
  taskParams,
  taskPatchSchema,
  taskSchema,
} from './schemas.js';
import {
  addTask,
  calendar,
  createEvent,
  createPlan,
  createPlanCampaign,
  deleteEvent,
  deleteTask,
  getPlan,
  listPlans,
  setLessons,
  setTarget,
  updateEvent,
  updatePhases,
  updateTask,
} from './service.js';

/** Big-promotion plans (大促): the calendar, plans with phases and tasks, targets, live progress. */
export function promotionRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['promotions'];

    app.get(
      '/api/stores/:storeId/promotions/calendar',
      {
        config: { permission: 'promotions.read' },
        schema: {
          tags,
          summary:
            'The preset and the store’s own events of a year (双十一, 618, 店庆 …) with their default phase windows, and the member days',
          params: storeParams,
          querystring: calendarQuery,
          response: { 200: calendarSchema },
        },
      },
      async (request) => calendar(ctx, storeAccessOf(request), request.query.year),
    );

    app.post(
      '/api/stores/:storeId/promotions/events',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary: 'Adds one of the store’s own events (店庆 …), the same month and day every year; audited',
          params: storeParams,
          body: eventInputSchema,
          response: { 201: eventSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createEvent(ctx, storeAccessOf(request), actorOf(request), request.body)),
    );

    app.patch(
      '/api/stores/:storeId/promotions/events/:eventKey',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary:
            'Renames or moves one of the store’s own events (custom-<id>; presets are refused); audited',
          params: eventParams,
          body: eventPatchSchema,
          response: { 200: eventSchema },
        },
      },
      async (request) =>
        updateEvent(ctx, storeAccessOf(request), actorOf(request), request.params.eventKey, request.body),
    );

    app.delete(
      '/api/stores/:storeId/promotions/events/:eventKey',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary:
            'Deletes one of the store’s own events; refused while it has plans (promotion.event_in_use); audited',
          params: eventParams,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await deleteEvent(ctx, storeAccessOf(request), actorOf(request), request.params.eventKey);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/stores/:storeId/promotions/plans',
      {
        config: { permission: 'promotions.read' },
        schema: {
          tags,
          summary: 'The store’s promotion plans, newest year first',
          params: storeParams,
          response: {
            200: z.object({
              plans: z.array(z.object({ id: z.number().int(), event: z.string(), year: z.number().int() })),
            }),
          },
        },
      },
      async (request) => ({ plans: await listPlans(ctx.database.db, storeAccessOf(request).storeId) }),
    );

    app.post(
      '/api/stores/:storeId/promotions/plans',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary:
            'Creates the plan of an event and year: default phases, or last year’s plan a year later; audited',
          params: storeParams,
          body: createPlanSchema,
          response: { 201: planSchema },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await createPlan(ctx, storeAccessOf(request), actorOf(request), request.body)),
    );

    app.get(
      '/api/stores/:storeId/promotions/plans/:planId',
      {
        config: { permission: 'promotions.read' },
        schema: {
          tags,
          summary: 'A plan: phases, goals, tasks, target',
          params: planParams,
          response: { 200: planSchema },
        },
      },
      async (request) => getPlan(ctx.database.db, storeAccessOf(request).storeId, request.params.planId),
    );

    app.put(
      '/api/stores/:storeId/promotions/plans/:planId/phases',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary: 'Replaces the four phase windows and goals (in order, not overlapping); audited',
          params: planParams,
          body: phasesInputSchema,
          response: { 200: planSchema },
        },
      },
      async (request) =>
        updatePhases(ctx, storeAccessOf(request), actorOf(request), request.params.planId, request.body),
    );

    app.post(
      '/api/stores/:storeId/promotions/plans/:planId/tasks',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary: 'Adds an action (campaign, coupon batch, flash sale …) as a task; audited',
          params: planParams,
          body: taskInputSchema,
          response: { 201: taskSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await addTask(ctx, storeAccessOf(request), actorOf(request), request.params.planId, request.body),
          ),
    );

    app.patch(
      '/api/stores/:storeId/promotions/plans/:planId/tasks/:taskId',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary: 'Changes a task (status, owner, date, links); audited',
          params: taskParams,
          body: taskPatchSchema,
          response: { 200: taskSchema },
        },
      },
      async (request) =>
        updateTask(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          request.params.planId,
          request.params.taskId,
          request.body,
        ),
    );

    app.delete(
      '/api/stores/:storeId/promotions/plans/:planId/tasks/:taskId',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary: 'Deletes a task (a linked campaign stays); audited',
          params: taskParams,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await deleteTask(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          request.params.planId,
          request.params.taskId,
        );
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/stores/:storeId/promotions/plans/:planId/campaigns',
      {
        // Creating a campaign is campaigns.manage elsewhere; both are granted to the same roles.
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary:
            'Creates a draft campaign for a phase (as POST …/campaigns) and a campaign task linked to it, in one transaction; audited',
          params: planParams,
          body: planCampaignInputSchema,
          response: { 201: planCampaignSchema },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await createPlanCampaign(
              ctx,
              storeAccessOf(request),
              actorOf(request),
              request.params.planId,
              request.body,
            ),
          ),
    );

    app.get(
      '/api/stores/:storeId/promotions/plans/:planId/targets',
      {
        config: { permission: 'promotions.read' },
        schema: {
          tags,
          summary:
            'Last year’s event split new/old, the growth trend, the forecast, and the old-customer target by RFM segment',
          params: planParams,
          response: { 200: targetsSchema },
        },
      },
      async (request) => planTargets(ctx, storeAccessOf(request), request.params.planId),
    );

    app.put(
      '/api/stores/:storeId/promotions/plans/:planId/target',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary:
            'Stores the target (old/new revenue and buyers) and per-segment response overrides; audited',
          params: planParams,
          body: targetInputSchema,
          response: { 200: planSchema },
        },
      },
      async (request) =>
        setTarget(ctx, storeAccessOf(request), actorOf(request), request.params.planId, request.body),
    );

    app.put(
      '/api/stores/:storeId/promotions/plans/:planId/lessons',
      {
        config: { permission: 'promotions.manage' },
        schema: {
          tags,
          summary:
            'Writes what the review taught (复盘总结), shown to the store’s later plans; empty clears; audited',
          params: planParams,
          body: lessonsInputSchema,
          response: { 200: planSchema },
        },
      },
      async (request) =>
        setLessons(ctx, storeAccessOf(request), actorOf(request), request.params.planId, request.body),
    );

    app.get(
      '/api/stores/:storeId/promotions/plans/:planId/progress',
      {
        config: { permission: 'promotions.read' },
        schema: {
          tags,
          summary: 'Live progress: old/new revenue and buyers against the target, by phase and by day',
          params: planParams,
          response: { 200: progressSchema },
        },
      },
      async (request) => planProgress(ctx, storeAccessOf(request), request.params.planId),
    );
  };
}

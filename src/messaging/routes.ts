import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { insertAuditEntry } from '../audit/audit.store.js';
import { canSeePersonalData } from '../auth/permissions.js';
import type { AppContext } from '../context.js';
import {
  actorOf,
  exportLanguageOf,
  principalOf,
  sendDownload,
  storeAccessOf,
} from '../server/request-context.js';
import { emptyResponse, idParam, storeParams } from '../server/schemas.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreAccess } from '../stores/access.js';
import { deleteChannel, listChannels, saveChannel } from './channel-settings.js';
import {
  addSuppression,
  exportMessages,
  listMessages,
  listSuppressions,
  messagingSummary,
  removeSuppression,
} from './log.js';
import {
  channelSchema,
  channelViewSchema,
  messageQuerySchema,
  messageSchema,
  messagingSummarySchema,
  previewInputSchema,
  previewSchema,
  suppressionInputSchema,
  suppressionSchema,
  taskQuerySchema,
  taskSchema,
  taskUpdateSchema,
  templateInputSchema,
  templateSchema,
} from './schemas.js';
import { previewMessage, testSend } from './service.js';
import { checkWebhookUrl } from './ssrf.js';
import { exportTasks, listTasks, updateTask } from './tasks.js';
import { deleteTemplate, listTemplates, saveTemplate } from './templates.store.js';

const seesPersonalData = (access: StoreAccess) => canSeePersonalData(access.role, access.settings);
const format = z.enum(['csv', 'xlsx']).default('csv');

/** Messaging: channel settings, templates and previews, the message log, opt-outs, staff tasks. */
export function messagingRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['messaging'];
    const channelParams = storeParams.extend({ channel: channelSchema });
    const templateParams = storeParams.extend({ templateId: idParam });

    app.get(
      '/api/stores/:storeId/messaging/channels',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'The store’s channels and their settings; secrets only as their last four characters',
          params: storeParams,
          response: {
            200: z.object({ channels: z.array(channelViewSchema), secretKeySet: z.boolean() }),
          },
        },
      },
      async (request) => ({
        channels: await listChannels(ctx, storeAccessOf(request).storeId),
        secretKeySet: ctx.config.messaging.secretKey !== null,
      }),
    );

    app.put(
      '/api/stores/:storeId/messaging/channels/:channel',
      {
        config: { permission: 'store.manage' },
        schema: {
          tags,
          summary:
            'Sets up or changes a channel (owner). Secret fields left out keep their stored value; keys are sealed with LAOKE_SECRET_KEY; audited without the secrets',
          params: channelParams,
          body: z
            .object({ settings: z.record(z.string(), z.unknown()), enabled: z.boolean().default(true) })
            .strict(),
          response: { 200: channelViewSchema },
        },
      },
      async (request) =>
        saveChannel(
          ctx,
          storeAccessOf(request).storeId,
          actorOf(request),
          request.params.channel,
          request.body.settings,
          request.body.enabled,
          async (settings) => {
            if (settings.provider !== 'webhook') return;
            const check = await checkWebhookUrl(settings.url, { allowPrivate: settings.allowPrivate });
            if (!check.ok) throw new LaokeError('messaging.unsafe_url', `settings.url: ${check.reason}`);
          },
        ),
    );

    app.delete(
      '/api/stores/:storeId/messaging/channels/:channel',
      {
        config: { permission: 'store.manage' },
        schema: {
          tags,
          summary: 'Removes a channel and its keys (owner)',
          params: channelParams,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await deleteChannel(ctx, storeAccessOf(request).storeId, actorOf(request), request.params.channel);
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/stores/:storeId/messaging/templates',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Message templates',
          params: storeParams,
          response: { 200: z.object({ templates: z.array(templateSchema) }) },
        },
      },
      async (request) => ({
        templates: await listTemplates(ctx.database.db, storeAccessOf(request).storeId),
      }),
    );

    app.post(
      '/api/stores/:storeId/messaging/templates',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary:
            'Creates a template; unknown variables and unclosed braces are refused with their position',
          params: storeParams,
          body: templateInputSchema,
          response: { 200: templateSchema },
        },
      },
      async (request) =>
        saveTemplate(ctx, storeAccessOf(request).storeId, actorOf(request), undefined, request.body),
    );

    app.put(
      '/api/stores/:storeId/messaging/templates/:templateId',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Changes a template',
          params: templateParams,
          body: templateInputSchema,
          response: { 200: templateSchema },
        },
      },
      async (request) =>
        saveTemplate(
          ctx,
          storeAccessOf(request).storeId,
          actorOf(request),
          request.params.templateId,
          request.body,
        ),
    );

    app.delete(
      '/api/stores/:storeId/messaging/templates/:templateId',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Deletes a template',
          params: templateParams,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await deleteTemplate(
          ctx,
          storeAccessOf(request).storeId,
          actorOf(request),
          request.params.templateId,
        );
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/stores/:storeId/messaging/preview',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary:
            'A template rendered for a customer (or a sample), with the missing variables and, for SMS, the text as sent and its billed length',
          params: storeParams,
          body: previewInputSchema,
          response: { 200: previewSchema },
        },
      },
      async (request) => previewMessage(ctx, storeAccessOf(request), request.body, exportLanguageOf(request)),
    );

    app.post(
      '/api/stores/:storeId/messaging/templates/:templateId/test',
      {
        config: { permission: 'campaigns.manage' },
        schema: {
          tags,
          summary: 'Sends a template once to a staff phone or email (transactional: no quiet hours); audited',
          params: templateParams,
          body: z
            .object({
              recipient: z.string().trim().min(1).max(320),
              customerId: z.number().int().positive().optional(),
            })
            .strict(),
          response: { 200: z.object({ messageId: z.number().int() }) },
        },
      },
      async (request) =>
        testSend(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          request.params.templateId,
          request.body,
          exportLanguageOf(request),
        ),
    );

    app.get(
      '/api/stores/:storeId/messaging/messages',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'The message log, newest first; recipients masked for roles without personal data',
          params: storeParams,
          querystring: messageQuerySchema,
          response: { 200: z.object({ items: z.array(messageSchema), next: z.number().int().nullable() }) },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        return listMessages(ctx.database.db, access.storeId, request.query, seesPersonalData(access));
      },
    );

    app.get(
      '/api/stores/:storeId/messaging/messages/export',
      {
        config: { permission: 'data.export' },
        schema: {
          tags,
          summary: 'The message log as CSV or XLSX; audited',
          params: storeParams,
          querystring: messageQuerySchema.omit({ before: true, limit: true }).extend({ format }),
        },
      },
      async (request, reply) => {
        const access = storeAccessOf(request);
        const { format: fileFormat, ...query } = request.query;
        return sendDownload(
          reply,
          await exportMessages(
            ctx,
            access,
            actorOf(request),
            query,
            seesPersonalData(access),
            fileFormat,
            exportLanguageOf(request),
          ),
        );
      },
    );

    app.get(
      '/api/stores/:storeId/messaging/summary',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'Messages by status and channel, and per day in the store’s time zone',
          params: storeParams,
          querystring: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
          response: { 200: messagingSummarySchema },
        },
      },
      async (request) =>
        messagingSummary(ctx.database.db, storeAccessOf(request), request.query.days, ctx.clock.now()),
    );

    app.get(
      '/api/stores/:storeId/messaging/suppressions',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'The opt-out list (newest 500 matching); addresses masked for roles without personal data',
          params: storeParams,
          querystring: z.object({ channel: channelSchema.optional(), q: z.string().max(320).optional() }),
          response: { 200: z.object({ items: z.array(suppressionSchema) }) },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        return {
          items: await listSuppressions(
            ctx.database.db,
            access.storeId,
            request.query,
            seesPersonalData(access),
          ),
        };
      },
    );

    app.post(
      '/api/stores/:storeId/messaging/suppressions',
      {
        config: { permission: 'contacts.write' },
        schema: {
          tags,
          summary: 'Adds an opt-out a customer asked for (by phone, in a chat); audited',
          params: storeParams,
          body: suppressionInputSchema,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await addSuppression(ctx, storeAccessOf(request).storeId, actorOf(request), request.body);
        return reply.code(204).send();
      },
    );

    app.delete(
      '/api/stores/:storeId/messaging/suppressions/:channel/:address',
      {
        config: { permission: 'store.manage' },
        schema: {
          tags,
          summary: 'Lifts an opt-out (owner; the customer agreed again); audited',
          params: channelParams.extend({ address: z.string().min(1).max(320) }),
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await removeSuppression(
          ctx,
          storeAccessOf(request).storeId,
          actorOf(request),
          request.params.channel,
          request.params.address,
        );
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/stores/:storeId/tasks',
      {
        config: { permission: 'contacts.write' },
        schema: {
          tags,
          summary: 'Staff tasks (旺旺, phone, WeChat messages to send by hand), newest first',
          params: storeParams,
          querystring: taskQuerySchema,
          response: { 200: z.object({ items: z.array(taskSchema), next: z.number().int().nullable() }) },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        return listTasks(
          ctx.database.db,
          access,
          principalOf(request).userId,
          request.query,
          seesPersonalData(access),
        );
      },
    );

    app.patch(
      '/api/stores/:storeId/tasks/:taskId',
      {
        config: { permission: 'contacts.write' },
        schema: {
          tags,
          summary:
            'Marks a task done (with its outcome, logged as a contact with the customer), skipped, or open again',
          params: storeParams.extend({ taskId: idParam }),
          body: taskUpdateSchema,
          response: { 200: taskSchema },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        return updateTask(
          ctx,
          access,
          actorOf(request),
          request.params.taskId,
          request.body,
          seesPersonalData(access),
        );
      },
    );

    app.get(
      '/api/stores/:storeId/tasks/export',
      {
        config: { permission: 'data.export' },
        schema: {
          tags,
          summary: 'Staff tasks as CSV or XLSX; audited',
          params: storeParams,
          querystring: taskQuerySchema.omit({ before: true, limit: true }).extend({ format }),
        },
      },
      async (request, reply) => {
        const access = storeAccessOf(request);
        const { format: fileFormat, ...query } = request.query;
        const language = exportLanguageOf(request);
        await insertAuditEntry(
          ctx.database.db,
          access.storeId,
          actorOf(request),
          { action: 'messaging.tasks_exported', details: { ...query, format: fileFormat } },
          ctx.clock.now(),
        );
        const file = exportTasks(
          ctx.database.db,
          access,
          principalOf(request).userId,
          { ...query, limit: 200 },
          seesPersonalData(access),
          fileFormat,
          language,
        );
        return sendDownload(reply, { ...file, fileName: `tasks-${access.storeId}.${fileFormat}` });
      },
    );
  };
}

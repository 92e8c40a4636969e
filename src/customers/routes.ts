import fastifyMultipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../auth/permissions.js';
import type { AppContext } from '../context.js';
import { discardUploads, enqueueUploadJob, receiveUploads } from '../orders/uploads.js';
import {
  actorOf,
  exportLanguageOf,
  principalOf,
  sendDownload,
  storeAccessOf,
} from '../server/request-context.js';
import { idParam, storeParams } from '../server/schemas.js';
import { LaokeError } from '../shared/errors.js';
import { asCustomerId, asUserId } from '../shared/ids.js';
import { tagCounts } from './archive.store.js';
import { ATTRIBUTE_IMPORT_JOB, type AttributeImportJobPayload } from './attribute-import-job.js';
import { addContact, followUpsDue, markFollowUpDone } from './contacts.js';
import { exportCustomers } from './export.js';
import {
  bulkTag,
  eraseCustomer,
  findDuplicates,
  mergeCustomers,
  preferenceSuggestions,
} from './operations.js';
import {
  attributeMatchKeys,
  bulkTagSchema,
  contactInputSchema,
  contactSchema,
  customerListQuery,
  customerListSchema,
  customerParams,
  customerPatchSchema,
  customerProfileSchema,
  duplicatesSchema,
  exportQuery,
  followUpListSchema,
  mergeSchema,
  preferenceSuggestionsSchema,
  revealSchema,
  tagCountsSchema,
  timelineSchema,
} from './schemas.js';
import { customerListPage, customerProfile, revealCustomer, updateCustomer } from './service.js';
import { customerTimeline } from './timeline.js';

/** The customer archive (客户档案): list, profile, edits, contacts, tags, duplicates, export. */
export function customerRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['customers'];
    await app.register(fastifyMultipart);

    app.post(
      '/api/stores/:storeId/customers/attribute-imports',
      {
        config: { permission: 'data.import' },
        schema: {
          tags,
          summary:
            'Upload a CSV/XLSX of profile fields (multipart: one "file", and "matchBy" nick|email|key); answers the job that imports it',
          consumes: ['multipart/form-data'],
          params: storeParams,
          response: { 202: z.object({ jobId: z.number().int(), files: z.array(z.string()) }) },
        },
      },
      async (request, reply) => {
        const access = storeAccessOf(request);
        const form = await receiveUploads(ctx, request, access.storeId);
        const discard = () => discardUploads(form.files);
        const matchBy = z.enum(attributeMatchKeys).safeParse(form.fields.matchBy ?? 'nick');
        if (!matchBy.success || form.files.length !== 1) {
          await discard();
          throw new LaokeError(
            'request.invalid',
            form.files.length !== 1
              ? `Upload exactly one file; got ${form.files.length}.`
              : `matchBy "${form.fields.matchBy}" is not one of ${attributeMatchKeys.join(', ')}.`,
          );
        }
        const file = form.files[0]!;
        const actor = actorOf(request);
        const payload: AttributeImportJobPayload = {
          file: { path: file.path, name: file.name },
          matchBy: matchBy.data,
          userId: actor.userId,
          login: actor.label,
        };
        const jobId = await enqueueUploadJob(ctx, access.storeId, actor, {
          kind: ATTRIBUTE_IMPORT_JOB,
          payload,
          files: [file],
        });
        return reply.code(202).send({ jobId, files: [file.name] });
      },
    );

    app.get(
      '/api/stores/:storeId/customers',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'A page of customers: search, filters, sort; phone numbers masked',
          params: storeParams,
          querystring: customerListQuery,
          response: { 200: customerListSchema },
        },
      },
      async (request) => customerListPage(ctx, storeAccessOf(request), request.query),
    );

    app.get(
      '/api/stores/:storeId/customers/tags',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'The store’s tags and how many customers carry each',
          params: storeParams,
          response: { 200: tagCountsSchema },
        },
      },
      async (request) => ({ tags: await tagCounts(ctx.database.db, storeAccessOf(request).storeId) }),
    );

    app.post(
      '/api/stores/:storeId/customers/tags',
      {
        config: { permission: 'customers.write' },
        schema: {
          tags,
          summary: 'Add and remove tags on a selection (ids) or on every customer a filter matches',
          params: storeParams,
          body: bulkTagSchema,
          response: { 200: z.object({ affected: z.number().int() }) },
        },
      },
      async (request) => bulkTag(ctx, storeAccessOf(request), actorOf(request), request.body),
    );

    app.get(
      '/api/stores/:storeId/customers/preference-keys',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'Preference keys and their common values, for suggestions',
          params: storeParams,
          response: { 200: preferenceSuggestionsSchema },
        },
      },
      async (request) => ({ keys: await preferenceSuggestions(ctx, storeAccessOf(request)) }),
    );

    app.get(
      '/api/stores/:storeId/customers/duplicates',
      {
        config: { permission: 'customers.write' },
        schema: {
          tags,
          summary: 'Likely duplicate records: same unmasked phone, same email, or same name and address',
          params: storeParams,
          response: { 200: duplicatesSchema },
        },
      },
      async (request) => ({ groups: await findDuplicates(ctx, storeAccessOf(request)) }),
    );

    app.get(
      '/api/stores/:storeId/customers/export',
      {
        config: { permission: 'data.export' },
        schema: {
          tags,
          summary:
            'Customers as CSV or XLSX (a selection by ids, or the filter); phone and address in full only for roles that may see them; audited',
          params: storeParams,
          querystring: exportQuery,
        },
      },
      async (request, reply) => {
        const { format, ids, ...filter } = request.query;
        const file = await exportCustomers(ctx, storeAccessOf(request), actorOf(request), {
          format,
          ids,
          filter,
          language: exportLanguageOf(request),
        });
        return sendDownload(reply, file);
      },
    );

    app.get(
      '/api/stores/:storeId/customers/:customerId',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'A customer’s profile (phone and address masked; see reveal)',
          params: customerParams,
          response: { 200: customerProfileSchema },
        },
      },
      async (request) =>
        customerProfile(ctx, storeAccessOf(request), asCustomerId(request.params.customerId)),
    );

    app.patch(
      '/api/stores/:storeId/customers/:customerId',
      {
        config: { permission: 'customers.write' },
        schema: {
          tags,
          summary: 'Edit a customer’s profile, preferences, consent and tags; the change is audited',
          params: customerParams,
          body: customerPatchSchema,
          response: { 200: customerProfileSchema },
        },
      },
      async (request) =>
        updateCustomer(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          asCustomerId(request.params.customerId),
          request.body,
        ),
    );

    app.post(
      '/api/stores/:storeId/customers/:customerId/reveal',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary:
            'The full phone number and address, for roles that may see personal data; every reveal is audited',
          params: customerParams,
          response: { 200: revealSchema },
        },
      },
      async (request) =>
        revealCustomer(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          asCustomerId(request.params.customerId),
        ),
    );

    app.get(
      '/api/stores/:storeId/customers/:customerId/timeline',
      {
        config: { permission: 'customers.read' },
        schema: {
          tags,
          summary: 'Orders with items, contacts and changes, newest first',
          params: customerParams,
          querystring: z.object({
            before: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
          }),
          response: { 200: timelineSchema },
        },
      },
      async (request) => {
        return customerTimeline(
          ctx,
          storeAccessOf(request),
          asCustomerId(request.params.customerId),
          request.query,
        );
      },
    );

    app.post(
      '/api/stores/:storeId/customers/:customerId/contacts',
      {
        config: { permission: 'contacts.write' },
        schema: {
          tags,
          summary: 'Record a call, chat or visit, with an optional follow-up day',
          params: customerParams,
          body: contactInputSchema,
          response: { 201: contactSchema },
        },
      },
      async (request, reply) => {
        const contact = await addContact(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          asCustomerId(request.params.customerId),
          request.body,
        );
        return reply.code(201).send(contact);
      },
    );

    app.post(
      '/api/stores/:storeId/contacts/:contactId/done',
      {
        config: { permission: 'contacts.write' },
        schema: {
          tags,
          summary: 'Mark a follow-up done',
          params: storeParams.extend({ contactId: idParam }),
          response: { 200: contactSchema },
        },
      },
      async (request) =>
        markFollowUpDone(ctx, storeAccessOf(request), actorOf(request), request.params.contactId),
    );

    app.get(
      '/api/stores/:storeId/follow-ups',
      {
        config: { permission: 'contacts.write' },
        schema: {
          tags,
          summary: 'Follow-ups due on or before a day and not done: the caller’s, or everyone’s (owners)',
          params: storeParams,
          querystring: z.object({
            date: z
              .string()
              .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-MM-dd')
              .optional(),
            all: z
              .enum(['true', 'false'])
              .default('false')
              .transform((value) => value === 'true'),
          }),
          response: { 200: followUpListSchema },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        return followUpsDue(ctx, access, {
          date: request.query.date,
          userId: asUserId(principalOf(request).userId),
          everyone: request.query.all && can(access.role, 'members.manage'),
        });
      },
    );

    app.post(
      '/api/stores/:storeId/customers/:customerId/merge',
      {
        config: { permission: 'customers.write' },
        schema: {
          tags,
          summary: 'Merge a duplicate record into this one: orders and history move, roll-ups recomputed',
          params: customerParams,
          body: mergeSchema,
          response: { 200: customerProfileSchema },
        },
      },
      async (request) =>
        mergeCustomers(
          ctx,
          storeAccessOf(request),
          actorOf(request),
          asCustomerId(request.params.customerId),
          asCustomerId(request.body.duplicateId),
        ),
    );

    app.post(
      '/api/stores/:storeId/customers/:customerId/erase',
      {
        config: { permission: 'customers.erase' },
        schema: {
          tags,
          summary: 'Erase a customer’s personal data on request; orders stay, anonymous',
          params: customerParams,
          response: { 200: customerProfileSchema },
        },
      },
      async (request) =>
        eraseCustomer(ctx, storeAccessOf(request), actorOf(request), asCustomerId(request.params.customerId)),
    );
  };
}

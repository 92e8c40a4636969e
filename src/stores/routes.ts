import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createApiToken, revokeApiToken } from '../auth/service.js';
import { listApiTokens } from '../auth/tokens.store.js';
import type { AppContext } from '../context.js';
import { actorOf, principalOf, sessionPrincipalOf, storeAccessOf } from '../server/request-context.js';
import { emptyResponse, idParam, roleSchema, storeParams } from '../server/schemas.js';
import { asApiTokenId, asUserId } from '../shared/ids.js';
import { DAY_MS, instant } from '../shared/time.js';
import { resolveStoreAccess } from './access.js';
import {
  addMemberBody,
  createStoreBody,
  createTokenBody,
  memberSchema,
  storeDetailSchema,
  storeSummarySchema,
  tokenSchema,
  toStoreSummary,
  updateStoreBody,
} from './schemas.js';
import { addMember, changeMemberRole, createStore, removeMember, updateStore } from './service.js';
import { listMembers, listStoresOfUser } from './stores.store.js';

const memberParams = storeParams.extend({ userId: idParam });
const tokenParams = storeParams.extend({ tokenId: idParam });

/** Stores, their staff and their API tokens. */
export function storeRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const { db } = ctx.database;

  return async (app) => {
    app.get(
      '/api/stores',
      {
        config: { access: 'user' },
        schema: {
          tags: ['stores'],
          summary: 'The stores you may open',
          response: { 200: z.object({ stores: z.array(storeSummarySchema) }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const stores = await listStoresOfUser(db, principal.userId);
        return {
          stores: stores
            .filter((s) => principal.kind === 'session' || s.id === principal.storeId)
            .map(toStoreSummary),
        };
      },
    );

    app.post(
      '/api/stores',
      {
        config: { access: 'session' },
        schema: {
          tags: ['stores'],
          summary: 'Create a store; you become its owner',
          body: createStoreBody,
          response: { 201: storeDetailSchema },
        },
      },
      async (request, reply) => {
        const principal = sessionPrincipalOf(request);
        const storeId = await createStore(ctx, actorOf(request), principal.userId, request.body);
        const access = await resolveStoreAccess(db, principal, storeId);
        return reply.code(201).send(detail(access));
      },
    );

    app.get(
      '/api/stores/:storeId',
      {
        config: { permission: 'store.read' },
        schema: {
          tags: ['stores'],
          summary: 'A store and its settings',
          params: storeParams,
          response: { 200: storeDetailSchema },
        },
      },
      async (request) => detail(storeAccessOf(request)),
    );

    app.patch(
      '/api/stores/:storeId',
      {
        config: { permission: 'store.manage' },
        schema: {
          tags: ['stores'],
          summary: 'Change a store’s profile or settings',
          params: storeParams,
          body: updateStoreBody,
          response: { 200: storeDetailSchema },
        },
      },
      async (request) => {
        const access = storeAccessOf(request);
        await updateStore(ctx, actorOf(request), access, request.body);
        return detail(await resolveStoreAccess(db, principalOf(request), access.storeId));
      },
    );

    app.get(
      '/api/stores/:storeId/members',
      {
        config: { permission: 'store.read' },
        schema: {
          tags: ['members'],
          summary: 'The store’s staff',
          params: storeParams,
          response: { 200: z.object({ members: z.array(memberSchema) }) },
        },
      },
      async (request) => {
        const members = await listMembers(db, storeAccessOf(request).storeId);
        return {
          members: members.map((m) => ({
            userId: m.user_id,
            login: m.login,
            displayName: m.display_name,
            role: m.role,
            lastLoginAt: m.last_login_at,
            since: m.created_at,
          })),
        };
      },
    );

    app.post(
      '/api/stores/:storeId/members',
      {
        config: { permission: 'members.manage', access: 'session' },
        schema: {
          tags: ['members'],
          summary: 'Add a staff member (creating the account when a password is given)',
          params: storeParams,
          body: addMemberBody,
          response: { 201: z.object({ userId: z.number().int() }) },
        },
      },
      async (request, reply) => {
        const userId = await addMember(ctx, actorOf(request), storeAccessOf(request).storeId, request.body);
        return reply.code(201).send({ userId });
      },
    );

    app.patch(
      '/api/stores/:storeId/members/:userId',
      {
        config: { permission: 'members.manage', access: 'session' },
        schema: {
          tags: ['members'],
          summary: 'Change a member’s role',
          params: memberParams,
          body: z.object({ role: roleSchema }),
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await changeMemberRole(
          ctx,
          actorOf(request),
          storeAccessOf(request).storeId,
          asUserId(request.params.userId),
          request.body.role,
        );
        return reply.code(204).send();
      },
    );

    app.delete(
      '/api/stores/:storeId/members/:userId',
      {
        config: { permission: 'members.manage', access: 'session' },
        schema: {
          tags: ['members'],
          summary: 'Remove a member from the store',
          params: memberParams,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await removeMember(
          ctx,
          actorOf(request),
          storeAccessOf(request).storeId,
          asUserId(request.params.userId),
        );
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/stores/:storeId/tokens',
      {
        config: { permission: 'tokens.manage' },
        schema: {
          tags: ['tokens'],
          summary: 'API tokens for integrations',
          params: storeParams,
          response: { 200: z.object({ tokens: z.array(tokenSchema) }) },
        },
      },
      async (request) => {
        const tokens = await listApiTokens(db, storeAccessOf(request).storeId);
        return {
          tokens: tokens.map((t) => ({
            id: t.id,
            name: t.name,
            prefix: t.token_prefix,
            role: t.role,
            ownerLogin: t.owner_login,
            createdAt: t.created_at,
            lastUsedAt: t.last_used_at,
            expiresAt: t.expires_at,
            revokedAt: t.revoked_at,
          })),
        };
      },
    );

    app.post(
      '/api/stores/:storeId/tokens',
      {
        config: { permission: 'tokens.manage', access: 'session' },
        schema: {
          tags: ['tokens'],
          summary: 'Create an API token; the token is shown once',
          params: storeParams,
          body: createTokenBody,
          response: { 201: z.object({ id: z.number().int(), token: z.string() }) },
        },
      },
      async (request, reply) => {
        const principal = sessionPrincipalOf(request);
        const { name, role, expiresInDays } = request.body;
        const expiresAt =
          expiresInDays === undefined ? null : instant(ctx.clock.now() + expiresInDays * DAY_MS);
        const created = await createApiToken(ctx, actorOf(request), storeAccessOf(request).storeId, {
          userId: principal.userId,
          name,
          role,
          expiresAt,
        });
        return reply.code(201).send(created);
      },
    );

    app.delete(
      '/api/stores/:storeId/tokens/:tokenId',
      {
        config: { permission: 'tokens.manage', access: 'session' },
        schema: {
          tags: ['tokens'],
          summary: 'Revoke an API token',
          params: tokenParams,
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await revokeApiToken(
          ctx,
          actorOf(request),
          storeAccessOf(request).storeId,
          asApiTokenId(request.params.tokenId),
        );
        return reply.code(204).send();
      },
    );
  };
}

function detail(access: ReturnType<typeof storeAccessOf>) {
  return { ...toStoreSummary({ ...access.store, role: access.role }), settings: access.settings };
}

import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { can, type Permission } from '../auth/permissions.js';
import { resolveApiToken, resolveSession } from '../auth/service.js';
import type { AppContext } from '../context.js';
import { LaokeError } from '../shared/errors.js';
import { asStoreId } from '../shared/ids.js';
import { resolveStoreAccess } from '../stores/access.js';
import { principalOf, sessionPrincipalOf } from './request-context.js';

export const SESSION_COOKIE = 'laoke_session';
const STORE_ROUTE_PREFIX = '/api/stores/:storeId';
const MAX_ID = 2_147_483_647; // ids are 32-bit integer columns

/**
 * Authentication on every /api request, and authorisation declared per route. A route under
 * /api/stores/:storeId that names no permission fails at start-up: none can forget its check.
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): RouteCatalogue {
  const catalogue: RouteCatalogueEntry[] = [];
  app.decorateRequest('principal', undefined);
  app.decorateRequest('storeAccess', undefined);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match?.[1])
        throw new LaokeError('auth.token_invalid', 'Expected "Authorization: Bearer <token>".');
      request.principal = await resolveApiToken(ctx, match[1]);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie) {
      request.principal = await resolveSession(ctx, cookie);
      if (!request.principal) reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });

  app.addHook('onRoute', (route: RouteOptions) => {
    const url = route.url;
    if (!url.startsWith('/api/')) return;
    const config = route.config ?? {};
    const isStoreRoute = url === STORE_ROUTE_PREFIX || url.startsWith(`${STORE_ROUTE_PREFIX}/`);
    if (isStoreRoute && !config.permission) {
      throw new Error(`Route ${route.method} ${url} is store-scoped but declares no permission`);
    }
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      catalogue.push({ method, url, access: config.access ?? 'user', permission: config.permission ?? null });
    }
    if (config.access === 'public') return;
    // Signed in, then a member of the store with the permission, then (where required) a person
    // rather than a token: a stranger to the store always hears only store.not_found.
    const checks = [requireSignedIn(false)];
    if (isStoreRoute && config.permission) {
      const permission = config.permission;
      checks.push(async (request: FastifyRequest) => {
        const storeId = Number((request.params as { storeId?: string }).storeId);
        if (!Number.isInteger(storeId) || storeId <= 0 || storeId > MAX_ID) {
          throw new LaokeError('store.not_found', 'A store id is a positive integer.');
        }
        const access = await resolveStoreAccess(ctx.database.db, principalOf(request), asStoreId(storeId));
        if (!can(access.role, permission)) {
          throw new LaokeError('auth.forbidden', `The ${access.role} role may not ${permission}.`, {
            permission,
            role: access.role,
          });
        }
        request.storeAccess = access;
      });
    }
    if (config.access === 'session') checks.push(requireSignedIn(true));
    // preValidation: who may call is settled before the body is looked at, so a stranger learns
    // nothing about a store from validation messages.
    const existing = route.preValidation;
    route.preValidation = [...checks, ...(existing ? (Array.isArray(existing) ? existing : [existing]) : [])];
  });
  return catalogue;
}

export interface RouteCatalogueEntry {
  readonly method: string;
  readonly url: string;
  readonly access: 'public' | 'user' | 'session';
  readonly permission: Permission | null;
}

/** Every /api route with who may call it: the tenancy tests walk it, docs/api.md lists it. */
export type RouteCatalogue = readonly RouteCatalogueEntry[];

function requireSignedIn(sessionOnly: boolean) {
  return async (request: FastifyRequest) => {
    if (sessionOnly) sessionPrincipalOf(request);
    else principalOf(request);
  };
}

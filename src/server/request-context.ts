import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../audit/actor.js';
import type { Permission } from '../auth/permissions.js';
import type { Principal, SessionPrincipal } from '../auth/principal.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreAccess } from '../stores/access.js';

// What a route declares about who may call it (route `config`), and what the auth hooks attach
// to the request for the handler.

declare module 'fastify' {
  interface FastifyContextConfig {
    /** public: anyone; user: any signed-in staff or token; session: a signed-in person only. */
    access?: 'public' | 'user' | 'session';
    /** Required on every route under /api/stores/:storeId. */
    permission?: Permission;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
    storeAccess: StoreAccess | undefined;
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new LaokeError('auth.required', 'Sign in first.');
  return request.principal;
}

export function sessionPrincipalOf(request: FastifyRequest): SessionPrincipal {
  const principal = principalOf(request);
  if (principal.kind !== 'session')
    throw new LaokeError('auth.session_only', 'This needs a signed-in person, not an API token.');
  return principal;
}

export function storeAccessOf(request: FastifyRequest): StoreAccess {
  if (!request.storeAccess)
    throw new Error(`Route ${request.routeOptions.url} reads store access but declares no permission`);
  return request.storeAccess;
}

/** The audit log's view of who made this request. */
export function actorOf(request: FastifyRequest): Actor {
  const principal = principalOf(request);
  return {
    userId: principal.userId,
    tokenId: principal.kind === 'token' ? principal.tokenId : null,
    label: principal.kind === 'token' ? `token:${principal.tokenName}` : principal.login,
    requestId: request.id,
    ip: request.ip,
  };
}

/** The language of exported files: the caller's locale, Chinese unless it is English. */
export function exportLanguageOf(request: FastifyRequest): 'zh-CN' | 'en' {
  return principalOf(request).locale === 'en' ? 'en' : 'zh-CN';
}

/** Sends a streamed file as a download under its name. */
export function sendDownload(
  reply: FastifyReply,
  file: { readonly stream: Readable; readonly fileName: string; readonly contentType: string },
) {
  return reply
    .type(file.contentType)
    .header('content-disposition', `attachment; filename="${file.fileName}"`)
    .send(file.stream);
}

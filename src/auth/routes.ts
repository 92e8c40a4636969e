import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { SESSION_COOKIE } from '../server/auth-hooks.js';
import { principalOf, sessionPrincipalOf } from '../server/request-context.js';
import { emptyResponse } from '../server/schemas.js';
import { storeSummarySchema, toStoreSummary } from '../stores/schemas.js';
import { listStoresOfUser } from '../stores/stores.store.js';
import { changePassword, login, logout, updateProfile } from './service.js';
import { normaliseLogin } from './users.store.js';

const userSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  displayName: z.string(),
  locale: z.string().nullable(),
});

/** Sign-in, sign-out and "who am I". */
export function authRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        config: {
          access: 'public',
          // Per address and login: a team behind one office IP does not lock itself out, and
          // guessing one account's password is held to a few tries a minute.
          rateLimit: {
            max: ctx.config.auth.loginRateLimitPerMinute,
            timeWindow: 60_000,
            hook: 'preHandler',
            keyGenerator: (request) =>
              `${request.ip}|${normaliseLogin((request.body as { login?: string }).login ?? '')}`,
          },
        },
        schema: {
          tags: ['auth'],
          summary: 'Sign in and receive a session cookie',
          body: z.object({ login: z.string().min(1).max(200), password: z.string().min(1).max(1000) }),
          response: { 200: z.object({ user: userSchema }) },
        },
      },
      async (request, reply) => {
        const result = await login(ctx, {
          login: request.body.login,
          password: request.body.password,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        request.log.info({ userId: result.principal.userId }, 'signed in');
        reply.setCookie(SESSION_COOKIE, result.sessionToken, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: ctx.config.auth.cookieSecure,
          maxAge: Math.floor(ctx.config.auth.sessionTtlMs / 1000),
        });
        const p = result.principal;
        return { user: { id: p.userId, login: p.login, displayName: p.displayName, locale: p.locale } };
      },
    );

    app.post(
      '/api/auth/logout',
      {
        config: { access: 'session' },
        schema: { tags: ['auth'], summary: 'Sign out (ends the session)', response: { 204: emptyResponse } },
      },
      async (request, reply) => {
        await logout(ctx, sessionPrincipalOf(request));
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    );

    app.patch(
      '/api/auth/me',
      {
        config: { access: 'session' },
        schema: {
          tags: ['auth'],
          summary: 'Change your display name or preferred language',
          body: z
            .object({
              displayName: z.string().trim().min(1).max(100).optional(),
              locale: z.enum(['zh-CN', 'en']).nullable().optional(),
            })
            .strict(),
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await updateProfile(ctx, sessionPrincipalOf(request).userId, request.body);
        return reply.code(204).send();
      },
    );

    app.post(
      '/api/auth/password',
      {
        config: {
          access: 'session',
          rateLimit: { max: ctx.config.auth.loginRateLimitPerMinute, timeWindow: 60_000 },
        },
        schema: {
          tags: ['auth'],
          summary: 'Change your password; your other sessions end',
          body: z.object({
            currentPassword: z.string().min(1).max(1000),
            newPassword: z.string().min(1).max(1000),
          }),
          response: { 204: emptyResponse },
        },
      },
      async (request, reply) => {
        await changePassword(ctx, sessionPrincipalOf(request), {
          current: request.body.currentPassword,
          next: request.body.newPassword,
        });
        return reply.code(204).send();
      },
    );

    app.get(
      '/api/auth/me',
      {
        config: { access: 'user' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and the stores they may open',
          response: { 200: z.object({ user: userSchema, stores: z.array(storeSummarySchema) }) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const stores = (await listStoresOfUser(ctx.database.db, principal.userId)).filter(
          (store) => principal.kind === 'session' || store.id === principal.storeId,
        );
        return {
          user: {
            id: principal.userId,
            login: principal.login,
            displayName: principal.displayName,
            locale: principal.locale,
          },
          stores: stores.map(toStoreSummary),
        };
      },
    );
  };
}

import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { afterSalesRoutes } from '../after-sales/routes.js';
import { productRoutes } from '../analytics/product-routes.js';
import { analyticsRoutes } from '../analytics/routes.js';
import { audienceRoutes } from '../audiences/routes.js';
import { auditRoutes } from '../audit/routes.js';
import { authRoutes } from '../auth/routes.js';
import { campaignRoutes } from '../campaigns/routes.js';
import type { AppContext } from '../context.js';
import { customerRoutes } from '../customers/routes.js';
import { couponRoutes } from '../loyalty/coupons-routes.js';
import { giftRoutes } from '../loyalty/gifts-routes.js';
import { loyaltyRoutes } from '../loyalty/routes.js';
import { messagingHookRoutes } from '../messaging/hooks.js';
import { messagingRoutes } from '../messaging/routes.js';
import { orderImportRoutes } from '../orders/routes.js';
import { overviewRoutes } from '../overview/routes.js';
import { promotionReviewRoutes } from '../promotions/review-routes.js';
import { promotionRoutes } from '../promotions/routes.js';
import { storeRoutes } from '../stores/routes.js';
import { installAuth, type RouteCatalogue } from './auth-hooks.js';
import { errorResponseSchema, installErrorHandling } from './errors.js';
import { installWeb } from './web.js';

declare module 'fastify' {
  interface FastifyInstance {
    readonly routeCatalogue: RouteCatalogue;
  }
}

export interface AppOptions {
  /** pino options, or false for silence (tests). */
  readonly logger?: boolean | { level: string };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Builds the HTTP application: API, OpenAPI docs and the dashboard. Does not listen. */
export async function buildApp(ctx: AppContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : loggerOptions(ctx.config.logLevel),
    // One line per request from the onResponse hook below instead of Fastify's two.
    disableRequestLogging: true,
    trustProxy: ctx.config.trustProxy,
    // Honour a caller's request id when it is sane, so a request can be followed across systems.
    genReqId: (request) => {
      const incoming = request.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    bodyLimit: 1_048_576,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
  });

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url.split('?')[0],
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
  });

  installErrorHandling(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Laoke API',
        description:
          'Repeat-customer marketing for online stores (老客营销). Errors answer `{ "error": { "code", "message", "details" } }`. Money is integer minor units; instants are epoch milliseconds (UTC).',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'laoke_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  const routeCatalogue = installAuth(app, ctx);
  app.decorate('routeCatalogue', routeCatalogue);

  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness and database reachability',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.string() }),
          503: errorResponseSchema,
        },
      },
    },
    async () => {
      await ctx.database.db.selectFrom('stores').select('id').limit(1).execute();
      return { status: 'ok' as const, database: ctx.database.dialect };
    },
  );

  await app.register(authRoutes(ctx));
  await app.register(storeRoutes(ctx));
  await app.register(overviewRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(orderImportRoutes(ctx));
  await app.register(customerRoutes(ctx));
  await app.register(afterSalesRoutes(ctx));
  await app.register(analyticsRoutes(ctx));
  await app.register(productRoutes(ctx));
  await app.register(messagingRoutes(ctx));
  await app.register(campaignRoutes(ctx));
  await app.register(promotionRoutes(ctx));
  await app.register(promotionReviewRoutes(ctx));
  await app.register(audienceRoutes(ctx));
  await app.register(couponRoutes(ctx));
  await app.register(giftRoutes(ctx));
  await app.register(loyaltyRoutes(ctx));
  await app.register(messagingHookRoutes(ctx));
  await installWeb(app, ctx.config.webDir);
  return app;
}

/**
 * Logs go to stderr (stdout is for results, e.g. `laoke serve --json`), as JSON lines, or
 * readable when a person watches the terminal. Credentials are never logged.
 */
function loggerOptions(level: string) {
  const redact = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'];
  if (process.stderr.isTTY) {
    return {
      level,
      redact,
      transport: {
        target: 'pino-pretty',
        options: { destination: 2, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' },
      },
    };
  }
  return { level, redact, stream: process.stderr };
}

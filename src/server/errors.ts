import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type ErrorCode, errorCatalogue } from '../shared/error-catalogue.js';
import { LaokeError } from '../shared/errors.js';

/** The one error shape every route answers with. */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('domain.reason, see the error catalogue'),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .describe('An error');

interface ErrorBody {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: Readonly<Record<string, unknown>> | undefined;
}

function send(reply: FastifyReply, body: ErrorBody): FastifyReply {
  const status = errorCatalogue[body.code].status;
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(
      JSON.stringify({
        error: { code: body.code, message: body.message, ...(body.details ? { details: body.details } : {}) },
      }),
    );
}

// Fastify's own request errors (bad JSON, wrong content type, too large) keep their status and
// get a catalogued code.
const codeForStatus: Record<number, ErrorCode> = {
  400: 'request.invalid',
  404: 'request.not_found',
  413: 'request.too_large',
  415: 'request.unsupported_media_type',
  429: 'auth.rate_limited',
};

function toErrorBody(error: FastifyError, request: FastifyRequest): ErrorBody | undefined {
  if (error instanceof LaokeError)
    return { code: error.code, message: error.message, details: error.details };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issues = error.validation.map((issue) => ({
      path: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(root)',
      message: issue.message ?? 'is invalid',
    }));
    const where = error.validationContext ?? 'request';
    const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return {
      code: 'request.invalid',
      message: `Invalid ${where}: ${summary}`,
      details: { in: where, issues },
    };
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
    return undefined;
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = codeForStatus[status] ?? 'request.invalid';
    return {
      code,
      message: status === 429 ? 'Too many requests; wait a minute and try again.' : error.message,
    };
  }
  return undefined;
}

/** Installs the error and not-found handlers that answer `{ error: { code, message, details } }`. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const body = toErrorBody(error, request);
    if (body) {
      if (errorCatalogue[body.code].status >= 500) request.log.error({ err: error }, body.message);
      return send(reply, body);
    }
    // Unknown: log everything with the request id, tell the caller nothing but the id.
    request.log.error({ err: error }, 'unhandled error');
    return send(reply, {
      code: 'internal',
      message: `Something went wrong; quote request id ${request.id} when reporting it.`,
      details: { requestId: request.id },
    });
  });
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return send(reply, {
    code: 'request.not_found',
    message: `No route ${request.method} ${request.url.split('?')[0]}`,
  });
}

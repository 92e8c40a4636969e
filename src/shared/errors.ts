import { type ErrorCode, errorCatalogue } from './error-catalogue.js';

export type { ErrorCode } from './error-catalogue.js';

/** An error a person can act on: a catalogued code, a specific message, and optional details. */
export class LaokeError extends Error {
  override readonly name = 'LaokeError';
  readonly code: ErrorCode;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorCatalogue[this.code].status;
  }
}

/** Turns whatever was thrown into an Error, so a catch block can reason about it. */
export function toError(thrown: unknown): Error {
  if (thrown instanceof Error) return thrown;
  return new Error(typeof thrown === 'string' ? thrown : JSON.stringify(thrown));
}

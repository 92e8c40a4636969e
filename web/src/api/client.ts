import { type ErrorCode, errorCatalogue, isErrorCode } from '../../../src/shared/error-catalogue';
import type { Language } from '../i18n';

// The one way the dashboard talks to the API: same-origin cookies, JSON both ways, and every
// failure turned into an ApiError whose title comes from the error catalogue by its code.

/** What went wrong on the way: a catalogued server code, or no answer at all. */
export type ApiErrorCode = ErrorCode | 'network' | 'unknown';

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    /** The server's specific message (English, for people who read details). */
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** The short localised title for the code, or undefined for network/unknown failures. */
  title(language: Language): string | undefined {
    if (this.code === 'network' || this.code === 'unknown') return undefined;
    const entry = errorCatalogue[this.code];
    return language === 'zh-CN' ? entry.zh : entry.en;
  }

  get requestId(): string | undefined {
    const id = this.details.requestId;
    return typeof id === 'string' ? id : undefined;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when a request answers 401: the session has ended and the app should go to sign-in. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

interface RequestOptions {
  readonly body?: unknown;
  /** A 401 here is an answer, not an ended session (signing in with a wrong password). */
  readonly expectUnauthorized?: boolean;
  readonly signal?: AbortSignal | undefined;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (thrown) {
    if (thrown instanceof DOMException && thrown.name === 'AbortError') throw thrown;
    throw new ApiError(0, 'network', thrown instanceof Error ? thrown.message : String(thrown));
  }
  if (response.ok) {
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
  const error = await toApiError(response);
  if (response.status === 401 && !options.expectUnauthorized) {
    for (const listener of unauthorizedListeners) listener();
  }
  throw error;
}

interface ErrorBody {
  readonly error?: { readonly code?: unknown; readonly message?: unknown; readonly details?: unknown };
}

async function toApiError(response: Response): Promise<ApiError> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The body broke off: the status alone has to do.
  }
  return apiErrorOf(response.status, response.statusText, text);
}

// An error answer's body as an ApiError; a body that is not our JSON (a proxy's error page) leaves
// the status to speak for itself.
function apiErrorOf(status: number, statusText: string, text: string): ApiError {
  let body: ErrorBody = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) body = parsed as ErrorBody;
  } catch {
    // Not JSON.
  }
  const code =
    typeof body.error?.code === 'string' && isErrorCode(body.error.code) ? body.error.code : 'unknown';
  const message = typeof body.error?.message === 'string' ? body.error.message : `${status} ${statusText}`;
  const details = isRecord(body.error?.details) ? body.error.details : {};
  return new ApiError(status, code, message, details);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: (path: string) => request<void>('DELETE', path),
};

/** How far an upload has got: bytes sent of the total. */
export interface UploadProgress {
  readonly sent: number;
  readonly total: number;
}

/**
 * Posts a multipart form with XMLHttpRequest, the one browser API that reports upload progress
 * (fetch streams no upload progress). Errors and a 401 are handled as for every other request.
 */
export function upload<T>(
  path: string,
  form: FormData,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ sent: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText)) as T);
        } catch (thrown) {
          reject(
            new ApiError(xhr.status, 'unknown', thrown instanceof Error ? thrown.message : String(thrown)),
          );
        }
        return;
      }
      const error = apiErrorOf(xhr.status, xhr.statusText, xhr.responseText);
      if (xhr.status === 401) for (const listener of unauthorizedListeners) listener();
      reject(error);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The upload broke off'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** A query string from defined values only. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

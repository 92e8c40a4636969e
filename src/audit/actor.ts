import type { ApiTokenId, UserId } from '../shared/ids.js';

/** Who is acting, as the audit log records it. */
export interface Actor {
  readonly userId: UserId | null;
  readonly tokenId: ApiTokenId | null;
  /** Readable after the user or token is gone: a login, "token:<name>", "cli" or "system". */
  readonly label: string;
  readonly requestId: string | null;
  readonly ip: string | null;
}

export const systemActor: Actor = { userId: null, tokenId: null, label: 'system', requestId: null, ip: null };

export function cliActor(userId: UserId | null = null): Actor {
  return { userId, tokenId: null, label: 'cli', requestId: null, ip: null };
}

/** The person who queued a job, acting again when a worker runs it (no request, no address). */
export function jobActor(queuedBy: { readonly userId: number | null; readonly login: string }): Actor {
  return {
    userId: queuedBy.userId === null ? null : (queuedBy.userId as UserId),
    tokenId: null,
    label: queuedBy.login,
    requestId: null,
    ip: null,
  };
}

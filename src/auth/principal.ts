import type { Role } from '../db/schema.js';
import type { ApiTokenId, StoreId, UserId } from '../shared/ids.js';

interface PrincipalBase {
  readonly userId: UserId;
  readonly login: string;
  readonly displayName: string;
  readonly locale: string | null;
}

/** A staff member signed in to the dashboard. */
export interface SessionPrincipal extends PrincipalBase {
  readonly kind: 'session';
  readonly sessionHash: string;
}

/** An integration calling with an API token: bound to one store, with at most the token's role. */
export interface TokenPrincipal extends PrincipalBase {
  readonly kind: 'token';
  readonly tokenId: ApiTokenId;
  readonly tokenName: string;
  readonly storeId: StoreId;
  readonly role: Role;
}

export type Principal = SessionPrincipal | TokenPrincipal;

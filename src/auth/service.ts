import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { whenUnique } from '../db/dialect/errors.js';
import type { Role } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { ApiTokenId, StoreId, UserId } from '../shared/ids.js';
import { type Instant, instant } from '../shared/time.js';
import { findMembership } from '../stores/stores.store.js';
import { assertAcceptablePassword, hashPassword, needsRehash, verifyPassword } from './passwords.js';
import { roleAtMost } from './permissions.js';
import type { SessionPrincipal, TokenPrincipal } from './principal.js';
import { API_TOKEN_PREFIX, hashSecret, newSecret, SESSION_PREFIX } from './secrets.js';
import {
  deleteExpiredSessions,
  deleteOtherSessions,
  deleteSession,
  extendSession,
  findLiveSession,
  insertSession,
} from './sessions.store.js';
import {
  findLiveApiToken,
  insertApiToken,
  revokeApiToken as revokeTokenRow,
  touchApiToken,
} from './tokens.store.js';
import {
  findUserById,
  findUserByLogin,
  insertUser,
  normaliseLogin,
  recordLogin,
  updatePasswordHash,
  updateUserProfile,
} from './users.store.js';

const LOGIN_PATTERN = /^[a-z0-9][a-z0-9._@+-]{1,63}$/;

export interface NewUser {
  readonly login: string;
  readonly displayName?: string | undefined;
  readonly password: string;
  readonly locale?: string | null | undefined;
}

/** Creates a staff account; the login is unique and case-insensitive. */
export async function createUser(ctx: AppContext, user: NewUser): Promise<UserId> {
  const login = normaliseLogin(user.login);
  if (!LOGIN_PATTERN.test(login)) {
    throw new LaokeError(
      'request.invalid',
      'A login is 2 to 64 characters: letters, digits and . _ @ + - (an email address works).',
      { field: 'login' },
    );
  }
  assertAcceptablePassword(user.password);
  const { db } = ctx.database;
  if (await findUserByLogin(db, login))
    throw new LaokeError('user.login_taken', `The login "${login}" is taken.`);
  const passwordHash = await hashPassword(user.password, ctx.config.auth.argon2);
  return insertUser(
    db,
    { login, displayName: user.displayName?.trim() || login, passwordHash, locale: user.locale ?? null },
    ctx.clock.now(),
  ).catch(whenUnique(() => new LaokeError('user.login_taken', `The login "${login}" is taken.`)));
}

let dummyHash: Promise<string> | undefined;

export interface LoginResult {
  readonly sessionToken: string;
  readonly expiresAt: Instant;
  readonly principal: SessionPrincipal;
}

/** Checks a login and password and opens a session. Unknown logins cost the same time as wrong passwords. */
export async function login(
  ctx: AppContext,
  attempt: { login: string; password: string; ip: string | null; userAgent: string | null },
): Promise<LoginResult> {
  const { db } = ctx.database;
  const argon2Params = ctx.config.auth.argon2;
  const user = await findUserByLogin(db, attempt.login);
  if (!user || user.disabled_at !== null) {
    dummyHash ??= hashPassword('not-a-real-password', argon2Params);
    await verifyPassword(await dummyHash, attempt.password);
    throw new LaokeError('auth.invalid_credentials', 'Wrong login or password.');
  }
  if (!(await verifyPassword(user.password_hash, attempt.password))) {
    throw new LaokeError('auth.invalid_credentials', 'Wrong login or password.');
  }
  const now = ctx.clock.now();
  if (needsRehash(user.password_hash, argon2Params)) {
    await updatePasswordHash(db, user.id, await hashPassword(attempt.password, argon2Params), now);
  }
  const sessionToken = newSecret(SESSION_PREFIX);
  const sessionHash = hashSecret(sessionToken);
  const expiresAt = instant(now + ctx.config.auth.sessionTtlMs);
  await deleteExpiredSessions(db, now);
  await insertSession(
    db,
    { idHash: sessionHash, userId: user.id, expiresAt, ip: attempt.ip, userAgent: attempt.userAgent },
    now,
  );
  await recordLogin(db, user.id, now);
  return {
    sessionToken,
    expiresAt,
    principal: {
      kind: 'session',
      userId: user.id,
      login: user.login,
      displayName: user.display_name,
      locale: user.locale,
      sessionHash,
    },
  };
}

/** The signed-in staff member for a session cookie, or undefined; extends sessions in use. */
export async function resolveSession(
  ctx: AppContext,
  sessionToken: string,
): Promise<SessionPrincipal | undefined> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const sessionHash = hashSecret(sessionToken);
  const session = await findLiveSession(db, sessionHash, now);
  if (!session) return undefined;
  // Sliding expiry, written at most once per tenth of the lifetime rather than on every request.
  const ttl = ctx.config.auth.sessionTtlMs;
  if (now - session.last_seen_at > ttl / 10) await extendSession(db, sessionHash, instant(now + ttl), now);
  return {
    kind: 'session',
    userId: session.user_id,
    login: session.login,
    displayName: session.display_name,
    locale: session.locale,
    sessionHash,
  };
}

export async function logout(ctx: AppContext, principal: SessionPrincipal): Promise<void> {
  await deleteSession(ctx.database.db, principal.sessionHash);
}

/** The integration behind a bearer token; throws auth.token_invalid for unknown or revoked tokens. */
export async function resolveApiToken(ctx: AppContext, bearer: string): Promise<TokenPrincipal> {
  const { db } = ctx.database;
  const now = ctx.clock.now();
  const token = bearer.startsWith(API_TOKEN_PREFIX)
    ? await findLiveApiToken(db, hashSecret(bearer), now)
    : undefined;
  if (!token) throw new LaokeError('auth.token_invalid', 'The API token is unknown, expired or revoked.');
  if (token.last_used_at === null || now - token.last_used_at > 60_000) {
    await touchApiToken(db, token.store_id, token.id, now);
  }
  return {
    kind: 'token',
    userId: token.user_id,
    login: token.login,
    displayName: token.display_name,
    locale: token.locale,
    tokenId: token.id,
    tokenName: token.name,
    storeId: token.store_id,
    role: token.role,
  };
}

export interface NewApiToken {
  readonly userId: UserId;
  readonly name: string;
  readonly role: Role;
  readonly expiresAt: Instant | null;
}

/** Creates a token for a member of the store; the plaintext is returned once and never stored. */
export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  storeId: StoreId,
  input: NewApiToken,
): Promise<{ id: ApiTokenId; token: string }> {
  return ctx.database.db.transaction().execute(async (trx) => {
    const membership = await findMembership(trx, storeId, input.userId);
    if (!membership)
      throw new LaokeError('member.not_found', 'The token owner must be a member of the store.');
    if (!roleAtMost(input.role, membership.role)) {
      throw new LaokeError(
        'token.role_too_high',
        `A ${membership.role} cannot create a ${input.role} token.`,
        {
          role: input.role,
          ownerRole: membership.role,
        },
      );
    }
    const token = newSecret(API_TOKEN_PREFIX);
    const now = ctx.clock.now();
    const id = await insertApiToken(
      trx,
      storeId,
      {
        userId: input.userId,
        name: input.name,
        hash: hashSecret(token),
        prefix: token.slice(0, API_TOKEN_PREFIX.length + 6),
        role: input.role,
        expiresAt: input.expiresAt,
      },
      now,
    );
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: 'token.create',
        subjectType: 'api_token',
        subjectId: id,
        details: { name: input.name, role: input.role },
      },
      now,
    );
    return { id, token };
  });
}

export async function revokeApiToken(
  ctx: AppContext,
  actor: Actor,
  storeId: StoreId,
  tokenId: ApiTokenId,
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const now = ctx.clock.now();
    if (!(await revokeTokenRow(trx, storeId, tokenId, now))) {
      throw new LaokeError('token.not_found', `No live API token ${tokenId} in this store.`);
    }
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      { action: 'token.revoke', subjectType: 'api_token', subjectId: tokenId },
      now,
    );
  });
}

export interface ProfileChanges {
  readonly displayName?: string | undefined;
  readonly locale?: 'zh-CN' | 'en' | null | undefined;
}

/** Changes the signed-in person's display name or preferred language. */
export async function updateProfile(ctx: AppContext, userId: UserId, changes: ProfileChanges): Promise<void> {
  await updateUserProfile(ctx.database.db, userId, changes, ctx.clock.now());
}

/** Changes a password after checking the current one; every other session of the user ends. */
export async function changePassword(
  ctx: AppContext,
  principal: SessionPrincipal,
  passwords: { current: string; next: string },
): Promise<void> {
  const { db } = ctx.database;
  const user = await findUserById(db, principal.userId);
  if (!user || !(await verifyPassword(user.password_hash, passwords.current))) {
    throw new LaokeError('auth.invalid_credentials', 'The current password is wrong.');
  }
  assertAcceptablePassword(passwords.next);
  const hash = await hashPassword(passwords.next, ctx.config.auth.argon2);
  await db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, user.id, hash, ctx.clock.now());
    await deleteOtherSessions(trx, user.id, principal.sessionHash);
  });
}

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import { createUser } from '../../src/auth/service.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { AppContext } from '../../src/context.js';
import type { Database } from '../../src/db/database.js';
import type { Platform, Role } from '../../src/db/schema.js';
import { buildApp } from '../../src/server/app.js';
import type { StoreId, UserId } from '../../src/shared/ids.js';
import { type Clock, fixedClock } from '../../src/shared/time.js';
import { addMember, createStore } from '../../src/stores/service.js';

/** 2026-11-24 10:00 in Asia/Shanghai: the instant tests pin "now" to. */
export const REFERENCE_NOW = Date.UTC(2026, 10, 24, 2, 0, 0);
export const PASSWORD = 'correct horse battery';

export function testConfig(env: Record<string, string> = {}): Config {
  // Live counts only from a snapshot of an unchanged database: tests write, then count at once.
  return loadConfig({
    LAOKE_LOG_LEVEL: 'silent',
    LAOKE_WEB_DIR: '/nonexistent',
    LAOKE_DEMO: 'off',
    LAOKE_LIVE_COUNT_MAX_AGE_SECONDS: '0',
    ...env,
  });
}

export function testContext(
  database: Database,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): AppContext {
  return { database, clock: options.clock ?? fixedClock(REFERENCE_NOW), config: testConfig(options.env) };
}

export async function testApp(ctx: AppContext): Promise<FastifyInstance> {
  const app = await buildApp(ctx, { logger: false });
  await app.ready();
  return app;
}

export async function addUser(ctx: AppContext, login: string): Promise<UserId> {
  return createUser(ctx, { login, password: PASSWORD });
}

/** A store owned by `owner`, with extra members by role. */
export async function addStore(
  ctx: AppContext,
  name: string,
  owner: UserId,
  members: Readonly<Record<string, Role>> = {},
  platform: Platform = 'taobao',
): Promise<StoreId> {
  const storeId = await createStore(ctx, cliActor(owner), owner, { name, platform });
  for (const [login, role] of Object.entries(members))
    await addMember(ctx, cliActor(owner), storeId, { login, role });
  return storeId;
}

/** Signs in through the API and returns the Cookie header to send. */
export async function signIn(app: FastifyInstance, login: string, password = PASSWORD): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { login, password } });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = [response.headers['set-cookie']].flat()[0];
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0]!;
}

/** Asserts the one error shape and its code; returns the error body. */
export function expectError(response: LightMyRequestResponse, status: number, code: string) {
  expect(response.statusCode, response.body).toBe(status);
  const body = response.json() as {
    error: { code: string; message: string; details?: Record<string, unknown> };
  };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

export interface OwnerSession {
  readonly ctx: AppContext;
  readonly app: FastifyInstance;
  readonly storeId: StoreId;
  readonly cookie: string;
}

/** An app, a store owned by the user "owner", and that owner's session cookie. */
export async function openOwnerSession(database: Database, storeName: string): Promise<OwnerSession> {
  const ctx = testContext(database);
  const app = await testApp(ctx);
  const storeId = await addStore(ctx, storeName, await addUser(ctx, 'owner'));
  return { ctx, app, storeId, cookie: await signIn(app, 'owner') };
}

/** Adds a service (客服) member to an owner session's store and signs them in; their cookie. */
export async function addServiceSession(session: OwnerSession, login = 'kefu'): Promise<string> {
  await addUser(session.ctx, login);
  const owner = await session.ctx.database.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'owner')
    .executeTakeFirstOrThrow();
  await addMember(session.ctx, cliActor(owner.id), session.storeId, { login, role: 'service' });
  return signIn(session.app, login);
}

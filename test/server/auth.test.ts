import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import { addStore, addUser, expectError, PASSWORD, signIn, testApp, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

for (const testDatabase of testDatabases()) {
  describe(`authentication over HTTP on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeA: number;
    let storeB: number;

    beforeAll(async () => {
      ctx = testContext(handle.get(), { env: { LAOKE_LOGIN_RATE_LIMIT: '5' } });
      app = await testApp(ctx);
      const wang = await addUser(ctx, 'wang');
      await addUser(ctx, 'li');
      storeA = await addStore(ctx, '王家母婴', wang, { li: 'operator' });
      storeB = await addStore(ctx, '王家数码', wang);
    });

    describe('sign-in', () => {
      it('sets an httpOnly, SameSite=Strict session cookie and answers the user', async () => {
        const response = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: ' WANG ', password: PASSWORD },
        });
        expect(response.statusCode).toBe(200);
        expect(response.json()).toMatchObject({ user: { login: 'wang', displayName: 'wang' } });
        const cookie = String(response.headers['set-cookie']);
        expect(cookie).toMatch(/^laoke_session=lks_[A-Za-z0-9_-]{43};/);
        expect(cookie).toContain('HttpOnly');
        expect(cookie).toContain('SameSite=Strict');
        expect(cookie).toContain('Path=/');
      });

      it('refuses a wrong password and an unknown login with the same answer', async () => {
        const wrong = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'wang', password: 'nope-nope' },
        });
        const unknown = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { login: 'nobody', password: 'nope-nope' },
        });
        expect(expectError(wrong, 401, 'auth.invalid_credentials').message).toBe(
          expectError(unknown, 401, 'auth.invalid_credentials').message,
        );
        expect(wrong.headers['set-cookie']).toBeUndefined();
      });

      it('stores only a hash of the session, never the cookie value', async () => {
        const cookie = await signIn(app, 'li');
        const value = cookie.split('=')[1]!;
        const sessions = await handle.get().db.selectFrom('sessions').select('id_hash').execute();
        expect(sessions.length).toBeGreaterThan(0);
        expect(sessions.map((s) => s.id_hash)).not.toContain(value);
        expect(sessions.every((s) => /^[0-9a-f]{64}$/.test(s.id_hash))).toBe(true);
      });
    });

    describe('a session', () => {
      it('lists the stores the user belongs to with the role in each', async () => {
        const cookie = await signIn(app, 'li');
        const response = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        expect(response.statusCode).toBe(200);
        expect(response.json().stores).toEqual([
          expect.objectContaining({
            id: storeA,
            name: '王家母婴',
            role: 'operator',
            timeZone: 'Asia/Shanghai',
            currency: 'CNY',
          }),
        ]);
      });

      it('ends at sign-out: the same cookie is refused afterwards', async () => {
        const cookie = await signIn(app, 'li');
        const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
        expect(out.statusCode).toBe(204);
        expectError(
          await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
          401,
          'auth.required',
        );
      });

      it('is refused without a cookie', async () => {
        expectError(await app.inject({ method: 'GET', url: `/api/stores/${storeA}` }), 401, 'auth.required');
      });

      it('saves the preferred language', async () => {
        const cookie = await signIn(app, 'li');
        const patch = await app.inject({
          method: 'PATCH',
          url: '/api/auth/me',
          headers: { cookie },
          payload: { locale: 'en' },
        });
        expect(patch.statusCode).toBe(204);
        const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
        expect(me.json().user.locale).toBe('en');
      });
    });

    describe('changing the password', () => {
      it('needs the current password, then ends the other sessions', async () => {
        const login = 'zhao';
        await addUser(ctx, login);
        const first = await signIn(app, login);
        const second = await signIn(app, login);
        expectError(
          await app.inject({
            method: 'POST',
            url: '/api/auth/password',
            headers: { cookie: second },
            payload: { currentPassword: 'wrong', newPassword: 'a new long password' },
          }),
          401,
          'auth.invalid_credentials',
        );
        const changed = await app.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers: { cookie: second },
          payload: { currentPassword: PASSWORD, newPassword: 'a new long password' },
        });
        expect(changed.statusCode).toBe(204);
        expectError(
          await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } }),
          401,
          'auth.required',
        );
        expect(
          (await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } })).statusCode,
        ).toBe(200);
        await signIn(app, login, 'a new long password');
      });
    });

    describe('API tokens', () => {
      let ownerCookie: string;
      beforeAll(async () => {
        ownerCookie = await signIn(app, 'wang');
      });

      async function newToken(role: string) {
        const cookie = ownerCookie;
        const response = await app.inject({
          method: 'POST',
          url: `/api/stores/${storeA}/tokens`,
          headers: { cookie },
          payload: { name: `erp-${role}`, role },
        });
        expect(response.statusCode, response.body).toBe(201);
        return response.json() as { id: number; token: string };
      }

      it('reach their own store and no other', async () => {
        const { token } = await newToken('operator');
        const own = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeA}/overview`,
          headers: { authorization: `Bearer ${token}` },
        });
        expect(own.statusCode).toBe(200);
        const other = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeB}/overview`,
          headers: { authorization: `Bearer ${token}` },
        });
        expectError(other, 404, 'store.not_found');
      });

      it('act with the token role, not the owner’s', async () => {
        const { token } = await newToken('service');
        const response = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeA}/audit`,
          headers: { authorization: `Bearer ${token}` },
        });
        expectError(response, 403, 'auth.forbidden');
      });

      it('cannot do what needs a signed-in person', async () => {
        const { token } = await newToken('operator');
        const response = await app.inject({
          method: 'POST',
          url: '/api/stores',
          headers: { authorization: `Bearer ${token}` },
          payload: { name: 'sneaky', platform: 'jd' },
        });
        expectError(response, 403, 'auth.session_only');
      });

      it('stop working when revoked', async () => {
        const { id, token } = await newToken('operator');
        const cookie = ownerCookie;
        const revoked = await app.inject({
          method: 'DELETE',
          url: `/api/stores/${storeA}/tokens/${id}`,
          headers: { cookie },
        });
        expect(revoked.statusCode).toBe(204);
        const response = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeA}`,
          headers: { authorization: `Bearer ${token}` },
        });
        expectError(response, 401, 'auth.token_invalid');
      });

      it('are refused when malformed or unknown', async () => {
        for (const authorization of [
          'Bearer',
          'Basic d2FuZzpwdw==',
          'Bearer lk_not-a-real-token',
          'Bearer x y',
        ]) {
          expectError(
            await app.inject({ method: 'GET', url: `/api/stores/${storeA}`, headers: { authorization } }),
            401,
            'auth.token_invalid',
          );
        }
      });

      it('are stored as a hash and shown once', async () => {
        const { token } = await newToken('operator');
        const cookie = ownerCookie;
        const list = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeA}/tokens`,
          headers: { cookie },
        });
        expect(list.body).not.toContain(token);
        const rows = await handle.get().db.selectFrom('api_tokens').select('token_hash').execute();
        expect(rows.map((r) => r.token_hash)).not.toContain(token);
      });
    });

    describe('rate limiting', () => {
      it('answers 429 after five sign-in attempts a minute for one login from one address', async () => {
        const attempt = () =>
          app.inject({
            method: 'POST',
            url: '/api/auth/login',
            remoteAddress: '203.0.113.9',
            payload: { login: 'wang', password: 'guess-guess' },
          });
        for (let i = 0; i < 5; i++) expect((await attempt()).statusCode).toBe(401);
        expectError(await attempt(), 429, 'auth.rate_limited');
        const elsewhere = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '203.0.113.10',
          payload: { login: 'wang', password: PASSWORD },
        });
        expect(elsewhere.statusCode).toBe(200);
        const colleague = await app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: '203.0.113.9',
          payload: { login: 'li', password: PASSWORD },
        });
        expect(colleague.statusCode).toBe(200);
      });
    });
  });
}

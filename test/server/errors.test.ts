import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import { listTables } from '../../src/db/migrate.js';
import { buildApp } from '../../src/server/app.js';
import type { StoreId } from '../../src/shared/ids.js';
import { expectError, openOwnerSession } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

// Bad requests get the one error shape with a 4xx that says what was expected, and change nothing.

async function storeState(db: Db, storeId: StoreId) {
  return JSON.stringify([
    await db.selectFrom('stores').selectAll().where('id', '=', storeId).execute(),
    await db.selectFrom('store_members').selectAll().where('store_id', '=', storeId).execute(),
    await db.selectFrom('audit_log').select('id').where('store_id', '=', storeId).execute(),
    await db.selectFrom('users').select('id').execute(),
  ]);
}

for (const testDatabase of testDatabases()) {
  describe(`bad requests on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let cookie: string;

    beforeAll(async () => {
      ({ ctx, app, storeId, cookie } = await openOwnerSession(handle.get(), '错误测试店'));
    });

    const patch = (payload: string | object, contentType = 'application/json') =>
      app.inject({
        method: 'PATCH',
        url: `/api/stores/${storeId}`,
        headers: { cookie, 'content-type': contentType },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });

    it('names the field and the rule for a body that breaks the schema', async () => {
      const before = await storeState(handle.get().db, storeId);
      const error = expectError(await patch({ platform: 'ebay', name: '' }), 400, 'request.invalid');
      expect(error.details).toMatchObject({ in: 'body' });
      const paths = ((error.details?.issues ?? []) as { path: string }[]).map((issue) => issue.path).sort();
      expect(paths).toEqual(['name', 'platform']);
      expect(error.message).toContain('platform');
      expect(await storeState(handle.get().db, storeId)).toBe(before);
    });

    it('refuses fields the route does not know', async () => {
      const before = await storeState(handle.get().db, storeId);
      expectError(await patch({ is_demo: 1 }), 400, 'request.invalid');
      expect(await storeState(handle.get().db, storeId)).toBe(before);
    });

    it('explains an unknown time zone and currency', async () => {
      expect(
        expectError(await patch({ timeZone: 'Mars/Olympus' }), 400, 'request.invalid').message,
      ).toContain('Asia/Shanghai');
      expect(expectError(await patch({ currency: 'XYZ' }), 400, 'request.invalid').message).toContain('CNY');
    });

    it('answers malformed JSON with request.invalid', async () => {
      const before = await storeState(handle.get().db, storeId);
      expectError(await patch('{"name": "half'), 400, 'request.invalid');
      expect(await storeState(handle.get().db, storeId)).toBe(before);
    });

    it('answers a non-JSON body with 415', async () => {
      expectError(
        await patch('name=x', 'application/x-www-form-urlencoded'),
        415,
        'request.unsupported_media_type',
      );
    });

    it('answers an oversized body with 413', async () => {
      expectError(await patch({ name: 'x'.repeat(1_100_000) }), 413, 'request.too_large');
    });

    it('treats hostile strings as data', async () => {
      const name = `'; drop table stores; -- <script>alert(1)</script> 🙂 ${'\u202e'}`;
      const response = await patch({ name });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().name).toBe(name.trim());
      expect(await listTables(handle.get())).toContain('stores');
    });

    it('answers an unknown API route with JSON 404, not the dashboard', async () => {
      const response = await app.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie } });
      expectError(response, 404, 'request.not_found');
      expect(response.headers['content-type']).toContain('application/json');
    });

    it('answers a malformed store id with store.not_found', async () => {
      for (const id of ['abc', '0', '-1', '1.5', '99999999999']) {
        expectError(
          await app.inject({ method: 'GET', url: `/api/stores/${id}`, headers: { cookie } }),
          404,
          'store.not_found',
        );
      }
    });

    it('refuses a password too short to be safe, creating nobody', async () => {
      const before = await storeState(handle.get().db, storeId);
      const response = await app.inject({
        method: 'POST',
        url: `/api/stores/${storeId}/members`,
        headers: { cookie },
        payload: { login: 'newbie', role: 'operator', password: 'short' },
      });
      expectError(response, 400, 'user.weak_password');
      expect(await storeState(handle.get().db, storeId)).toBe(before);
    });

    it('keeps the last owner', async () => {
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      const userId = me.json().user.id as number;
      expectError(
        await app.inject({
          method: 'PATCH',
          url: `/api/stores/${storeId}/members/${userId}`,
          headers: { cookie },
          payload: { role: 'operator' },
        }),
        409,
        'member.last_owner',
      );
      expectError(
        await app.inject({
          method: 'DELETE',
          url: `/api/stores/${storeId}/members/${userId}`,
          headers: { cookie },
        }),
        409,
        'member.last_owner',
      );
    });

    it('refuses a second store with a taken name', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/api/stores',
        headers: { cookie },
        payload: {
          name: (
            await app.inject({ method: 'GET', url: `/api/stores/${storeId}`, headers: { cookie } })
          ).json().name,
          platform: 'jd',
        },
      });
      expectError(response, 409, 'store.name_taken');
    });

    it('hides an unexpected failure behind a 500 that quotes the request id', async () => {
      const failing = await buildApp(ctx, { logger: false });
      failing.get('/api/boom', { config: { access: 'public' } }, async () => {
        throw new Error('secret internal detail');
      });
      const response = await failing.inject({
        method: 'GET',
        url: '/api/boom',
        headers: { 'x-request-id': 'req-123' },
      });
      const error = expectError(response, 500, 'internal');
      expect(error.message).toContain('req-123');
      expect(response.body).not.toContain('secret internal detail');
      expect(response.headers['x-request-id']).toBe('req-123');
      await failing.close();
    });
  });
}

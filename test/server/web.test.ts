import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

const [sqlite] = testDatabases();

describe('serving the dashboard', () => {
  const handle = withTestDatabase(sqlite!);
  const webDir = mkdtempSync(join(tmpdir(), 'laoke-web-'));
  let app: FastifyInstance;

  beforeAll(async () => {
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>老客</title>');
    writeFileSync(join(webDir, 'assets', 'app-1.js'), 'console.log(1)');
    app = await testApp(testContext(handle.get(), { env: { LAOKE_WEB_DIR: webDir } }));
  });
  afterAll(() => rmSync(webDir, { recursive: true, force: true }));

  it('serves index.html at / and for the dashboard’s own paths', async () => {
    for (const url of ['/', '/login', '/stores/3/overview?x=1']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.body).toContain('<title>老客</title>');
    }
  });

  it('caches hashed assets for a year', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/app-1.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('serves assets of a dashboard rebuilt while the server runs', async () => {
    writeFileSync(join(webDir, 'assets', 'app-2.js'), 'console.log(2)');
    expect((await app.inject({ method: 'GET', url: '/assets/app-2.js' })).body).toBe('console.log(2)');
  });

  it('answers missing files and unknown API routes with the JSON error, not the page', async () => {
    for (const url of ['/assets/missing.js', '/api/unknown']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().error.code).toBe('request.not_found');
    }
  });

  it('does not serve files outside the dashboard folder', async () => {
    const response = await app.inject({ method: 'GET', url: '/../../etc/passwd' });
    expect(response.body).not.toContain('root:');
  });

  it('sends security headers and a request id', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes the OpenAPI description at /docs', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    const spec = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/stores/{storeId}/overview']),
    );
  });
});

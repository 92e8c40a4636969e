import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendNotFound } from './errors.js';

const NOT_BUILT_PAGE = `<!doctype html><meta charset="utf-8"><title>Laoke 老客</title>
<p>The dashboard has not been built yet. Run <code>npm run build</code>, then reload.</p>
<p>管理后台尚未构建。请先运行 <code>npm run build</code>，然后刷新。</p>`;

/**
 * Serves the built dashboard from `webDir`; unknown paths outside /api and /docs get index.html
 * so the dashboard's own router can show them.
 */
export async function installWeb(app: FastifyInstance, webDir: string): Promise<void> {
  const built = existsSync(join(webDir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: webDir,
      // Files are looked up per request, so a rebuilt dashboard's new asset names are served
      // without a restart; a missing file falls through to the not-found handler below.
      wildcard: true,
      index: 'index.html',
      // Hashed asset names never change content, so they may be cached for a year.
      setHeaders: (res, path) => {
        if (path.includes('/assets/')) res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isPage =
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      !path.startsWith('/docs') &&
      !/\.[a-z0-9]+$/i.test(path);
    if (!isPage) return sendNotFound(request, reply);
    reply.header('cache-control', 'no-cache');
    if (!built) return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    return reply.sendFile('index.html');
  });
}

import type { Command } from 'commander';
import { startNightlyRefresh } from '../../analytics/refresh-job.js';
import { loadDemoIfEmpty } from '../../demo/service.js';
import { jobHandlers } from '../../jobs/registry.js';
import { startWorker } from '../../jobs/worker.js';
import { startOutbox } from '../../messaging/run.js';
import { buildApp } from '../../server/app.js';
import { cliProgress } from '../progress.js';
import { createRuntime, integerOption } from '../runtime.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run the API and the dashboard / 启动服务与管理后台')
    .option('--port <port>', 'port (default PORT or 3000)', integerOption('port', 0, 65535))
    .option('--host <host>', 'interface to listen on (default HOST or 127.0.0.1)')
    .action(async (options: { port?: number; host?: string }, command: Command) => {
      const runtime = createRuntime(command);
      const { config, output } = runtime;
      // withContext would close the database when the callback returns; the server outlives it.
      await runtime.withContext(async (ctx) => {
        const demo = await loadDemoIfEmpty(ctx, (total) =>
          cliProgress(output, 'Building the demo store / 生成演示店铺', total),
        );
        const app = await buildApp(ctx);
        const worker = startWorker(ctx, {
          handlers: jobHandlers,
          log: app.log,
          leaseMs: config.import.leaseMs,
        });
        // Nightly analytics refreshes are queued here and run by the worker.
        const nightly = startNightlyRefresh(ctx, (error) =>
          app.log.error({ err: error }, 'queueing the nightly analytics refresh failed'),
        );
        // The outbox: every store's messages through its own channels (LAOKE_DISPATCHER=off when
        // `laoke dispatch` workers run on their own).
        const outbox = config.messaging.dispatcher ? startOutbox(ctx, app.log) : null;
        const port = options.port ?? config.port;
        const host = options.host ?? config.host;
        await app.listen({ port, host });
        const address = app.server.address();
        const actualPort = typeof address === 'object' && address ? address.port : port;
        const shownHost =
          host === '0.0.0.0' || host === '::' ? 'localhost' : host === '127.0.0.1' ? 'localhost' : host;
        const url = `http://${shownHost}:${actualPort}`;
        output.result(
          {
            url,
            docs: `${url}/docs`,
            database: ctx.database.location,
            demo: demo ? { login: demo.login } : null,
          },
          () =>
            [
              '',
              `  Laoke 老客 is running at ${url}`,
              `  API docs / 接口文档: ${url}/docs`,
              `  Database / 数据库: ${ctx.database.location}`,
              ...(demo
                ? [
                    `  Demo login / 演示账号: ${demo.login} / ${config.demo.password}   (store 店铺: ${demo.storeName})`,
                  ]
                : []),
              '',
            ].join('\n'),
        );
        await waitForShutdown(async () => {
          output.note('Shutting down / 正在停止…');
          nightly.stop();
          await app.close();
          await outbox?.stop();
          await worker.stop();
        });
      });
    });
}

/** Resolves after SIGINT or SIGTERM, once in-flight requests have finished. */
function waitForShutdown(close: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      close().then(resolve, reject);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

import type { Command } from 'commander';
import pino from 'pino';
import { jobHandlers } from '../../jobs/registry.js';
import { startWorker } from '../../jobs/worker.js';
import { createRuntime } from '../runtime.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      'Run queued jobs (imports…) until stopped; run several beside `laoke serve` on PostgreSQL / 运行后台任务',
    )
    .option('--once', 'run the jobs that are due, then exit')
    .action(async (options: { once?: boolean }, command: Command) => {
      const runtime = createRuntime(command);
      const log = pino({ level: runtime.config.logLevel }, pino.destination(2));
      await runtime.withContext(async (ctx) => {
        const worker = startWorker(
          ctx,
          { handlers: jobHandlers, log, leaseMs: ctx.config.import.leaseMs },
          !options.once,
        );
        if (options.once) {
          const ran = await worker.drain();
          runtime.output.result({ ran }, () => `Ran ${ran} job(s).`);
          return;
        }
        runtime.output.note('Worker running; Ctrl-C to stop / 后台任务运行中，按 Ctrl-C 停止');
        await new Promise<void>((resolve) => {
          const stop = () => void worker.stop().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
    });
}

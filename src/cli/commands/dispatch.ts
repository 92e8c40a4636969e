import type { Command } from 'commander';
import pino from 'pino';
import { countByStatus } from '../../messaging/outbox.store.js';
import { startOutbox } from '../../messaging/run.js';
import { createRuntime } from '../runtime.js';

export function registerDispatch(program: Command): void {
  program
    .command('dispatch')
    .description(
      'Send the outbox through each store’s channels until stopped; run several on PostgreSQL / 发送消息队列',
    )
    .option('--until-idle', 'stop once nothing is queued, sending or deferred to within a minute')
    .action(async (options: { untilIdle?: boolean }, command: Command) => {
      const runtime = createRuntime(command);
      const log = pino({ level: runtime.config.logLevel }, pino.destination(2));
      await runtime.withContext(async (ctx) => {
        const outbox = startOutbox(ctx, log);
        if (options.untilIdle) {
          for (;;) {
            await new Promise((resolve) => setTimeout(resolve, 500));
            const due = await ctx.database.db
              .selectFrom('messages')
              .select('id')
              .where('status', 'in', ['queued', 'sending', 'deferred'])
              .where('next_attempt_at', '<', (ctx.clock.now() + 60_000) as never)
              .limit(1)
              .execute();
            if (due.length === 0) break;
          }
          await outbox.stop();
          const stores = await ctx.database.db.selectFrom('stores').select('id').execute();
          const totals: Record<string, number> = {};
          for (const store of stores)
            for (const [status, n] of Object.entries(await countByStatus(ctx.database.db, store.id)))
              totals[status] = (totals[status] ?? 0) + n;
          runtime.output.result(totals, () =>
            Object.entries(totals)
              .map(([status, n]) => `${status}: ${n}`)
              .join('\n'),
          );
          return;
        }
        runtime.output.note('Dispatcher running; Ctrl-C to stop / 消息发送中，按 Ctrl-C 停止');
        await new Promise<void>((resolve) => {
          const stop = () => void outbox.stop().then(resolve);
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      });
    });
}

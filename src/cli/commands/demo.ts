import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { createDemoStore, DEMO_STORE_NAME, DEMO_TIME_ZONE } from '../../demo/service.js';
import { LaokeError } from '../../shared/errors.js';
import { cliProgress } from '../progress.js';
import { createRuntime, integerOption } from '../runtime.js';

interface DemoCommandOptions {
  readonly customers: number;
  readonly seed: number;
  readonly name: string;
  readonly owner: string;
  readonly until?: string;
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Build a realistic demo store (a mother-and-baby shop, three years of orders) / 生成演示店铺',
    )
    .option('--customers <n>', 'number of customers', integerOption('customers', 1, 10_000_000), 20_000)
    .option(
      '--seed <n>',
      'random seed: the same seed builds the same store',
      integerOption('seed', 0, 2 ** 31 - 1),
      1,
    )
    .option('--name <name>', 'store name', DEMO_STORE_NAME)
    .option('--owner <login>', 'owner login (created with LAOKE_DEMO_PASSWORD if missing)', 'demo')
    .option('--until <date>', 'last day of history, yyyy-MM-dd (default: today)')
    .action(async (options: DemoCommandOptions, command: Command) => {
      const runtime = createRuntime(command);
      const until = options.until === undefined ? undefined : parseUntil(options.until);
      await runtime.withContext(async (ctx) => {
        const started = performance.now();
        const bar = cliProgress(runtime.output, 'Customers / 客户', options.customers);
        const demo = await createDemoStore(ctx, {
          customers: options.customers,
          seed: options.seed,
          until,
          storeName: options.name,
          login: options.owner,
          password: ctx.config.demo.password,
          onProgress: (done) => bar.update(done),
        }).finally(() => bar.stop());
        const seconds = (performance.now() - started) / 1000;
        runtime.output.result(
          { ...demo, seconds: Number(seconds.toFixed(2)) },
          () =>
            `Built store #${demo.storeId} "${demo.storeName}": ${demo.customers} customers, ${demo.orders} orders in ${seconds.toFixed(1)} s. Owner: ${demo.login}`,
        );
      });
    });
}

function parseUntil(value: string): number {
  const day = DateTime.fromFormat(value, 'yyyy-MM-dd', { zone: DEMO_TIME_ZONE });
  if (!day.isValid)
    throw new LaokeError('cli.invalid_argument', `--until expects a date like 2026-11-24, got "${value}".`);
  return day.endOf('day').toMillis();
}

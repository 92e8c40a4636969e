import type { Command } from 'commander';
import { importProductTraffic } from '../../analytics/traffic.js';
import { cliActor } from '../../audit/actor.js';
import { createRuntime, requireStore } from '../runtime.js';

// laoke traffic import FILE: product traffic (views, visitors, add-to-cart per product and day)
// into --store, as the dashboard's upload does; audited as "cli".

export function registerTraffic(program: Command): void {
  const traffic = program.command('traffic').description('Product traffic / 商品流量');
  traffic
    .command('import')
    .description(
      'Import a CSV/XLSX of views, visitors and add-to-cart per product and day into --store / 导入商品流量',
    )
    .argument(
      '<file>',
      '日期, 商家编码 or 商品ID (or SKU, title), 浏览量, 访客数, 加购件数; Chinese or English headers',
    )
    .action(async (file: string, _options: unknown, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const result = await importProductTraffic(ctx, storeId, cliActor(), file);
        runtime.output.result(result, () =>
          [
            ...result.rejected.map((rejection) => `✖ ${rejection.reason}`),
            `Read ${result.read} rows: ${result.upserted} product days written, ${result.rejected.length} rejected.`,
          ].join('\n'),
        );
        if (result.rejected.length > 0) process.exitCode = 1;
      });
    });
}

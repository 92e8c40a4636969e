import type { Command } from 'commander';
import { cliActor } from '../../audit/actor.js';
import { applyTiers, getTierScheme } from '../../loyalty/tier-service.js';
import { createRuntime, requireStore } from '../runtime.js';

// laoke tiers apply|show: membership tiers (会员等级) from a terminal. `apply` moves every buyer of
// --store to their tier now (as the analytics refresh does), audited as "cli".

export function registerTiers(program: Command): void {
  const tiers = program.command('tiers').description('Membership tiers / 会员等级');

  tiers
    .command('apply')
    .description('Refresh every buyer’s tier now: upgrades, downgrades, history / 刷新会员等级')
    .action(async (_options: unknown, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const summary = await applyTiers(ctx, storeId, cliActor(), 'apply');
        runtime.output.result(
          summary,
          () =>
            `${summary.members.toLocaleString('en')} members in tiers; ${summary.up} moved up, ${summary.down} moved down.`,
        );
      });
    });

  tiers
    .command('show')
    .description('The tier scheme and members per tier / 查看会员等级')
    .action(async (_options: unknown, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const storeId = await requireStore(ctx, runtime.options.store);
        const scheme = await getTierScheme(ctx, storeId);
        runtime.output.result({ scheme }, () =>
          scheme === null
            ? 'No tiers set up yet (the dashboard: 会员 → 会员等级).'
            : [
                `Basis ${scheme.basis}, period ${scheme.period}`,
                ...scheme.tiers.map(
                  (tier) =>
                    `${tier.name}\t≥ ${tier.minSpent / 100} spent, ≥ ${tier.minOrders} orders\t${tier.members} members`,
                ),
                `No tier\t${scheme.noTier}`,
              ].join('\n'),
        );
      });
    });
}

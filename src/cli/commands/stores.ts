import { type Command, Option } from 'commander';
import { cliActor } from '../../audit/actor.js';
import { findUserByLogin } from '../../auth/users.store.js';
import type { Platform } from '../../db/schema.js';
import { LaokeError } from '../../shared/errors.js';
import { createStore } from '../../stores/service.js';
import { listAllStores } from '../../stores/stores.store.js';
import { createRuntime } from '../runtime.js';

const platforms: Platform[] = ['taobao', 'tmall', 'jd', 'douyin', 'pinduoduo', 'shopify', 'other'];

export function registerStores(program: Command): void {
  const store = program.command('store').description('Stores / 店铺');

  store
    .command('create')
    .description('Create a store owned by an existing user / 创建店铺')
    .argument('<name>', 'store name, e.g. 某某母婴旗舰店')
    .requiredOption('--owner <login>', 'login of the owner (see: laoke user add)')
    .addOption(new Option('--platform <platform>', 'marketplace').choices(platforms).default('taobao'))
    .option('--currency <code>', 'ISO 4217 currency', 'CNY')
    .option('--time-zone <zone>', 'IANA time zone', 'Asia/Shanghai')
    .action(
      async (
        name: string,
        options: { owner: string; platform: Platform; currency: string; timeZone: string },
        command: Command,
      ) => {
        const runtime = createRuntime(command);
        await runtime.withContext(async (ctx) => {
          const owner = await findUserByLogin(ctx.database.db, options.owner);
          if (!owner)
            throw new LaokeError(
              'user.not_found',
              `No user "${options.owner}"; create one with: laoke user add ${options.owner}`,
            );
          const storeId = await createStore(ctx, cliActor(owner.id), owner.id, {
            name,
            platform: options.platform,
            currency: options.currency,
            timeZone: options.timeZone,
          });
          runtime.output.result(
            { id: storeId, name, owner: owner.login },
            () => `Created store #${storeId} "${name}", owned by ${owner.login}.`,
          );
        });
      },
    );

  store
    .command('list')
    .description('List stores / 店铺列表')
    .action(async (_options, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        const stores = await listAllStores(ctx.database.db);
        const rows = stores.map((s) => ({
          id: s.id,
          name: s.name,
          platform: s.platform,
          currency: s.currency,
          timeZone: s.time_zone,
          isDemo: s.is_demo === 1,
        }));
        runtime.output.result({ stores: rows }, () =>
          rows.length === 0
            ? 'No stores yet. Create one with: laoke store create <name> --owner <login>'
            : rows
                .map(
                  (s) =>
                    `#${s.id}\t${s.name}\t${s.platform}\t${s.currency}\t${s.timeZone}${s.isDemo ? '\t(demo)' : ''}`,
                )
                .join('\n'),
        );
      });
    });
}

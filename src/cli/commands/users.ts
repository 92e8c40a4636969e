import { createInterface } from 'node:readline/promises';
import { type Command, Option } from 'commander';
import { cliActor } from '../../audit/actor.js';
import { roles } from '../../auth/permissions.js';
import { createApiToken, createUser } from '../../auth/service.js';
import { findUserByLogin } from '../../auth/users.store.js';
import type { Role } from '../../db/schema.js';
import { LaokeError } from '../../shared/errors.js';
import { DAY_MS, instant } from '../../shared/time.js';
import { addMember } from '../../stores/service.js';
import { createRuntime, integerOption, requireStore } from '../runtime.js';

/** The password from the environment, or asked for on the terminal (never from argv: ps shows it). */
async function readPassword(): Promise<string> {
  const fromEnv = process.env.LAOKE_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new LaokeError(
      'cli.invalid_argument',
      'Set LAOKE_PASSWORD, or run in a terminal to be asked for the password.',
    );
  }
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question('Password / 密码: ');
  } finally {
    prompt.close();
  }
}

export function registerUsers(program: Command): void {
  const user = program.command('user').description('Staff accounts / 员工账号');
  user
    .command('add')
    .description('Create a staff account; with --store, add it to that store / 新增员工账号')
    .argument('<login>', 'login name or email')
    .option('--name <displayName>', 'name shown in the dashboard')
    .addOption(new Option('--role <role>', 'role in the --store').choices(roles).default('operator'))
    .action(async (login: string, options: { name?: string; role: Role }, command: Command) => {
      const runtime = createRuntime(command);
      const password = await readPassword();
      await runtime.withContext(async (ctx) => {
        const userId = await createUser(ctx, { login, displayName: options.name, password });
        let storeNote = '';
        if (runtime.options.store) {
          const storeId = await requireStore(ctx, runtime.options.store);
          await addMember(ctx, cliActor(), storeId, { login, role: options.role });
          storeNote = ` and made ${options.role} of store #${storeId}`;
        }
        runtime.output.result(
          { id: userId, login: login.toLowerCase() },
          () => `Created user #${userId} "${login}"${storeNote}.`,
        );
      });
    });

  const token = program.command('token').description('API tokens for integrations / API 令牌');
  token
    .command('create')
    .description('Create an API token for --store, acting as --user / 创建 API 令牌')
    .requiredOption('--user <login>', 'the member the token acts for')
    .requiredOption('--name <name>', 'what the token is for, e.g. erp-sync')
    .addOption(new Option('--role <role>', 'at most the user’s role').choices(roles).default('operator'))
    .option('--expires-in-days <days>', 'expiry', integerOption('expires-in-days', 1, 3650))
    .action(
      async (
        options: { user: string; name: string; role: Role; expiresInDays?: number },
        command: Command,
      ) => {
        const runtime = createRuntime(command);
        await runtime.withContext(async (ctx) => {
          const storeId = await requireStore(ctx, runtime.options.store);
          const owner = await findUserByLogin(ctx.database.db, options.user);
          if (!owner) throw new LaokeError('user.not_found', `No user "${options.user}".`);
          const expiresAt =
            options.expiresInDays === undefined
              ? null
              : instant(ctx.clock.now() + options.expiresInDays * DAY_MS);
          const created = await createApiToken(ctx, cliActor(owner.id), storeId, {
            userId: owner.id,
            name: options.name,
            role: options.role,
            expiresAt,
          });
          runtime.output.result(
            { id: created.id, token: created.token, storeId, role: options.role },
            () =>
              `Token #${created.id} for store #${storeId} (${options.role}). Shown once; store it safely:\n${created.token}`,
          );
        });
      },
    );
}

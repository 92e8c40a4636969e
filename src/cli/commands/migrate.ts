import type { Command } from 'commander';
import { migrateToLatest } from '../../db/migrate.js';
import { createRuntime } from '../runtime.js';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Bring the database schema up to date / 升级数据库结构')
    .action(async (_options, command: Command) => {
      const runtime = createRuntime(command);
      await runtime.withContext(async (ctx) => {
        // withContext has migrated already; a second call reports that nothing is left to do.
        const outcome = await migrateToLatest(ctx.database);
        runtime.output.result(
          { database: ctx.database.location, applied: outcome.applied, upToDate: true },
          () => `Database ${ctx.database.location} is up to date.`,
        );
      });
    });
}

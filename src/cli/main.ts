#!/usr/bin/env node
import { Command } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerAudience } from './commands/audience.js';
import { registerClv } from './commands/clv.js';
import { registerCoupons } from './commands/coupons.js';
import { registerCustomers } from './commands/customers.js';
import { registerDemo } from './commands/demo.js';
import { registerDispatch } from './commands/dispatch.js';
import { registerImport } from './commands/import.js';
import { registerMigrate } from './commands/migrate.js';
import { registerPromo } from './commands/promo.js';
import { registerServe } from './commands/serve.js';
import { registerStores } from './commands/stores.js';
import { registerTiers } from './commands/tiers.js';
import { registerTraffic } from './commands/traffic.js';
import { registerUsers } from './commands/users.js';
import { registerWorker } from './commands/worker.js';
import { createOutput, reportFailure } from './output.js';

// Command wiring only: each command lives in ./commands and calls services.

const program = new Command()
  .name('laoke')
  .description('Laoke 老客 — repeat-customer marketing for online stores')
  .option('--db <url>', 'database URL: sqlite:/path.db or postgres://… (default LAOKE_DATABASE_URL)')
  .option('--store <store>', 'the store to work on, by name or id')
  .option('--json', 'machine-readable output on stdout')
  .showHelpAfterError();

registerMigrate(program);
registerServe(program);
registerDemo(program);
registerImport(program);
registerCustomers(program);
registerAnalyze(program);
registerAudience(program);
registerClv(program);
registerCoupons(program);
registerStores(program);
registerTraffic(program);
registerUsers(program);
registerWorker(program);
registerDispatch(program);
registerTiers(program);
registerPromo(program);

try {
  await program.parseAsync(process.argv);
} catch (thrown) {
  process.exitCode = reportFailure(createOutput(process.argv.includes('--json')), thrown);
}

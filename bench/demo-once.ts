import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createDemoStore } from '../src/demo/service.js';
import { fixedClock } from '../src/shared/time.js';
import { benchDatabase, peakRssMiB } from './lib.js';

// One demo-store build into a new, empty database; prints its figures as JSON.
const { values } = parseArgs({
  options: {
    customers: { type: 'string' },
    database: { type: 'string' },
    defer: { type: 'string', default: 'yes' },
  },
});
const customers = Number(values.customers);
const { database, cleanup } = await benchDatabase(values.database, 'demo');
const ctx = {
  database,
  clock: fixedClock(Date.UTC(2026, 10, 24)),
  config: loadConfig({ LAOKE_LOG_LEVEL: 'silent' }),
};
const started = performance.now();
const demo = await createDemoStore(ctx, {
  customers,
  seed: 1,
  password: 'bench-password',
  deferIndexes: values.defer === 'yes',
});
const seconds = (performance.now() - started) / 1000;
await cleanup();
console.log(JSON.stringify({ seconds, peakRssMiB: peakRssMiB(), orders: demo.orders }));

import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cliActor } from '../../src/audit/actor.js';
import { createUser } from '../../src/auth/service.js';
import { loadConfig } from '../../src/config.js';
import { readBatches } from '../../src/orders/batches.js';
import { importOrderFile } from '../../src/orders/importer.js';
import { systemClock } from '../../src/shared/time.js';
import { createStore } from '../../src/stores/service.js';
import { benchDatabase, peakRssMiB } from '../lib.js';

// npx tsx bench/import/import-once.ts --file F [--database sqlite|postgres] [--read-only]
// One import of a Taobao export into a new, empty database, timed end to end (file hash,
// decoding, parsing, writing, roll-ups). --read-only times decoding, parsing and mapping alone,
// to say how much of the import is reading and how much is the database. One JSON line out.

const { values } = parseArgs({
  options: {
    file: { type: 'string' },
    database: { type: 'string', default: 'sqlite' },
    'read-only': { type: 'boolean', default: false },
  },
});
const file = values.file ?? '';

if (values['read-only']) {
  const started = performance.now();
  let orders = 0;
  for await (const batch of readBatches({
    path: file,
    kind: 'text',
    layout: 'csv',
    format: 'taobao',
    map: undefined,
    headerIsData: false,
    timeZone: 'Asia/Shanghai',
    currency: 'CNY',
    currencyDigits: 2,
    checkpoint: 0,
    batchOrders: 5_000,
  })) {
    orders += batch.orders.length;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      seconds,
      orders,
      ordersPerSecond: Math.round(orders / seconds),
      peakRssMiB: peakRssMiB(),
    }),
  );
  process.exit(0);
}

const { database, url, cleanup } = await benchDatabase(values.database, 'import');
const ctx = { database, clock: systemClock, config: loadConfig({ LAOKE_LOG_LEVEL: 'silent' }) };
const owner = await createUser(ctx, { login: 'bench', password: 'bench-password' });
const storeId = await createStore(ctx, cliActor(owner), owner, { name: '基准店', platform: 'tmall' });
const started = performance.now();
const summary = await importOrderFile(ctx, storeId, cliActor(owner), file);
const seconds = (performance.now() - started) / 1000;
const dbBytes = values.database === 'postgres' ? null : statSync(url.slice('sqlite:'.length)).size;
await cleanup();
console.log(
  JSON.stringify({
    seconds,
    orders: summary.inserted,
    customers: summary.customers,
    rejected: summary.rejected,
    ordersPerSecond: Math.round(summary.read / seconds),
    peakRssMiB: peakRssMiB(),
    databaseMiB: dbBytes === null ? null : Math.round(dbBytes / 1024 ** 2),
  }),
);

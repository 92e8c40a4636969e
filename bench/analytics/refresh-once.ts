import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { refreshAnalytics } from '../../src/analytics/refresh.js';
import { readBuyers, scoreBuyers } from '../../src/analytics/rfm-refresh.js';
import { loadConfig } from '../../src/config.js';
import { scanNumbers } from '../../src/db/dialect/scan-numbers.js';
import { fixedClock } from '../../src/shared/time.js';
import { parseStoreSettings } from '../../src/stores/settings.js';
import { benchDatabase, median, peakRssMiB } from '../lib.js';
import { createDenseStore } from './dense-store.js';

// The analytics refresh of a dense store (issue 5): the first (cold) refresh, which builds every
// purchase log from the orders; then three warm refreshes (RFM, lifecycle, new vs old, 80/20,
// cohorts, products, with the logs current) and three RFM scorings alone (read the roll-ups,
// score), the medians and peak RSS. With --orders-out, the store's purchases are written as CSV for DuckDB's
// reference run (bench/analytics/duckdb-rfm-once.ts), after the measurements.

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite' },
    runs: { type: 'string', default: '3' },
    'orders-out': { type: 'string' },
  },
});
const until = Date.UTC(2026, 10, 24);
const { database, cleanup } = await benchDatabase(values.database, 'analytics');
const ctx = {
  database,
  clock: fixedClock(until),
  config: loadConfig({ LAOKE_LOG_LEVEL: 'silent', LAOKE_DEMO: 'off' }),
};
const loadStarted = performance.now();
const store = await createDenseStore(ctx, {
  customers: Number(values.customers),
  seed: 1,
  until,
  onProgress: (done) => {
    if (done % 100_000 === 0) process.stderr.write(`  loaded ${done} customers\n`);
  },
});
const loadSeconds = (performance.now() - loadStarted) / 1000;
process.stderr.write(
  `  store: ${store.orders} orders, ${store.items} items in ${loadSeconds.toFixed(0)} s\n`,
);

// The first refresh builds every purchase log from the orders (as after a big import).
const coldStarted = performance.now();
const cold = await refreshAnalytics(ctx, store.storeId);
const coldSeconds = (performance.now() - coldStarted) / 1000;
process.stderr.write(`  cold refresh: ${coldSeconds.toFixed(2)} s, ${cold.logsRebuilt} logs built\n`);
ctx.clock.advance(86_400_000); // the next night: recency moves, scores change for some
const rfmRuns: number[] = [];
const fullRuns: number[] = [];
let buyers = 0;
const settings = parseStoreSettings('{}');
for (let run = 0; run < Number(values.runs); run++) {
  let started = performance.now();
  const read = await readBuyers(ctx, store.storeId);
  buyers = scoreBuyers(read, until, settings.rfm).snapshot.buyers;
  rfmRuns.push((performance.now() - started) / 1000);
  started = performance.now();
  const warm = await refreshAnalytics(ctx, store.storeId);
  fullRuns.push((performance.now() - started) / 1000);
  process.stderr.write(
    `  warm refresh: ${warm.logsRebuilt} logs rebuilt, ${warm.scoresWritten} score rows written\n`,
  );
  process.stderr.write(
    `  run ${run + 1}: rfm ${rfmRuns.at(-1)!.toFixed(2)} s, full ${fullRuns.at(-1)!.toFixed(2)} s\n`,
  );
}
const peak = peakRssMiB();
if (values['orders-out']) {
  const out = createWriteStream(values['orders-out']);
  out.write('customer_id,ordered_at,net_amount\n');
  const chunks: string[] = [];
  await scanNumbers(
    database,
    {
      sql: 'select customer_id, ordered_at, net_amount from orders where store_id = ? and is_purchase = 1',
      params: [store.storeId],
      columns: 3,
    },
    (batch, rows) => {
      let lines = '';
      for (let r = 0; r < rows; r++) lines += `${batch[r * 3]},${batch[r * 3 + 1]},${batch[r * 3 + 2]}\n`;
      chunks.push(lines);
    },
  );
  for (const lines of chunks) if (!out.write(lines)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}
await cleanup();
console.log(
  JSON.stringify({
    seconds: median(fullRuns),
    runs: fullRuns,
    rfmSeconds: median(rfmRuns),
    rfmRuns,
    coldSeconds,
    buyers,
    orders: store.orders,
    items: store.items,
    loadSeconds,
    peakRssMiB: peak,
  }),
);

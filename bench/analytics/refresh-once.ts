import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { refreshAnalytics } from '../../src/analytics/refresh.js';
import { readBuyers, scoreBuyers } from '../../src/analytics/rfm-refresh.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { scanNumbers } from '../../src/db/dialect/scan-numbers.js';
import type { StoreId } from '../../src/shared/ids.js';
import { fixedClock } from '../../src/shared/time.js';
import { parseStoreSettings } from '../../src/stores/settings.js';
import { benchDatabase, dropBenchDatabase, median, peakRssMiB } from '../lib.js';
import { createDenseStore } from './dense-store.js';

// The analytics refresh of a dense store (issue 5), in two processes so each peak RSS is its own:
// --phase build: generate the store, then the first (cold) refresh, which builds every purchase
//   log from the orders; the database is kept for the next phase.
// --phase warm --url U --store S: three RFM scorings alone (read the roll-ups, score) and three
//   full refreshes (RFM, lifecycle, new vs old, 80/20, cohorts, products) a day apart, with the
//   logs current; then, with --orders-out, the purchases as CSV for DuckDB's reference run
//   (bench/analytics/duckdb-rfm-once.ts), after the measurements; then the database is dropped.

const { values } = parseArgs({
  options: {
    phase: { type: 'string', default: 'build' },
    customers: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite' },
    url: { type: 'string' },
    store: { type: 'string' },
    runs: { type: 'string', default: '3' },
    'orders-out': { type: 'string' },
  },
});
const until = Date.UTC(2026, 10, 24);
const config = loadConfig({ LAOKE_LOG_LEVEL: 'silent', LAOKE_DEMO: 'off' });

if (values.phase === 'build') {
  const { database, url } = await benchDatabase(values.database, 'analytics');
  const ctx = { database, clock: fixedClock(until), config };
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
  const rssBefore = peakRssMiB();
  const started = performance.now();
  const cold = await refreshAnalytics(ctx, store.storeId);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`  cold refresh: ${seconds.toFixed(2)} s, ${cold.logsRebuilt} logs built\n`);
  await database.close();
  console.log(
    JSON.stringify({
      url,
      storeId: store.storeId,
      seconds,
      runs: [seconds],
      buyers: cold.buyers,
      orders: store.orders,
      items: store.items,
      loadSeconds,
      loadPeakRssMiB: rssBefore,
      peakRssMiB: peakRssMiB(),
    }),
  );
} else {
  const url = values.url ?? '';
  const storeId = Number(values.store) as StoreId;
  const database = await openDatabase(url);
  const clock = fixedClock(until);
  const ctx = { database, clock, config };
  const settings = parseStoreSettings('{}');
  const rfmRuns: number[] = [];
  const fullRuns: number[] = [];
  let buyers = 0;
  let orders = 0;
  for (let run = 0; run < Number(values.runs); run++) {
    clock.advance(86_400_000); // the next night: recency moves, some scores change
    let started = performance.now();
    buyers = scoreBuyers(await readBuyers(ctx, storeId), clock.now(), settings.rfm).snapshot.buyers;
    rfmRuns.push((performance.now() - started) / 1000);
    started = performance.now();
    const warm = await refreshAnalytics(ctx, storeId);
    fullRuns.push((performance.now() - started) / 1000);
    orders = warm.purchases;
    process.stderr.write(
      `  run ${run + 1}: rfm ${rfmRuns.at(-1)!.toFixed(2)} s, full ${fullRuns.at(-1)!.toFixed(2)} s (${warm.logsRebuilt} logs rebuilt, ${warm.scoresWritten} score rows written)\n`,
    );
  }
  const peak = peakRssMiB();
  if (values['orders-out']) {
    mkdirSync(dirname(values['orders-out']), { recursive: true });
    const out = createWriteStream(values['orders-out']);
    out.write('customer_id,ordered_at,net_amount\n');
    const chunks: string[] = [];
    await scanNumbers(
      database,
      {
        sql: 'select customer_id, ordered_at, net_amount from orders where store_id = ? and is_purchase = 1',
        params: [storeId],
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
  await database.close();
  await dropBenchDatabase(url);
  console.log(
    JSON.stringify({
      seconds: median(fullRuns),
      runs: fullRuns,
      rfmSeconds: median(rfmRuns),
      rfmRuns,
      buyers,
      orders,
      peakRssMiB: peak,
    }),
  );
}

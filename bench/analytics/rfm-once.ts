import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { refreshRfm } from '../../src/analytics/rfm-refresh.js';
import { loadConfig } from '../../src/config.js';
import { createDemoStore } from '../../src/demo/service.js';
import { fixedClock } from '../../src/shared/time.js';
import { benchDatabase, median, peakRssMiB } from '../lib.js';

// An RFM refresh of a demo store (issue 5): three refreshes, the median and peak RSS. With
// --orders-out, the store's purchases are written as CSV for DuckDB's reference run
// (bench/analytics/duckdb-rfm-once.ts), after the measurement, so they do not count.

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite' },
    'orders-out': { type: 'string' },
  },
});
const { database, cleanup } = await benchDatabase(values.database, 'rfm');
const ctx = {
  database,
  clock: fixedClock(Date.UTC(2026, 10, 24)),
  config: loadConfig({ LAOKE_LOG_LEVEL: 'silent', LAOKE_DEMO: 'off' }),
};
const demo = await createDemoStore(ctx, {
  customers: Number(values.customers),
  seed: 1,
  password: 'bench-password',
});
const runs: number[] = [];
let buyers = 0;
for (let run = 0; run < 3; run++) {
  const started = performance.now();
  buyers = (await refreshRfm(ctx, demo.storeId)).buyers;
  runs.push((performance.now() - started) / 1000);
}
const peak = peakRssMiB();
if (values['orders-out']) {
  const out = createWriteStream(values['orders-out']);
  out.write('customer_id,ordered_at,net_amount\n');
  let after = 0;
  for (;;) {
    const rows = await database.db
      .selectFrom('orders')
      .select(['id', 'customer_id', 'ordered_at', 'net_amount'])
      .where('store_id', '=', demo.storeId)
      .where('is_purchase', '=', 1)
      .where('id', '>', after as never)
      .orderBy('id')
      .limit(100_000)
      .execute();
    if (rows.length === 0) break;
    const lines = rows.map((r) => `${r.customer_id},${r.ordered_at},${r.net_amount}\n`).join('');
    if (!out.write(lines)) await once(out, 'drain');
    after = rows[rows.length - 1]!.id;
  }
  out.end();
  await once(out, 'finish');
}
await cleanup();
console.log(JSON.stringify({ seconds: median(runs), runs, buyers, orders: demo.orders, peakRssMiB: peak }));

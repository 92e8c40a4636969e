import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { refreshAnalytics } from '../../src/analytics/refresh.js';
import { cliActor } from '../../src/audit/actor.js';
import { loadConfig } from '../../src/config.js';
import { createDemoStore } from '../../src/demo/service.js';
import { createPlan } from '../../src/promotions/service.js';
import { fixedClock, type Instant, localDateOf } from '../../src/shared/time.js';
import { systemStoreAccess } from '../../src/stores/access.js';
import { benchDatabase, peakRssMiB } from '../lib.js';

// The big-promotion benchmark's store (issue 10), kept for the measured runs
// (bench/promotions/measure-once.ts, one process each): a demo store of N customers (three years
// up to the bench's day), its first analytics refresh (the RFM segments the targets read, the
// purchase logs), and the 双十一 plan of the latest year whose window (Sep 1 – Nov 20, store-local)
// is over, made with createPlan. Prints JSON: the database URL, the ids, the build's figures.

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite' },
  },
});
const BENCH_DAY = Date.UTC(2026, 10, 24, 2) as Instant;
const { database, url } = await benchDatabase(values.database, 'promotions');
const ctx = {
  database,
  clock: fixedClock(BENCH_DAY),
  config: loadConfig({ LAOKE_LOG_LEVEL: 'silent', LAOKE_DEMO: 'off', LAOKE_WEB_DIR: '/nonexistent' }),
};
let started = performance.now();
const demo = await createDemoStore(ctx, {
  customers: Number(values.customers),
  seed: 1,
  password: 'bench-password',
  onProgress: (done) => {
    if (done % 100_000 === 0) process.stderr.write(`  loaded ${done} customers\n`);
  },
});
if (database.dialect === 'postgres') await sql`analyze`.execute(database.db);
const buildSeconds = (performance.now() - started) / 1000;
started = performance.now();
const cold = await refreshAnalytics(ctx, demo.storeId);
const coldRefreshSeconds = (performance.now() - started) / 1000;
const access = await systemStoreAccess(ctx, demo.storeId);
const today = localDateOf(BENCH_DAY, access.store.time_zone);
// The 双十一 window ends on Nov 20: this year's is over after it, else last year's is the latest.
const year = Number(today.slice(0, 4)) - (today.slice(5) > '11-20' ? 0 : 1);
const plan = await createPlan(ctx, access, cliActor(demo.userId), {
  event: '1111',
  year,
  copyLastYear: false,
});
process.stderr.write(
  `  store: ${demo.orders} orders in ${buildSeconds.toFixed(0)} s; first refresh ${coldRefreshSeconds.toFixed(1)} s; plan ${plan.id} for 双十一 ${year}\n`,
);
await database.close();
console.log(
  JSON.stringify({
    url,
    now: BENCH_DAY,
    storeId: demo.storeId,
    userId: demo.userId,
    planId: plan.id,
    year,
    orders: demo.orders,
    buyers: cold.buyers,
    seconds: buildSeconds,
    coldRefreshSeconds,
    peakRssMiB: peakRssMiB(),
  }),
);

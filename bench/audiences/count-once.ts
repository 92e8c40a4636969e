import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { refreshAnalytics } from '../../src/analytics/refresh.js';
import type { AudienceDefinition } from '../../src/audiences/definition.js';
import { liveCounter } from '../../src/audiences/service.js';
import { loadConfig } from '../../src/config.js';
import { createDemoStore } from '../../src/demo/service.js';
import { buildApp } from '../../src/server/app.js';
import { fixedClock } from '../../src/shared/time.js';
import { benchDatabase, peakRssMiB } from '../lib.js';

// The live count of a 6-condition audience on a demo store (after an analytics refresh, so the
// scores and predictions exist): `requests` POSTs of …/audiences/count through app.inject with
// varied parameters, after 10 to warm up, and the customer list's everyday page (one province by
// spend) through inject in the same run as the reference. Prints p50/p99 as JSON.

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite' },
    requests: { type: 'string', default: '100' },
  },
});
const customers = Number(values.customers);
const requests = Number(values.requests);

const { database, cleanup } = await benchDatabase(values.database, 'audiences');
const now = Date.UTC(2026, 10, 24);
const env = { LAOKE_LOG_LEVEL: 'silent', LAOKE_DEMO: 'off', LAOKE_WEB_DIR: '/nonexistent' };
const ctx = { database, clock: fixedClock(now), config: loadConfig(env) };
// The same server with the in-memory snapshot turned off: every count reads the database.
const sqlCtx = { ...ctx, config: loadConfig({ ...env, LAOKE_LIVE_COUNT_STORES: '0' }) };
let started = performance.now();
const demo = await createDemoStore(ctx, { customers, seed: 1, password: 'bench-password' });
const buildSeconds = (performance.now() - started) / 1000;
process.stderr.write(`  demo store: ${demo.orders} orders in ${buildSeconds.toFixed(0)} s\n`);
started = performance.now();
await refreshAnalytics(ctx, demo.storeId);
const refreshSeconds = (performance.now() - started) / 1000;
process.stderr.write(`  analytics refresh: ${refreshSeconds.toFixed(0)} s\n`);
if (database.dialect === 'postgres') await sql`analyze`.execute(database.db);

const provinces = (
  await database.db
    .selectFrom('customers')
    .select('province')
    .where('store_id', '=', demo.storeId)
    .where('id', '<=', 2_000 as never)
    .groupBy('province')
    .execute()
)
  .map((row) => row.province)
  .filter((province): province is string => province !== null)
  // The same order on both databases, so both draw the same parameters (GROUP BY order differs).
  .sort();

let seed = 11;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

/** Six conditions: region, lifecycle, orders, a category bought in a window, not messaged lately, P(alive). */
function audience(): AudienceDefinition {
  return {
    where: {
      type: 'and',
      conditions: [
        { type: 'region', provinces: [pick(provinces)] },
        { type: 'lifecycle', in: pick([['silent'], ['silent', 'churned'], ['active', 'won_back']] as const) },
        { type: 'orderCount', min: pick([2, 3]) },
        {
          type: 'bought',
          categories: [pick(['奶粉/1段', '奶粉/2段', '纸尿裤', '玩具'])],
          from: { daysAgo: 180 + Math.floor(random() * 540) },
        },
        { type: 'not', condition: { type: 'messaged', withinDays: pick([7, 14, 30]) } },
        { type: 'prediction', field: 'pAlive', lt: pick([0.3, 0.5, 0.8]) },
      ],
    },
  };
}

const app = await buildApp(ctx, { logger: false });
await app.ready();
const sqlApp = await buildApp(sqlCtx, { logger: false });
await sqlApp.ready();
const login = await app.inject({
  method: 'POST',
  url: '/api/auth/login',
  payload: { login: demo.login, password: 'bench-password' },
});
const cookie = String([login.headers['set-cookie']].flat()[0]).split(';')[0]!;
// Read after signing in: the sign-in writes a session, which would leave the snapshot behind.
started = performance.now();
const rssBefore = process.memoryUsage().rss;
await liveCounter(ctx).warm(demo.storeId);
const snapshotSeconds = (performance.now() - started) / 1000;
const snapshotMiB = Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20);
process.stderr.write(`  snapshot: ${snapshotSeconds.toFixed(1)} s, +${snapshotMiB} MiB RSS\n`);

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function measure(send: () => Promise<{ statusCode: number; body: string }>) {
  const times: number[] = [];
  for (let i = 0; i < requests + 10; i++) {
    const begun = performance.now();
    const response = await send();
    if (response.statusCode !== 200) throw new Error(`${response.statusCode} ${response.body}`);
    if (i >= 10) times.push(performance.now() - begun);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99), max: times.at(-1)! };
}

/** The counts of the same sequence of definitions, through one app. */
async function counts(through: typeof app) {
  seed = 11;
  const found: number[] = [];
  let current = 0;
  const timing = await measure(async () => {
    const response = await through.inject({
      method: 'POST',
      url: `/api/stores/${demo.storeId}/audiences/count`,
      headers: { cookie },
      payload: { definition: audience() },
    });
    const body = response.json() as { count: number; current: boolean };
    found.push(body.count);
    if (body.current) current++;
    return response;
  });
  return { timing, found, current };
}
const live = await counts(app);
const inDatabase = await counts(sqlApp);
// The snapshot must have answered every count, and found what the database found.
if (live.current !== requests + 10) throw new Error(`only ${live.current} live counts were current`);
if (live.found.join() !== inDatabase.found.join()) throw new Error('the snapshot and the database disagree');
const members = live.found.reduce((a, b) => a + b, 0);
const list = await measure(() =>
  app.inject({
    method: 'GET',
    url: `/api/stores/${demo.storeId}/customers?province=${encodeURIComponent(pick(provinces))}&sort=totalSpent&order=desc&page=${1 + Math.floor(random() * 5)}`,
    headers: { cookie },
  }),
);
await app.close();
await sqlApp.close();
await cleanup();
console.log(
  JSON.stringify({
    seconds: buildSeconds,
    refreshSeconds,
    peakRssMiB: peakRssMiB(),
    customers,
    orders: demo.orders,
    count: live.timing,
    countInDatabase: inDatabase.timing,
    snapshotSeconds,
    snapshotMiB,
    list,
    membersPerCount: Math.round(members / (requests + 10)),
  }),
);

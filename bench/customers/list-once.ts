import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.js';
import { customerListQuery } from '../../src/customers/schemas.js';
import { customerListPage } from '../../src/customers/service.js';
import { createDemoStore } from '../../src/demo/service.js';
import { buildApp } from '../../src/server/app.js';
import { fixedClock } from '../../src/shared/time.js';
import { resolveStoreAccess } from '../../src/stores/access.js';
import { benchDatabase, peakRssMiB } from '../lib.js';

// The customer list on a demo store: `requests` GETs of each scenario through the HTTP API
// (a real socket, one client, one request at a time), and the same pages through the service
// call with no HTTP, as the reference. Prints p50/p99 per scenario as JSON.

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'sqlite' },
    requests: { type: 'string', default: '1000' },
  },
});
const customers = Number(values.customers);
const requests = Number(values.requests);

const { database, cleanup } = await benchDatabase(values.database, 'list');
const ctx = {
  database,
  clock: fixedClock(Date.UTC(2026, 10, 24)),
  config: loadConfig({ LAOKE_LOG_LEVEL: 'silent', LAOKE_DEMO: 'off', LAOKE_WEB_DIR: '/nonexistent' }),
};
const built = performance.now();
const demo = await createDemoStore(ctx, { customers, seed: 1, password: 'bench-password' });
const buildSeconds = (performance.now() - built) / 1000;
if (database.dialect === 'postgres') await sql`analyze`.execute(database.db); // fresh statistics, as autovacuum would give

// What the requests ask for: the store's provinces, and nicks spread over the whole store.
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
  .filter((province): province is string => province !== null);
const nicks = (
  await database.db
    .selectFrom('customers')
    .select('nick')
    .where('store_id', '=', demo.storeId)
    .where(sql<number>`id % 997`, '=', 0)
    .limit(requests)
    .execute()
).map((row) => row.nick ?? '');

let seed = 7;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const scenarios: Record<string, () => string> = {
  // 浙江省 customers by spend, one of the first five pages: the list's everyday query.
  filterSort: () =>
    `province=${encodeURIComponent(provinces[Math.floor(random() * provinces.length)]!)}&sort=totalSpent&order=desc&page=${1 + Math.floor(random() * 5)}&pageSize=20`,
  // A buyer nick, whole or its first four characters.
  searchNick: () => {
    const nick = nicks[Math.floor(random() * nicks.length)]!;
    return `q=${encodeURIComponent(random() < 0.5 ? nick : [...nick].slice(0, 4).join(''))}`;
  },
};

const app = await buildApp(ctx, { logger: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await fetch(`${address}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ login: demo.login, password: 'bench-password' }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const access = await resolveStoreAccess(
  database.db,
  { kind: 'session', userId: demo.userId, login: demo.login, displayName: '', locale: null, sessionHash: '' },
  demo.storeId,
);

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const results: Record<string, unknown> = {};
for (const [name, query] of Object.entries(scenarios)) {
  const queries = Array.from({ length: requests + 50 }, query);
  const http: number[] = [];
  const direct: number[] = [];
  let rows = 0;
  for (const [index, text] of queries.entries()) {
    const started = performance.now();
    const response = await fetch(`${address}/api/stores/${demo.storeId}/customers?${text}`, {
      headers: { cookie },
    });
    const body = (await response.json()) as { customers: unknown[] };
    if (response.status !== 200) throw new Error(`${text}: ${response.status} ${JSON.stringify(body)}`);
    if (index >= 50) http.push(performance.now() - started); // the first 50 warm the caches
    rows += body.customers.length;
  }
  for (const [index, text] of queries.entries()) {
    const parsed = customerListQuery.parse(Object.fromEntries(new URLSearchParams(text)));
    const started = performance.now();
    await customerListPage(ctx, access, parsed);
    if (index >= 50) direct.push(performance.now() - started);
  }
  http.sort((a, b) => a - b);
  direct.sort((a, b) => a - b);
  results[name] = {
    httpP50: percentile(http, 50),
    httpP99: percentile(http, 99),
    directP50: percentile(direct, 50),
    directP99: percentile(direct, 99),
    rowsPerRequest: rows / queries.length,
  };
}
await app.close();
await cleanup();
console.log(JSON.stringify({ seconds: buildSeconds, peakRssMiB: peakRssMiB(), customers, ...results }));

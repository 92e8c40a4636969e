import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createDemoStore } from '../src/demo/service.js';
import { fixedClock } from '../src/shared/time.js';
import { peakRssMiB } from './lib.js';

// One demo-store build into a new, empty database; prints its figures as JSON.
const { values } = parseArgs({
  options: {
    customers: { type: 'string' },
    database: { type: 'string' },
    defer: { type: 'string', default: 'yes' },
  },
});
const customers = Number(values.customers);
let url: string;
let cleanup: () => Promise<void>;
if (values.database === 'postgres') {
  const base = process.env.LAOKE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `laoke_bench_${process.pid}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  await admin(`create schema ${schema}`);
  url = `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  cleanup = () => admin(`drop schema ${schema} cascade`);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'laoke-bench-'));
  url = `sqlite:${join(dir, 'bench.db')}`;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}
const database = await openDatabase(url);
await migrateToLatest(database);
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
await database.close();
await cleanup();
console.log(JSON.stringify({ seconds, peakRssMiB: peakRssMiB(), orders: demo.orders }));

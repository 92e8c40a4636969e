import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.js';

// The importer is killed (SIGKILL) in the middle of a file, then the same file is imported again:
// the run resumes from its checkpoint and ends with exactly the counts, and the data, of an
// uninterrupted run.

const ORDERS = 40_000;
const work = mkdtempSync(join(tmpdir(), 'laoke-kill-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A Taobao order report: repeat buyers, a bad amount every 997th row, a repeated order every 1,499th. */
function makeExport(): string {
  const header = readFileSync('test/fixtures/import/taobao-basic.csv', 'utf8').split('\n')[0];
  const lines = [header];
  for (let i = 1; i <= ORDERS; i++) {
    const id =
      i % 1_499 === 0 ? 3_000_000_000_000_000_000n + BigInt(i - 1) : 3_000_000_000_000_000_000n + BigInt(i);
    const amount = i % 997 === 0 ? 'n/a' : `${(i % 500) + 10}.00`;
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      `="${id}",buyer${i % 7_000},,${amount},0.00,${amount},${amount},交易成功,,收货人${i % 7_000},浙江省 杭州市 西湖区 路${i}号,快递,,138****${String(i % 10_000).padStart(4, '0')},2026-10-${day} 10:00:00,2026-10-${day} 10:01:00,奶粉,1,,,,1,店,,0.00,0.00`,
    );
  }
  const path = join(work, 'orders.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

interface Target {
  readonly name: string;
  readonly url: string;
  cleanup(): Promise<void>;
}

async function targets(): Promise<Target[]> {
  const list: Target[] = [
    { name: 'sqlite', url: `sqlite:${join(work, 'a.db')}`, cleanup: async () => {} },
    { name: 'sqlite', url: `sqlite:${join(work, 'b.db')}`, cleanup: async () => {} },
  ];
  const base = process.env.LAOKE_TEST_PG_URL;
  if (!base) return list;
  for (const letter of ['a', 'b']) {
    const schema = `laoke_kill_${letter}_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    list.push({
      name: 'postgres',
      url: `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      cleanup: async () => {
        const admin = new pg.Client({ connectionString: base });
        await admin.connect();
        await admin.query(`drop schema ${schema} cascade`);
        await admin.end();
      },
    });
  }
  return list;
}

const env = {
  ...process.env,
  LAOKE_LOG_LEVEL: 'silent',
  LAOKE_PASSWORD: 'long enough password',
  LAOKE_IMPORT_LEASE_SECONDS: '2',
};

function laoke(url: string, args: readonly string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--db', url, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

async function prepare(url: string) {
  for (const args of [
    ['user', 'add', 'owner'],
    ['store', 'create', '店', '--owner', 'owner'],
  ]) {
    const run = await laoke(url, args).done;
    expect(run.code, run.stderr).toBe(0);
  }
}

async function state(database: Database) {
  const { db } = database;
  const orders = await db
    .selectFrom('orders')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('net_amount').as('net')])
    .executeTakeFirstOrThrow();
  const customers = await db
    .selectFrom('customers')
    .select((eb) => [
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('order_count').as('purchases'),
      eb.fn.sum<number>('total_spent').as('spent'),
    ])
    .executeTakeFirstOrThrow();
  const rejections = await db
    .selectFrom('import_rejections')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return [orders, customers, rejections].map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])),
  );
}

const summaryOf = (stdout: string) => {
  const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
  const { read, inserted, updated, unchanged, rejected, customers } = result;
  return { read, inserted, updated, unchanged, rejected, customers };
};

describe('an import killed midway', async () => {
  const file = makeExport();
  const all = await targets();
  afterAll(async () => {
    for (const target of all) await target.cleanup();
  });

  for (let pair = 0; pair < all.length; pair += 2) {
    const [whole, killed] = [all[pair]!, all[pair + 1]!];
    it(`resumes after SIGKILL and ends like an uninterrupted run on ${whole.name}`, async () => {
      await prepare(whole.url);
      await prepare(killed.url);
      const uninterrupted = await laoke(whole.url, ['--store', '店', 'import', file, '--json']).done;
      expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
      const expected = summaryOf(uninterrupted.stdout);
      expect(expected).toMatchObject({ read: ORDERS, customers: 7_000 });
      expect(expected.rejected).toBeGreaterThan(40 + 20); // the bad amounts and the repeated orders

      const first = laoke(killed.url, ['--store', '店', 'import', file, '--json']);
      const watcher = await openDatabase(killed.url);
      try {
        // Kill it once the first batches are committed and before the last one is.
        for (;;) {
          const run = await watcher.db
            .selectFrom('import_runs')
            .select(['checkpoint_line', 'status'])
            .executeTakeFirst();
          if (run && run.checkpoint_line > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        first.child.kill('SIGKILL');
        const killedRun = await first.done;
        expect(killedRun.signal).toBe('SIGKILL');
        const halfway = await watcher.db
          .selectFrom('import_runs')
          .select(['status', 'rows_read'])
          .executeTakeFirstOrThrow();
        expect(halfway.status).toBe('running');
        expect(halfway.rows_read).toBeGreaterThan(0);
        expect(halfway.rows_read).toBeLessThan(ORDERS);

        await new Promise((resolve) => setTimeout(resolve, 2_200)); // the dead run's lease runs out

        const resumed = await laoke(killed.url, ['--store', '店', 'import', file, '--json']).done;
        expect(resumed.code, resumed.stderr).toBe(0);
        expect(JSON.parse(resumed.stdout.trim().split('\n').at(-1)!).files[0].resumed).toBe(true);
        expect(summaryOf(resumed.stdout)).toEqual(expected);

        const reference = await openDatabase(whole.url);
        expect(await state(watcher)).toEqual(await state(reference));
        await reference.close();
      } finally {
        await watcher.close();
      }
    }, 120_000);
  }
});

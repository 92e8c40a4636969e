import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// laoke promo plan|progress as a user runs it: a child process, exit codes, JSON on stdout.

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function laoke(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, LAOKE_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = (run: Run) => JSON.parse(run.stdout.trim().split('\n').at(-1)!);

interface Target {
  readonly name: string;
  url(): string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
}

const targets: Target[] = [];
{
  let dir = '';
  targets.push({
    name: 'sqlite',
    url: () => `sqlite:${join(dir, 'promo.db')}`,
    async setUp() {
      dir = mkdtempSync(join(tmpdir(), 'laoke-promo-'));
    },
    async tearDown() {
      rmSync(dir, { recursive: true, force: true });
    },
  });
}
const base = process.env.LAOKE_TEST_PG_URL;
if (base) {
  const schema = `laoke_promo_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  targets.push({
    name: 'postgres',
    url: () =>
      `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    setUp: () => admin(`create schema ${schema}`),
    tearDown: () => admin(`drop schema ${schema} cascade`),
  });
}

for (const target of targets) {
  describe(`laoke promo on ${target.name}`, () => {
    beforeAll(async () => {
      await target.setUp();
      const db = ['--db', target.url()];
      const user = await laoke([...db, 'user', 'add', 'wang', '--json'], {
        LAOKE_PASSWORD: 'a good password',
      });
      expect(user.code, user.stderr).toBe(0);
      const store = await laoke([...db, 'store', 'create', '大促店', '--owner', 'wang', '--json']);
      expect(store.code, store.stderr).toBe(0);
    }, 60_000);
    afterAll(() => target.tearDown());
    const promo = (...args: string[]) =>
      laoke(['--db', target.url(), '--store', '大促店', 'promo', ...args, '--json']);

    it('creates the 11.11 plan once, then shows it, with its targets', async () => {
      const first = await promo('plan', '--event', '1111', '--year', '2026');
      expect(first.code, first.stderr).toBe(0);
      const body = json(first);
      expect(body.created).toBe(true);
      expect(body.plan.phases.map((p: { from: string; to: string }) => `${p.from}..${p.to}`)).toEqual([
        '2026-09-01..2026-10-31',
        '2026-11-01..2026-11-10',
        '2026-11-11..2026-11-11',
        '2026-11-12..2026-11-20',
      ]);
      expect(body.targets.forecast).toEqual({ oldRevenue: 0, newRevenue: 0, oldBuyers: 0, newBuyers: 0 });
      const again = await promo('plan', '--event', '1111', '--year', '2026');
      expect(again.code, again.stderr).toBe(0);
      expect(json(again)).toMatchObject({ created: false, plan: { id: body.plan.id } });
    }, 60_000);

    it('shows progress of a plan, and refuses an unknown event or a missing plan', async () => {
      const progress = await promo('progress', '--event', '1111', '--year', '2026');
      expect(progress.code, progress.stderr).toBe(0);
      expect(json(progress).total.old).toEqual({ revenue: 0, buyers: 0, orders: 0 });
      expect(json(progress).phases).toHaveLength(4);
      const unknown = await promo('plan', '--event', '1111; drop table orders', '--year', '2026');
      expect(unknown.code).toBe(2);
      expect(json(unknown).error.code).toBe('cli.invalid_argument');
      const missing = await promo('progress', '--event', '618', '--year', '2026');
      expect(missing.code).toBe(1);
      expect(json(missing).error.code).toBe('promotion.not_found');
    }, 60_000);
  });
}

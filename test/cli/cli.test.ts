import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTarget, cliTargets, laoke, lastJson, type Run } from '../helpers/cli.js';

const json = (run: Run) => lastJson(run) as Record<string, unknown>;

// The CLI as a user runs it: a child process, its exit code, JSON on stdout with --json.

/** Rows of a query on the target's database, read directly (what the CLI wrote). */
async function queryTarget(target: CliTarget, statement: string): Promise<Record<string, unknown>[]> {
  const url = target.url();
  if (url.startsWith('sqlite:')) {
    const db = new Sqlite(url.slice('sqlite:'.length), { readonly: true });
    try {
      return db.prepare(statement).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

const targets = cliTargets();

for (const target of targets) {
  describe(`the laoke CLI on ${target.name}`, () => {
    beforeAll(() => target.setUp());
    afterAll(() => target.tearDown());
    const db = () => ['--db', target.url()];

    it('migrates and lists no stores on a new database', async () => {
      const run = await laoke([...db(), 'store', 'list', '--json']);
      expect(run.code, `${run.stderr}${run.stdout}`).toBe(0);
      expect(json(run)).toEqual({ stores: [] });
    });

    it('creates a user, a store and a token, in JSON', async () => {
      const user = await laoke([...db(), 'user', 'add', 'wang', '--name', '王店长', '--json'], {
        LAOKE_PASSWORD: 'a good password',
      });
      expect(user.code, `${user.stderr}${user.stdout}`).toBe(0);
      expect(json(user)).toMatchObject({ login: 'wang' });
      const store = await laoke([
        ...db(),
        'store',
        'create',
        '王家母婴',
        '--owner',
        'wang',
        '--platform',
        'tmall',
        '--json',
      ]);
      expect(store.code, `${store.stderr}${store.stdout}`).toBe(0);
      expect(json(store)).toMatchObject({ name: '王家母婴', owner: 'wang' });
      const token = await laoke([
        ...db(),
        '--store',
        '王家母婴',
        'token',
        'create',
        '--user',
        'wang',
        '--name',
        'erp',
        '--role',
        'operator',
        '--json',
      ]);
      expect(token.code, `${token.stderr}${token.stdout}`).toBe(0);
      expect(json(token).token).toMatch(/^lk_[A-Za-z0-9_-]{43}$/);
      const list = await laoke([...db(), 'store', 'list', '--json']);
      expect(json(list).stores).toEqual([
        expect.objectContaining({ name: '王家母婴', platform: 'tmall', timeZone: 'Asia/Shanghai' }),
      ]);
    });

    it('refuses a weak password with its code, exit 1, and creates nobody', async () => {
      const run = await laoke([...db(), 'user', 'add', 'li', '--json'], { LAOKE_PASSWORD: 'short' });
      expect(run.code).toBe(1);
      expect(json(run)).toMatchObject({ error: { code: 'user.weak_password' } });
      const retry = await laoke([...db(), 'user', 'add', 'li', '--json'], {
        LAOKE_PASSWORD: 'long enough now',
      });
      expect(retry.code, `${retry.stderr}${retry.stdout}`).toBe(0);
    });

    it('refuses a bad argument with exit 2 and says what was expected', async () => {
      const run = await laoke([...db(), 'demo', '--customers', 'many', '--json']);
      expect(run.code).toBe(2);
      expect(json(run)).toMatchObject({ error: { code: 'cli.invalid_argument' } });
      expect(String((json(run).error as { message: string }).message)).toContain(
        '--customers expects a whole number',
      );
    });

    it('explains an unknown store in people’s words, in Chinese and English', async () => {
      const run = await laoke([
        ...db(),
        '--store',
        'nope',
        'token',
        'create',
        '--user',
        'wang',
        '--name',
        'x',
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('店铺不存在');
      expect(run.stderr).toContain('store.not_found');
    });

    it('builds a demo store deterministically', async () => {
      const demo = (name: string) => [
        ...db(),
        'demo',
        '--customers',
        '300',
        '--seed',
        '4',
        '--until',
        '2026-11-20',
        '--name',
        name,
        '--json',
      ];
      const first = await laoke(demo('演示一'), { LAOKE_DEMO_PASSWORD: 'demo-password' });
      const second = await laoke(demo('演示二'));
      expect(first.code, `${first.stderr}${first.stdout}`).toBe(0);
      expect(second.code, `${second.stderr}${second.stdout}`).toBe(0);
      expect(json(first)).toMatchObject({ customers: 300, storeName: '演示一', login: 'demo' });
      expect(json(first).orders).toBe(json(second).orders);
    });

    it('lists, shows and exports the demo store’s customers', async () => {
      const store = ['--store', '演示一'];
      const listed = await laoke([
        ...db(),
        'customers',
        'list',
        ...store,
        '--sort',
        'totalSpent',
        '--page-size',
        '5',
        '--json',
      ]);
      expect(listed.code, `${listed.stderr}${listed.stdout}`).toBe(0);
      const page = json(listed) as {
        customers: { id: number; totalSpent: number; phone: string | null }[];
        total: number;
      };
      expect(page.total).toBe(300);
      expect(page.customers).toHaveLength(5);
      const spent = page.customers.map((c) => c.totalSpent);
      expect(spent).toEqual([...spent].sort((a, b) => b - a));
      for (const customer of page.customers)
        if (customer.phone) expect(customer.phone).toMatch(/^\d{3}\*{4}\d{4}$/);

      const top = page.customers[0]!;
      const shown = await laoke([...db(), 'customers', 'show', String(top.id), ...store, '--json']);
      expect(shown.code, `${shown.stderr}${shown.stdout}`).toBe(0);
      const detail = json(shown) as {
        profile: { id: number; totalSpent: number };
        timeline: { kind: string }[];
      };
      expect(detail.profile).toMatchObject({ id: top.id, totalSpent: top.totalSpent });
      expect(detail.timeline[0]!.kind).toBe('order');

      const out = join(mkdtempSync(join(tmpdir(), 'laoke-export-')), 'customers.csv');
      const exported = await laoke([...db(), 'customers', 'export', ...store, '--out', out, '--json']);
      expect(exported.code, `${exported.stderr}${exported.stdout}`).toBe(0);
      const lines = readFileSync(out, 'utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines).toHaveLength(301);
      expect(lines[0]!.startsWith('客户ID,买家昵称')).toBe(true);

      const bad = await laoke([...db(), 'customers', 'list', ...store, '--last-from', '2026-13-01']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('lastOrderFrom');
    });

    it('analyses the demo store: refreshes on first use, then reports the same figures as text and JSON', async () => {
      const store = ['--store', '演示一'];
      const first = await laoke([...db(), 'analyze', ...store, '--json']);
      expect(first.code, `${first.stderr}${first.stdout}`).toBe(0);
      const report = json(first) as {
        refreshed: { buyers: number; purchases: number } | null;
        rfm: { buyers: number; chinese: { segment: string; customers: number }[] };
        lifecycle: { buyers: number; states: { customers: number }[] };
        pareto: { top20RevenueShare: number };
        newOld: { months: unknown[] };
        cohorts: { cohorts: unknown[] };
        products: { products: unknown[] };
      };
      expect(report.refreshed).not.toBeNull();
      expect(report.rfm.buyers).toBe(report.refreshed!.buyers);
      expect(report.rfm.chinese.reduce((sum, s) => sum + s.customers, 0)).toBe(report.rfm.buyers);
      expect(report.lifecycle.states.reduce((sum, s) => sum + s.customers, 0)).toBe(report.rfm.buyers);
      expect(report.newOld.months.length).toBeGreaterThan(30);
      expect(report.products.products.length).toBeGreaterThan(10);
      // Read again: no refresh, the same snapshot; as text, the figures people read.
      const again = await laoke([...db(), 'analyze', ...store, '--json']);
      expect((json(again) as { refreshed: unknown }).refreshed).toBeNull();
      const text = await laoke([...db(), 'analyze', ...store]);
      expect(text.code, `${text.stderr}${text.stdout}`).toBe(0);
      const biggest = [...report.rfm.chinese].sort((a, b) => b.customers - a.customers)[0]!;
      expect(text.stdout).toMatch(
        new RegExp(`${biggest.segment}客户\\s+${biggest.customers.toLocaleString('en')}\\s`),
      );
      expect(text.stdout).toContain(
        `top 20% of buyers bring ${(report.pareto.top20RevenueShare * 100).toFixed(1)}%`,
      );
    });

    it('counts and exports audiences: ready-made, from a file, refusing a bad definition', async () => {
      const store = ['--store', '演示一'];
      const core = await laoke([...db(), 'audience', 'count', ...store, '--ready', 'core', '--json']);
      expect(core.code, `${core.stderr}${core.stdout}`).toBe(0);
      const counted = json(core) as { count: number; sample: number[] };
      expect(counted.count).toBeGreaterThan(0);
      const dir = mkdtempSync(join(tmpdir(), 'laoke-audience-'));
      const file = join(dir, 'audience.json');
      writeFileSync(file, JSON.stringify({ where: { type: 'not', condition: { type: 'core' } } }));
      const rest = await laoke([...db(), 'audience', 'count', ...store, '--definition', file, '--json']);
      expect((json(rest) as { count: number }).count + counted.count).toBe(300);
      const out = join(dir, 'core.csv');
      const exported = await laoke([
        ...db(),
        'audience',
        'export',
        ...store,
        '--ready',
        'core',
        '--output',
        out,
      ]);
      expect(exported.code, `${exported.stderr}${exported.stdout}`).toBe(0);
      expect(readFileSync(out, 'utf8').trim().split('\r\n')).toHaveLength(counted.count + 1);
      writeFileSync(file, JSON.stringify({ where: { type: 'starSign', in: ['leo'] } }));
      const bad = await laoke([...db(), 'audience', 'count', ...store, '--definition', file]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('lifecycle');
    });

    it('imports product traffic, reporting the rows it cannot use', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'laoke-traffic-'));
      const file = join(dir, 'traffic.csv');
      writeFileSync(file, '日期,商家编码,浏览量,访客数\n2026-11-01,NO-SUCH-PRODUCT,10,5\n');
      const run = await laoke([...db(), 'traffic', 'import', file, '--store', '演示一', '--json']);
      expect(run.code, `${run.stderr}${run.stdout}`).toBe(1);
      expect(json(run)).toMatchObject({ read: 1, upserted: 0, rejected: [{ line: 2 }] });
      const empty = join(dir, 'empty.csv');
      writeFileSync(empty, '日期,商家编码,浏览量,访客数\n');
      const refused = await laoke([...db(), 'traffic', 'import', empty, '--store', '演示一']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('traffic.empty_file');
    });

    it('fits and predicts the demo store as of a calibration end, and audits an export', async () => {
      const store = ['--store', '演示一'];
      const fit = await laoke([...db(), 'clv', 'fit', ...store, '--calibration-end', '2026-06-30', '--json']);
      expect(fit.code, `${fit.stderr}${fit.stdout}`).toBe(0);
      const report = json(fit) as {
        calibrationEnd: string;
        customers: number;
        bgnbd: { params: Record<string, number>; standardErrors: Record<string, number> | null };
      };
      expect(report.calibrationEnd).toBe('2026-06-30');
      expect(report.customers).toBeGreaterThan(100);
      expect(report.customers).toBeLessThan(300); // buyers who had bought by the end of June
      expect(Object.keys(report.bgnbd.params)).toEqual(['r', 'alpha', 'a', 'b']);
      expect(report.bgnbd.standardErrors?.r).toBeGreaterThan(0);

      const dir = mkdtempSync(join(tmpdir(), 'laoke-clv-'));
      const file = join(dir, 'predictions.csv');
      const predict = await laoke([
        ...db(),
        'clv',
        'predict',
        ...store,
        '--output',
        file,
        '--months',
        '6',
        '--json',
      ]);
      expect(predict.code, `${predict.stderr}${predict.stdout}`).toBe(0);
      const result = json(predict) as {
        customers: number;
        totals: { clv: number };
        settings: { horizonMonths: number };
      };
      expect(result.settings.horizonMonths).toBe(6);
      const lines = readFileSync(file, 'utf8').trim().split(/\r?\n/);
      expect(lines[0]).toBe(
        'id,p_alive,expected_30d,expected_90d,expected_365d,expected_average_value,clv,next_purchase_in_days',
      );
      expect(lines).toHaveLength(result.customers + 1);
      const clvSum = lines.slice(1).reduce((sum, line) => sum + Number(line.split(',')[6]), 0);
      expect(clvSum).toBeCloseTo(result.totals.clv, -1);
      const audited = await queryTarget(
        target,
        "select details from audit_log where action = 'predictions.export' and actor_label = 'cli'",
      );
      expect(audited).toHaveLength(1);
      expect(JSON.parse(String(audited[0]!.details))).toMatchObject({ file, customers: result.customers });

      const future = await laoke([...db(), 'clv', 'fit', ...store, '--calibration-end', '2099-01-01']);
      expect(future.code).toBe(2);
      expect(future.stderr).toContain('after today');
      const wrong = await laoke([...db(), 'clv', 'fit', ...store, '--calibration-end', '2026-02-30']);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('yyyy-MM-dd');
    });
  });
}

describe('laoke clv on a summary file', () => {
  const cdnow = new URL(
    '../../../shared/datasets/cdnow/cdnow_customers_summary_with_transactions.csv',
    import.meta.url,
  );
  const dir = mkdtempSync(join(tmpdir(), 'laoke-summary-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fits CDNOW to the published parameters with standard errors', async () => {
    const run = await laoke(['clv', 'fit', '--from-summary', cdnow.pathname, '--unit', 'week', '--json']);
    expect(run.code, `${run.stderr}${run.stdout}`).toBe(0);
    const report = json(run) as {
      customers: number;
      bgnbd: {
        params: Record<string, number>;
        standardErrors: Record<string, number>;
        logLikelihood: number;
      };
      gammaGamma: { params: Record<string, number>; customers: number };
    };
    expect(report.customers).toBe(2357);
    expect(report.bgnbd.params.r).toBeCloseTo(0.243, 3);
    expect(report.bgnbd.params.alpha).toBeCloseTo(4.414, 2);
    expect(report.bgnbd.standardErrors.alpha).toBeCloseTo(0.378, 2);
    expect(report.bgnbd.logLikelihood).toBeCloseTo(-9582.43, 1);
    expect(report.gammaGamma.customers).toBe(946);
    expect(report.gammaGamma.params.p).toBeCloseTo(6.25, 2);
    const text = await laoke(['clv', 'fit', '--from-summary', cdnow.pathname, '--unit', 'week']);
    expect(text.stdout).toMatch(/r\s+0\.2426\s+± 0\.0126/);
    expect(text.stdout).toMatch(/log-likelihood -9582\.4256/);
  });

  it('refuses a summary with impossible rows, naming the lines, and a file that is not UTF-8', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(
      bad,
      'id,frequency,recency,T,monetary_value\na,1,5,10,20\nb,2,12,10,20\nc,0,3,10,0\nd,1.5,1,10,20\n',
    );
    const run = await laoke(['clv', 'fit', '--from-summary', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('predict.invalid_summary');
    expect(run.stderr).toContain('line 3: recency "12" is not a number between 0 and T (10)');
    expect(run.stderr).toContain('line 4: recency is 3 with frequency 0');
    expect(run.stderr).toContain('line 5: frequency "1.5" is not a whole number');
    const columns = join(dir, 'columns.csv');
    writeFileSync(columns, 'id,orders,spend\n1,2,3\n');
    const missing = await laoke(['clv', 'fit', '--from-summary', columns, '--json']);
    expect(missing.code).toBe(1);
    expect(json(missing)).toMatchObject({ error: { code: 'predict.invalid_summary' } });
    expect(JSON.stringify(json(missing))).toContain('expected id,frequency,recency,T');
    const gbk = join(dir, 'gbk.csv');
    writeFileSync(gbk, Buffer.from([0x69, 0x64, 0x2c, 0xc4, 0xe3, 0xba, 0xc3, 0x0a]));
    const encoding = await laoke(['clv', 'fit', '--from-summary', gbk]);
    expect(encoding.code).toBe(1);
    expect(encoding.stderr).toContain('expected a UTF-8 CSV file');
  });
});

describe('laoke serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'laoke-serve-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the demo on first start, prints the URL and login, serves, and stops cleanly on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--json'],
      {
        env: {
          ...process.env,
          LAOKE_DATABASE_URL: `sqlite:${join(dir, 'serve.db')}`,
          LAOKE_DEMO_CUSTOMERS: '200',
          LAOKE_LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const started = await new Promise<{ url: string; demo: { login: string } }>((resolve, reject) => {
      let out = '';
      child!.stdout!.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
      });
      child!.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    });
    expect(started.demo.login).toBe('demo');
    const health = await fetch(`${started.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'sqlite' });
    const login = await fetch(`${started.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'demo', password: 'laoke-demo' }),
    });
    expect(login.status).toBe(200);
    // The store had no analysis: the nightly check queues one at start and the worker runs it.
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    let snapshot: { buyers: number } | null = null;
    for (let tries = 0; tries < 100 && snapshot === null; tries++) {
      const rfm = await fetch(`${started.url}/api/stores/1/analytics/rfm`, { headers: { cookie } });
      snapshot = ((await rfm.json()) as { snapshot: { buyers: number } | null }).snapshot;
      if (snapshot === null) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(snapshot?.buyers).toBeGreaterThan(150);
    const exit = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

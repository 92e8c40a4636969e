import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { printParameters, printTimes, printTotals, runPython } from './clv/report.js';
import { dropBenchDatabase, type Measurement, machine, median, runChild } from './lib.js';
import { messagingBench } from './messaging/measure.js';

// npm run bench [-- --only demo|argon2|import|customers|analytics|products|clv|messaging|audiences|campaigns|promotions] [--messages N] [--customers N] [--orders N] [--runs R] [--requests N] [--postgres] [--source demo|bgnbd]
// Prints a Markdown table per benchmark, ready for bench/README.md.
const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    customers: { type: 'string', default: '1000000' },
    orders: { type: 'string', default: '10000000' },
    runs: { type: 'string', default: '3' },
    postgres: { type: 'boolean', default: false },
    requests: { type: 'string', default: '1000' },
    source: { type: 'string', default: 'demo' },
    messages: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '32' },
  },
});
const runs = Number(values.runs);

async function repeat(label: string, times: number, once: () => Promise<Measurement>) {
  const results: Measurement[] = [];
  for (let i = 0; i < times; i++) {
    const result = await once();
    process.stderr.write(
      `  ${label} run ${i + 1}/${times}: ${result.seconds.toFixed(2)} s, ${result.peakRssMiB} MiB\n`,
    );
    results.push(result);
  }
  return {
    label,
    seconds: median(results.map((r) => r.seconds)),
    peakRssMiB: Math.max(...results.map((r) => r.peakRssMiB)),
    all: results.map((r) => r.seconds.toFixed(1)).join(', '),
    extra: results[0],
  };
}

async function demo() {
  const customers = values.customers;
  console.log(`\n### Demo store: ${Number(customers).toLocaleString('en')} customers (${machine()})\n`);
  const rows = [
    await repeat('SQLite, indexes deferred (default)', runs, () =>
      runChild('bench/demo-once.ts', ['--customers', customers]),
    ),
    await repeat('SQLite, indexes kept (reference)', 1, () =>
      runChild('bench/demo-once.ts', ['--customers', customers, '--defer', 'no']),
    ),
  ];
  if (values.postgres) {
    rows.push(
      await repeat('PostgreSQL, indexes deferred', runs, () =>
        runChild('bench/demo-once.ts', ['--customers', customers, '--database', 'postgres']),
      ),
    );
  }
  const reference = rows[1]!.seconds;
  console.log('| variant | median s | runs (s) | orders | peak RSS MiB | vs reference | vs 120 s budget |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.label} | ${row.seconds.toFixed(1)} | ${row.all} | ${String(row.extra?.orders ?? '')} | ${row.peakRssMiB} | ${(row.seconds / reference).toFixed(2)} | ${(row.seconds / 120).toFixed(2)} |`,
    );
  }
}

async function argon2() {
  console.log(`\n### argon2id hash time (${machine()})\n`);
  console.log('| memory | t | median ms (one) | median ms (two at once) | peak RSS MiB |');
  console.log('|---|---|---|---|---|');
  for (const [memory, time] of [
    [19_456, 2],
    [19_456, 3],
    [19_456, 4],
    [32_768, 2],
    [47_104, 1],
    [65_536, 3],
    [131_072, 3],
  ] as const) {
    const result = await runChild('bench/argon2-once.ts', [
      '--memory',
      String(memory),
      '--time',
      String(time),
    ]);
    console.log(
      `| ${Math.round(memory / 1024)} MiB | ${time} | ${(result.seconds * 1000).toFixed(1)} | ${(Number(result.pairSeconds) * 1000).toFixed(1)} | ${result.peakRssMiB} |`,
    );
  }
}

async function analyticsRefresh() {
  const customers = Number(values.customers);
  console.log(
    `\n### Analytics refresh: ${customers.toLocaleString('en')}-customer dense store, ~10 orders each (${machine()})\n`,
  );
  console.log('| variant | median s | runs (s) | buyers | orders | peak RSS MiB | vs DuckDB |');
  console.log('|---|---|---|---|---|---|---|');
  const csv = `bench/out/analytics-orders-${customers}.csv`;
  const rows: { label: string; seconds: number; runs: number[]; result: Measurement }[] = [];
  for (const database of values.postgres ? ['sqlite', 'postgres'] : ['sqlite']) {
    const built = await runChild('bench/analytics/refresh-once.ts', [
      '--phase',
      'build',
      '--customers',
      String(customers),
      '--database',
      database,
    ]);
    const warmArgs = ['--phase', 'warm', '--url', String(built.url), '--store', String(built.storeId)];
    warmArgs.push('--runs', String(runs));
    if (database === 'sqlite') warmArgs.push('--orders-out', csv);
    const warm = await runChild('bench/analytics/refresh-once.ts', warmArgs);
    const result = { ...warm, orders: built.orders };
    rows.push({
      label: `Laoke RFM scoring (roll-ups) on ${database}`,
      seconds: Number(warm.rfmSeconds),
      runs: warm.rfmRuns as number[],
      result,
    });
    rows.push({
      label: `Laoke first refresh on ${database} (builds the purchase logs)`,
      seconds: built.seconds,
      runs: built.runs as number[],
      result: built,
    });
    rows.push({
      label: `Laoke full refresh on ${database} (logs current)`,
      seconds: warm.seconds,
      runs: warm.runs as number[],
      result,
    });
  }
  const duck = await runChild('bench/analytics/duckdb-rfm-once.ts', ['--file', csv]);
  const all = [
    {
      label: 'DuckDB RFM group by + NTILE over the orders (reference)',
      seconds: duck.seconds,
      runs: duck.runs as number[],
      result: duck,
    },
    ...rows,
  ];
  for (const { label, seconds, runs: times, result } of all) {
    console.log(
      `| ${label} | ${seconds.toFixed(2)} | ${times.map((t) => t.toFixed(2)).join(', ')} | ${String(result.buyers ?? result.customers)} | ${String(result.orders ?? '')} | ${result.peakRssMiB} | ${(seconds / duck.seconds).toFixed(2)} |`,
    );
  }
}

async function productsAnalysis() {
  console.log(`\n### Products analysis in memory: 10M purchases, 15M items (${machine()})\n`);
  console.log('| median s | runs (s) | purchases | items | products | peak RSS MiB |');
  console.log('|---|---|---|---|---|---|');
  const result = await runChild('bench/analytics/products-once.ts', []);
  const all = (result.runs as number[]).map((run) => run.toFixed(2)).join(', ');
  console.log(
    `| ${result.seconds.toFixed(2)} | ${all} | ${String(result.purchases)} | ${String(result.items)} | ${String(result.products)} | ${result.peakRssMiB} |`,
  );
}

async function customerList() {
  const customers = Number(values.customers);
  console.log(
    `\n### Customer list: ${customers.toLocaleString('en')}-customer demo store, ${values.requests} requests per scenario (${machine()})\n`,
  );
  console.log(
    '| database | scenario | HTTP p50 ms | HTTP p99 ms | service p50 ms | service p99 ms | rows/request | peak RSS MiB |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const database of values.postgres ? ['sqlite', 'postgres'] : ['sqlite']) {
    const result = await runChild('bench/customers/list-once.ts', [
      '--customers',
      String(customers),
      '--database',
      database,
      '--requests',
      values.requests,
    ]);
    for (const scenario of ['filterSort', 'searchNick']) {
      const r = result[scenario] as Record<string, number>;
      console.log(
        `| ${database} | ${scenario} | ${r.httpP50!.toFixed(1)} | ${r.httpP99!.toFixed(1)} | ${r.directP50!.toFixed(1)} | ${r.directP99!.toFixed(1)} | ${r.rowsPerRequest!.toFixed(1)} | ${result.peakRssMiB} |`,
      );
    }
  }
}

async function campaignFreeze() {
  const customers = values.customers === '1000000' ? 200_000 : Number(values.customers);
  const runs = Number(values.runs);
  console.log(
    `\n### Campaigns: sending a campaign to every buyer of a ${customers.toLocaleString('en')}-customer demo store (${machine()})\n`,
  );
  console.log(
    '| database | median s | runs (s) | members | control | queued | peak RSS MiB | vs 10 s goal |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const database of values.postgres ? ['sqlite', 'postgres'] : ['sqlite']) {
    const results: Measurement[] = [];
    for (let run = 0; run < runs; run++)
      results.push(
        await runChild('bench/campaigns/freeze-once.ts', [
          '--customers',
          String(customers),
          '--database',
          database,
        ]),
      );
    const seconds = results.map((r) => r.seconds);
    const last = results.at(-1)!;
    console.log(
      `| ${database} | **${median(seconds).toFixed(2)}** | ${seconds.map((s) => s.toFixed(2)).join(', ')} | ${String(last.members)} | ${String(last.control)} | ${String(last.queued)} | ${Math.max(...results.map((r) => r.peakRssMiB))} | ${(median(seconds) / 10).toFixed(2)} |`,
    );
  }
}

async function audienceCount() {
  const customers = Number(values.customers);
  const requests = Math.min(Number(values.requests), 200);
  console.log(
    `\n### Audiences: live count of a 6-condition audience, ${customers.toLocaleString('en')}-customer demo store, ${requests} requests (${machine()})\n`,
  );
  console.log(
    '| database | live count p50 ms | live count p99 ms | max ms | same count in SQL p50 ms | SQL p99 ms | members (mean) | list p50 ms (reference) | list p99 ms | snapshot read s | snapshot MiB | peak RSS MiB | build s | refresh s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const database of values.postgres ? ['sqlite', 'postgres'] : ['sqlite']) {
    const r = await runChild('bench/audiences/count-once.ts', [
      '--customers',
      String(customers),
      '--database',
      database,
      '--requests',
      String(requests),
    ]);
    const count = r.count as Record<string, number>;
    const inSql = r.countInDatabase as Record<string, number>;
    const list = r.list as Record<string, number>;
    console.log(
      `| ${database} | ${count.p50!.toFixed(1)} | **${count.p99!.toFixed(1)}** | ${count.max!.toFixed(1)} | ${inSql.p50!.toFixed(1)} | ${inSql.p99!.toFixed(1)} | ${String(r.membersPerCount)} | ${list.p50!.toFixed(1)} | ${list.p99!.toFixed(1)} | ${Number(r.snapshotSeconds).toFixed(1)} | ${String(r.snapshotMiB)} | ${r.peakRssMiB} | ${r.seconds.toFixed(0)} | ${Number(r.refreshSeconds).toFixed(0)} |`,
    );
  }
}

async function orderImport() {
  const orders = Number(values.orders);
  const label = orders % 1_000_000 === 0 ? `${orders / 1_000_000}m` : String(orders);
  const files = { gbk: `bench/out/taobao-${label}.gbk.csv`, utf8: `bench/out/taobao-${label}.utf8.csv` };
  for (const [encoding, path] of Object.entries(files)) {
    if (existsSync(path)) continue;
    process.stderr.write(`  generating ${path}\n`);
    await runChild('bench/import/make-taobao-export.ts', [
      '--orders',
      String(orders),
      '--out',
      path,
      '--encoding',
      encoding,
    ]);
  }
  console.log(`\n### Order import: ${orders.toLocaleString('en')} Taobao orders (${machine()})\n`);
  const rows = [
    await repeat('DuckDB read_csv, UTF-8 (reference)', runs, () =>
      runChild('bench/import/duckdb-once.ts', ['--file', files.utf8]),
    ),
    await repeat('Laoke import into SQLite, GBK', runs, () =>
      runChild('bench/import/import-once.ts', ['--file', files.gbk]),
    ),
    await repeat('  of which reading, parsing, mapping', 1, () =>
      runChild('bench/import/import-once.ts', ['--file', files.gbk, '--read-only']),
    ),
  ];
  if (values.postgres) {
    rows.push(
      await repeat('Laoke import into PostgreSQL, GBK', 1, () =>
        runChild('bench/import/import-once.ts', ['--file', files.gbk, '--database', 'postgres']),
      ),
    );
  }
  const reference = rows[0]!.seconds;
  console.log('| variant | median s | runs (s) | orders/s | peak RSS MiB | time vs DuckDB |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    console.log(
      `| ${row.label} | ${row.seconds.toFixed(1)} | ${row.all} | ${Math.round(orders / row.seconds).toLocaleString('en')} | ${row.peakRssMiB} | ${(row.seconds / reference).toFixed(2)} |`,
    );
  }
}

async function predictedValue() {
  const customers = Number(values.customers);
  const dir = mkdtempSync(join(tmpdir(), 'laoke-bench-clv-'));
  const file = join(dir, 'summary.csv');
  try {
    process.stderr.write(
      `  generating ${customers.toLocaleString('en')} customers' summaries (${values.source})\n`,
    );
    await runChild('bench/clv/make-summary.ts', [
      '--customers',
      String(customers),
      '--out',
      file,
      '--source',
      values.source,
    ]);
    const laoke: Measurement[] = [];
    for (let i = 0; i < runs; i++) {
      laoke.push(await runChild('bench/clv/laoke-once.ts', ['--file', file]));
      process.stderr.write(`  Laoke run ${i + 1}/${runs}: ${laoke[i]!.seconds.toFixed(2)} s\n`);
    }
    // The reference once, or as many times as Laoke when one run takes under a minute.
    const reference = [await runPython('bench/clv/reference.py', ['--file', file])];
    process.stderr.write(`  reference run 1: ${reference[0]!.seconds.toFixed(2)} s\n`);
    while (reference.length < runs && reference[0]!.seconds < 60) {
      reference.push(await runPython('bench/clv/reference.py', ['--file', file]));
      process.stderr.write(
        `  reference run ${reference.length}: ${reference.at(-1)!.seconds.toFixed(2)} s\n`,
      );
    }
    console.log(
      `\n### Predicted value: ${customers.toLocaleString('en')} customers, ${values.source === 'demo' ? 'demo store' : 'drawn from the models'} (${machine()}; ${String(reference[0]!.versions)})\n`,
    );
    printTimes(laoke, reference);
    printParameters(laoke[0]!, reference[0]!);
    printTotals(laoke[0]!, reference[0]!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The 1-minute load average, read before each measured run (the machine is shared). */
const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

async function promotions() {
  const customers = Number(values.customers);
  const calls = [
    ['refresh', 'analytics refresh (reference)'],
    ['targets', 'planTargets'],
    ['progress', 'planProgress'],
    ['review', 'planReview'],
    ['xlsx', 'exportReview xlsx'],
    ['pdf', 'exportReview pdf'],
  ] as const;
  const tables: string[] = [];
  const notes: string[] = [];
  for (const database of values.postgres ? ['sqlite', 'postgres'] : ['sqlite']) {
    const built = await runChild('bench/promotions/build-once.ts', [
      '--customers',
      String(customers),
      '--database',
      database,
    ]);
    const args = [
      '--url',
      String(built.url),
      '--store',
      String(built.storeId),
      '--plan',
      String(built.planId),
      '--user',
      String(built.userId),
      '--now',
      String(built.now),
    ];
    try {
      notes.push(
        `- ${database}: ${String(built.orders)} orders, ${String(built.buyers)} buyers; demo store built in ${built.seconds.toFixed(0)} s (${built.peakRssMiB} MiB peak), first refresh ${Number(built.coldRefreshSeconds).toFixed(1)} s; the plan: 双十一 ${String(built.year)}.`,
      );
      let reference = 0;
      for (const [what, label] of calls) {
        const results: Measurement[] = [];
        const loads: number[] = [];
        for (let run = 0; run < runs; run++) {
          loads.push(loadAverage());
          // The refresh runs a night apart, so recency moves and some scores change, as in production.
          const result = await runChild('bench/promotions/measure-once.ts', [
            ...args,
            '--what',
            what,
            '--day',
            String(what === 'refresh' ? run + 1 : 0),
          ]);
          process.stderr.write(
            `  ${database} ${label} run ${run + 1}/${runs}: ${result.seconds.toFixed(2)} s, ${result.peakRssMiB} MiB (load ${loads.at(-1)})\n`,
          );
          results.push(result);
        }
        const seconds = median(results.map((r) => r.seconds));
        if (what === 'refresh') reference = seconds;
        tables.push(
          `| ${database} | ${label} | **${seconds.toFixed(2)}** | ${results.map((r) => r.seconds.toFixed(2)).join(', ')} | ${loads.map((l) => l.toFixed(1)).join(', ')} | ${Math.max(...results.map((r) => r.peakRssMiB))} | ${(seconds / reference).toFixed(2)} |`,
        );
      }
    } finally {
      await dropBenchDatabase(String(built.url));
    }
  }
  console.log(`\n### Big promotions: ${customers.toLocaleString('en')}-customer demo store (${machine()})\n`);
  console.log(
    '| database | call | median s | runs (s) | load (1 min) before each run | peak RSS MiB | vs refresh |',
  );
  console.log('|---|---|---|---|---|---|---|');
  console.log(tables.join('\n'));
  console.log(`\n${notes.join('\n')}`);
}

if (!values.only || values.only === 'argon2') await argon2();
if (!values.only || values.only === 'demo') await demo();
if (!values.only || values.only === 'import') await orderImport();
if (!values.only || values.only === 'customers') await customerList();
if (!values.only || values.only === 'analytics') await analyticsRefresh();
if (!values.only || values.only === 'products') await productsAnalysis();
if (!values.only || values.only === 'clv') await predictedValue();
if (!values.only || values.only === 'messaging')
  await messagingBench({
    messages: Number(values.messages),
    runs,
    postgres: values.postgres,
    batch: Number(values.batch),
    concurrency: Number(values.concurrency),
  });
if (!values.only || values.only === 'audiences') await audienceCount();
if (!values.only || values.only === 'campaigns') await campaignFreeze();
if (!values.only || values.only === 'promotions') await promotions();

import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { openDatabase } from '../../src/db/database.js';
import { countByStatus } from '../../src/messaging/outbox.store.js';
import type { StoreId } from '../../src/shared/ids.js';
import { dropBenchDatabase, type Measurement, machine, median, runChild } from '../lib.js';

// The messaging dispatch benchmark (npm run bench -- --only messaging): N queued SMS in one store,
// dispatched to the fake Aliyun (its own process) by one or two dispatcher processes, against the
// HTTP ceiling (the same signed requests with no database). Every measured run gets a fresh
// database and a fresh count at the fake, and is checked: exactly one SMS per recipient.

export interface MessagingBenchOptions {
  readonly messages: number;
  readonly runs: number;
  readonly postgres: boolean;
  readonly batch: number;
  readonly concurrency: number;
}

const SECRET = 'bench-secret';

interface Fake {
  readonly url: string;
  ask(command: 'stats' | 'reset'): Promise<Record<string, number>>;
  stop(): void;
}

async function startFake(): Promise<Fake> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/messaging/fake-aliyun-process.ts', SECRET],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextJson = async () => JSON.parse((await lines.next()).value as string) as Record<string, number>;
  const { url } = (await nextJson()) as unknown as { url: string };
  return {
    url,
    ask: async (command) => {
      child.stdin!.write(`${command}\n`);
      return nextJson();
    },
    stop: () => child.stdin!.end(),
  };
}

/** Starts `workers` dispatcher processes, lets them go together once all are ready. */
async function dispatchRun(url: string, fakeUrl: string, workers: number, options: MessagingBenchOptions) {
  const children: { child: ChildProcess; lines: Interface }[] = [];
  for (let w = 0; w < workers; w++) {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/messaging/dispatch-once.ts',
        '--url',
        url,
        '--fake',
        fakeUrl,
        '--secret',
        SECRET,
        '--batch',
        String(options.batch),
        '--concurrency',
        String(options.concurrency),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    children.push({ child, lines: createInterface({ input: child.stdout! }) });
  }
  const iterators = children.map(({ lines }) => lines[Symbol.asyncIterator]());
  for (const it of iterators) if ((await it.next()).value !== 'ready') throw new Error('worker not ready');
  for (const { child } of children) child.stdin!.write('go\n');
  const results = await Promise.all(
    iterators.map(async (it) => JSON.parse((await it.next()).value as string) as Measurement),
  );
  const startedAt = Math.min(...results.map((r) => Number(r.startedAt)));
  const finishedAt = Math.max(...results.map((r) => Number(r.finishedAt)));
  return {
    seconds: (finishedAt - startedAt) / 1000,
    peakRssMiB: Math.max(...results.map((r) => r.peakRssMiB)),
    perWorker: results.map((r) => Number(r.sent)),
  };
}

interface Row {
  label: string;
  seconds: number[];
  peakRssMiB: number;
  checks: string[];
}

interface Variant {
  readonly label: string;
  readonly database: 'sqlite' | 'postgres';
  readonly workers: number;
}

/** One measured dispatcher run on a fresh database, checked: one SMS per recipient. */
async function dispatchMeasured(fake: Fake, variant: Variant, run: string, options: MessagingBenchOptions) {
  const built = await runChild('bench/messaging/enqueue-once.ts', [
    '--database',
    variant.database,
    '--messages',
    String(options.messages),
  ]);
  const url = String(built.url);
  try {
    await fake.ask('reset');
    const result = await dispatchRun(url, fake.url, variant.workers, options);
    const stats = await fake.ask('stats');
    const opened = await openDatabase(url);
    const statuses = await countByStatus(opened.db, Number(built.storeId) as StoreId);
    await opened.close();
    const exact =
      stats.accepted === options.messages &&
      stats.distinct === options.messages &&
      stats.duplicates === 0 &&
      stats.badSignatures === 0 &&
      statuses.sent === options.messages &&
      Object.keys(statuses).length === 1;
    const check = `${stats.distinct} recipients, ${stats.accepted} SMS, ${stats.duplicates} duplicates, ${options.messages - (stats.distinct ?? 0)} lost, ${stats.badSignatures} bad signatures, rows ${JSON.stringify(statuses)} (per worker ${result.perWorker.join('/')})`;
    process.stderr.write(
      `  ${variant.label} run ${run}: load ${built.seconds.toFixed(1)} s, dispatch ${result.seconds.toFixed(2)} s = ${Math.round(options.messages / result.seconds)}/s, ${result.peakRssMiB} MiB; ${exact ? 'exactly once' : 'NOT EXACTLY ONCE'}: ${check}\n`,
    );
    if (!exact) throw new Error(`${variant.label}: not exactly one SMS per recipient: ${check}`);
    return { seconds: result.seconds, peakRssMiB: result.peakRssMiB, check };
  } finally {
    await dropBenchDatabase(url);
  }
}

async function ceilingOnce(fake: Fake, run: string, options: MessagingBenchOptions) {
  await fake.ask('reset');
  const result = await runChild('bench/messaging/ceiling-once.ts', [
    '--fake',
    fake.url,
    '--secret',
    SECRET,
    '--messages',
    String(options.messages),
    '--concurrency',
    String(options.concurrency),
  ]);
  const stats = await fake.ask('stats');
  if (stats.distinct !== options.messages || stats.badSignatures !== 0)
    throw new Error(`ceiling: the fake took ${JSON.stringify(stats)}`);
  process.stderr.write(
    `  ceiling run ${run}: ${result.seconds.toFixed(2)} s = ${Math.round(options.messages / result.seconds)}/s, ${result.peakRssMiB} MiB\n`,
  );
  return { seconds: result.seconds, peakRssMiB: result.peakRssMiB, check: '' };
}

/**
 * Runs the ceiling and every variant once per round, rounds in a row, so that each dispatcher run
 * is compared with a ceiling measured minutes before it (the machine is shared); prints the table.
 */
export async function messagingBench(options: MessagingBenchOptions): Promise<void> {
  const variants: Variant[] = [{ label: 'SQLite, 1 worker', database: 'sqlite', workers: 1 }];
  if (options.postgres)
    variants.push(
      { label: 'PostgreSQL, 1 worker', database: 'postgres', workers: 1 },
      { label: 'PostgreSQL, 2 workers', database: 'postgres', workers: 2 },
    );
  const reference: Row = {
    label: 'HTTP ceiling: the same signed requests, no database (reference)',
    seconds: [],
    peakRssMiB: 0,
    checks: [],
  };
  const rows: Row[] = variants.map((v) => ({ label: v.label, seconds: [], peakRssMiB: 0, checks: [] }));
  const record = (row: Row, result: { seconds: number; peakRssMiB: number; check: string }) => {
    row.seconds.push(result.seconds);
    row.peakRssMiB = Math.max(row.peakRssMiB, result.peakRssMiB);
    if (result.check) row.checks.push(result.check);
  };
  const fake = await startFake();
  try {
    for (let round = 0; round < options.runs; round++) {
      const run = `${round + 1}/${options.runs}`;
      record(reference, await ceilingOnce(fake, run, options));
      for (const [i, variant] of variants.entries())
        record(rows[i]!, await dispatchMeasured(fake, variant, run, options));
    }
  } finally {
    fake.stop();
  }
  console.log(
    `\n### Messaging dispatch: ${options.messages.toLocaleString('en')} queued SMS, batch ${options.batch}, ${options.concurrency} in flight per worker (${machine()})\n`,
  );
  console.log(
    '| variant | median messages/s | runs (messages/s) | peak RSS MiB (per process) | vs HTTP ceiling (median of rounds) |',
  );
  console.log('|---|---|---|---|---|');
  const perSecond = (s: number) => Math.round(options.messages / s).toLocaleString('en');
  for (const row of [reference, ...rows]) {
    const ratio = median(row.seconds.map((s, r) => reference.seconds[r]! / s));
    console.log(
      `| ${row.label} | ${perSecond(median(row.seconds))} | ${row.seconds.map(perSecond).join(', ')} | ${row.peakRssMiB} | ${ratio.toFixed(2)} |`,
    );
  }
  console.log('\nChecked after every dispatcher run, at the fake and in the database:');
  for (const row of rows) console.log(`- ${row.label}: ${row.checks.join('; ')}`);
}

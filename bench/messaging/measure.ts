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

async function dispatchVariant(
  fake: Fake,
  database: 'sqlite' | 'postgres',
  workers: number,
  options: MessagingBenchOptions,
): Promise<Row> {
  const row: Row = {
    label: `${database === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${workers} worker${workers > 1 ? 's' : ''}`,
    seconds: [],
    peakRssMiB: 0,
    checks: [],
  };
  for (let run = 0; run < options.runs; run++) {
    const built = await runChild('bench/messaging/enqueue-once.ts', [
      '--database',
      database,
      '--messages',
      String(options.messages),
    ]);
    const url = String(built.url);
    try {
      await fake.ask('reset');
      const result = await dispatchRun(url, fake.url, workers, options);
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
        `  ${row.label} run ${run + 1}/${options.runs}: load ${built.seconds.toFixed(1)} s, dispatch ${result.seconds.toFixed(2)} s = ${Math.round(options.messages / result.seconds)}/s, ${result.peakRssMiB} MiB; ${exact ? 'exactly once' : 'NOT EXACTLY ONCE'}: ${check}\n`,
      );
      if (!exact) throw new Error(`${row.label}: not exactly one SMS per recipient: ${check}`);
      row.seconds.push(result.seconds);
      row.peakRssMiB = Math.max(row.peakRssMiB, result.peakRssMiB);
      row.checks.push(check);
    } finally {
      await dropBenchDatabase(url);
    }
  }
  return row;
}

async function ceiling(fake: Fake, options: MessagingBenchOptions): Promise<Row> {
  const row: Row = {
    label: 'HTTP ceiling: the same requests, no database (reference)',
    seconds: [],
    peakRssMiB: 0,
    checks: [],
  };
  for (let run = 0; run < options.runs; run++) {
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
      `  ceiling run ${run + 1}/${options.runs}: ${result.seconds.toFixed(2)} s = ${Math.round(options.messages / result.seconds)}/s, ${result.peakRssMiB} MiB\n`,
    );
    row.seconds.push(result.seconds);
    row.peakRssMiB = Math.max(row.peakRssMiB, result.peakRssMiB);
  }
  return row;
}

/** Runs the variants, runs interleaved with the ceiling's, and prints the Markdown table. */
export async function messagingBench(options: MessagingBenchOptions): Promise<void> {
  const fake = await startFake();
  try {
    const reference = await ceiling(fake, options);
    const rows = [await dispatchVariant(fake, 'sqlite', 1, options)];
    if (options.postgres) {
      rows.push(await dispatchVariant(fake, 'postgres', 1, options));
      rows.push(await dispatchVariant(fake, 'postgres', 2, options));
    }
    const ref = median(reference.seconds);
    console.log(
      `\n### Messaging dispatch: ${options.messages.toLocaleString('en')} queued SMS, batch ${options.batch}, ${options.concurrency} in flight per worker (${machine()})\n`,
    );
    console.log(
      '| variant | median messages/s | runs (messages/s) | peak RSS MiB (per process) | vs HTTP ceiling |',
    );
    console.log('|---|---|---|---|---|');
    for (const row of [reference, ...rows]) {
      const m = median(row.seconds);
      console.log(
        `| ${row.label} | ${Math.round(options.messages / m).toLocaleString('en')} | ${row.seconds.map((s) => Math.round(options.messages / s).toLocaleString('en')).join(', ')} | ${row.peakRssMiB} | ${(ref / m).toFixed(2)} |`,
      );
    }
    console.log('\nChecked after every dispatcher run, at the fake and in the database:');
    for (const row of rows) console.log(`- ${row.label}: ${row.checks.join('; ')}`);
  } finally {
    fake.stop();
  }
}

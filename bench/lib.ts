import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { type Database, openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

// Shared by the benchmarks: each measured run is its own process, so its peak RSS is its own.

export interface Measurement {
  readonly seconds: number;
  readonly peakRssMiB: number;
  readonly [key: string]: unknown;
}

/** Runs a bench script in a child process; it prints one JSON line with its figures last. */
export function runChild(
  script: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`${script} ${args.join(' ')} exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Measurement);
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function peakRssMiB(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function machine(): string {
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/**
 * A new, empty, migrated database for one bench run: a temporary SQLite file, or a schema of its
 * own on the PostgreSQL at LAOKE_BENCH_PG_URL (default the local test database). `cleanup` drops it.
 */
export async function benchDatabase(
  kind: string | undefined,
  name: string,
): Promise<{ database: Database; url: string; cleanup: () => Promise<void> }> {
  let url: string;
  let drop: () => Promise<void>;
  if (kind === 'postgres') {
    const base = process.env.LAOKE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const schema = `laoke_bench_${name}_${process.pid}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    await admin(`create schema ${schema}`);
    url = `${base}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    drop = () => admin(`drop schema ${schema} cascade`);
  } else {
    const dir = mkdtempSync(join(tmpdir(), `laoke-bench-${name}-`));
    url = `sqlite:${join(dir, 'bench.db')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  }
  const database = await openDatabase(url);
  await migrateToLatest(database);
  return {
    database,
    url,
    cleanup: async () => {
      await database.close();
      await drop();
    },
  };
}

/** Drops a bench database by its URL: the SQLite file's folder, or the PostgreSQL schema. */
export async function dropBenchDatabase(url: string): Promise<void> {
  if (url.startsWith('sqlite:')) {
    rmSync(dirname(url.slice('sqlite:'.length)), { recursive: true, force: true });
    return;
  }
  const parsed = new URL(url);
  const schema = /search_path=(\w+)/.exec(decodeURIComponent(parsed.searchParams.get('options') ?? ''))?.[1];
  if (!schema) return;
  parsed.search = '';
  const client = new pg.Client({ connectionString: parsed.toString() });
  await client.connect();
  await client.query(`drop schema ${schema} cascade`);
  await client.end();
}

/**
 * Runs `call` once and times it; with `profilePath`, writes a CPU profile of that call alone (open
 * it in Chrome's DevTools) there.
 */
export async function timedCall<T>(
  call: () => Promise<T>,
  profilePath?: string,
): Promise<{ result: T; seconds: number }> {
  const profiler = profilePath ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const started = performance.now();
  const result = await call();
  const seconds = (performance.now() - started) / 1000;
  if (profiler && profilePath) {
    const { profile } = await profiler.post('Profiler.stop');
    writeFileSync(profilePath, JSON.stringify(profile));
    profiler.disconnect();
  }
  return { result, seconds };
}

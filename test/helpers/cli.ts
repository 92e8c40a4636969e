import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { vi } from 'vitest';

// The CLI as a user runs it: a child process with exit codes, stdout and stderr, against a
// database of its own (a temp SQLite file, or a fresh PostgreSQL schema when LAOKE_TEST_PG_URL is
// set). Shared by the CLI tests of every module.

// A CLI test runs several child processes, each starting the CLI through tsx (2–4 s of CPU); with
// other test files on the same two cores, the default 30 s per test is too tight. Importing this
// module sets the importing test file's limit.
vi.setConfig({ testTimeout: 120_000 });

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `laoke …args` to the end. */
export function laoke(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      env: { ...process.env, LAOKE_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last line of a --json run's stdout, parsed. */
export const lastJson = (run: Run) => JSON.parse(run.stdout.trim().split('\n').at(-1)!);

/** A database the CLI runs against: its URL, made before the tests and dropped after. */
export interface CliTarget {
  readonly name: 'sqlite' | 'postgres';
  url(): string;
  setUp(): Promise<void>;
  tearDown(): Promise<void>;
}

export function sqliteTarget(file = 'cli.db'): CliTarget {
  let dir = '';
  return {
    name: 'sqlite',
    url: () => `sqlite:${join(dir, file)}`,
    async setUp() {
      dir = mkdtempSync(join(tmpdir(), 'laoke-cli-'));
    },
    async tearDown() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresTarget(base: string): CliTarget {
  const schema = `laoke_cli_${randomBytes(5).toString('hex')}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: base });
    await client.connect();
    await client.query(statement);
    await client.end();
  };
  return {
    name: 'postgres',
    url: () =>
      `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    setUp: () => admin(`create schema ${schema}`),
    tearDown: () => admin(`drop schema ${schema} cascade`),
  };
}

/** SQLite always, PostgreSQL when LAOKE_TEST_PG_URL is set. */
export function cliTargets(): CliTarget[] {
  const base = process.env.LAOKE_TEST_PG_URL;
  return base ? [sqliteTarget(), postgresTarget(base)] : [sqliteTarget()];
}

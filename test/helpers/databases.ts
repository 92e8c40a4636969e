import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type Database, openDatabase, quoteIdent } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

// Integration tests run once per database: SQLite in a temp file always, PostgreSQL when
// LAOKE_TEST_PG_URL is set. In CI LAOKE_REQUIRE_PG=1 makes a missing PostgreSQL a failure.
// Each test file gets a fresh database (SQLite) or schema (PostgreSQL), dropped afterwards.

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  /** Opens a fresh, migrated database for the calling test file; closed and dropped after it. */
  open(): Promise<Database>;
}

const pgUrl = process.env.LAOKE_TEST_PG_URL;
let noticePrinted = false;

export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', open: openSqliteForTest }];
  if (pgUrl) {
    list.push({ name: 'postgres', open: () => openPostgresForTest(pgUrl) });
  } else if (process.env.LAOKE_REQUIRE_PG === '1') {
    throw new Error('LAOKE_REQUIRE_PG=1 but LAOKE_TEST_PG_URL is not set: PostgreSQL tests cannot run');
  } else if (!noticePrinted) {
    noticePrinted = true;
    console.warn('[laoke] LAOKE_TEST_PG_URL is not set: PostgreSQL integration tests are skipped');
  }
  return list;
}

async function openSqliteForTest(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'laoke-test-'));
  const database = await openDatabase(`sqlite:${join(dir, 'test.db')}`);
  await migrateToLatest(database);
  const close = database.close;
  return Object.assign(database, {
    close: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

async function openPostgresForTest(url: string): Promise<Database> {
  const schema = `laoke_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${quoteIdent(schema)}`);
  await admin.end();
  const database = await openDatabase(url, { postgresSchema: schema, poolSize: 4 });
  await migrateToLatest(database);
  const close = database.close;
  return Object.assign(database, {
    close: async () => {
      await close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${quoteIdent(schema)} cascade`);
      await cleanup.end();
    },
  });
}

/**
 * Declares the suite body once per database with a fresh database opened before it.
 * `get()` returns the open database inside tests.
 */
export function withTestDatabase(testDatabase: TestDatabase): { get(): Database } {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await testDatabase.open();
  });
  afterAll(async () => {
    await database?.close();
  });
  return {
    get() {
      if (!database) throw new Error('The test database is not open yet (use it inside a test)');
      return database;
    },
  };
}

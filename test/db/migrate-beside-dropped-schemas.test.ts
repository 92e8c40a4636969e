import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, quoteIdent } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

// Many processes share one PostgreSQL: tests drop their schemas as others start. A start that
// migrates its own schema must not fail because another schema vanished while it looked around
// (CI once failed with `schema "laoke_test_…" does not exist` from Kysely's introspection of every
// schema).
const pgUrl = process.env.LAOKE_TEST_PG_URL;

describe.skipIf(!pgUrl)('migrations on postgres beside schemas being dropped', () => {
  it('migrates its own schema while other schemas come and go', async () => {
    const url = pgUrl!;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const prefix = `laoke_churn_${randomBytes(4).toString('hex')}`;
    let churning = true;
    let churned = 0;
    // Another "process" creating and dropping schemas with serial tables, as fast as it can.
    const churn = (async () => {
      while (churning) {
        const name = `${prefix}_${churned++}`;
        await admin.query(
          `create schema ${name}; ${Array.from({ length: 20 }, (_, i) => `create table ${name}.t${i} (id serial primary key, v text);`).join(' ')}`,
        );
        await admin.query(`drop schema ${name} cascade`);
      }
    })();
    const failures: string[] = [];
    try {
      for (let round = 0; round < 12; round++) {
        const schema = `laoke_mig_${randomBytes(5).toString('hex')}`;
        await admin.query(`create schema ${quoteIdent(schema)}`).catch(() => undefined);
        const database = await openDatabase(url, { postgresSchema: schema, poolSize: 2 });
        try {
          await migrateToLatest(database);
          // A second start finds everything in place.
          expect((await migrateToLatest(database)).applied).toEqual([]);
        } catch (error) {
          failures.push(String(error));
        } finally {
          await database.close();
          const cleanup = new pg.Client({ connectionString: url });
          await cleanup.connect();
          await cleanup.query(`drop schema ${quoteIdent(schema)} cascade`);
          await cleanup.end();
        }
      }
    } finally {
      churning = false;
      await churn;
      await admin.end();
    }
    expect(churned).toBeGreaterThan(12);
    expect(failures).toEqual([]);
  }, 120_000);
});

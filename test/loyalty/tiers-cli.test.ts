import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { previewTiers } from '../../src/loyalty/tier-service.js';
import type { StoreId } from '../../src/shared/ids.js';
import { systemClock } from '../../src/shared/time.js';
import { testConfig } from '../helpers/app.js';
import { lastJson as json, laoke as run } from '../helpers/cli.js';

const laoke = (args: readonly string[]) => run(args, { LAOKE_DEMO_PASSWORD: 'demo-password' });

// `laoke tiers apply|show` as a user runs them, a child process on each database: a refusal with
// its code before the store has tiers, then the members per tier the what-if computes, audited as cli.

interface Target {
  readonly name: string;
  readonly url: string;
  readonly schema?: string;
  tearDown(): Promise<void>;
}

async function targets(): Promise<Target[]> {
  const dir = mkdtempSync(join(tmpdir(), 'laoke-tiers-cli-'));
  const list: Target[] = [
    {
      name: 'sqlite',
      url: `sqlite:${join(dir, 'cli.db')}`,
      tearDown: async () => rmSync(dir, { recursive: true }),
    },
  ];
  const base = process.env.LAOKE_TEST_PG_URL;
  if (base) {
    const schema = `laoke_tiers_cli_${randomBytes(5).toString('hex')}`;
    const admin = async (statement: string) => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(statement);
      await client.end();
    };
    await admin(`create schema ${schema}`);
    list.push({
      name: 'postgres',
      url: `${base}${base.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
      schema,
      tearDown: () => admin(`drop schema ${schema} cascade`),
    });
  }
  return list;
}

const all = await targets();
afterAll(async () => {
  for (const target of all) await target.tearDown();
});

for (const target of all) {
  describe(`laoke tiers on ${target.name}`, { timeout: 60_000 }, () => {
    const db = ['--db', target.url];
    const store = ['--store', '会员演示'];
    let storeId: StoreId;

    beforeAll(async () => {
      const demo = await laoke([
        ...db,
        'demo',
        '--customers',
        '60',
        '--seed',
        '5',
        '--until',
        '2026-11-20',
        '--name',
        '会员演示',
        '--json',
      ]);
      expect(demo.code, `${demo.stderr}${demo.stdout}`).toBe(0);
      storeId = json(demo).storeId;
    }, 120_000);

    it('refuses to apply before the store has tiers, with the code and exit 1', async () => {
      const run = await laoke([...db, ...store, 'tiers', 'apply', '--json']);
      expect(run.code).toBe(1);
      expect(json(run).error.code).toBe('loyalty.no_tiers');
      const shown = await laoke([...db, ...store, 'tiers', 'show']);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('No tiers set up yet');
    });

    it('applies the tiers: the members per tier are the what-if’s, and the refresh is audited as cli', async () => {
      const database = await openDatabase(target.url, target.schema ? { postgresSchema: target.schema } : {});
      const ctx = { database, clock: systemClock, config: testConfig() };
      const input = {
        basis: 'both' as const,
        period: 'all' as const,
        tiers: [
          { name: '银卡', minSpent: 10_000, minOrders: 2, pricePercent: 98, benefits: '' },
          { name: '金卡', minSpent: 50_000, minOrders: 4, pricePercent: 95, benefits: '' },
        ],
      };
      let expected: Awaited<ReturnType<typeof previewTiers>>;
      try {
        expected = await previewTiers(ctx, storeId, input);
        const now = systemClock.now();
        await database.db
          .insertInto('tier_schemes')
          .values({
            store_id: storeId,
            basis: 'both',
            period: 'all',
            applied_at: null,
            updated_at: now,
            updated_by: 'test',
          })
          .execute();
        await database.db
          .insertInto('tiers')
          .values(
            input.tiers.map((tier, rank) => ({
              store_id: storeId,
              id: rank + 1,
              rank,
              name: tier.name,
              min_spent: tier.minSpent as never,
              min_orders: tier.minOrders,
              price_percent: tier.pricePercent,
              benefits: '',
            })),
          )
          .execute();
      } finally {
        await database.close();
      }
      const members = expected.tiers.reduce((sum, tier) => sum + tier.customers, 0);
      expect(members).toBeGreaterThan(0);
      const run = await laoke([...db, ...store, 'tiers', 'apply', '--json']);
      expect(run.code, run.stderr).toBe(0);
      expect(json(run)).toMatchObject({ members, up: members, down: 0 });
      const again = await laoke([...db, ...store, 'tiers', 'apply']);
      expect(again.stdout).toContain(
        `${members.toLocaleString('en')} members in tiers; 0 moved up, 0 moved down.`,
      );
      const shown = json(await laoke([...db, ...store, 'tiers', 'show', '--json']));
      expect(
        shown.scheme.tiers.map((tier: { name: string; members: number }) => [tier.name, tier.members]),
      ).toEqual(expected.tiers.map((tier) => [tier.name, tier.customers]));
      expect(shown.scheme.noTier).toBe(expected.none);
      const check = await openDatabase(target.url, target.schema ? { postgresSchema: target.schema } : {});
      try {
        const audit = await check.db
          .selectFrom('audit_log')
          .select(['actor_label', 'details'])
          .where('store_id', '=', storeId)
          .where('action', '=', 'tiers.applied')
          .orderBy('id')
          .execute();
        expect(audit.map((entry) => [entry.actor_label, JSON.parse(entry.details)])).toEqual([
          ['cli', { reason: 'apply', up: members, down: 0 }],
          ['cli', { reason: 'apply', up: 0, down: 0 }],
        ]);
      } finally {
        await check.close();
      }
    });
  });
}

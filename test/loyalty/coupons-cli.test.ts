import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { instant } from '../../src/shared/time.js';
import { createStore } from '../../src/stores/service.js';
import { addUser, testContext } from '../helpers/app.js';
import { lastJson as json, laoke } from '../helpers/cli.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// laoke coupons as a user runs it: a child process on a SQLite file with five buyers and a saved
// audience of them. The services under it are tested on both databases in coupons.test.ts; this
// checks the wiring, the yuan-to-fen arguments and the refusals with exit codes.

describe('laoke coupons', () => {
  let dir: string;
  let url: string;
  const run = (...args: string[]) =>
    laoke(['--db', url, 'coupons', ...args, '--store', '老客茶铺', '--json']);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'laoke-coupons-cli-'));
    url = `sqlite:${join(dir, 'cli.db')}`;
    const database = await openDatabase(url);
    await migrateToLatest(database);
    const ctx = testContext(database);
    const owner = await addUser(ctx, 'owner');
    const storeId = await createStore(ctx, cliActor(owner), owner, { name: '老客茶铺', platform: 'taobao' });
    for (const key of ['甲', '乙', '丙', '丁', '戊'])
      await insertCustomerWithOrders(database.db, storeId, key, [
        { at: '2026-10-01T02:00:00Z', net: 10_000 },
      ]);
    await database.db
      .insertInto('audiences')
      .values({
        store_id: storeId,
        id: 1,
        name: '老客',
        definition: JSON.stringify({ where: { type: 'orderCount', min: 1 } }),
        created_at: instant(Date.now()),
        created_by: 'cli',
        updated_at: instant(Date.now()),
        updated_by: 'cli',
      })
      .execute();
    await database.close();
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a batch from yuan amounts, issues it to an audience within its total, and reports it', async () => {
    const created = await run(
      'create',
      '--name',
      '新年券',
      '--amount-off',
      '20',
      '--threshold',
      '199.5',
      '--from',
      '2026-01-01',
      '--to',
      '2099-12-31',
      '--total',
      '3',
    );
    expect(created.code, created.stderr + created.stdout).toBe(0);
    expect(json(created)).toMatchObject({
      id: 1,
      amountOff: 2_000,
      threshold: 19_950,
      faceValue: '满199.5减20',
    });
    const issued = await run('issue', '1', '--audience', '1');
    expect(json(issued)).toMatchObject({ members: 5, issued: 3, customers: 3, outOfStock: 2, remaining: 0 });
    const report = await run('report', '1');
    expect(json(report)).toMatchObject({ issued: 3, redeemed: 0, rate: 0, revenue: 0, cost: 0 });
    const text = await laoke(['--db', url, 'coupons', 'report', '1', '--store', '老客茶铺']);
    expect(text.stdout).toContain('issued 发放     3');
  }, 60_000);

  it('refuses a bad amount with exit 2, and an unknown batch with exit 1', async () => {
    const bad = await run(
      'create',
      '--name',
      'x',
      '--amount-off',
      '20元',
      '--from',
      '2026-01-01',
      '--to',
      '2026-02-01',
      '--total',
      '3',
    );
    expect(bad.code).toBe(2);
    expect(json(bad).error).toMatchObject({ code: 'cli.invalid_argument' });
    const unknown = await run('report', '9');
    expect(unknown.code).toBe(1);
    expect(json(unknown).error).toMatchObject({ code: 'coupon.batch_not_found' });
  }, 60_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliTargets, lastJson as json, laoke } from '../helpers/cli.js';

// laoke promo plan|progress as a user runs it: a child process, exit codes, JSON on stdout.

const targets = cliTargets();

for (const target of targets) {
  describe(`laoke promo on ${target.name}`, () => {
    beforeAll(async () => {
      await target.setUp();
      const db = ['--db', target.url()];
      const user = await laoke([...db, 'user', 'add', 'wang', '--json'], {
        LAOKE_PASSWORD: 'a good password',
      });
      expect(user.code, user.stderr).toBe(0);
      const store = await laoke([...db, 'store', 'create', '大促店', '--owner', 'wang', '--json']);
      expect(store.code, store.stderr).toBe(0);
    }, 60_000);
    afterAll(() => target.tearDown());
    const promo = (...args: string[]) =>
      laoke(['--db', target.url(), '--store', '大促店', 'promo', ...args, '--json']);

    it('creates the 11.11 plan once, then shows it, with its targets', async () => {
      const first = await promo('plan', '--event', '1111', '--year', '2026');
      expect(first.code, first.stderr).toBe(0);
      const body = json(first);
      expect(body.created).toBe(true);
      expect(body.plan.phases.map((p: { from: string; to: string }) => `${p.from}..${p.to}`)).toEqual([
        '2026-09-01..2026-10-31',
        '2026-11-01..2026-11-10',
        '2026-11-11..2026-11-11',
        '2026-11-12..2026-11-20',
      ]);
      expect(body.targets.forecast).toEqual({ oldRevenue: 0, newRevenue: 0, oldBuyers: 0, newBuyers: 0 });
      const again = await promo('plan', '--event', '1111', '--year', '2026');
      expect(again.code, again.stderr).toBe(0);
      expect(json(again)).toMatchObject({ created: false, plan: { id: body.plan.id } });
    }, 60_000);

    it('shows progress of a plan, and refuses an unknown event or a missing plan', async () => {
      const progress = await promo('progress', '--event', '1111', '--year', '2026');
      expect(progress.code, progress.stderr).toBe(0);
      expect(json(progress).total.old).toEqual({ revenue: 0, buyers: 0, orders: 0 });
      expect(json(progress).phases).toHaveLength(4);
      const unknown = await promo('plan', '--event', '1111; drop table orders', '--year', '2026');
      expect(unknown.code).toBe(2);
      expect(json(unknown).error.code).toBe('cli.invalid_argument');
      const missing = await promo('progress', '--event', '618', '--year', '2026');
      expect(missing.code).toBe(1);
      expect(json(missing).error.code).toBe('promotion.not_found');
    }, 60_000);
  });
}

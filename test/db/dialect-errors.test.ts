import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import { isUniqueViolation } from '../../src/db/dialect/errors.js';
import { createStore } from '../../src/stores/service.js';
import { addUser, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

for (const testDatabase of testDatabases()) {
  describe(`unique violations on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);

    it('are recognised from the database’s own error', async () => {
      const { db } = handle.get();
      const now = Date.UTC(2026, 0, 1) as never;
      const row = {
        name: 'dup',
        platform: 'other' as const,
        currency: 'CNY',
        time_zone: 'Asia/Shanghai',
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('stores').values(row).execute();
      const failure = await db
        .insertInto('stores')
        .values(row)
        .execute()
        .catch((thrown: unknown) => thrown);
      expect(isUniqueViolation(failure)).toBe(true);
      expect(isUniqueViolation(new Error('something else'))).toBe(false);
    });

    it('turn a lost race for a store name into store.name_taken', async () => {
      const ctx = testContext(handle.get());
      const owner = await addUser(ctx, 'racer');
      const attempts = await Promise.allSettled(
        Array.from({ length: 4 }, () =>
          createStore(ctx, cliActor(owner), owner, { name: '抢注店', platform: 'jd' }),
        ),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
      for (const attempt of attempts) {
        if (attempt.status === 'rejected') expect(attempt.reason).toMatchObject({ code: 'store.name_taken' });
      }
    });
  });
}

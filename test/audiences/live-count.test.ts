import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../src/audiences/definition.js';
import { audienceScope } from '../../src/audiences/service.js';
import { LiveCounter } from '../../src/audiences/snapshot/counter.js';
import { evaluable } from '../../src/audiences/snapshot/evaluate.js';
import { type Database, parseDatabaseUrl } from '../../src/db/database.js';
import { storeChangesOf } from '../../src/db/store-changes.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import { instant } from '../../src/shared/time.js';
import { type OwnerSession, openOwnerSession, REFERENCE_NOW, testApp, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertBareStore, insertCustomerWithOrders } from '../helpers/fixtures.js';

// The live count's snapshot: exact while the store is unchanged, and it notices every committed
// write — through the app, through another connection or process — before answering again.
// Older snapshots answer only within the allowed age, marked as not current.

const tagged: AudienceDefinition = { where: { type: 'tag', tag: 'VIP' } };
const buyers: AudienceDefinition = { where: { type: 'orderCount', min: 1 } };

for (const testDatabase of testDatabases()) {
  describe(`live counts on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let session: OwnerSession;
    const ids: number[] = [];
    let clock = REFERENCE_NOW;

    beforeAll(async () => {
      session = await openOwnerSession(handle.get(), '母婴店');
      for (let i = 0; i < 5; i++)
        ids.push(
          await insertCustomerWithOrders(handle.get().db, session.storeId, `c${i}`, [
            { at: '2026-10-01T04:00:00.000Z', net: 10_000 },
          ]),
        );
    });

    const counterWith = (maxAgeMs: number) =>
      new LiveCounter(handle.get(), { stores: 2, maxAgeMs, rebuildEveryMs: 0, now: () => clock });

    async function liveCount(
      counter: LiveCounter,
      definition: AudienceDefinition,
      storeId = session.storeId,
    ) {
      const store = await handle
        .get()
        .db.selectFrom('stores')
        .selectAll()
        .where('id', '=', storeId)
        .executeTakeFirstOrThrow();
      const scope = await audienceScope(handle.get().db, store, definition, clock as never);
      return counter.count(storeId, definition, scope, 100);
    }

    async function tag(customerId: number, database: Database = handle.get()) {
      await database.db
        .insertInto('customer_tags')
        .values({
          store_id: session.storeId,
          customer_id: customerId as CustomerId,
          tag: 'VIP',
          created_at: clock as never,
        })
        .execute();
    }

    it('answers exactly from a snapshot of an unchanged store, and from the database after a write', async () => {
      const counter = counterWith(0);
      expect(await liveCount(counter, tagged)).toBeNull(); // none yet: the database answers, one is read
      await counter.warm(session.storeId);
      expect(await liveCount(counter, buyers)).toEqual({ count: 5, sample: ids, asOf: clock, current: true });
      expect(await liveCount(counter, tagged)).toMatchObject({ count: 0, current: true });

      await tag(ids[0]!);
      expect(await liveCount(counter, tagged)).toBeNull(); // changed: not trusted at age 0
      await counter.warm(session.storeId);
      expect(await liveCount(counter, tagged)).toMatchObject({ count: 1, sample: [ids[0]], current: true });
    });

    it('lets a snapshot answer within the allowed age once the store changed, marked not current', async () => {
      const counter = counterWith(60_000);
      await counter.warm(session.storeId);
      const before = (await liveCount(counter, tagged))!;
      expect(before.current).toBe(true);
      await tag(ids[1]!);
      clock += 30_000;
      expect(await liveCount(counter, tagged)).toMatchObject({
        count: before.count,
        current: false,
        asOf: before.asOf,
      });
      clock += 31_000; // past the allowed age: the database answers
      expect(await liveCount(counter, tagged)).toBeNull();
      await counter.warm(session.storeId);
      expect(await liveCount(counter, tagged)).toMatchObject({ count: before.count + 1, current: true });
    });

    it('notices a write committed by another connection', async () => {
      const counter = counterWith(0);
      await counter.warm(session.storeId);
      const before = (await liveCount(counter, tagged))!;
      const database = handle.get();
      if (database.dialect === 'sqlite') {
        const other = new BetterSqlite3(database.sqlite.name);
        other
          .prepare('insert into customer_tags (store_id, customer_id, tag, created_at) values (?, ?, ?, ?)')
          .run(session.storeId, ids[2], 'VIP', clock);
        other.close();
      } else {
        const target = parseDatabaseUrl(database.reopen.url);
        if (target.dialect !== 'postgres') throw new Error('unexpected');
        const other = new pg.Client({ connectionString: target.connectionString });
        await other.connect();
        await other.query(`set search_path to "${database.schema}"`);
        await other.query('begin');
        await other.query(
          'insert into customer_tags (store_id, customer_id, tag, created_at) values ($1, $2, $3, $4)',
          [session.storeId, ids[2], 'VIP', clock],
        );
        // Not committed yet: nothing to see, and the snapshot still answers.
        expect(await liveCount(counter, tagged)).toMatchObject({ count: before.count, current: true });
        await other.query('commit');
        await other.end();
      }
      expect(await liveCount(counter, tagged)).toBeNull();
      await counter.warm(session.storeId);
      expect(await liveCount(counter, tagged)).toMatchObject({ count: before.count + 1, current: true });
    });

    it('keeps the markers of other stores still on PostgreSQL, and moves every marker on SQLite', async () => {
      const database = handle.get();
      const ctx = testContext(database);
      const other = {
        id: await insertBareStore(ctx.database.db, '别家', { platform: 'jd', at: instant(clock) }),
      };
      const changes = storeChangesOf(database);
      const mine = await changes.marker(session.storeId);
      const theirs = await changes.marker(other.id);
      await tag(ids[3]!);
      expect(await changes.marker(session.storeId)).not.toBe(mine);
      if (database.dialect === 'postgres') expect(await changes.marker(other.id)).toBe(theirs);
      else expect(await changes.marker(other.id)).not.toBe(theirs);
    });

    it('leaves to the database what it cannot evaluate, and keeps only so many stores', async () => {
      expect(evaluable({ where: { type: 'future' } } as never, new Map())).toBe(false);
      expect(evaluable(tagged, new Map())).toBe(true);
      expect(evaluable({ where: { type: 'audience', id: 7 } }, new Map())).toBe(false);
      const counter = new LiveCounter(handle.get(), {
        stores: 1,
        maxAgeMs: 0,
        rebuildEveryMs: 0,
        now: () => clock,
      });
      await counter.warm(session.storeId);
      expect(counter.status(session.storeId).customers).toBe(5);
      await counter.warm(99 as StoreId);
      expect(counter.status(session.storeId).customers).toBe(0); // evicted
    });

    it('serves the builder through the API with when the data was read', async () => {
      const app = await testApp(
        testContext(handle.get(), { env: { LAOKE_LIVE_COUNT_MAX_AGE_SECONDS: '0' } }),
      );
      const ask = async () => {
        const response = await app.inject({
          method: 'POST',
          url: `/api/stores/${session.storeId}/audiences/count`,
          headers: { cookie: session.cookie },
          payload: { definition: buyers },
        });
        expect(response.statusCode, response.body).toBe(200);
        return response.json();
      };
      expect(await ask()).toEqual({ count: 5, sample: ids, asOf: REFERENCE_NOW, current: true });
      await app.close();
    });
  });
}

import { beforeAll, describe, expect, it } from 'vitest';
import type { AudienceDefinition } from '../../src/audiences/definition.js';
import { freezeAudience } from '../../src/audiences/service.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import { instant } from '../../src/shared/time.js';
import { addServiceSession, expectError, type OwnerSession, openOwnerSession } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// Audiences through the API on a hand-made store: the calendar-day edges in the store's time zone
// (midnight, birthdays, "the last promotion"), saved audiences with exclusions and circles refused,
// members, export, and the frozen member list. "Now" is 2026-11-24 10:00 in Asia/Shanghai.

// Each customer's one purchase, and what the edges below expect of it.
const shanghai = {
  lateYesterday: '2026-11-23T15:59:59.999Z', // 11-23 23:59:59.999 in Shanghai: 1 day ago
  earlyToday: '2026-11-23T16:00:00.000Z', // 11-24 00:00 in Shanghai: today
  promotionFirstDay: '2026-10-31T16:00:00.000Z', // 11-01 00:00: inside 11.11 (11-01..11-11)
  beforePromotion: '2026-10-31T15:59:59.999Z', // 10-31 23:59:59.999
  promotionLastMoment: '2026-11-11T15:59:59.999Z', // 11-11 23:59:59.999
  afterPromotion: '2026-11-11T16:00:00.000Z', // 11-12 00:00
} as const;

for (const testDatabase of testDatabases()) {
  describe(`audiences on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let session: OwnerSession;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      session = await openOwnerSession(handle.get(), '母婴店');
      const { db } = handle.get();
      for (const [key, at] of Object.entries(shanghai))
        ids[key] = await insertCustomerWithOrders(db, session.storeId, key, [{ at, net: 10_000 }]);
      // Birthdays: 26 today, and 26 tomorrow.
      await db
        .updateTable('customers')
        .set({ birth_year: 2000, birth_month: 11, birth_day: 24 })
        .where('store_id', '=', session.storeId)
        .where('id', '=', ids.lateYesterday as CustomerId)
        .execute();
      await db
        .updateTable('customers')
        .set({ birth_year: 2000, birth_month: 11, birth_day: 25 })
        .where('store_id', '=', session.storeId)
        .where('id', '=', ids.earlyToday as CustomerId)
        .execute();
    });

    async function count(definition: unknown) {
      const response = await session.app.inject({
        method: 'POST',
        url: `/api/stores/${session.storeId}/audiences/count`,
        headers: { cookie: session.cookie },
        payload: { definition },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as { count: number; sample: number[] };
    }
    const members = async (where: unknown) => (await count({ where })).sample;

    describe('calendar days in the store time zone', () => {
      it('counts days since the last purchase by local midnight', async () => {
        expect(await members({ type: 'daysSinceLastOrder', max: 0 })).toEqual([ids.earlyToday]);
        expect(await members({ type: 'daysSinceLastOrder', min: 1, max: 1 })).toEqual([ids.lateYesterday]);
      });

      it('takes a "to" date as the whole local day', async () => {
        expect(await members({ type: 'lastOrderDate', from: '2026-11-23', to: '2026-11-23' })).toEqual([
          ids.lateYesterday,
        ]);
        expect(await members({ type: 'lastOrderDate', from: { daysAgo: 0 } })).toEqual([ids.earlyToday]);
      });

      it('finds the first purchases inside the last promotion, both ends included', async () => {
        const inside = await members({
          type: 'firstOrderDate',
          from: { lastPromotion: 'start' },
          to: { lastPromotion: 'end' },
        });
        expect(inside).toEqual([ids.promotionFirstDay, ids.promotionLastMoment]);
      });

      it('turns a customer a year older on their birthday', async () => {
        expect(await members({ type: 'age', min: 26 })).toEqual([ids.lateYesterday]);
        expect(await members({ type: 'age', max: 25 })).toEqual([ids.earlyToday]);
        expect(await members({ type: 'birthdayMonth', month: 'current' })).toHaveLength(2);
      });

      it('reads the same instant as another day in another time zone', async () => {
        const zone = (time_zone: string) =>
          handle
            .get()
            .db.updateTable('stores')
            .set({ time_zone })
            .where('id', '=', session.storeId)
            .execute();
        await zone('America/Los_Angeles');
        try {
          // Now is 11-23 18:00 in Los Angeles; both purchases fell on 11-23 there.
          expect(await members({ type: 'daysSinceLastOrder', max: 0 })).toEqual([
            ids.lateYesterday,
            ids.earlyToday,
          ]);
        } finally {
          await zone('Asia/Shanghai');
        }
      });
    });

    describe('saved audiences', () => {
      let recent: number;

      it('saves a definition and lists its members, masked', async () => {
        const response = await session.app.inject({
          method: 'POST',
          url: `/api/stores/${session.storeId}/audiences`,
          headers: { cookie: session.cookie },
          payload: { name: '近两天', definition: { where: { type: 'daysSinceLastOrder', max: 1 } } },
        });
        expect(response.statusCode, response.body).toBe(201);
        recent = (response.json() as { id: number }).id;
        const page = await session.app.inject({
          method: 'GET',
          url: `/api/stores/${session.storeId}/audiences/${recent}/members?pageSize=1&page=2`,
          headers: { cookie: session.cookie },
        });
        expect(page.statusCode, page.body).toBe(200);
        const body = page.json() as { customers: { id: number }[]; total: number };
        expect(body.total).toBe(2);
        expect(body.customers.map((c) => c.id)).toEqual([ids.earlyToday]);
      });

      it('leaves out the members of an excluded audience', async () => {
        const result = await count({ where: { type: 'orderCount', min: 1 }, exclude: [recent] });
        expect(result.count).toBe(4);
        expect(result.sample).not.toContain(ids.earlyToday);
      });

      it('refuses a circle of references', async () => {
        const other = await session.app.inject({
          method: 'POST',
          url: `/api/stores/${session.storeId}/audiences`,
          headers: { cookie: session.cookie },
          payload: {
            name: '非近两天',
            definition: { where: { type: 'not', condition: { type: 'audience', id: recent } } },
          },
        });
        expect(other.statusCode, other.body).toBe(201);
        const otherId = (other.json() as { id: number }).id;
        const circle = await session.app.inject({
          method: 'PATCH',
          url: `/api/stores/${session.storeId}/audiences/${recent}`,
          headers: { cookie: session.cookie },
          payload: { definition: { where: { type: 'orderCount', min: 1 }, exclude: [otherId] } },
        });
        expectError(circle, 400, 'audience.cycle');
        const inUse = await session.app.inject({
          method: 'DELETE',
          url: `/api/stores/${session.storeId}/audiences/${recent}`,
          headers: { cookie: session.cookie },
        });
        expectError(inUse, 409, 'audience.in_use');
      });

      it('refuses a second audience of the same name', async () => {
        const response = await session.app.inject({
          method: 'POST',
          url: `/api/stores/${session.storeId}/audiences`,
          headers: { cookie: session.cookie },
          payload: { name: '近两天', definition: { where: { type: 'core' } } },
        });
        expectError(response, 409, 'audience.name_taken');
      });

      it('exports the members and records the export in the audit log', async () => {
        const response = await session.app.inject({
          method: 'GET',
          url: `/api/stores/${session.storeId}/audiences/${recent}/export?format=csv`,
          headers: { cookie: session.cookie },
        });
        expect(response.statusCode).toBe(200);
        expect(response.body.trim().split('\n')).toHaveLength(3);
        const audit = await handle
          .get()
          .db.selectFrom('audit_log')
          .select('details')
          .where('store_id', '=', session.storeId)
          .where('action', '=', 'customer.export')
          .execute();
        expect(audit.map((row) => JSON.parse(row.details).audience?.id)).toContain(recent);
      });

      it('lets service staff count but not save or export', async () => {
        const kefu = await addServiceSession(session);
        const save = await session.app.inject({
          method: 'POST',
          url: `/api/stores/${session.storeId}/audiences`,
          headers: { cookie: kefu },
          payload: { name: 'x', definition: { where: { type: 'core' } } },
        });
        expectError(save, 403, 'auth.forbidden');
        const exported = await session.app.inject({
          method: 'GET',
          url: `/api/stores/${session.storeId}/audiences/${recent}/export`,
          headers: { cookie: kefu },
        });
        expectError(exported, 403, 'auth.forbidden');
      });

      it('freezes the members in id order inside a transaction', async () => {
        const definition: AudienceDefinition = { where: { type: 'audience', id: recent } };
        const frozen = await handle
          .get()
          .db.transaction()
          .execute((trx) =>
            freezeAudience(trx, session.storeId as StoreId, definition, instant(Date.UTC(2026, 10, 24, 2))),
          );
        expect(frozen).toEqual([ids.lateYesterday, ids.earlyToday]);
      });
    });

    describe('validation', () => {
      const refused = async (definition: unknown) => {
        const response = await session.app.inject({
          method: 'POST',
          url: `/api/stores/${session.storeId}/audiences/count`,
          headers: { cookie: session.cookie },
          payload: { definition },
        });
        return expectError(response, 400, 'request.invalid').message;
      };

      it('names the expected fields for an unknown one', async () => {
        expect(await refused({ where: { type: 'gender', is: 'female', colour: 'red' } })).toMatch(
          /unknown field "colour"; expected type, is/,
        );
      });

      it('lists the condition types for an unknown type', async () => {
        expect(await refused({ where: { type: 'starSign', in: ['leo'] } })).toMatch(/'lifecycle'/);
      });

      it('refuses groups nested too deep', async () => {
        let where: unknown = { type: 'core' };
        for (let i = 0; i < 9; i++) where = { type: 'and', conditions: [where] };
        expect(await refused({ where })).toMatch(/nest 9 deep; at most 8/);
      });

      it('refuses an audience of another store as unknown', async () => {
        const response = await session.app.inject({
          method: 'POST',
          url: `/api/stores/${session.storeId}/audiences/count`,
          headers: { cookie: session.cookie },
          payload: { definition: { where: { type: 'audience', id: 999 } } },
        });
        expectError(response, 404, 'audience.not_found');
      });
    });

    it('offers the ready-made audiences, each one counting', async () => {
      const response = await session.app.inject({
        method: 'GET',
        url: `/api/stores/${session.storeId}/audiences/ready-made`,
        headers: { cookie: session.cookie },
      });
      const { audiences } = response.json() as { audiences: { key: string; definition: unknown }[] };
      expect(audiences.map((a) => a.key)).toContain('high_value_churning');
      for (const audience of audiences) await count(audience.definition);
      const promotion = audiences.find((a) => a.key === 'last_promotion_new')!;
      expect((await count(promotion.definition)).sample).toEqual([
        ids.promotionFirstDay,
        ids.promotionLastMoment,
      ]);
    });
  });
}

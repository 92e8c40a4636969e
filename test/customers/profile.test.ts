import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { findCustomersByKey } from '../../src/orders/import.store.js';
import type { CustomerId, StoreId } from '../../src/shared/ids.js';
import { addServiceSession, expectError, openOwnerSession } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders } from '../helpers/fixtures.js';

// The customer profile and what staff do with it: edit, reveal, contacts, follow-ups, bulk
// tags, duplicates and merging, export, erasure. "Now" is 2026-11-24 10:00 in Shanghai.

for (const testDatabase of testDatabases()) {
  describe(`the customer archive on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let app: FastifyInstance;
    let storeId: StoreId;
    let owner: string;
    let service: string;
    let alice: CustomerId;
    let bob: CustomerId;
    let bobAgain: CustomerId;

    const call = async (
      method: 'GET' | 'POST' | 'PATCH',
      path: string,
      cookie: string,
      payload?: Record<string, unknown>,
    ) =>
      app.inject({
        method,
        url: `/api/stores/${storeId}${path}`,
        headers: { cookie },
        ...(payload ? { payload } : {}),
      });

    const auditActions = async () =>
      (
        await handle
          .get()
          .db.selectFrom('audit_log')
          .select(['action', 'subject_id', 'details'])
          .where('store_id', '=', storeId)
          .orderBy('id')
          .execute()
      ).filter((entry) => entry.action.startsWith('customer.'));

    beforeAll(async () => {
      const session = await openOwnerSession(handle.get(), '档案店');
      ({ app, storeId, cookie: owner } = session);
      service = await addServiceSession(session);
      const { db } = handle.get();
      alice = await insertCustomerWithOrders(db, storeId, 'alice_tb', [
        { at: '2026-05-01T04:00:00Z', net: 12_000, items: 2 },
        { at: '2026-10-01T04:00:00Z', net: 8_000 },
      ]);
      bob = await insertCustomerWithOrders(db, storeId, 'bob_tb', [
        { at: '2026-06-01T04:00:00Z', net: 5_000 },
      ]);
      bobAgain = await insertCustomerWithOrders(db, storeId, 'bob_jd', [
        { at: '2026-07-01T04:00:00Z', net: 7_000 },
        { at: '2026-08-01T04:00:00Z', net: 3_000, status: 'closed' },
      ]);
      await db
        .updateTable('customers')
        .set({
          phone: '13812345678',
          phone_last4: '5678',
          address: '浙江省杭州市西湖区文三路100号',
          province: '浙江省',
          city: '杭州市',
          name: '王芳',
        })
        .where('store_id', '=', storeId)
        .where('id', '=', alice)
        .execute();
      await db
        .updateTable('customers')
        .set({ phone: '13900001111', phone_last4: '1111', name: '李伟', email: 'bob@example.com' })
        .where('store_id', '=', storeId)
        .where('id', 'in', [bob, bobAgain])
        .execute();
    });

    it('shows a profile with phone and address masked, for every role', async () => {
      for (const cookie of [owner, service]) {
        const body = (await call('GET', `/customers/${alice}`, cookie)).json();
        expect(body).toMatchObject({
          id: alice,
          nick: 'alice_tb',
          name: '王芳',
          phone: '138****5678',
          address: '浙江省 杭州市 ****',
          orderCount: 2,
          totalSpent: 20_000,
          itemCount: 3,
          personalDataMasked: true,
        });
        expect(body.canReveal).toBe(cookie === owner);
      }
    });

    it('reveals the full phone and address to the owner, audited, and refuses service staff', async () => {
      const revealed = await call('POST', `/customers/${alice}/reveal`, owner);
      expect(revealed.json()).toEqual({ phone: '13812345678', address: '浙江省杭州市西湖区文三路100号' });
      expectError(await call('POST', `/customers/${alice}/reveal`, service), 403, 'auth.forbidden');
      const reveals = (await auditActions()).filter((entry) => entry.action === 'customer.reveal');
      expect(reveals).toHaveLength(1);
      expect(reveals[0]!.subject_id).toBe(String(alice));
    });

    it('lets service staff reveal once the owner allows it', async () => {
      await app.inject({
        method: 'PATCH',
        url: `/api/stores/${storeId}`,
        headers: { cookie: owner },
        payload: { settings: { serviceSeesPersonalData: true } },
      });
      expect((await call('POST', `/customers/${alice}/reveal`, service)).json().phone).toBe('13812345678');
      await app.inject({
        method: 'PATCH',
        url: `/api/stores/${storeId}`,
        headers: { cookie: owner },
        payload: { settings: { serviceSeesPersonalData: false } },
      });
    });

    it('edits a profile, records before and after with the phone masked, and shows it in the timeline', async () => {
      const response = await call('PATCH', `/customers/${alice}`, owner, {
        gender: 'female',
        birthday: { year: 1990, month: 3, day: 8 },
        phone: '13811112222',
        preferences: { 颜色: '藏青', 尺码: 'M' },
        consent: { sms: true },
        tags: ['VIP', '老客', 'VIP'],
        occupation: '教师',
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        gender: 'female',
        birthday: { year: 1990, month: 3, day: 8 },
        age: 36,
        phone: '138****2222',
        preferences: { 尺码: 'M', 颜色: '藏青' },
        consent: { sms: true, email: null },
        tags: ['VIP', '老客'],
        occupation: '教师',
      });
      const update = (await auditActions()).find((entry) => entry.action === 'customer.update')!;
      const details = JSON.parse(update.details);
      expect(details.fields.sort()).toEqual(
        ['birthday', 'consent.sms', 'gender', 'occupation', 'phone', 'preferences', 'tags'].sort(),
      );
      expect(details.changes.phone).toEqual({ from: '138****5678', to: '138****2222' });
      expect(update.details).not.toContain('13811112222');

      const timeline = (await call('GET', `/customers/${alice}/timeline`, owner)).json();
      expect(timeline.events.map((event: { kind: string }) => event.kind)).toEqual([
        'change',
        'order',
        'order',
      ]);
      expect(timeline.events[0].change.details.changes.preferences.to).toEqual({ 尺码: 'M', 颜色: '藏青' });
      expect(timeline.events[1].order).toMatchObject({ netAmount: 8_000, isPurchase: true });
      expect(timeline.nextBefore).toBeNull();
    });

    it('changes nothing for an edit that sets what is there, and records nothing', async () => {
      const before = (await auditActions()).length;
      const response = await call('PATCH', `/customers/${alice}`, owner, { occupation: '教师' });
      expect(response.statusCode).toBe(200);
      expect((await auditActions()).length).toBe(before);
    });

    it('refuses invalid edits, naming the field, and changes nothing', async () => {
      const before = (await call('GET', `/customers/${alice}`, owner)).json();
      const cases: [Record<string, unknown>, string][] = [
        [{ email: 'not-an-email' }, 'email'],
        [{ birthday: { year: 1990, month: 2, day: 30 } }, 'birthday'],
        [{ birthday: { year: 1990, month: 13, day: 1 } }, 'month'],
        [{ phone: 'call me' }, 'phone'],
        [{ gender: 'unknown' }, 'gender'],
        [{ nickname: 'x' }, 'nickname'],
        [{ tags: ['x'.repeat(41)] }, 'tags'],
        [{ preferences: { 颜色: 'x'.repeat(201) } }, 'preferences'],
      ];
      for (const [payload, field] of cases) {
        const error = expectError(
          await call('PATCH', `/customers/${alice}`, owner, payload),
          400,
          'request.invalid',
        );
        expect(JSON.stringify(error), JSON.stringify(payload)).toContain(field);
      }
      expectError(await call('PATCH', `/customers/${alice}`, service, { name: 'x' }), 403, 'auth.forbidden');
      expect((await call('GET', `/customers/${alice}`, owner)).json()).toEqual(before);
      expectError(await call('GET', '/customers/999', owner), 404, 'customer.not_found');
    });

    it('keeps hostile strings as text', async () => {
      const name = `<script>alert(1)</script>'); drop table customers; --`;
      const response = await call('PATCH', `/customers/${bob}`, owner, { notes: name });
      expect(response.json().notes).toBe(name);
      expect((await call('GET', `/customers?q=bob`, owner)).json().total).toBe(2);
    });

    it('logs a contact with a follow-up, lists it for its author only, and closes it', async () => {
      const created = await call('POST', `/customers/${bob}/contacts`, service, {
        channel: 'phone',
        outcome: 'interested',
        note: '想要新款',
        followUpOn: '2026-11-23',
      });
      expect(created.statusCode, created.body).toBe(201);
      const contact = created.json();
      expect(contact).toMatchObject({ channel: 'phone', staff: { name: 'kefu' }, followUpOn: '2026-11-23' });

      const mine = (await call('GET', '/follow-ups', service)).json();
      expect(mine.date).toBe('2026-11-24');
      expect(mine.followUps).toHaveLength(1);
      expect(mine.followUps[0]).toMatchObject({
        id: contact.id,
        overdue: true,
        customer: { id: bob, nick: 'bob_tb' },
      });
      expect((await call('GET', '/follow-ups', owner)).json().followUps).toHaveLength(0);
      expect((await call('GET', '/follow-ups?all=true', owner)).json().followUps).toHaveLength(1);
      expect((await call('GET', '/follow-ups?date=2026-11-22', service)).json().followUps).toHaveLength(0);

      const timeline = (await call('GET', `/customers/${bob}/timeline`, owner)).json();
      expect(timeline.events[0]).toMatchObject({ kind: 'contact', contact: { note: '想要新款' } });

      expect((await call('POST', `/contacts/${contact.id}/done`, service)).json().followUpDoneAt).toBe(
        Date.UTC(2026, 10, 24, 2),
      );
      expect((await call('GET', '/follow-ups', service)).json().followUps).toHaveLength(0);
      expectError(
        await call('POST', `/customers/${bob}/contacts`, service, { channel: 'pigeon', outcome: 'reached' }),
        400,
        'request.invalid',
      );
      expectError(
        await call('POST', `/customers/${bob}/contacts`, service, {
          channel: 'phone',
          outcome: 'reached',
          followUpOn: '2026-02-30',
        }),
        400,
        'request.invalid',
      );
    });

    it('tags a selection and a whole filter result, and removes tags again', async () => {
      const selected = await call('POST', '/customers/tags', owner, { add: ['回访'], ids: [bob, bobAgain] });
      expect(selected.json()).toEqual({ affected: 2 });
      const byFilter = await call('POST', '/customers/tags', owner, {
        add: ['高消费'],
        filter: { spentMin: 7_000 },
      });
      expect(byFilter.json()).toEqual({ affected: 2 }); // alice 20,000 and bob_jd 7,000
      const tagged = (await call('GET', '/customers?tags=高消费&sort=id&order=asc', owner)).json();
      expect(tagged.customers.map((c: { id: number }) => c.id)).toEqual([alice, bobAgain]);
      const counts = (await call('GET', '/customers/tags', owner)).json().tags;
      expect(counts).toContainEqual({ tag: '回访', customers: 2 });
      await call('POST', '/customers/tags', owner, { remove: ['回访'], filter: { q: 'bob' } });
      expect((await call('GET', '/customers?tags=回访', owner)).json().total).toBe(0);
      expectError(await call('POST', '/customers/tags', owner, { add: ['x'] }), 400, 'request.invalid');
      const bulk = (await auditActions()).filter((entry) => entry.action === 'customer.bulk_tag');
      expect(bulk).toHaveLength(3);
    });

    it('suggests the two bob records as duplicates by phone and by email, and merges them', async () => {
      const groups = (await call('GET', '/customers/duplicates', owner)).json().groups;
      expect(groups.map((g: { reason: string }) => g.reason).sort()).toEqual(['email', 'phone']);
      for (const group of groups)
        expect(group.customers.map((c: { id: number }) => c.id)).toEqual([bob, bobAgain]);

      const merged = await call('POST', `/customers/${bob}/merge`, owner, { duplicateId: bobAgain });
      expect(merged.statusCode, merged.body).toBe(200);
      expect(merged.json()).toMatchObject({ id: bob, orderCount: 2, totalSpent: 12_000, tags: ['高消费'] });
      const gone = (await call('GET', `/customers/${bobAgain}`, owner)).json();
      expect(gone).toMatchObject({ mergedIntoId: bob, orderCount: 0, totalSpent: 0 });
      expect((await call('GET', '/customers?q=bob', owner)).json().total).toBe(1);
      const orders = await handle
        .get()
        .db.selectFrom('orders')
        .select('customer_id')
        .where('store_id', '=', storeId)
        .where('customer_id', 'in', [bob, bobAgain])
        .execute();
      expect(orders.map((o) => o.customer_id)).toEqual([bob, bob, bob]);
      // A later import of the merged-away key finds the kept record.
      const found = await findCustomersByKey(handle.get(), handle.get().db, storeId, ['bob_jd']);
      expect(found.map((c) => c.id)).toEqual([bob]);
      expectError(
        await call('POST', `/customers/${bob}/merge`, owner, { duplicateId: bob }),
        400,
        'customer.merge_invalid',
      );
      expectError(
        await call('PATCH', `/customers/${bobAgain}`, owner, { name: 'x' }),
        409,
        'customer.merged',
      );
      expect((await call('GET', '/customers/duplicates', owner)).json().groups).toEqual([]);
    });

    it('exports CSV with formula cells neutralised and full phone numbers for the owner, audited', async () => {
      await call('PATCH', `/customers/${alice}`, owner, { name: '=HYPERLINK("http://evil","x")' });
      const response = await call('GET', '/customers/export?format=csv', owner);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(
        /attachment; filename="customers-\d+-20261124-1000\.csv"/,
      );
      const text = response.body.replace(/^\uFEFF/, '');
      const rows = Papa.parse<string[]>(text.trim()).data;
      expect(rows[0]).toContain('手机');
      expect(rows).toHaveLength(3); // header, alice, bob (bob_jd was merged away)
      const aliceRow = rows.find((row) => row[0] === String(alice))!;
      expect(aliceRow[2]).toBe(`'=HYPERLINK("http://evil","x")`);
      expect(aliceRow).toContain('13811112222');
      expect(aliceRow).toContain('VIP,老客,高消费');
      expectError(await call('GET', '/customers/export', service), 403, 'auth.forbidden');
      const exports = (await auditActions()).filter((entry) => entry.action === 'customer.export');
      expect(exports).toHaveLength(1);
      expect(JSON.parse(exports[0]!.details)).toMatchObject({ format: 'csv', unmasked: true });
    });

    it('exports a selection as XLSX that reads back', async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/stores/${storeId}/customers/export?format=xlsx&ids=${bob}`,
        headers: { cookie: owner },
      });
      expect(response.statusCode).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.rowCount).toBe(2);
      expect(sheet.getRow(2).getCell(1).value).toBe(bob);
      expect(sheet.getRow(2).getCell(2).value).toBe('bob_tb');
      expect(sheet.getRow(2).getCell(16).value).toBe(120); // yuan
      expectError(await call('GET', '/customers/export?ids=1,abc', owner), 400, 'request.invalid');
    });

    it('erases a customer: personal data gone, orders kept for the figures, audit details redacted', async () => {
      const revenueBefore = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/overview`,
          headers: { cookie: owner },
        })
      ).json().revenue;
      expectError(await call('POST', `/customers/${alice}/erase`, service), 403, 'auth.forbidden');
      const erased = (await call('POST', `/customers/${alice}/erase`, owner)).json();
      expect(erased).toMatchObject({
        nick: null,
        name: null,
        phone: null,
        address: null,
        preferences: {},
        tags: [],
        erased: true,
        canReveal: false,
        orderCount: 2,
        totalSpent: 20_000,
      });
      const row = await handle
        .get()
        .db.selectFrom('customers')
        .selectAll()
        .where('store_id', '=', storeId)
        .where('id', '=', alice)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        customer_key: `erased:${alice}`,
        phone: null,
        email: null,
        birth_year: null,
      });
      const revenueAfter = (
        await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/overview`,
          headers: { cookie: owner },
        })
      ).json().revenue;
      expect(revenueAfter).toBe(revenueBefore);
      const entries = (await auditActions()).filter((entry) => entry.subject_id === String(alice));
      expect(entries.at(-1)!.action).toBe('customer.erase');
      for (const entry of entries.slice(0, -1)) expect(entry.details).toBe('{"redacted":"customer erased"}');
      expect(JSON.stringify(await auditActions())).not.toContain('藏青');
      expectError(await call('PATCH', `/customers/${alice}`, owner, { name: 'x' }), 409, 'customer.erased');
      expect((await call('GET', '/customers?q=alice', owner)).json().total).toBe(0);
    });
  });
}

import { beforeAll, describe, expect, it } from 'vitest';
import { asCustomerId, type CustomerId } from '../../src/shared/ids.js';
import { addServiceSession, expectError, type OwnerSession, openOwnerSession } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { insertCustomerWithOrders, orderIdsOf } from '../helpers/fixtures.js';

// After-sales cases (售后) through the API: service staff open and resolve them, the queue filters
// them, every change is audited, and bad requests change nothing.

for (const testDatabase of testDatabases()) {
  describe(`after-sales cases on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let session: OwnerSession;
    let service: string;
    let wang: CustomerId;
    let li: CustomerId;
    let wangOrder: number;
    let liOrder: number;
    const call = (method: 'GET' | 'POST', path: string, cookie: string, payload?: unknown) =>
      session.app.inject({
        method,
        url: `/api/stores/${session.storeId}/${path}`,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const rows = () =>
      handle
        .get()
        .db.selectFrom('after_sales_cases')
        .selectAll()
        .where('store_id', '=', session.storeId)
        .orderBy('id')
        .execute();
    const auditActions = async () =>
      (
        await handle
          .get()
          .db.selectFrom('audit_log')
          .select(['action', 'actor_label', 'subject_id'])
          .where('store_id', '=', session.storeId)
          .where('action', 'like', 'after_sales.%')
          .orderBy('id')
          .execute()
      ).map((r) => `${r.action} ${r.actor_label} ${r.subject_id}`);

    beforeAll(async () => {
      session = await openOwnerSession(handle.get(), '售后小店');
      service = await addServiceSession(session);
      const db = handle.get().db;
      wang = await insertCustomerWithOrders(db, session.storeId, '王小二', [
        { at: '2026-10-01T02:00:00Z', net: 12_900 },
      ]);
      li = await insertCustomerWithOrders(db, session.storeId, '李四', [
        { at: '2026-10-02T02:00:00Z', net: 5_000 },
      ]);
      wangOrder = (await orderIdsOf(db, session.storeId, wang))[0]!;
      liOrder = (await orderIdsOf(db, session.storeId, li))[0]!;
    });

    it('lets service staff open a case about the customer’s order, audited', async () => {
      const response = await call('POST', `customers/${wang}/after-sales`, service, {
        kind: 'refund',
        orderId: wangOrder,
        note: '少发一件，要求退款',
      });
      expect(response.statusCode, response.body).toBe(201);
      expect(response.json()).toMatchObject({
        id: 1,
        customerId: wang,
        orderId: wangOrder,
        order: { externalId: `T${session.storeId}-${wangOrder}` },
        kind: 'refund',
        status: 'open',
        openedBy: 'kefu',
        resolvedAt: null,
        note: '少发一件，要求退款',
      });
      expect(await auditActions()).toEqual([`after_sales.open kefu ${wang}`]);
    });

    it('refuses bad requests with the reason and changes nothing', async () => {
      const before = JSON.stringify(await rows());
      const bad: [string, unknown, number, string][] = [
        [`customers/${wang}/after-sales`, { kind: 'praise', note: 'x' }, 400, 'request.invalid'],
        [`customers/${wang}/after-sales`, { kind: 'refund', note: '   ' }, 400, 'request.invalid'],
        [`customers/${wang}/after-sales`, { kind: 'refund', note: 'x', extra: 1 }, 400, 'request.invalid'],
        [
          `customers/${wang}/after-sales`,
          { kind: 'refund', note: 'x', openedAt: Date.now() + 86_400_000 * 400 },
          400,
          'request.invalid',
        ],
        [
          `customers/${wang}/after-sales`,
          { kind: 'return', note: 'x', orderId: liOrder },
          400,
          'after_sales.order_invalid',
        ],
        [
          `customers/${wang}/after-sales`,
          { kind: 'return', note: 'x', orderId: 9_999 },
          400,
          'after_sales.order_invalid',
        ],
        [
          'customers/9999/after-sales',
          { kind: 'return', note: '<script>alert(1)</script>' },
          404,
          'customer.not_found',
        ],
        ['after-sales/9999/resolve', {}, 404, 'after_sales.not_found'],
        ['after-sales/9999/reopen', undefined, 404, 'after_sales.not_found'],
      ];
      for (const [path, payload, status, code] of bad) {
        const error = expectError(await call('POST', path, service, payload), status, code);
        if (code === 'after_sales.order_invalid' && (payload as { orderId: number }).orderId === liOrder)
          expect(error.message).toContain('pick one of their orders');
      }
      expect(JSON.stringify(await rows())).toBe(before);
    });

    it('resolves and reopens a case; asking twice changes nothing', async () => {
      await call('POST', `customers/${li}/after-sales`, session.cookie, {
        kind: 'complaint',
        note: '快递太慢',
      });
      const resolved = await call('POST', 'after-sales/1/resolve', service, { resolution: '已退 129 元' });
      expect(resolved.statusCode, resolved.body).toBe(200);
      expect(resolved.json()).toMatchObject({
        status: 'resolved',
        resolvedBy: 'kefu',
        resolution: '已退 129 元',
      });
      const again = await call('POST', 'after-sales/1/resolve', session.cookie, { resolution: 'other' });
      expect(again.json()).toMatchObject({
        status: 'resolved',
        resolvedBy: 'kefu',
        resolution: '已退 129 元',
      });
      const reopened = await call('POST', 'after-sales/1/reopen', session.cookie);
      expect(reopened.json()).toMatchObject({ status: 'open', resolvedAt: null, resolvedBy: null });
      await call('POST', 'after-sales/1/resolve', service, { resolution: '补发' });
      expect(await auditActions()).toEqual([
        `after_sales.open kefu ${wang}`,
        `after_sales.open owner ${li}`,
        `after_sales.resolve kefu ${wang}`,
        `after_sales.reopen owner ${wang}`,
        `after_sales.resolve kefu ${wang}`,
      ]);
    });

    it('lists the store’s cases by status, kind and customer, newest first, with the open count', async () => {
      const all = (await call('GET', 'after-sales', service)).json();
      expect(all.cases.map((c: { id: number }) => c.id)).toEqual([2, 1]);
      expect(all.cases[0].customer).toEqual({ id: li, nick: '李四', name: null });
      expect(all.open).toBe(1);
      const open = (await call('GET', 'after-sales?status=open', service)).json();
      expect(open.cases.map((c: { kind: string }) => c.kind)).toEqual(['complaint']);
      const refunds = (await call('GET', 'after-sales?kind=refund', service)).json();
      expect(refunds.cases.map((c: { id: number }) => c.id)).toEqual([1]);
      const ofWang = (await call('GET', `after-sales?customerId=${wang}`, service)).json();
      expect(ofWang).toMatchObject({ open: 0, nextBeforeId: null });
      expect(ofWang.cases.map((c: { resolution: string }) => c.resolution)).toEqual(['补发']);
      const paged = (await call('GET', 'after-sales?limit=1', service)).json();
      expect(paged.nextBeforeId).toBe(2);
      const next = (await call('GET', 'after-sales?limit=1&beforeId=2', service)).json();
      expect(next.cases.map((c: { id: number }) => c.id)).toEqual([1]);
      expectError(await call('GET', 'after-sales?status=closed', service), 400, 'request.invalid');
      expectError(await call('GET', 'after-sales?customerId=9999', service), 404, 'customer.not_found');
    });

    it('moves cases with a merged duplicate and keeps an erased customer’s cases without their text', async () => {
      const db = handle.get().db;
      const dup = await insertCustomerWithOrders(db, session.storeId, '王小二2', [
        { at: '2026-10-03T02:00:00Z', net: 1_000 },
      ]);
      await call('POST', `customers/${dup}/after-sales`, service, { kind: 'exchange', note: '换大一码' });
      const merged = await call('POST', `customers/${wang}/merge`, session.cookie, { duplicateId: dup });
      expect(merged.statusCode, merged.body).toBe(200);
      const ofWang = (await call('GET', `after-sales?customerId=${wang}`, service)).json();
      expect(ofWang.cases.map((c: { kind: string }) => c.kind)).toEqual(['exchange', 'refund']);
      expect(ofWang.open).toBe(1);
      const erased = await call('POST', `customers/${li}/erase`, session.cookie);
      expect(erased.statusCode, erased.body).toBe(200);
      const ofLi = await rows().then((all) => all.filter((r) => r.customer_id === asCustomerId(li)));
      expect(ofLi.map((r) => [r.kind, r.status, r.note, r.resolution])).toEqual([
        ['complaint', 'open', '', null],
      ]);
      expectError(
        await call('POST', `customers/${li}/after-sales`, service, { kind: 'refund', note: 'x' }),
        409,
        'customer.erased',
      );
    });

    it('selects customers by their cases in an audience', async () => {
      const count = async (where: unknown) => {
        const response = await call('POST', 'audiences/count', session.cookie, { definition: { where } });
        expect(response.statusCode, response.body).toBe(200);
        return response.json() as { count: number; sample: number[] };
      };
      // 王小二: a resolved refund and an open exchange (merged in); 李四 is erased, so never listed
      expect((await count({ type: 'afterSales', open: true })).sample).toEqual([wang]);
      expect((await count({ type: 'afterSales', open: true, kinds: ['refund'] })).count).toBe(0);
      expect((await count({ type: 'afterSales', open: false, kinds: ['refund'] })).sample).toEqual([wang]);
      expect((await count({ type: 'afterSales', withinDays: 1 })).sample).toEqual([wang]);
      expect((await count({ type: 'not', condition: { type: 'afterSales' } })).count).toBe(0);
      const bad = await call('POST', 'audiences/count', session.cookie, {
        definition: { where: { type: 'afterSales', kinds: ['praise'] } },
      });
      expectError(bad, 400, 'request.invalid');
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import {
  CODE_ALPHABET,
  CODE_LENGTH,
  codesInCell,
  discountFor,
  faceValue,
  normaliseCode,
  planIssue,
  rejectionOf,
} from '../../src/loyalty/coupons.js';
import type { CustomerId, OrderId, StoreId, UserId } from '../../src/shared/ids.js';
import type { Fen } from '../../src/shared/money.js';
import { fixedClock, type Instant } from '../../src/shared/time.js';
import { addMember } from '../../src/stores/service.js';
import { addUser, expectError, REFERENCE_NOW, signIn, testApp, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import { customerIdsByKey, emailOf, importShopOrders, type ShopOrder } from './shop-fixture.js';

// Coupons on a hand-made store: 60 buyers imported from a Shopify file. A batch of 100 codes
// (满200减30, 2026-11-01 to 11-15, at most 2 each) is issued to them, then a second file of orders
// redeems some: one code twice, one after the last day, one below the threshold, one on another
// customer's order, one unknown code. Staff redeem one more by hand, and two race for one code.

const HOUR = 3_600_000;
const ids = (n: number[]) => n as CustomerId[];

describe('coupons, the pure part', () => {
  const amount = { kind: 'amount', amountOff: 3_000, percentOff: null, threshold: 20_000 } as const;
  const percent = { kind: 'percent', amountOff: null, percentOff: 15, threshold: 0 } as const;

  it('takes the amount off, never more than the goods, or the percent rounded to the fen', () => {
    expect(discountFor({ ...amount, threshold: 0 as Fen } as never, 2_000 as Fen)).toBe(2_000);
    expect(discountFor(amount as never, 25_000 as Fen)).toBe(3_000);
    expect(discountFor(percent as never, 19_990 as Fen)).toBe(2_999); // 2998.5 rounds up
  });

  it('writes the face value as operators do', () => {
    expect(faceValue(amount as never)).toBe('满200减30');
    expect(faceValue({ ...amount, threshold: 0 } as never)).toBe('30元');
    expect(faceValue(percent as never)).toBe('8.5折');
  });

  it('reads codes typed or exported in any case, with spaces and dashes, and ignores platform codes', () => {
    expect(normaliseCode('abcd-efgh-jkmn')).toBe('ABCDEFGHJKMN');
    expect(normaliseCode('ABCDEFGHJKM0')).toBeNull(); // 0 is not in the alphabet
    expect(codesInCell('WELCOME10, abcd efgh jkmn；ABCDEFGHJKMN')).toEqual(['ABCDEFGHJKMN']);
    expect(codesInCell(null)).toEqual([]);
  });

  it('names the first reason an order may not redeem a code', () => {
    const batch = { ...amount, startsAt: 1_000 as Instant, endsAt: 2_000 as Instant } as never;
    const order = {
      id: 7 as OrderId,
      customerId: 1 as CustomerId,
      orderedAt: 1_500 as Instant,
      goodsAmount: 20_000 as Fen,
      isPurchase: true,
    };
    const mine = { customerId: 1 as CustomerId, redeemedByOrder: null };
    expect(rejectionOf(mine, batch, order)).toBeNull();
    expect(rejectionOf({ ...mine, redeemedByOrder: 7 as OrderId }, batch, order)).toBeNull();
    expect(rejectionOf({ ...mine, redeemedByOrder: 8 as OrderId }, batch, order)).toBe('already_redeemed');
    expect(rejectionOf({ ...mine, customerId: 2 as CustomerId }, batch, order)).toBe('other_customer');
    expect(rejectionOf(mine, batch, { ...order, isPurchase: false })).toBe('order_not_paid');
    expect(rejectionOf(mine, batch, { ...order, orderedAt: 999 as Instant })).toBe('not_yet_valid');
    expect(rejectionOf(mine, batch, { ...order, orderedAt: 2_000 as Instant })).toBe('expired');
    expect(rejectionOf(mine, batch, { ...order, goodsAmount: 19_999 as Fen })).toBe('below_threshold');
  });

  it('tops each customer up to what they may hold until the batch runs out', () => {
    const plan = planIssue(ids([1, 2, 3, 4]), new Map([[1 as CustomerId, 2]]), 3, 2, 3);
    expect([...plan.give]).toEqual([
      [2, 2],
      [3, 1],
    ]);
    expect(plan).toMatchObject({ total: 3, atLimit: 1, outOfStock: 2 });
  });
});

for (const testDatabase of testDatabases()) {
  describe(`coupons on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    // Issued on 2026-11-05, while the batch is valid; the orders come in on 11-24
    const clock = fixedClock(Date.UTC(2026, 10, 5, 2, 0, 0));
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let ownerId: UserId;
    let owner: string;
    let operator: string;
    let service: string;
    let customers: Map<string, CustomerId>;
    let audienceId: number;
    const db = () => handle.get().db;
    const call = (method: 'GET' | 'POST' | 'PUT', path: string, cookie: string, payload?: unknown) =>
      app.inject({
        method,
        url: `/api/stores/${storeId}/${path}`,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const customer = (i: number) => customers.get(emailOf(i))!;
    const codesOf = async (i: number, batchId = 1) =>
      (
        await db()
          .selectFrom('coupon_codes')
          .select('code')
          .where('store_id', '=', storeId)
          .where('batch_id', '=', batchId)
          .where('customer_id', '=', customer(i))
          .orderBy('code')
          .execute()
      ).map((r) => r.code);
    const batchInput = {
      name: '双十一老客券',
      kind: 'amount',
      amountOff: 3_000,
      threshold: 20_000,
      validFrom: '2026-11-01',
      validTo: '2026-11-15',
      perCustomerLimit: 2,
      totalCount: 100,
    };

    beforeAll(async () => {
      ctx = testContext(handle.get(), { clock });
      app = await testApp(ctx);
      ownerId = await addUser(ctx, 'owner');
      const { createStore } = await import('../../src/stores/service.js');
      storeId = await createStore(ctx, cliActor(ownerId), ownerId, { name: '老客母婴', platform: 'shopify' });
      await addUser(ctx, 'yunying');
      await addUser(ctx, 'kefu');
      await addMember(ctx, cliActor(ownerId), storeId, { login: 'yunying', role: 'operator' });
      await addMember(ctx, cliActor(ownerId), storeId, { login: 'kefu', role: 'service' });
      owner = await signIn(app, 'owner');
      operator = await signIn(app, 'yunying');
      service = await signIn(app, 'kefu');
      const first: ShopOrder[] = Array.from({ length: 60 }, (_, k) => ({
        name: `#1${String(k + 1).padStart(3, '0')}`,
        email: emailOf(k + 1),
        at: '2026-10-01 10:00:00 +0800',
        goods: 100,
      }));
      await importShopOrders(ctx, storeId, ownerId, first, 'october.csv');
      customers = await customerIdsByKey(ctx, storeId);
      const audience = await call('POST', 'audiences', operator, {
        name: '全部老客',
        definition: { where: { type: 'orderCount', min: 1 } },
      });
      expect(audience.statusCode, audience.body).toBe(201);
      audienceId = audience.json().id;
    });

    describe('a batch', () => {
      it('is created with its terms and days, and audited', async () => {
        const response = await call('POST', 'coupons', operator, batchInput);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toMatchObject({
          id: 1,
          faceValue: '满200减30',
          validFrom: '2026-11-01',
          validTo: '2026-11-15',
          issued: 0,
          redeemed: 0,
          createdBy: 'yunying',
        });
        const row = await db()
          .selectFrom('coupon_batches')
          .select(['starts_at', 'ends_at'])
          .where('store_id', '=', storeId)
          .executeTakeFirstOrThrow();
        // Store-local days: from 11-01 00:00 to 11-16 00:00 in Shanghai
        expect(Number(row.starts_at)).toBe(Date.UTC(2026, 9, 31, 16));
        expect(Number(row.ends_at)).toBe(Date.UTC(2026, 10, 15, 16));
        const audit = await db()
          .selectFrom('audit_log')
          .select('actor_label')
          .where('store_id', '=', storeId)
          .where('action', '=', 'coupon.batch_created')
          .execute();
        expect(audit).toEqual([{ actor_label: 'yunying' }]);
      });

      it('refuses bad terms with the reason, and creates nothing', async () => {
        const bad = [
          { ...batchInput, name: 'x1', percentOff: 10 },
          { ...batchInput, name: 'x2', kind: 'percent' },
          { ...batchInput, name: 'x3', validTo: '2026-10-31' },
          { ...batchInput, name: 'x4', validTo: '2026-02-30' },
          { ...batchInput, name: 'x5', amountOff: 30_000 },
          { ...batchInput, name: 'x6', totalCount: 0 },
          { ...batchInput, name: 'x7', amountOff: 12.5 },
          { ...batchInput, name: 'x8', validFrom: "2026-11-01'; drop table coupon_codes; --" },
        ];
        for (const body of bad)
          expectError(await call('POST', 'coupons', operator, body), 400, 'request.invalid');
        expectError(await call('POST', 'coupons', operator, batchInput), 409, 'coupon.name_taken');
        expectError(
          await call('POST', 'coupons', service, { ...batchInput, name: 'kefu' }),
          403,
          'auth.forbidden',
        );
        expectError(await call('GET', 'coupons/99/report', owner), 404, 'coupon.batch_not_found');
        const count = await db()
          .selectFrom('coupon_batches')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(count.n)).toBe(1);
      });
    });

    describe('issuing to an audience', () => {
      it('gives each of the 60 members one code', async () => {
        const response = await call('POST', 'coupons/1/issue', operator, { audienceId });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toEqual({
          batchId: 1,
          members: 60,
          issued: 60,
          customers: 60,
          atLimit: 0,
          outOfStock: 0,
          remaining: 40,
        });
      });

      it('tops up to the per-customer limit of 2 (not 5) until the 100 are gone', async () => {
        const response = await call('POST', 'coupons/1/issue', operator, { audienceId, perCustomer: 5 });
        expect(response.json()).toEqual({
          batchId: 1,
          members: 60,
          issued: 40,
          customers: 40,
          atLimit: 0,
          outOfStock: 20,
          remaining: 0,
        });
        expect(await codesOf(1)).toHaveLength(2);
        expect(await codesOf(40)).toHaveLength(2);
        expect(await codesOf(41)).toHaveLength(1);
      });

      it('issues nothing more when repeated', async () => {
        const response = await call('POST', 'coupons/1/issue', operator, { audienceId, perCustomer: 2 });
        expect(response.json()).toMatchObject({ issued: 0, atLimit: 40, outOfStock: 20, remaining: 0 });
        const batch = await call('GET', 'coupons/1', operator);
        expect(batch.json()).toMatchObject({ issued: 100, totalCount: 100 });
      });

      it('makes 100 distinct codes of 12 symbols from the 30-symbol alphabet, about 59 bits each', async () => {
        const page = await call('GET', 'coupons/1/codes?pageSize=500', operator);
        expect(page.statusCode, page.body).toBe(200);
        const codes: string[] = page.json().codes.map((c: { code: string }) => c.code);
        expect(page.json().total).toBe(100);
        expect(new Set(codes).size).toBe(100);
        for (const code of codes) expect(code).toMatch(/^[23456789ABCDEFGHJKMNPQRSTVWXYZ]{12}$/);
        expect(CODE_ALPHABET).not.toMatch(/[01ILOU]/);
        expect(CODE_LENGTH * Math.log2(CODE_ALPHABET.length)).toBeGreaterThan(58);
        // 1,200 random symbols use every one of the 30 (a fixed or short pattern would not)
        expect(new Set(codes.join('')).size).toBe(30);
      });

      it('refuses an unknown audience and another store’s batch, issuing nothing', async () => {
        expectError(
          await call('POST', 'coupons/1/issue', operator, { audienceId: 99 }),
          404,
          'audience.not_found',
        );
        expectError(
          await call('POST', 'coupons/7/issue', operator, { audienceId }),
          404,
          'coupon.batch_not_found',
        );
        expectError(
          await call('POST', 'coupons/1/issue', operator, { audienceId, perCustomer: 0 }),
          400,
          'request.invalid',
        );
        const count = await db()
          .selectFrom('coupon_codes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(count.n)).toBe(100);
      });
    });

    describe('two issues at once', () => {
      it('never issue more than the batch holds', async () => {
        const batch = await call('POST', 'coupons', operator, {
          ...batchInput,
          name: '限量抢券',
          perCustomerLimit: 1,
          totalCount: 10,
        });
        const id = batch.json().id;
        const [a, b] = await Promise.all([
          call('POST', `coupons/${id}/issue`, operator, { audienceId }),
          call('POST', `coupons/${id}/issue`, operator, { audienceId }),
        ]);
        expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
        expect(a.json().issued + b.json().issued).toBe(10);
        const codes = await db()
          .selectFrom('coupon_codes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('store_id', '=', storeId)
          .where('batch_id', '=', id)
          .executeTakeFirstOrThrow();
        expect(Number(codes.n)).toBe(10);
        expect((await call('GET', `coupons/${id}`, operator)).json()).toMatchObject({
          issued: 10,
          totalCount: 10,
        });
      });
    });

    describe('redemption from an imported file', () => {
      let summary: Awaited<ReturnType<typeof importShopOrders>>;

      beforeAll(async () => {
        clock.advance(REFERENCE_NOW - clock.now());
        // Nineteen days on, the sessions have lapsed
        owner = await signIn(app, 'owner');
        operator = await signIn(app, 'yunying');
        service = await signIn(app, 'kefu');
        const code = async (i: number) => (await codesOf(i))[0]!;
        const c10 = (await code(10)).toLowerCase();
        const orders: ShopOrder[] = [
          {
            name: '#2001',
            email: emailOf(1),
            at: '2026-11-10 10:00:00 +0800',
            goods: 250,
            discount: 30,
            code: await code(1),
          },
          {
            name: '#2002',
            email: emailOf(2),
            at: '2026-11-11 10:00:00 +0800',
            goods: 300,
            discount: 30,
            code: await code(2),
          },
          // The last valid day, late in the evening, exactly at the threshold
          {
            name: '#2003',
            email: emailOf(3),
            at: '2026-11-15 23:50:00 +0800',
            goods: 200,
            discount: 30,
            code: await code(3),
          },
          {
            name: '#2004',
            email: emailOf(4),
            at: '2026-11-12 10:00:00 +0800',
            goods: 150,
            code: await code(4),
          },
          // Half an hour after the last valid day
          {
            name: '#2005',
            email: emailOf(5),
            at: '2026-11-16 00:30:00 +0800',
            goods: 300,
            code: await code(5),
          },
          // Customer 1's code again, on a later order
          {
            name: '#2006',
            email: emailOf(1),
            at: '2026-11-14 10:00:00 +0800',
            goods: 400,
            code: await code(1),
          },
          // Customer 8's code on customer 7's order
          {
            name: '#2007',
            email: emailOf(7),
            at: '2026-11-12 10:00:00 +0800',
            goods: 300,
            code: await code(8),
          },
          {
            name: '#2008',
            email: emailOf(9),
            at: '2026-11-12 10:00:00 +0800',
            goods: 300,
            code: 'ZZZZZZZZZZZZ',
          },
          // Typed by the buyer in lower case with dashes
          {
            name: '#2009',
            email: emailOf(10),
            at: '2026-11-13 10:00:00 +0800',
            goods: 260,
            discount: 30,
            code: `${c10.slice(0, 4)}-${c10.slice(4, 8)}-${c10.slice(8)}`,
          },
          {
            name: '#2010',
            email: emailOf(11),
            at: '2026-11-13 10:00:00 +0800',
            goods: 100,
            code: 'WELCOME10',
          },
          { name: '#2011', email: emailOf(12), at: '2026-11-13 11:00:00 +0800', goods: 500 },
          { name: '#2012', email: emailOf(13), at: '2026-11-13 12:00:00 +0800', goods: 300 },
          { name: '#2013', email: emailOf(13), at: '2026-11-14 12:00:00 +0800', goods: 320 },
        ];
        summary = await importShopOrders(ctx, storeId, ownerId, orders, 'november.csv');
      });

      it('imports the orders', () => {
        expect(summary).toMatchObject({ read: 13, inserted: 13, rejected: 0 });
      });

      it('redeems four codes and records four rejections with their reasons', async () => {
        const report = await call('GET', 'coupons/1/report', operator);
        expect(report.statusCode, report.body).toBe(200);
        const body = report.json();
        expect(body).toMatchObject({ issued: 100, redeemed: 4, rate: 0.04, revenue: 89_000, cost: 12_000 });
        expect(body.rejected).toEqual({
          already_redeemed: 1,
          other_customer: 1,
          order_not_paid: 0,
          not_yet_valid: 0,
          expired: 1,
          below_threshold: 1,
        });
        expect(body.byDay).toEqual([
          { date: '2026-11-10', redeemed: 1, revenue: 22_000 },
          { date: '2026-11-11', redeemed: 1, revenue: 27_000 },
          { date: '2026-11-13', redeemed: 1, revenue: 23_000 },
          { date: '2026-11-15', redeemed: 1, revenue: 17_000 },
        ]);
        const byOrder = Object.fromEntries(
          body.redemptions.map((r: { orderNumber: string; accepted: boolean; reason: string | null }) => [
            r.orderNumber,
            r.accepted ? 'accepted' : r.reason,
          ]),
        );
        expect(byOrder).toEqual({
          '#2001': 'accepted',
          '#2002': 'accepted',
          '#2003': 'accepted',
          '#2004': 'below_threshold',
          '#2005': 'expired',
          '#2006': 'already_redeemed',
          '#2007': 'other_customer',
          '#2009': 'accepted',
        });
      });

      it('leaves the code of the rejected order its owner’s', async () => {
        const eight = await db()
          .selectFrom('coupon_codes')
          .select(['order_id'])
          .where('store_id', '=', storeId)
          .where('code', '=', (await codesOf(8))[0]!)
          .executeTakeFirstOrThrow();
        expect(eight.order_id).toBeNull();
      });

      it('changes nothing when matched again on demand, and counts the unknown code', async () => {
        const match = await call('POST', 'coupons/match', operator);
        expect(match.json()).toEqual({ orders: 9, accepted: 0, rejected: 0, unknown: 1 });
        const report = await call('GET', 'coupons/1/report', operator);
        expect(report.json()).toMatchObject({ redeemed: 4, revenue: 89_000, cost: 12_000 });
        const rows = await db()
          .selectFrom('coupon_redemptions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow();
        expect(Number(rows.n)).toBe(8);
      });
    });

    describe('redemption by staff', () => {
      it('redeems a code on an order exported without it, audited', async () => {
        const code = (await codesOf(12))[0]!;
        const response = await call('POST', 'coupons/redeem', operator, { code, orderNumber: '#2011' });
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toMatchObject({
          code,
          orderNumber: '#2011',
          source: 'staff',
          accepted: true,
          discount: 3_000,
          revenue: 50_000,
          recordedBy: 'yunying',
        });
        const again = await call('POST', 'coupons/redeem', operator, { code, orderNumber: '#2011' });
        expect(again.json().id).toBe(response.json().id);
        const audit = await db()
          .selectFrom('audit_log')
          .select(['subject_id', 'actor_label'])
          .where('store_id', '=', storeId)
          .where('action', '=', 'coupon.redeem')
          .execute();
        expect(audit).toEqual([{ subject_id: code, actor_label: 'yunying' }]);
        const report = await call('GET', 'coupons/1/report', owner);
        expect(report.json()).toMatchObject({ redeemed: 5, revenue: 139_000, cost: 15_000, rate: 0.05 });
      });

      it('refuses a redeemed, foreign, unknown or malformed code and an unknown order, changing nothing', async () => {
        const before = await db().selectFrom('coupon_redemptions').selectAll().orderBy('id').execute();
        const used = (await codesOf(1))[0]!;
        const other = (await codesOf(20))[0]!;
        const redeemed = expectError(
          await call('POST', 'coupons/redeem', operator, { code: used, orderNumber: '#2012' }),
          409,
          'coupon.not_redeemable',
        );
        expect(redeemed.details).toMatchObject({ reason: 'already_redeemed' });
        const foreign = expectError(
          await call('POST', 'coupons/redeem', operator, { code: other, orderNumber: '#2012' }),
          409,
          'coupon.not_redeemable',
        );
        expect(foreign.details).toMatchObject({ reason: 'other_customer' });
        expectError(
          await call('POST', 'coupons/redeem', operator, { code: 'ZZZZZZZZZZZZ', orderNumber: '#2012' }),
          404,
          'coupon.code_not_found',
        );
        expectError(
          await call('POST', 'coupons/redeem', operator, {
            code: '<script>alert(1)</script>',
            orderNumber: '#2012',
          }),
          400,
          'coupon.invalid_code',
        );
        expectError(
          await call('POST', 'coupons/redeem', operator, { code: other, orderNumber: '#9999' }),
          404,
          'coupon.order_not_found',
        );
        expectError(
          await call('POST', 'coupons/redeem', service, { code: other, orderNumber: '#2012' }),
          403,
          'auth.forbidden',
        );
        expect(await db().selectFrom('coupon_redemptions').selectAll().orderBy('id').execute()).toEqual(
          before,
        );
      });

      it('lets exactly one of two orders racing for one code redeem it', async () => {
        const code = (await codesOf(13))[0]!;
        const [a, b] = await Promise.all([
          call('POST', 'coupons/redeem', operator, { code, orderNumber: '#2012' }),
          call('POST', 'coupons/redeem', operator, { code, orderNumber: '#2013' }),
        ]);
        expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
        const accepted = await db()
          .selectFrom('coupon_redemptions')
          .select('order_id')
          .where('store_id', '=', storeId)
          .where('code', '=', code)
          .where('accepted', '=', 1)
          .execute();
        expect(accepted).toHaveLength(1);
      });
    });

    describe('with a campaign', () => {
      it('gives each target SMS reaches a code of the batch in the message, until the batch runs out', async () => {
        const vip = customersRange(21, 28);
        for (const id of vip) {
          await db()
            .insertInto('customer_tags')
            .values({ store_id: storeId, customer_id: id, tag: 'VIP', created_at: clock.now() })
            .execute();
          await db()
            .updateTable('customers')
            // The second has no phone: SMS cannot reach them, so they get no code either
            .set({ phone: id === vip[1] ? null : `1380013${String(8000 + id)}`, consent_sms: 1 })
            .where('store_id', '=', storeId)
            .where('id', '=', id)
            .execute();
        }
        const batch = await call('POST', 'coupons', operator, {
          name: '会员日无门槛券',
          kind: 'amount',
          amountOff: 1_000,
          validFrom: '2026-11-20',
          validTo: '2026-12-31',
          totalCount: 5,
        });
        expect(batch.statusCode, batch.body).toBe(200);
        const batchId = batch.json().id;
        expect(
          (
            await call('PUT', 'messaging/channels/sms', owner, {
              settings: { provider: 'local', signName: '【老客母婴】', optOutLine: '拒收请回复R' },
            })
          ).statusCode,
        ).toBe(200);
        const template = await call('POST', 'messaging/templates', operator, {
          name: '送券',
          channel: 'sms',
          class: 'marketing',
          body: '送您{券面额}券，券码{优惠券|稍后发放}',
        });
        expect(template.statusCode, template.body).toBe(200);
        const definition = { where: { type: 'tag', tag: 'VIP' } };
        const past = await call('POST', 'coupons', operator, {
          name: '十月旧券',
          kind: 'amount',
          amountOff: 1_000,
          validFrom: '2026-10-01',
          validTo: '2026-10-31',
          totalCount: 5,
        });
        expectError(
          await call('POST', 'campaigns', operator, {
            name: '旧券活动',
            definition,
            templateId: template.json().id,
            couponBatchId: past.json().id,
          }),
          409,
          'coupon.batch_expired',
        );
        expectError(
          await call('POST', `coupons/${past.json().id}/issue`, operator, { audienceId }),
          409,
          'coupon.batch_expired',
        );
        expectError(
          await call('POST', 'campaigns', operator, {
            name: '错券',
            definition,
            templateId: template.json().id,
            couponBatchId: 99,
          }),
          404,
          'coupon.batch_not_found',
        );
        const campaign = await call('POST', 'campaigns', operator, {
          name: '会员送券',
          definition,
          templateId: template.json().id,
          controlShare: 0,
          couponBatchId: batchId,
        });
        expect(campaign.statusCode, campaign.body).toBe(200);
        expect(campaign.json().couponBatchId).toBe(batchId);
        const sent = await call('POST', `campaigns/${campaign.json().id}/send`, operator);
        expect(sent.statusCode, sent.body).toBe(200);
        const messages = await db()
          .selectFrom('messages')
          .select(['customer_id', 'content'])
          .where('store_id', '=', storeId)
          .where('source', '=', `campaign:${campaign.json().id}`)
          .orderBy('customer_id')
          .execute();
        expect(messages).toHaveLength(7);
        expect(sent.json()).toMatchObject({ queued: 7, unreachable: 1 });
        const codes = await db()
          .selectFrom('coupon_codes')
          .select(['customer_id', 'code', 'campaign_id'])
          .where('store_id', '=', storeId)
          .where('batch_id', '=', batchId)
          .orderBy('customer_id')
          .execute();
        expect(codes.map((c) => c.customer_id)).toEqual([vip[0], ...vip.slice(2, 6)]);
        expect(codes.every((c) => c.campaign_id === campaign.json().id)).toBe(true);
        const texts = messages.map((m) => JSON.parse(m.content).text as string);
        for (const [i, c] of codes.entries()) expect(texts[i]).toContain(`送您10元券，券码${c.code}`);
        for (const text of texts.slice(5)) expect(text).toContain('券码稍后发放');
        // Customer 21 uses the campaign's code the day before: the campaign's results count it
        await importShopOrders(
          ctx,
          storeId,
          ownerId,
          [
            {
              name: '#3001',
              email: emailOf(21),
              at: '2026-11-23 10:00:00 +0800',
              goods: 100,
              discount: 10,
              code: codes[0]!.code,
            },
          ],
          'campaign-orders.csv',
        );
        const results = await call('GET', `campaigns/${campaign.json().id}/results`, operator);
        expect(results.statusCode, results.body).toBe(200);
        expect(results.json().coupons).toEqual({
          batchId,
          name: '会员日无门槛券',
          issued: 5,
          redeemed: 1,
          revenue: 9_000,
          cost: 1_000,
        });
      });
    });

    function customersRange(from: number, to: number): CustomerId[] {
      return Array.from({ length: to - from + 1 }, (_, k) => customer(from + k)).sort((a, b) => a - b);
    }

    it('is refused to another store’s owner', async () => {
      await addUser(ctx, 'stranger');
      const { createStore } = await import('../../src/stores/service.js');
      const strangerId = (
        await db().selectFrom('users').select('id').where('login', '=', 'stranger').executeTakeFirstOrThrow()
      ).id;
      await createStore(ctx, cliActor(strangerId), strangerId, { name: '别家店', platform: 'taobao' });
      const stranger = await signIn(app, 'stranger');
      expectError(await call('GET', 'coupons/1/report', stranger), 404, 'store.not_found');
      expectError(await call('POST', 'coupons/1/issue', stranger, { audienceId }), 404, 'store.not_found');
      void HOUR;
    });
  });
}

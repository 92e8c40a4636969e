import { sql } from 'kysely';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeProducts,
  buildProductsSnapshot,
  purchaseItemsOf,
  saveProductsSnapshot,
} from '../../src/analytics/products.js';
import { readRawPurchases } from '../../src/analytics/purchase-log.js';
import { arrangePurchases } from '../../src/analytics/purchases.js';
import type { Db } from '../../src/db/database.js';
import type { ProductId, StoreId } from '../../src/shared/ids.js';
import { addServiceSession, expectError, type OwnerSession, openOwnerSession } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import {
  insertCustomerWithOrders,
  insertOrderItems,
  insertProduct,
  orderIdsOf,
} from '../helpers/fixtures.js';

// The products analysis against plain SQL over orders ⨝ order_items, on both databases. Every
// order is placed between 09:00 and 20:00 in Shanghai (UTC+8, no daylight saving), so its local
// day is (ordered_at + 8 h) / 1 day in integer arithmetic on either database.

const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;
const START = Date.UTC(2025, 0, 1);
const WINDOW = 90;

/** Seeded: 8 products, 80 customers with 1–6 orders over 400 days (same-day repeats likely). */
async function seedStore(db: Db, storeId: StoreId): Promise<ProductId[]> {
  let seed = 7;
  const next = () => {
    seed = (seed * 16_807) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  const pick = (n: number) => Math.floor(next() * n);
  const products: ProductId[] = [];
  for (let p = 0; p < 8; p++) products.push(await insertProduct(db, storeId, `SKU-${p}`, `商品${p}`));
  for (let c = 0; c < 80; c++) {
    const orders = Array.from({ length: 1 + pick(6) }, () => ({
      at: new Date(START + pick(400) * DAY + (1 + pick(11)) * 3_600_000 + pick(3_600_000)).toISOString(),
      net: 1_000,
      status: next() < 0.1 ? ('closed' as const) : undefined,
    }));
    const customerId = await insertCustomerWithOrders(db, storeId, `buyer${c}`, orders);
    for (const orderId of await orderIdsOf(db, storeId, customerId)) {
      const lines = Array.from({ length: 1 + pick(3) }, () => {
        const quantity = 1 + pick(3);
        const amount = quantity * (500 + pick(20) * 100);
        return {
          productId: next() < 0.1 ? null : products[pick(products.length)]!,
          quantity,
          amount,
          refund: next() < 0.15 ? pick(amount) : 0,
        };
      });
      await insertOrderItems(db, storeId, orderId, lines);
    }
  }
  return products;
}

interface Truth {
  product_id: number;
  buyers: number;
  repeat_buyers: number;
  within_window: number;
  revenue: number;
  old_revenue: number;
}

/** Buyers, repeat buyers, within-window buyers, revenue and old customers' revenue per product. */
async function truthFromOrders(db: Db, storeId: StoreId): Promise<Truth[]> {
  const result = await sql<Record<keyof Truth, number | string>>`
    with bought as (
      select oi.product_id, o.customer_id, (o.ordered_at + ${SHANGHAI}) / ${DAY} as day,
             oi.amount - oi.refund_amount as revenue
      from order_items oi
      join orders o on o.store_id = oi.store_id and o.id = oi.order_id
      where o.store_id = ${storeId} and o.is_purchase = 1 and oi.product_id is not null
    ),
    first_day as (
      select product_id, customer_id, min(day) as d1 from bought group by product_id, customer_id
    ),
    second_day as (
      select b.product_id, b.customer_id, min(b.day) as d2
      from bought b
      join first_day f on f.product_id = b.product_id and f.customer_id = b.customer_id
      where b.day > f.d1
      group by b.product_id, b.customer_id
    ),
    customer_first as (
      select customer_id, min((ordered_at + ${SHANGHAI}) / ${DAY}) as first
      from orders where store_id = ${storeId} and is_purchase = 1 group by customer_id
    ),
    per_product as (
      select f.product_id,
             count(*) as buyers,
             count(s.d2) as repeat_buyers,
             sum(case when s.d2 - f.d1 <= ${WINDOW} then 1 else 0 end) as within_window
      from first_day f
      left join second_day s on s.product_id = f.product_id and s.customer_id = f.customer_id
      group by f.product_id
    ),
    money as (
      select b.product_id, sum(b.revenue) as revenue,
             sum(case when b.day > c.first then b.revenue else 0 end) as old_revenue
      from bought b join customer_first c on c.customer_id = b.customer_id
      group by b.product_id
    )
    select p.product_id, p.buyers, p.repeat_buyers, p.within_window, m.revenue, m.old_revenue
    from per_product p join money m on m.product_id = p.product_id
    order by p.product_id`.execute(db);
  return result.rows.map((row) => ({
    product_id: Number(row.product_id),
    buyers: Number(row.buyers),
    repeat_buyers: Number(row.repeat_buyers),
    within_window: Number(row.within_window),
    revenue: Number(row.revenue),
    old_revenue: Number(row.old_revenue),
  }));
}

for (const testDatabase of testDatabases()) {
  describe(`the products analysis on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let session: OwnerSession;
    let storeId: StoreId;
    let service: string;

    beforeAll(async () => {
      session = await openOwnerSession(handle.get(), '母婴店');
      ({ storeId } = session);
      service = await addServiceSession(session);
      await seedStore(handle.get().db, storeId);
    });

    it('agrees with plain SQL on buyers, repeat buyers, the window and old customers’ revenue', async () => {
      const purchases = arrangePurchases(await readRawPurchases(session.ctx, storeId, null), 'Asia/Shanghai');
      const items = purchaseItemsOf(purchases);
      const analysis = analyzeProducts(purchases, items, { repurchaseWindowDays: WINDOW });
      const truth = await truthFromOrders(handle.get().db, storeId);
      expect(truth.length).toBe(8);
      expect(truth.some((t) => t.repeat_buyers > t.within_window)).toBe(true);
      expect(truth.some((t) => t.within_window > 0)).toBe(true);
      expect(
        analysis.products.map((p) => ({
          product_id: p.productId,
          buyers: p.buyers,
          repeat_buyers: p.repeatBuyers,
          within_window: p.withinWindow,
          revenue: p.revenue,
          old_revenue: p.oldRevenue,
        })),
      ).toEqual(truth);
    });

    it('names the products in the snapshot and derives the rates from the counts', async () => {
      const purchases = arrangePurchases(await readRawPurchases(session.ctx, storeId, null), 'Asia/Shanghai');
      const snapshot = await buildProductsSnapshot(session.ctx, storeId, purchases, {
        repurchaseWindowDays: WINDOW,
      });
      expect(snapshot.windowDays).toBe(WINDOW);
      expect(snapshot.gatewayMinFirstBuyers).toBe(5);
      for (const row of snapshot.products) {
        expect(row.title).toBe(`商品${row.key.slice(4)}`);
        expect(row.repurchaseRate).toBeCloseTo(row.repeatBuyers / row.buyers, 12);
        expect(row.withinWindowRate).toBeCloseTo(row.withinWindow / row.buyers, 12);
        for (const next of row.next) expect(next.title).toMatch(/^商品\d$/);
      }
      const buyers = snapshot.products.map((row) => row.buyers);
      expect(buyers).toEqual([...buyers].sort((a, b) => b - a));
    });

    describe('through the API', () => {
      const get = (url: string, cookie = session.cookie) =>
        session.app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/products${url}`,
          headers: { cookie },
        });

      it('has no snapshot and nothing to export before the first analysis', async () => {
        const response = await get('', service);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toEqual({ snapshot: null });
        expectError(await get('/export?format=csv'), 409, 'analytics.not_computed');
      });

      it('answers the latest snapshot to every role', async () => {
        const { db } = handle.get();
        // A product whose title a spreadsheet would run as a formula, bought by one new customer.
        const formula = await insertProduct(db, storeId, 'EVIL', '=HYPERLINK("http://x")');
        const customerId = await insertCustomerWithOrders(db, storeId, 'evil', [
          { at: '2026-01-05T04:00:00Z', net: 9_900 },
        ]);
        const [orderId] = await orderIdsOf(db, storeId, customerId);
        await insertOrderItems(db, storeId, orderId!, [{ productId: formula, quantity: 1, amount: 9_900 }]);
        const purchases = arrangePurchases(
          await readRawPurchases(session.ctx, storeId, null),
          'Asia/Shanghai',
        );
        const snapshot = await buildProductsSnapshot(session.ctx, storeId, purchases, {
          repurchaseWindowDays: WINDOW,
        });
        await saveProductsSnapshot(session.ctx, storeId, snapshot);
        const response = await get('', service);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toEqual({ snapshot });
      });

      it('exports the products table as CSV with the snapshot’s values, neutralised and audited', async () => {
        const snapshot = (await get('')).json().snapshot;
        const response = await get('/export?format=csv&table=products');
        expect(response.statusCode, response.body).toBe(200);
        expect(response.headers['content-type']).toContain('text/csv');
        expect(response.headers['content-disposition']).toMatch(/products-products-\d+-\d{8}-\d{4}\.csv/);
        expect(response.body.startsWith('\uFEFF')).toBe(true);
        const [header, ...rows] = Papa.parse<string[]>(response.body.slice(1).trim()).data;
        expect(header!.slice(0, 12)).toEqual([
          '商品ID',
          '商家编码',
          '商品名称',
          '类目',
          '购买人数',
          '订单数',
          '件数',
          '销售额(元)',
          '复购人数',
          '复购率',
          `${WINDOW}天内复购人数`,
          `${WINDOW}天内复购率`,
        ]);
        expect(rows.length).toBe(snapshot.products.length);
        const top = snapshot.products[0];
        expect(rows[0]!.slice(0, 12)).toEqual([
          String(top.productId),
          top.key,
          top.title,
          '',
          String(top.buyers),
          String(top.orders),
          String(top.units),
          String(top.revenue / 100),
          String(top.repeatBuyers),
          String(Math.round(top.repurchaseRate * 10_000) / 10_000),
          String(top.withinWindow),
          String(Math.round(top.withinWindowRate * 10_000) / 10_000),
        ]);
        const evil = rows.find((row) => row[1] === 'EVIL')!;
        expect(evil[2]).toBe('\'=HYPERLINK("http://x")');
        expect(evil.slice(4, 8)).toEqual(['1', '1', '1', '99']);
        const audit = await handle
          .get()
          .db.selectFrom('audit_log')
          .select('details')
          .where('store_id', '=', storeId)
          .where('action', '=', 'product.export')
          .execute();
        expect(JSON.parse(audit.at(-1)!.details)).toMatchObject({ format: 'csv', table: 'products' });
      });

      it('exports next products one row per pair, and the gateway ranking, and refuses service staff', async () => {
        const snapshot = (await get('')).json().snapshot;
        const next = await get('/export?table=next');
        const [, ...pairs] = Papa.parse<string[]>(next.body.slice(1).trim()).data;
        const expected = snapshot.products.flatMap(
          (row: { productId: number; next: { productId: number; customers: number }[] }) =>
            row.next.map((n, index) => [
              String(row.productId),
              String(index + 1),
              String(n.productId),
              String(n.customers),
            ]),
        );
        expect(pairs.map((row) => [row[0], row[2], row[3], row[5]])).toEqual(expected);
        const gateway = await get('/export?table=gateway');
        const [, ...ranked] = Papa.parse<string[]>(gateway.body.slice(1).trim()).data;
        const eligible = snapshot.products.filter((row: { firstBuyers: number }) => row.firstBuyers >= 5);
        expect(eligible.length).toBeGreaterThan(0);
        expect(ranked.length).toBe(eligible.length);
        expect(ranked.map((row) => Number(row[1]))).toEqual(snapshot.gateway);
        const rates = ranked.map((row) => Number(row[5]));
        expect(rates).toEqual([...rates].sort((a, b) => b - a));
        const xlsx = await get('/export?format=xlsx&table=gateway');
        expect(xlsx.statusCode).toBe(200);
        expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
        expectError(await get('/export?table=products', service), 403, 'auth.forbidden');
      });
    });
  });
}

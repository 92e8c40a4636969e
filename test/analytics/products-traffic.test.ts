import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { importProductTraffic } from '../../src/analytics/traffic.js';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import type { ProductId, StoreId } from '../../src/shared/ids.js';
import { addServiceSession, expectError, openOwnerSession } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';
import {
  insertCustomerWithOrders,
  insertOrderItems,
  insertProduct,
  orderIdsOf,
} from '../helpers/fixtures.js';
import { multipart } from '../helpers/multipart.js';

// Product traffic files as the platforms export them (GBK or UTF-8, Chinese or English headers),
// matched to products by key, SKU or title; and the low-conversion list built on them.

const folder = mkdtempSync(join(tmpdir(), 'laoke-traffic-'));
let fileNumber = 0;

function file(content: string | Buffer): string {
  const path = join(folder, `traffic-${++fileNumber}.csv`);
  writeFileSync(path, content);
  return path;
}

async function trafficRows(db: Db, storeId: StoreId) {
  return db
    .selectFrom('product_traffic')
    .select(['product_id', 'day', 'views', 'visitors', 'add_to_cart'])
    .where('store_id', '=', storeId)
    .orderBy('product_id')
    .orderBy('day')
    .execute();
}

for (const testDatabase of testDatabases()) {
  describe(`product traffic on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let app: FastifyInstance;
    let storeId: StoreId;
    let owner: string;
    let service: string;
    const ids: Record<string, ProductId> = {};

    beforeAll(async () => {
      const session = await openOwnerSession(handle.get(), '流量店');
      ({ ctx, app, storeId, cookie: owner } = session);
      service = await addServiceSession(session);
      const { db } = handle.get();
      ids.milk1 = await insertProduct(db, storeId, 'MILK-1', '奶粉1段', { sku: 'S-1' });
      ids.milk2 = await insertProduct(db, storeId, 'MILK-2', '奶粉2段');
      ids.bottle = await insertProduct(db, storeId, 'BOTTLE', '奶瓶', { sku: 'S-3' });
      ids.toy = await insertProduct(db, storeId, 'TOY', '玩具', { sku: 'DUP' });
      ids.toy2 = await insertProduct(db, storeId, 'TOY-2', '玩具', { sku: 'DUP' });
    });

    const run = (path: string) => importProductTraffic(ctx, storeId, cliActor(), path);

    describe('reading a file', () => {
      it('reads a GBK file with Chinese headers, matching by key, SKU and title', async () => {
        const result = await run(
          file(
            iconv.encode(
              '日期,商家编码,浏览量,访客数,加购件数\r\n2026-11-01,MILK-1,1200,300,40\r\n2026-11-01,S-3,500,200,10\r\n2026-11-01,奶粉2段,80,60,1\r\n',
              'gb18030',
            ),
          ),
        );
        expect(result).toEqual({ read: 3, upserted: 3, rejected: [] });
        expect(await trafficRows(handle.get().db, storeId)).toEqual([
          { product_id: ids.milk1, day: '2026-11-01', views: 1200, visitors: 300, add_to_cart: 40 },
          { product_id: ids.milk2, day: '2026-11-01', views: 80, visitors: 60, add_to_cart: 1 },
          { product_id: ids.bottle, day: '2026-11-01', views: 500, visitors: 200, add_to_cart: 10 },
        ]);
      });

      it('reads a UTF-8 file with a BOM, 商品ID and slashed dates', async () => {
        const result = await run(
          file('\uFEFF商品ID,日期,访客数,浏览量,加购人数\nMILK-1,2026/11/2,310,1300,41\n'),
        );
        expect(result).toEqual({ read: 1, upserted: 1, rejected: [] });
        const rows = await trafficRows(handle.get().db, storeId);
        expect(rows).toContainEqual({
          product_id: ids.milk1,
          day: '2026-11-02',
          views: 1300,
          visitors: 310,
          add_to_cart: 41,
        });
      });

      it('reads English headers and thousands separators', async () => {
        const result = await run(
          file('Date,SKU,Views,Visitors,Add to cart\n2026-11-03,S-1,"1,500",320,42\n'),
        );
        expect(result).toEqual({ read: 1, upserted: 1, rejected: [] });
        expect(await trafficRows(handle.get().db, storeId)).toContainEqual({
          product_id: ids.milk1,
          day: '2026-11-03',
          views: 1500,
          visitors: 320,
          add_to_cart: 42,
        });
      });

      it('reads an XLSX file with date and number cells', async () => {
        const workbook = new ExcelJS.Workbook();
        const sheet = workbook.addWorksheet('流量');
        sheet.addRow(['日期', '商品名称', '浏览量', '访客数', '加购人数']);
        sheet.addRow([new Date(Date.UTC(2026, 10, 6)), '奶粉2段', 90, 70, 2]);
        const path = join(folder, 'traffic.xlsx');
        await workbook.xlsx.writeFile(path);
        expect(await run(path)).toEqual({ read: 1, upserted: 1, rejected: [] });
        expect(await trafficRows(handle.get().db, storeId)).toContainEqual({
          product_id: ids.milk2,
          day: '2026-11-06',
          views: 90,
          visitors: 70,
          add_to_cart: 2,
        });
      });

      it('replaces a product’s day on re-import', async () => {
        const before = (await trafficRows(handle.get().db, storeId)).length;
        await run(file('日期,商家编码,浏览量,访客数,加购件数\n2026-11-01,MILK-1,2000,500,60\n'));
        const rows = await trafficRows(handle.get().db, storeId);
        expect(rows.length).toBe(before);
        expect(rows).toContainEqual({
          product_id: ids.milk1,
          day: '2026-11-01',
          views: 2000,
          visitors: 500,
          add_to_cart: 60,
        });
      });
    });

    describe('rejecting rows', () => {
      it('reports each bad row with its line and what was expected, and writes the good rows', async () => {
        const before = await trafficRows(handle.get().db, storeId);
        const result = await run(
          file(
            [
              '日期,商家编码,浏览量,访客数,加购件数',
              '2026-11-04,NOPE,10,5,0',
              '2026-11-04,MILK-2,-3,5,0',
              '2026-11-04,MILK-2,many,5,0',
              '2026-13-04,MILK-2,10,5,0',
              '2026-11-04,玩具,10,5,0',
              '2026-11-04,BOTTLE,10,5,0',
              '2026-11-04,S-3,11,6,0',
              '',
            ].join('\n'),
          ),
        );
        expect(result.read).toBe(7);
        expect(result.upserted).toBe(1);
        expect(result.rejected.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 8]);
        const reason = (line: number) => result.rejected.find((r) => r.line === line)!.reason;
        expect(reason(2)).toMatch(/"NOPE" matches no product.*expected a 商家编码/);
        expect(reason(3)).toMatch(/浏览量 "-3" is not a count; expected a whole number/);
        expect(reason(4)).toMatch(/浏览量 "many" is not a count/);
        expect(reason(5)).toMatch(/日期 "2026-13-04" is not a date; expected yyyy-MM-dd/);
        expect(reason(6)).toMatch(/"玩具" is the SKU|"玩具" is the title of 2 products/);
        expect(reason(8)).toMatch(/same product and day as line 7/);
        const after = await trafficRows(handle.get().db, storeId);
        expect(after.length).toBe(before.length + 1);
      });

      for (const [situation, content, code, message] of [
        ['an empty file', '', 'traffic.empty_file', /empty; expected a header row with 日期/],
        [
          'a header without rows',
          '日期,商家编码,浏览量,访客数\n',
          'traffic.empty_file',
          /header but no rows/,
        ],
        [
          'the wrong columns',
          '订单编号,买家会员名\n1,小鱼\n',
          'traffic.unknown_columns',
          /no 日期, 商家编码, 浏览量, 访客数 column; expected 日期\/date, 商家编码 or 商品ID/,
        ],
      ] as const) {
        it(`refuses ${situation} as a whole and writes nothing`, async () => {
          const before = await trafficRows(handle.get().db, storeId);
          await expect(run(file(content))).rejects.toMatchObject({
            code,
            message: expect.stringMatching(message),
          });
          expect(await trafficRows(handle.get().db, storeId)).toEqual(before);
        });
      }
    });

    describe('the API', () => {
      const upload = (cookie: string, content: string) => {
        const body = multipart([{ field: 'file', filename: '流量.csv', content }]);
        return app.inject({
          method: 'POST',
          url: `/api/stores/${storeId}/analytics/products/traffic`,
          headers: { cookie, ...body.headers },
          payload: body.payload,
        });
      };

      it('imports an upload for staff, audited, and refuses service staff', async () => {
        const response = await upload(owner, '日期,商家编码,浏览量,访客数\n2026-11-05,BOTTLE,900,400\n');
        expect(response.statusCode, response.body).toBe(200);
        expect(response.json()).toEqual({ read: 1, upserted: 1, rejected: [] });
        const audit = await handle
          .get()
          .db.selectFrom('audit_log')
          .select(['action', 'details'])
          .where('store_id', '=', storeId)
          .where('action', '=', 'product.traffic_import')
          .execute();
        expect(audit.length).toBeGreaterThanOrEqual(1);
        expect(JSON.parse(audit.at(-1)!.details)).toMatchObject({ fileName: '流量.csv', upserted: 1 });
        expectError(await upload(service, '日期,商家编码,浏览量,访客数\n'), 403, 'auth.forbidden');
      });

      it('answers a bad file with its code', async () => {
        expectError(await upload(owner, 'a,b\n1,2\n'), 400, 'traffic.unknown_columns');
      });

      it('lists products with many visitors and few buyers first, with orders in the store’s days', async () => {
        const { db } = handle.get();
        // Milk stage 1: 2 buyers of 500 visitors on 11-01 (one order at 23:30 Shanghai on 11-05,
        // i.e. 15:30 UTC, inside the range; one on 11-06 00:30 Shanghai, outside).
        const inRange = await insertCustomerWithOrders(db, storeId, 'a', [
          { at: '2026-11-01T04:00:00Z', net: 100 },
        ]);
        const late = await insertCustomerWithOrders(db, storeId, 'b', [
          { at: '2026-11-05T15:30:00Z', net: 100 },
          { at: '2026-11-05T16:30:00Z', net: 100 },
        ]);
        const [first] = await orderIdsOf(db, storeId, inRange);
        const [lateIn, lateOut] = await orderIdsOf(db, storeId, late);
        await insertOrderItems(db, storeId, first!, [{ productId: ids.milk1!, quantity: 1, amount: 100 }]);
        await insertOrderItems(db, storeId, lateIn!, [{ productId: ids.milk1!, quantity: 1, amount: 100 }]);
        await insertOrderItems(db, storeId, lateOut!, [{ productId: ids.bottle!, quantity: 1, amount: 100 }]);
        const response = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/products/low-conversion?from=2026-11-01&to=2026-11-05`,
          headers: { cookie: service },
        });
        expect(response.statusCode, response.body).toBe(200);
        const body = response.json();
        const byKey = Object.fromEntries(body.products.map((p: { key: string }) => [p.key, p]));
        // Traffic now: MILK-1 500 + 310 + 320 visitors, BOTTLE 200 + 5 + 400, MILK-2 60.
        expect(byKey['MILK-1']).toMatchObject({ visitors: 1130, orders: 2, buyers: 2 });
        expect(byKey.BOTTLE).toMatchObject({
          visitors: 605,
          views: 1410,
          orders: 0,
          buyers: 0,
          conversion: 0,
        });
        expect(byKey['MILK-2']).toMatchObject({ visitors: 60, orders: 0, buyers: 0 });
        expect(body.medianConversion).toBe(0);
        expect(body.products.map((p: { key: string }) => p.key)).toEqual(['MILK-1', 'BOTTLE', 'MILK-2']);

        // The same list as a file, in the user's language, audited.
        const exported = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/products/export?table=low-conversion&from=2026-11-01&to=2026-11-05`,
          headers: { cookie: owner },
        });
        expect(exported.statusCode, exported.body).toBe(200);
        const lines = exported.body
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n');
        expect(lines[0]).toBe(
          '商品ID,商家编码,商品名称,浏览量,访客数,加购,订单数,购买人数,转化率,低于中位数',
        );
        expect(
          lines.slice(1).map((line) => line.split(',').slice(1, 2).concat(line.split(',').slice(4, 5))),
        ).toEqual([
          ['MILK-1', '1130'],
          ['BOTTLE', '605'],
          ['MILK-2', '60'],
        ]);
        const withoutDays = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/products/export?table=low-conversion`,
          headers: { cookie: owner },
        });
        expect(expectError(withoutDays, 400, 'request.invalid').message).toContain('from and to');
      });

      it('refuses a range that ends before it starts', async () => {
        const response = await app.inject({
          method: 'GET',
          url: `/api/stores/${storeId}/analytics/products/low-conversion?from=2026-11-05&to=2026-11-01`,
          headers: { cookie: owner },
        });
        expectError(response, 400, 'request.invalid');
      });
    });
  });
}

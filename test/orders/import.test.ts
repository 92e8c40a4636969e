import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../../src/audit/actor.js';
import type { AppContext } from '../../src/context.js';
import type { Db } from '../../src/db/database.js';
import { saveColumnMap } from '../../src/orders/column-maps.store.js';
import { columnMapSchema } from '../../src/orders/formats/generic-map.js';
import { importOrderFile } from '../../src/orders/importer.js';
import type { StoreId } from '../../src/shared/ids.js';
import { instant } from '../../src/shared/time.js';
import { createStore } from '../../src/stores/service.js';
import { addUser, testContext } from '../helpers/app.js';
import { testDatabases, withTestDatabase } from '../helpers/databases.js';

const fixtures = 'test/fixtures/import';
const work = mkdtempSync(join(tmpdir(), 'laoke-import-'));

/** A fixture as GB18030 bytes (what Taobao's back office exports), with CRLF line ends. */
function asGbk(name: string): string {
  const path = join(work, name.replace('.csv', '.gbk.csv'));
  writeFileSync(
    path,
    iconv.encode(readFileSync(join(fixtures, name), 'utf8').replaceAll('\n', '\r\n'), 'gb18030'),
  );
  return path;
}

function writeWork(name: string, content: string | Buffer): string {
  const path = join(work, name);
  writeFileSync(path, content);
  return path;
}

async function orders(db: Db, storeId: StoreId) {
  return db
    .selectFrom('orders')
    .select([
      'external_id',
      'status',
      'is_purchase',
      'ordered_at',
      'goods_amount',
      'shipping_fee',
      'discount_amount',
      'paid_amount',
      'refund_amount',
      'net_amount',
      'item_count',
      'buyer_message',
      'seller_note',
      'receiver_name',
      'province',
      'city',
    ])
    .where('store_id', '=', storeId)
    .orderBy('external_id')
    .execute();
}

async function customers(db: Db, storeId: StoreId) {
  return db
    .selectFrom('customers')
    .select([
      'customer_key',
      'name',
      'phone',
      'phone_masked',
      'email',
      'province',
      'city',
      'district',
      'order_count',
      'total_spent',
      'first_order_at',
      'last_order_at',
    ])
    .where('store_id', '=', storeId)
    .orderBy('customer_key')
    .execute();
}

async function rejections(db: Db, storeId: StoreId, runId: number) {
  return db
    .selectFrom('import_rejections')
    .select(['line', 'code'])
    .where('store_id', '=', storeId)
    .where('import_run_id', '=', runId as never)
    .orderBy('line')
    .execute();
}

for (const testDatabase of testDatabases()) {
  describe(`order import on ${testDatabase.name}`, () => {
    const handle = withTestDatabase(testDatabase);
    let ctx: AppContext;
    let owner: Awaited<ReturnType<typeof addUser>>;
    let taobao: StoreId;

    beforeAll(async () => {
      ctx = testContext(handle.get());
      owner = await addUser(ctx, 'importer');
      taobao = await createStore(ctx, cliActor(owner), owner, { name: '淘宝店', platform: 'taobao' });
    });

    const newStore = (name: string, currency = 'CNY', timeZone = 'Asia/Shanghai') =>
      createStore(ctx, cliActor(owner), owner, { name, platform: 'other', currency, timeZone });

    describe('a Taobao order report in GBK', () => {
      it('imports every good row and says why each bad one was refused', async () => {
        const summary = await importOrderFile(ctx, taobao, cliActor(owner), asGbk('taobao-basic.csv'));
        expect(summary).toMatchObject({
          format: 'taobao',
          encoding: 'gb18030',
          read: 10,
          inserted: 6,
          updated: 0,
          unchanged: 0,
          rejected: 4,
          customers: 4,
        });
        expect(await rejections(handle.get().db, taobao, summary.runId)).toEqual([
          { line: 8, code: 'bad_amount' },
          { line: 9, code: 'duplicate_order' },
          { line: 10, code: 'unknown_status' },
          { line: 11, code: 'bad_time' },
        ]);
      });

      it('maps statuses, amounts, refunds and times as the store keeps them', async () => {
        const rows = await orders(handle.get().db, taobao);
        const byId = Object.fromEntries(rows.map((row) => [row.external_id, row]));
        expect(Object.keys(byId)).toEqual([
          '3000000000000001001',
          '3000000000000001002',
          '3000000000000001003',
          '3000000000000001004',
          '3000000000000001005',
          '3000000000000001006',
        ]);
        expect(byId['3000000000000001002']).toMatchObject({
          status: 'completed',
          is_purchase: 1,
          goods_amount: 51_600,
          discount_amount: 2_600,
          paid_amount: 49_000,
          net_amount: 49_000,
          item_count: 2,
          seller_note: '老客户，优先发货',
        });
        expect(byId['3000000000000001003']).toMatchObject({
          status: 'paid',
          is_purchase: 1,
          goods_amount: 129_900,
          shipping_fee: 1_000,
          paid_amount: 130_900,
          ordered_at: instant(Date.parse('2026-11-20T01:03:00Z')),
          province: '上海',
          city: '上海市',
        });
        expect(byId['3000000000000001004']).toMatchObject({
          status: 'pending_payment',
          is_purchase: 0,
          paid_amount: 0,
        });
        expect(byId['3000000000000001005']).toMatchObject({
          status: 'refunded',
          is_purchase: 0,
          paid_amount: 13_900,
          refund_amount: 13_900,
          net_amount: 0,
        });
        expect(byId['3000000000000001006']).toMatchObject({
          status: 'shipped',
          is_purchase: 1,
          refund_amount: 5_800,
          net_amount: 20_000,
          receiver_name: '周, 静',
          buyer_message: '=HYPERLINK("http://evil")',
          province: '广东省',
          city: '深圳市',
        });
      });

      it('builds each customer with roll-ups over purchases only, and never trusts a masked phone', async () => {
        expect(await customers(handle.get().db, taobao)).toEqual([
          expect.objectContaining({
            customer_key: 'tb0042_88',
            order_count: 1,
            total_spent: 20_000,
            phone: '137****0000',
            phone_masked: 1,
          }),
          expect.objectContaining({
            customer_key: '小鱼妈妈',
            name: '王丽',
            province: '浙江省',
            city: '杭州市',
            district: '西湖区',
            order_count: 2,
            total_spent: 74_800,
            first_order_at: Date.parse('2026-03-05T02:15:00Z'),
            last_order_at: Date.parse('2026-11-10T16:03:00Z'),
          }),
          expect.objectContaining({
            customer_key: '果果家',
            order_count: 0,
            total_spent: 0,
            first_order_at: null,
            city: '北京市',
          }),
          expect.objectContaining({ customer_key: '甜甜_3kd9', order_count: 1, total_spent: 130_900 }),
        ]);
      });

      it('changes nothing when the same file comes again', async () => {
        const before = JSON.stringify([
          await orders(handle.get().db, taobao),
          await customers(handle.get().db, taobao),
        ]);
        const summary = await importOrderFile(ctx, taobao, cliActor(owner), asGbk('taobao-basic.csv'));
        expect(summary).toMatchObject({
          read: 10,
          inserted: 0,
          updated: 0,
          unchanged: 6,
          rejected: 4,
          customers: 0,
        });
        expect(
          JSON.stringify([await orders(handle.get().db, taobao), await customers(handle.get().db, taobao)]),
        ).toBe(before);
      });

      it('updates an order whose status or refund changed, and its customer’s roll-ups', async () => {
        const header = readFileSync(join(fixtures, 'taobao-basic.csv'), 'utf8').split('\n')[0];
        const later = [
          header,
          '="3000000000000001003",甜甜_3kd9,,"1,299.00",10.00,"1,309.00",1309.00,交易成功,,李敏,上海 上海市 浦东新区 世纪大道1号,快递,,139****5678,2026/11/20 9:03,2026/11/20 9:05,宝宝爬行学步早教玩具,3,,,,5,老客母婴旗舰店,,309.00,0.00',
          '="3000000000000001010",甜甜_3kd9,,88.00,0.00,88.00,88.00,交易成功,,李敏,上海 上海市 浦东新区 世纪大道1号,快递,,139****5678,2026-11-23 10:00:00,2026-11-23 10:00:00,婴儿手口湿巾,1,,,,1,老客母婴旗舰店,,0.00,0.00',
        ].join('\n');
        const summary = await importOrderFile(ctx, taobao, cliActor(owner), writeWork('later.csv', later));
        expect(summary).toMatchObject({
          read: 2,
          inserted: 1,
          updated: 1,
          unchanged: 0,
          rejected: 0,
          customers: 0,
        });
        const tiantian = (await customers(handle.get().db, taobao)).find(
          (c) => c.customer_key === '甜甜_3kd9',
        );
        expect(tiantian).toMatchObject({ order_count: 2, total_spent: 130_900 - 30_900 + 8_800 });
      });
    });

    describe('a Taobao item report', () => {
      it('adds lines to the orders it names, and refuses lines of unknown orders', async () => {
        const summary = await importOrderFile(
          ctx,
          taobao,
          cliActor(owner),
          writeWork('items.csv', readFileSync(join(fixtures, 'taobao-items.csv'))),
        );
        expect(summary).toMatchObject({ format: 'taobao-items', read: 4, items: 3, rejected: 1 });
        const lines = await handle
          .get()
          .db.selectFrom('order_items')
          .innerJoin('orders', (join) =>
            join
              .onRef('orders.store_id', '=', 'order_items.store_id')
              .onRef('orders.id', '=', 'order_items.order_id'),
          )
          .innerJoin('products', (join) =>
            join
              .onRef('products.store_id', '=', 'order_items.store_id')
              .onRef('products.id', '=', 'order_items.product_id'),
          )
          .select([
            'orders.external_id',
            'order_items.line_no',
            'order_items.quantity',
            'order_items.amount',
            'products.product_key',
          ])
          .where('order_items.store_id', '=', taobao)
          .orderBy('orders.external_id')
          .orderBy('order_items.line_no')
          .execute();
        expect(lines).toEqual([
          {
            external_id: '3000000000000001002',
            line_no: 1,
            quantity: 2,
            amount: 51_600,
            product_key: 'FH-XFF-S2-800',
          },
          {
            external_id: '3000000000000001003',
            line_no: 1,
            quantity: 3,
            amount: 38_700,
            product_key: 'TOY-PX-02',
          },
          {
            external_id: '3000000000000001003',
            line_no: 2,
            quantity: 2,
            amount: 19_800,
            product_key: 'title:婴儿洗发沐浴二合一洗护套装',
          },
        ]);
        expect(await rejections(handle.get().db, taobao, summary.runId)).toEqual([
          { line: 5, code: 'order_not_found' },
        ]);
      });

      it('replaces an order’s lines when the report comes again, never doubling them', async () => {
        await importOrderFile(
          ctx,
          taobao,
          cliActor(owner),
          writeWork('items-again.csv', readFileSync(join(fixtures, 'taobao-items.csv'))),
        );
        const count = await handle
          .get()
          .db.selectFrom('order_items')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('store_id', '=', taobao)
          .executeTakeFirstOrThrow();
        expect(Number(count.n)).toBe(3);
      });
    });

    describe('a Shopify export', () => {
      it('gathers an order’s line items, keys customers by email and refuses another currency', async () => {
        const store = await newStore('Shopify 店');
        const summary = await importOrderFile(
          ctx,
          store,
          cliActor(owner),
          join(fixtures, 'shopify-basic.csv'),
        );
        expect(summary).toMatchObject({
          format: 'shopify',
          read: 5,
          inserted: 3,
          rejected: 1,
          customers: 2,
          items: 4,
        });
        const rows = Object.fromEntries(
          (await orders(handle.get().db, store)).map((row) => [row.external_id, row]),
        );
        expect(rows['#1001']).toMatchObject({
          status: 'completed',
          is_purchase: 1,
          goods_amount: 31_000,
          discount_amount: 1_000,
          shipping_fee: 1_000,
          paid_amount: 30_000,
          item_count: 3,
          province: 'Shanghai',
        });
        expect(rows['#1002']).toMatchObject({ status: 'refunded', is_purchase: 0, net_amount: 0 });
        expect(rows['#1003']).toMatchObject({ status: 'closed', is_purchase: 0, paid_amount: 0 });
        expect(
          (await customers(handle.get().db, store)).map((c) => [
            c.customer_key,
            c.order_count,
            c.total_spent,
          ]),
        ).toEqual([
          ['ann@example.com', 1, 30_000],
          ['bob@example.com', 0, 0],
        ]);
        expect(await rejections(handle.get().db, store, summary.runId)).toEqual([
          { line: 6, code: 'currency_mismatch' },
        ]);
      });
    });

    describe('a CSV with a saved column map', () => {
      it('is recognised by the map and read with its statuses', async () => {
        const store = await newStore('自建商城');
        const map = columnMapSchema.parse(
          JSON.parse(readFileSync(join(fixtures, 'generic-basic.map.json'), 'utf8')),
        );
        await saveColumnMap(handle.get().db, store, '商城导出', map, ctx.clock.now());
        const summary = await importOrderFile(
          ctx,
          store,
          cliActor(owner),
          join(fixtures, 'generic-basic.csv'),
        );
        expect(summary).toMatchObject({ format: 'generic', read: 3, inserted: 2, rejected: 1 });
        const rows = await orders(handle.get().db, store);
        expect(
          rows.map((r) => [
            r.external_id,
            r.status,
            r.is_purchase,
            r.paid_amount,
            r.item_count,
            r.province,
            r.city,
          ]),
        ).toEqual([
          ['G-1', 'completed', 1, 12_050, 2, '江苏省', '南京市'],
          ['G-2', 'refunded', 0, 8_000, 1, '江苏省', '南京市'],
        ]);
        expect((await customers(handle.get().db, store))[0]).toMatchObject({
          customer_key: 'member-7',
          phone: '13812345678',
          phone_masked: 0,
          order_count: 1,
        });
      });
    });

    describe('the CDNOW sample', () => {
      it('loads 6,919 purchases of 2,357 customers, keyed by the master id', async () => {
        const path = '../shared/datasets/cdnow/CDNOW_sample.txt';
        const store = await newStore('CDNOW', 'USD', 'America/New_York');
        const summary = await importOrderFile(ctx, store, cliActor(owner), path);
        expect(summary).toMatchObject({
          format: 'cdnow',
          read: 6_919,
          inserted: 6_919,
          rejected: 0,
          customers: 2_357,
        });
        const totals = await handle
          .get()
          .db.selectFrom('customers')
          .select((eb) => [
            eb.fn.sum<number>('order_count').as('purchases'),
            eb.fn.sum<number>('total_spent').as('spent'),
          ])
          .where('store_id', '=', store)
          .executeTakeFirstOrThrow();
        expect(Number(totals.purchases)).toBe(6_919);
        const expected = readFileSync(path, 'utf8')
          .trim()
          .split(/\r?\n/)
          .reduce((sum, line) => sum + Math.round(Number(line.trim().split(/\s+/)[4]) * 100), 0);
        expect(Number(totals.spent)).toBe(expected);
        const first = await handle
          .get()
          .db.selectFrom('orders')
          .select(['external_id', 'ordered_at'])
          .where('store_id', '=', store)
          .orderBy('id')
          .executeTakeFirstOrThrow();
        expect(first).toEqual({
          external_id: '00004-19970101-1',
          ordered_at: Date.parse('1997-01-01T05:00:00Z'),
        });
      });
    });

    describe('a file another process is importing', () => {
      it('is refused while that process holds the run, and resumed once its lease has run out', async () => {
        const store = await newStore('并发导入');
        const path = join(fixtures, 'generic-basic.csv');
        const { fileSha256 } = await import('../../src/orders/sniff.js');
        const now = ctx.clock.now();
        await handle
          .get()
          .db.insertInto('id_sequences')
          .values({ store_id: store, name: 'import_runs', next_id: 8 })
          .execute();
        await handle
          .get()
          .db.insertInto('import_runs')
          .values({
            store_id: store,
            id: 7 as never,
            format: 'cdnow',
            file_name: 'x',
            file_sha256: await fileSha256(path),
            status: 'running',
            started_at: now,
            lease_expires_at: instant(now + 30_000),
            checkpoint_line: 1,
          })
          .execute();
        await saveColumnMap(
          handle.get().db,
          store,
          'm',
          columnMapSchema.parse(JSON.parse(readFileSync(join(fixtures, 'generic-basic.map.json'), 'utf8'))),
          now,
        );
        await expect(importOrderFile(ctx, store, cliActor(owner), path)).rejects.toMatchObject({
          code: 'import.in_progress',
          details: { runId: 7 },
        });
        await handle
          .get()
          .db.updateTable('import_runs')
          .set({ lease_expires_at: instant(now - 1) })
          .where('store_id', '=', store)
          .execute();
        const summary = await importOrderFile(ctx, store, cliActor(owner), path);
        expect(summary).toMatchObject({ runId: 7, resumed: true, inserted: 2 });
      });
    });

    describe('files it cannot read', () => {
      it('says which columns it expected and creates no run', async () => {
        const store = await newStore('未知格式');
        const path = writeWork('unknown.csv', 'foo,bar\n1,2\n');
        await expect(importOrderFile(ctx, store, cliActor(owner), path)).rejects.toMatchObject({
          code: 'import.unknown_format',
          message: expect.stringContaining('订单编号'),
        });
        const runs = await handle
          .get()
          .db.selectFrom('import_runs')
          .selectAll()
          .where('store_id', '=', store)
          .execute();
        expect(runs).toEqual([]);
      });

      it('refuses an empty file and a header-only file', async () => {
        const store = await newStore('空文件');
        await expect(
          importOrderFile(ctx, store, cliActor(owner), writeWork('empty.csv', '')),
        ).rejects.toMatchObject({ code: 'import.empty_file' });
        const header = readFileSync(join(fixtures, 'taobao-basic.csv'), 'utf8').split('\n')[0]!;
        await expect(
          importOrderFile(ctx, store, cliActor(owner), writeWork('header.csv', `${header}\n`)),
        ).rejects.toMatchObject({ code: 'import.empty_file' });
      });

      it('keeps the good rows of a file with bad bytes, ragged rows and an unclosed quote', async () => {
        const store = await newStore('坏文件');
        const [header, ...rows] = readFileSync(join(fixtures, 'taobao-basic.csv'), 'utf8').split('\n');
        const bytes = Buffer.concat([
          Buffer.from(`${header}\n${rows[0]}\n`),
          Buffer.from([0x80, 0xff, 0x2c, 0x0a]), // line 3: neither UTF-8 nor GB18030
          Buffer.from(`${rows[1]},extra,cells\n`), // line 4: more fields than the header
          Buffer.from(`${rows[2]}\n`),
          Buffer.from(`${rows[3]}\n`),
          Buffer.from('="3000000000000001099","unclosed,…\n'), // line 7: the quote never closes
        ]);
        const summary = await importOrderFile(ctx, store, cliActor(owner), writeWork('broken.csv', bytes));
        expect(summary).toMatchObject({ inserted: 3, rejected: 3 });
        expect(await rejections(handle.get().db, store, summary.runId)).toEqual([
          { line: 3, code: 'bad_encoding' },
          { line: 4, code: 'ragged_row' },
          { line: 7, code: 'unclosed_quote' },
        ]);
      });
    });
  });
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

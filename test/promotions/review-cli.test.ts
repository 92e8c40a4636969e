import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { cliTargets, lastJson as json, laoke } from '../helpers/cli.js';
import { skipPdfTests } from '../helpers/pdf-font.js';

// laoke promo review as a user runs it: a Taobao export imported, the 2026 11.11 plan made, the
// review as JSON and as XLSX and PDF files. 老王 first bought in May 2025 (old), 小李 on 11.11 (new).

const header =
  '订单编号,买家会员名,买家支付宝账号,买家应付货款,买家应付邮费,总金额,买家实际支付金额,订单状态,买家留言,收货人姓名,收货地址,运送方式,联系电话,联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,物流单号,物流公司,订单备注,宝贝总数量,店铺名称,订单关闭原因,退款金额,店铺优惠';
const order = (no: string, buyer: string, yuan: string, at: string, items: number) =>
  `="${no}",${buyer},,${yuan},0.00,${yuan},${yuan},交易成功,,${buyer},浙江省 杭州市 西湖区 文三路1号(310012),快递,,,${at},${at},面霜,1,,,,${items},复盘店,,0.00,0.00`;
const csv = [
  header,
  order('4000000000000000001', '老王', '100.00', '2025-05-01 10:00:00', 1),
  order('4000000000000000002', '老王', '420.00', '2026-11-11 10:00:00', 2),
  order('4000000000000000003', '小李', '300.00', '2026-11-11 11:00:00', 1),
].join('\n');

for (const target of cliTargets()) {
  describe(`laoke promo review on ${target.name}`, () => {
    let dir = '';
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'laoke-review-'));
      await target.setUp();
      const db = ['--db', target.url()];
      const user = await laoke([...db, 'user', 'add', 'wang', '--json'], {
        LAOKE_PASSWORD: 'a good password',
      });
      expect(user.code, user.stderr).toBe(0);
      const store = await laoke([...db, 'store', 'create', '复盘店', '--owner', 'wang', '--json']);
      expect(store.code, store.stderr).toBe(0);
      writeFileSync(join(dir, 'orders.csv'), csv);
      const imported = await laoke([
        ...db,
        '--store',
        '复盘店',
        'import',
        join(dir, 'orders.csv'),
        '--no-analyze',
        '--json',
      ]);
      expect(imported.code, imported.stderr).toBe(0);
      const plan = await laoke([
        ...db,
        '--store',
        '复盘店',
        'promo',
        'plan',
        '--event',
        '1111',
        '--year',
        '2026',
        '--json',
      ]);
      expect(plan.code, plan.stderr).toBe(0);
    }, 120_000);
    afterAll(async () => {
      await target.tearDown();
      rmSync(dir, { recursive: true, force: true });
    });
    const promo = (...args: string[]) => laoke(['--db', target.url(), '--store', '复盘店', 'promo', ...args]);

    it.skipIf(skipPdfTests)('prints the review and writes it as XLSX and PDF, audited as cli', async () => {
      const xlsx = join(dir, 'review.xlsx');
      const pdf = join(dir, 'review.pdf');
      const run = await promo(
        'review',
        '--event',
        '1111',
        '--year',
        '2026',
        '--xlsx',
        xlsx,
        '--pdf',
        pdf,
        '--json',
      );
      expect(run.code, run.stderr).toBe(0);
      const { review, files } = json(run);
      expect(files).toEqual([xlsx, pdf]);
      expect(review.whole.old).toMatchObject({
        buyers: 1,
        orders: 1,
        revenue: 42_000,
        items: 2,
        itemsPerOrder: 2,
      });
      expect(review.whole.new).toMatchObject({ buyers: 1, orders: 1, revenue: 30_000, items: 1 });
      // No 11.11 in 2025 had orders: the forecast is zero, and a zero target is met.
      expect(review.target.source).toBe('forecast');
      expect(review.target.met).toBe(true);
      expect(review.newCustomers).toEqual({ count: 1, audienceName: '2026 双十一新客', audienceId: null });
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
      expect(book.getWorksheet('概览')!.getRow(14).values).toEqual([
        undefined,
        '老客',
        1,
        1,
        420,
        2,
        420,
        2,
        1,
      ]);
      const doc = await getDocument({ data: new Uint8Array(readFileSync(pdf)) }).promise;
      const text = (await (await doc.getPage(1)).getTextContent()).items
        .map((item) => ('str' in item ? item.str : ''))
        .join('\n');
      expect(text).toContain('¥420.00');
      expect(text).toContain('¥300.00');
      const database = await openDatabase(target.url());
      try {
        const audit = await database.db
          .selectFrom('audit_log')
          .select(['actor_label', 'details'])
          .where('action', '=', 'promotion.review_export')
          .orderBy('id')
          .execute();
        expect(audit.map((a) => `${a.actor_label} ${a.details}`)).toEqual([
          'cli {"format":"xlsx","language":"zh-CN"}',
          'cli {"format":"pdf","language":"zh-CN"}',
        ]);
      } finally {
        await database.close();
      }
    });

    it('prints a summary in English, and refuses a missing plan, a window not started and a bad language', async () => {
      const run = await promo('review', '--event', '1111', '--year', '2026', '--lang', 'en');
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain('2026 Singles’ Day (11.11) review');
      expect(run.stdout).toContain('New customers of the event: 1 (2026 双十一新客)');
      expect(run.stdout).toContain(
        'Message cost ¥0.00  Coupon cost ¥0.00  Gift cost ¥0.00  Total cost ¥0.00  ROI –',
      );
      const missing = await promo('review', '--event', '618', '--year', '2026', '--json');
      expect(missing.code).toBe(1);
      expect(json(missing).error.code).toBe('promotion.not_found');
      const next = await promo('plan', '--event', '1111', '--year', '2099', '--json');
      expect(next.code, next.stderr).toBe(0);
      const early = await promo('review', '--event', '1111', '--year', '2099', '--json');
      expect(early.code).toBe(1);
      expect(json(early).error.code).toBe('promotion.not_started');
      const bad = await promo('review', '--event', '1111', '--year', '2026', '--lang', 'fr', '--json');
      expect(bad.code).toBe(2);
      expect(json(bad).error.code).toBe('cli.invalid_argument');
    });
  });
}

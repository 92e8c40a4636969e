import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouponBatch, CouponReport } from '../../src/loyalty/coupons-schemas.js';
import type { GiftPreview } from '../../src/loyalty/gifts-schemas.js';
import { formatCount, formatMoney } from '../../web/src/format/number.js';
import {
  chooseOption,
  type DemoInBrowser,
  openDemoInBrowser,
  screenshot,
  signIn,
  skipBrowserTests,
  switchLanguage,
  warnIfSkipped,
} from './browser-harness.js';

// Coupons in a real browser against the real server: on the demo store the owner creates a batch
// (¥20 off, 30 codes), issues it to a saved audience, redeems one code by hand on an order of the
// customer holding it, and reads the batch's report with the figures the API gives; then plans
// holiday gifts for the same audience, over budget first, downloads the shipping list and uploads it
// back with tracking numbers; then English.

const PASSWORD = 'laoke-demo-test';
const AUDIENCE = '回购老客';
const BATCH = '老客回购券';
const PLAN = '中秋礼盒测试';
warnIfSkipped('the coupons browser test');

interface CodesPage {
  readonly codes: { code: string; customerId: number }[];
}
interface Timeline {
  readonly events: { kind: string; order?: { externalId: string; isPurchase: boolean } }[];
}

describe.skipIf(skipBrowserTests)('coupons in a browser', { timeout: 180_000 }, () => {
  let demo: DemoInBrowser;
  let page: Page;
  let baseUrl: string;
  let storeId: number;
  let batch: CouponBatch;

  const api = <T>(method: 'GET' | 'POST', path: string, data?: unknown) => demo.api<T>(method, path, data);
  const statistic = (title: string) =>
    page.locator('.ant-statistic').filter({ hasText: title }).locator('.ant-statistic-content-value');

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 60, seed: 9, password: PASSWORD });
    ({ page, storeId } = demo);
    baseUrl = demo.server.baseUrl;
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('creates a batch and issues it to a saved audience', async () => {
    await signIn(page, baseUrl, 'demo', PASSWORD);
    await api('POST', '/audiences', {
      name: AUDIENCE,
      definition: { where: { type: 'orderCount', min: 1 } },
    });
    await page.getByRole('navigation').getByRole('link', { name: '会员' }).click();
    // The section opens on the tiers; coupons are a tab beside them.
    await page.waitForURL(`**/stores/${storeId}/loyalty/tiers`);
    await page.getByRole('tab', { name: '优惠券' }).click();
    await page.waitForURL(`**/stores/${storeId}/loyalty/coupons`);
    await page.getByRole('heading', { name: '优惠券', exact: true }).waitFor();
    await page.getByRole('button', { name: /新建优惠券/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建优惠券' });
    await dialog.getByLabel('批次名称').fill(BATCH);
    await dialog.getByLabel('减免金额（元）').fill('20');
    await dialog.getByLabel('生效日期').fill('2020-01-01');
    await dialog.getByLabel('截止日期').fill('2030-12-31');
    await dialog.getByLabel('发行总量').fill('30');
    await dialog.getByRole('button', { name: '创建', exact: true }).click();
    await page.getByText(`已创建优惠券「${BATCH}」`).waitFor();
    const row = page.getByRole('row').filter({ hasText: BATCH });
    await row.getByText('20元', { exact: true }).waitFor();
    await row.getByText('0 / 30').waitFor();

    await row.getByRole('button', { name: '发券' }).click();
    const issue = page.getByRole('dialog', { name: `发券：${BATCH}` });
    await chooseOption(page, '发给人群', AUDIENCE, { search: true });
    await issue.getByRole('button', { name: '发券', exact: true }).click();
    await page.locator('.ant-modal-confirm-title', { hasText: '发券完成' }).waitFor();
    const { batches } = await api<{ batches: CouponBatch[] }>('GET', '/coupons');
    batch = batches.find((b) => b.name === BATCH)!;
    expect(batch.issued).toBe(30); // the demo store has more than 30 buyers
    await page.getByRole('button', { name: '知道了' }).click();
    await row.getByText('30 / 30').waitFor();
  });

  it('redeems a code by hand on an order of its holder', async () => {
    const { codes } = await api<CodesPage>('GET', `/coupons/${batch.id}/codes`);
    const held = codes[0]!;
    const timeline = await api<Timeline>('GET', `/customers/${held.customerId}/timeline`);
    const order = timeline.events.find((e) => e.kind === 'order' && e.order?.isPurchase)!.order!;
    await page.getByRole('button', { name: '手工核销' }).click();
    const dialog = page.getByRole('dialog', { name: '手工核销券码' });
    await dialog.getByLabel('券码').fill(held.code.toLowerCase());
    await dialog.getByLabel('订单编号').fill(order.externalId);
    await dialog.getByRole('button', { name: '核销', exact: true }).click();
    await page.getByText(`券码 ${held.code} 已在订单 ${order.externalId} 核销`).waitFor();
  });

  it('shows the report the API gives', async () => {
    await page.getByRole('row').filter({ hasText: BATCH }).getByRole('link', { name: '效果' }).click();
    await page.waitForURL(`**/stores/${storeId}/loyalty/coupons/${batch.id}`);
    await page.getByRole('heading', { name: `优惠券效果：${BATCH}` }).waitFor();
    const report = await api<CouponReport>('GET', `/coupons/${batch.id}/report`);
    expect(report).toMatchObject({ issued: 30, redeemed: 1 });
    expect(report.cost).toBeGreaterThan(0);
    await expect.poll(() => statistic('已发放').textContent()).toBe(formatCount(30, 'zh-CN'));
    expect(await statistic('已核销').textContent()).toBe('1');
    expect(await statistic('带动销售').textContent()).toBe(formatMoney(report.revenue, 'CNY', 'zh-CN'));
    expect(await statistic('优惠成本').textContent()).toBe(formatMoney(report.cost, 'CNY', 'zh-CN'));
    await page.getByRole('img', { name: '每日核销' }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: report.redemptions[0]!.orderNumber })
      .getByText('手工核销')
      .waitFor();
    await screenshot(page, 'coupon-report.png');
  });

  it('plans holiday gifts: over budget first, confirmed once the budget is raised, the shipping list out and back with tracking numbers', async () => {
    await page.getByRole('tab', { name: '节日关怀' }).click();
    await page.waitForURL(`**/stores/${storeId}/loyalty/gifts`);
    await page.getByRole('button', { name: /新建礼品计划/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建礼品计划' });
    await dialog.getByLabel('计划名称').fill(PLAN);
    await chooseOption(page, '送给人群', AUDIENCE, { search: true });
    await dialog.getByLabel('礼品编码').fill('MOON-50');
    await dialog.getByLabel('礼品名称').fill('中秋月饼礼盒');
    await dialog.getByLabel('每份成本（元，含包装运费）').fill('50');
    await dialog.getByLabel('预算（元）').fill('100');
    await dialog.getByRole('button', { name: '创建', exact: true }).click();
    await page.getByRole('heading', { name: PLAN }).waitFor();
    const { plans } = await api<{ plans: { id: number; name: string }[] }>('GET', '/gifts');
    const planId = plans.find((p) => p.name === PLAN)!.id;
    const preview = await api<GiftPreview>('GET', `/gifts/${planId}/preview`);
    expect(preview.overBudget).toBe(true);
    await page.getByText(`礼品成本超出预算 ${formatMoney(preview.cost - 10_000, 'CNY', 'zh-CN')}`).waitFor();
    expect(await statistic('收礼人数').textContent()).toBe(formatCount(preview.recipients, 'zh-CN'));

    await page.getByLabel('新预算（元）').fill('100000');
    await page.getByRole('button', { name: '调整预算' }).click();
    await page.getByText('礼品成本超出预算').waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: '确认名单' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '确认名单' }).click();
    await page.getByText(`名单已确认：${preview.recipients} 人`).waitFor();
    const href = await page.getByRole('link', { name: /导出发货清单 CSV/ }).getAttribute('href');
    const csv = await demo.context.request.get(`${baseUrl}${href}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toContain('收件人');
    expect(lines).toHaveLength(preview.recipients + 1);

    // The warehouse fills in the tracking numbers and sends the list back
    const filled = [lines[0], ...lines.slice(1).map((line, i) => `${line}SF${String(100_000 + i)}`)].join(
      '\r\n',
    );
    const dir = mkdtempSync(join(tmpdir(), 'laoke-tracking-'));
    writeFileSync(join(dir, 'shipped.csv'), filled);
    await page.locator('input[type=file]').setInputFiles(join(dir, 'shipped.csv'));
    await page.getByText(`已按快递单号标记 ${preview.recipients} 人已发货`).waitFor();
    const shipped = await api<{ shipping: { shipped: number } }>('GET', `/gifts/${planId}`);
    expect(shipped.shipping.shipped).toBe(preview.recipients);
    rmSync(dir, { recursive: true, force: true });
    await screenshot(page, 'gift-plan.png');
  });

  it('reads in English', async () => {
    await page.goto(`${baseUrl}/stores/${storeId}/loyalty/coupons/${batch.id}`);
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('heading', { name: `Coupon report: ${BATCH}` }).waitFor();
    await page.getByText('Discount given').waitFor();
    await page.getByRole('tab', { name: 'Holiday gifts' }).click();
    await page.waitForURL(`**/stores/${storeId}/loyalty/gifts`);
    await page.getByRole('heading', { name: 'Holiday gifts', exact: true }).waitFor();
    await page.getByText('Mid-Autumn').first().waitFor();
    await page.getByRole('button', { name: /New gift plan/ }).waitFor();
    await switchLanguage(page, 'en', 'zh-CN');
  });
});

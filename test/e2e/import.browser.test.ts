import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoStore } from '../../src/demo/service.js';
import { jobHandlers } from '../../src/jobs/registry.js';
import { type RunningWorker, startWorker } from '../../src/jobs/worker.js';
import {
  launchChromium,
  newChineseContext,
  screenshot,
  signIn,
  skipBrowserTests,
  startTestServer,
  switchLanguage,
  type TestServer,
  warnIfSkipped,
} from './browser-harness.js';
import { ensureDashboardBuilt, repoRoot } from './dashboard-build.js';

// The import page in a real browser: a GBK Taobao order report goes through the page's file input,
// the server's job worker imports it, and the page shows the result, the history with the rejected
// rows, and a column map saved through its form.

const PASSWORD = 'laoke-demo-test';
const FILE_NAME = '订单报表.csv';
warnIfSkipped('the import page browser test');

interface RunsAnswer {
  readonly runs: readonly { readonly id: number; readonly fileName: string }[];
}

/** The figure a file's result shows under a label, e.g. 新增订单 → "6". */
async function figure(result: Locator, label: string): Promise<string> {
  const group = result.getByRole('group', { name: label, exact: true });
  return ((await group.getByTestId('figure-value').textContent()) ?? '').trim();
}

describe.skipIf(skipBrowserTests)('the import page in a browser', { timeout: 90_000 }, () => {
  let server: TestServer;
  let worker: RunningWorker;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let storeId: number;
  let upload: string;

  beforeAll(async () => {
    await ensureDashboardBuilt();
    server = await startTestServer(); // uploads go to a folder of the server's temporary one
    baseUrl = server.baseUrl;
    // The demo user signs in; the import goes to a store of its own, since the demo's order
    // numbers (3 + serial) include the fixture's and would count as updates, not new orders.
    await createDemoStore(server.ctx, { customers: 20, seed: 7, password: PASSWORD });
    // The in-process server runs no worker of its own in tests: this one claims the import job.
    worker = startWorker(server.ctx, { handlers: jobHandlers, pollMs: 200 });

    // The real path: Taobao exports GBK, and the server detects it.
    upload = join(server.dir, FILE_NAME);
    const text = readFileSync(join(repoRoot, 'test/fixtures/import/taobao-basic.csv'), 'utf8');
    writeFileSync(upload, iconv.encode(text, 'gb18030'));

    browser = await launchChromium();
    context = await newChineseContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await worker?.stop();
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('opens 数据导入 from the side menu of a store the user owns', async () => {
    await signIn(page, baseUrl, 'demo', PASSWORD);
    const created = await context.request.post(`${baseUrl}/api/stores`, {
      data: { name: '导入测试店', platform: 'taobao' },
    });
    expect(created.status()).toBe(201);
    storeId = ((await created.json()) as { id: number }).id;

    await page.goto(`${baseUrl}/stores/${storeId}/overview`);
    await page.getByRole('navigation').getByRole('link', { name: '数据导入' }).click();
    await page.waitForURL(`**/stores/${storeId}/import`);
    await page.getByRole('heading', { name: '数据导入', exact: true }).waitFor();
    await page.getByText('还没有导入记录').waitFor();
  });

  it('uploads a GBK Taobao order report and shows what the job made of it', async () => {
    await page.locator('input[type="file"]').setInputFiles(upload);
    await page.getByText(FILE_NAME).waitFor();
    const answer = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/stores/${storeId}/imports`) && response.request().method() === 'POST',
    );
    await page.getByRole('button', { name: '开始导入' }).click();
    expect((await answer).status()).toBe(202);

    const progress = page.getByRole('region', { name: '导入进度' });
    await progress.getByText('导入完成').waitFor();
    const result = progress.getByRole('region', { name: FILE_NAME });
    expect(await figure(result, '读取行数')).toBe('10');
    expect(await figure(result, '新增订单')).toBe('6');
    expect(await figure(result, '更新订单')).toBe('0');
    expect(await figure(result, '拒绝行数')).toBe('4');
    expect(await figure(result, '新客户')).toBe('4');
    expect(await result.textContent()).toContain('编码：GBK');
    expect(await result.textContent()).toContain('淘宝/天猫订单报表');
  });

  it('lists the run in the history and opens its rejected rows by reason', async () => {
    const row = page.getByRole('row').filter({ hasText: FILE_NAME });
    await row.getByText('成功').waitFor();
    await row.click();

    const reasons = page.getByRole('list', { name: '按原因统计' }).getByRole('listitem');
    await reasons.first().waitFor();
    const texts = (await reasons.allTextContents()).map((text) => text.replace(/\s+/g, ' '));
    expect(texts).toHaveLength(4);
    for (const reason of ['金额格式不正确', '订单重复', '订单状态无法识别', '时间格式不正确']) {
      expect(texts.find((text) => text.startsWith(reason))).toContain('1 行');
    }
    // The first rejected rows: line and localised reason (the fixture's golden rejections).
    const firstRows = {
      8: '金额格式不正确',
      9: '订单重复',
      10: '订单状态无法识别',
      11: '时间格式不正确',
    };
    for (const [line, reason] of Object.entries(firstRows))
      await page.getByRole('row', { name: new RegExp(`^${line} ${reason} `) }).waitFor();

    await screenshot(page, 'import.png');
  });

  it('links the rejected rows as CSV: the header and the four rows', async () => {
    const runs = (await (
      await context.request.get(`${baseUrl}/api/stores/${storeId}/imports`)
    ).json()) as RunsAnswer;
    const run = runs.runs.find((candidate) => candidate.fileName === FILE_NAME);
    expect(run).toBeDefined();
    const link = page.getByRole('link', { name: '下载被拒绝的行（CSV）' });
    const href = await link.getAttribute('href');
    expect(href).toBe(`/api/stores/${storeId}/imports/${run?.id}/rejections.csv`);
    expect(await link.getAttribute('download')).not.toBeNull();

    // The page's own cookies: the link works for the signed-in user as it is.
    const csv = await context.request.get(`${baseUrl}${href}`);
    expect(csv.status()).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter((line) => line !== '');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('line,code,reason,original');
  });

  it('saves a column map through the form, after asking for the required columns, and lists it', async () => {
    await page.getByRole('tab', { name: '列映射' }).click();
    await page.getByText('还没有列映射').waitFor();
    await page.getByRole('button', { name: '新建列映射' }).click();
    const dialog = page.getByRole('dialog', { name: '新建列映射' });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.getByText('请填写订单号').waitFor();
    await dialog.getByText('请填写名称').waitFor();

    await dialog.getByLabel('名称', { exact: true }).fill('ERP 导出');
    await dialog.getByLabel('订单号', { exact: true }).fill('单号');
    await dialog.getByLabel('客户标识', { exact: true }).fill('会员');
    await dialog.getByLabel('下单时间', { exact: true }).fill('下单时间');
    await dialog.getByLabel('实付金额', { exact: true }).fill('实付');
    await dialog.getByRole('button', { name: '添加状态' }).click();
    await dialog.getByRole('textbox', { name: '文件中的状态值' }).fill('已签收');
    // By keyboard: near the window's bottom the list opens upwards and moves under a pointer. Open,
    // wait for the options (antd's role=option list is for screen readers; the visible ones carry a
    // title), then Enter takes the active one, the first: 已完成.
    await dialog.getByRole('combobox', { name: '对应的状态' }).click();
    await page.getByTitle('已完成', { exact: true }).waitFor();
    await page.keyboard.press('Enter');
    await dialog.getByText('可选的列').click();
    await dialog.getByLabel('商品名称', { exact: true }).fill('商品');
    await dialog.screenshot({ path: join(repoRoot, 'test-results', 'import-map-form.png') });
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row').filter({ hasText: 'ERP 导出' });
    await row.waitFor();
    expect(await row.textContent()).toContain('订单号 ← 单号');
    const saved = await context.request.get(`${baseUrl}/api/stores/${storeId}/import-maps`);
    expect(((await saved.json()) as { maps: unknown[] }).maps).toEqual([
      {
        name: 'ERP 导出',
        map: {
          columns: {
            orderId: '单号',
            customerKey: '会员',
            orderedAt: '下单时间',
            amount: '实付',
            product: '商品',
          },
          statuses: { 已签收: 'completed' },
        },
        updatedAt: expect.any(Number),
      },
    ]);
  });

  it('reads in English', async () => {
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('heading', { name: 'Import', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Import history' }).click();
    const row = page.getByRole('row').filter({ hasText: FILE_NAME });
    expect(await row.textContent()).toContain('Taobao/Tmall order report');
    await row.getByText('Done').waitFor();
    await screenshot(page, 'import-en.png');
    await switchLanguage(page, 'en', 'zh-CN');
    await page.getByRole('heading', { name: '数据导入', exact: true }).waitFor();
  });

  it('shows service staff that they may not import, with no upload controls', async () => {
    const added = await context.request.post(`${baseUrl}/api/stores/${storeId}/members`, {
      data: { login: 'kefu', role: 'service', password: 'kefu-password-1' },
    });
    expect(added.status()).toBe(201);
    const service = await newChineseContext(browser, { width: 1280, height: 800 });
    const servicePage = await service.newPage();
    await signIn(servicePage, baseUrl, 'kefu', 'kefu-password-1');
    await servicePage.goto(`${baseUrl}/stores/${storeId}/import`);
    await servicePage.getByText('无权导入数据').waitFor();
    expect(await servicePage.locator('input[type="file"]').count()).toBe(0);
    expect(await servicePage.getByRole('button', { name: '开始导入' }).count()).toBe(0);
    expect(await servicePage.getByRole('navigation').textContent()).not.toContain('数据导入');
    await service.close();
  });
});

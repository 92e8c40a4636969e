import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductsSnapshot } from '../../src/analytics/products.js';
import type { RfmSnapshot } from '../../src/analytics/rfm-refresh.js';
import type {
  CohortsSnapshot,
  LifecycleSnapshot,
  NewOldSnapshot,
  ParetoSnapshot,
} from '../../src/analytics/schemas.js';
import { formatCount, formatDecimal, formatMoney, formatShare } from '../../web/src/format/number.js';
import { formatMonth } from '../../web/src/format/time.js';
import { directionOf, trendColor } from '../../web/src/format/trend.js';
import {
  type DemoInBrowser,
  newChineseContext,
  openDemoInBrowser,
  screenshot,
  signIn,
  skipBrowserTests,
  switchLanguage,
  warnIfSkipped,
} from './browser-harness.js';

// The customer analytics page in a real browser against the real server: the demo store before
// any refresh, a refresh started from the page and followed to its end, then each tab's figures
// compared with what the API answers, the English reading, and service staff's view.

const PASSWORD = 'laoke-demo-test';
warnIfSkipped('the customer analytics browser test');

/** The text of a table row's cells, found by the row's first cell (waiting for the row). */
async function rowCells(region: Locator, first: string): Promise<string[]> {
  const row = region
    .getByRole('row')
    .filter({ has: region.page().getByRole('cell', { name: first, exact: true }) })
    .first();
  await row.waitFor();
  return (await row.getByRole('cell').allTextContents()).map((text) => text.trim());
}

/** The value of a headline figure, found by its label. */
async function figure(page: Page, label: string): Promise<string> {
  const group = page.getByRole('group', { name: label, exact: true });
  return ((await group.locator('.ant-statistic-content').textContent()) ?? '').trim();
}

/** A chart's canvas size, once drawn. */
async function canvasSize(chart: Locator): Promise<{ width: number; height: number }> {
  const canvas = chart.locator('canvas').first();
  await canvas.waitFor();
  const box = await canvas.boundingBox();
  return { width: box?.width ?? 0, height: box?.height ?? 0 };
}

const lifecycleNames = {
  new: '新客',
  active: '活跃',
  silent: '沉默',
  churned: '流失',
  won_back: '回流',
} as const;

describe.skipIf(skipBrowserTests)('customer analytics in a browser', { timeout: 120_000 }, () => {
  let demo: DemoInBrowser;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let storeId: number;

  const apiGet = async <T>(path: string): Promise<T> => {
    const answer = await context.request.get(`${baseUrl}/api/stores/${storeId}${path}`);
    expect(answer.status(), path).toBe(200);
    return (await answer.json()) as T;
  };
  const snapshot = async <T>(path: string): Promise<T> => {
    const answer = await apiGet<{ snapshot: T | null }>(path);
    if (answer.snapshot === null) throw new Error(`${path} has no snapshot`);
    return answer.snapshot;
  };

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 200, seed: 11, password: PASSWORD });
    ({ browser, context, page, storeId } = demo);
    baseUrl = demo.server.baseUrl;
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('offers a refresh before anything has been computed', async () => {
    await signIn(page, baseUrl, 'demo', PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '客户分析' }).click();
    await page.waitForURL(`**/stores/${storeId}/reports`);
    await page.getByRole('heading', { name: '客户分析', exact: true }).waitFor();
    await page.getByText('还没有分析结果').waitFor();
    expect(await page.getByRole('button', { name: '立即刷新' }).count()).toBe(1);
    await screenshot(page, 'analytics-empty.png');
  });

  it('refreshes, following the job, and lists the RFM segments the API computed', async () => {
    await page.getByRole('button', { name: '立即刷新' }).click();
    await page.getByText('分析已更新').waitFor({ timeout: 60_000 });

    const rfm = await snapshot<RfmSnapshot>('/analytics/rfm');
    expect(rfm.buyers).toBeGreaterThan(0);
    const table = page.getByRole('region', { name: '各分层客户' });
    await table.getByRole('row').nth(1).waitFor();
    for (const segment of rfm.chinese) {
      const cells = await rowCells(table, `${segment.segment}客户`);
      expect(cells[1], segment.segment).toBe(formatCount(segment.customers, 'zh-CN'));
      expect(cells[2], segment.segment).toBe(formatShare(segment.customers / rfm.buyers, 'zh-CN'));
      expect(cells[3], segment.segment).toBe(formatShare(segment.revenueShare, 'zh-CN'));
    }
    const map = page.getByRole('img', { name: '客户分层图图表' });
    expect((await canvasSize(map)).width).toBeGreaterThan(0);
    await page.getByText(`共 ${formatCount(rfm.buyers, 'zh-CN')} 位购买客户`).waitFor();
    // The table's export link downloads the segments as CSV.
    const csvHref = await table.getByRole('link', { name: /导出 CSV/ }).getAttribute('href');
    const csv = await context.request.get(`${baseUrl}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('重要价值');
    await screenshot(page, 'analytics-rfm.png');
  });

  it('shows the lifecycle states and figures the API computed', async () => {
    await page.getByRole('tab', { name: '生命周期' }).click();
    const lifecycle = await snapshot<LifecycleSnapshot>('/analytics/lifecycle');
    const table = page.getByRole('region', { name: '生命周期分布' });
    await table.getByRole('row').nth(1).waitFor();
    expect((await rowCells(table, '潜在客户'))[1]).toBe(formatCount(lifecycle.potential, 'zh-CN'));
    for (const state of lifecycle.states) {
      const cells = await rowCells(table, lifecycleNames[state.state]);
      expect(cells[1], state.state).toBe(formatCount(state.customers, 'zh-CN'));
    }
    expect(await figure(page, '人均购买次数')).toBe(formatDecimal(lifecycle.purchasesPerCustomer, 'zh-CN'));
    expect(await figure(page, '购买客户')).toBe(formatCount(lifecycle.buyers, 'zh-CN'));
    const cycle = page.getByRole('img', { name: '复购周期图表' });
    expect((await canvasSize(cycle)).height).toBeGreaterThan(0);
    await screenshot(page, 'analytics-lifecycle.png');
  });

  it('shows new vs old customers per month, with growth coloured the Chinese way', async () => {
    await page.getByRole('tab', { name: '新老客户' }).click();
    const newOld = await snapshot<NewOldSnapshot>('/analytics/new-old');
    const latest = newOld.months.at(-1);
    if (!latest) throw new Error('no months');
    const table = page.getByRole('region', { name: '新老客户明细' });
    const cells = await rowCells(table, formatMonth(latest.period, 'zh-CN'));
    expect(cells[1]).toBe(formatCount(latest.newBuyers, 'zh-CN'));
    expect(cells[2]).toBe(formatCount(latest.oldBuyers, 'zh-CN'));
    // The first month with a year-over-year figure for old revenue: its colour says its direction.
    const compared = newOld.months.toReversed().findIndex((month) => month.yoy.oldRevenue !== null);
    // Three years of demo history: the table's first page (twelve months) has one.
    expect(compared).toBeGreaterThanOrEqual(0);
    expect(compared).toBeLessThan(12);
    const month = newOld.months.toReversed()[compared]!;
    const direction = directionOf(month.yoy.oldRevenue!);
    const growth = table
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: formatMonth(month.period, 'zh-CN'), exact: true }) })
      .locator('[data-direction]')
      .first();
    expect(await growth.getAttribute('data-direction')).toBe(direction);
    const hex = trendColor(direction, 'zh-CN');
    const rgb = [1, 3, 5].map((offset) => Number.parseInt(hex.slice(offset, offset + 2), 16));
    expect(await growth.getAttribute('style')).toContain(`color: rgb(${rgb.join(', ')})`);

    // Any range of days: the page asks the range endpoint and shows its row.
    const range = await apiGet<{ row: NewOldSnapshot['days'][number] }>(
      `/analytics/new-old/range?from=${latest.from}&to=${latest.to}`,
    );
    const custom = page.getByRole('region', { name: '自定义时间段' });
    await custom.getByPlaceholder('开始日期').click();
    await custom.getByPlaceholder('开始日期').fill(latest.from);
    await custom.getByPlaceholder('开始日期').press('Enter');
    await custom.getByPlaceholder('结束日期').fill(latest.to);
    await custom.getByPlaceholder('结束日期').press('Enter');
    const rangeCells = async () =>
      (await custom.locator('tbody tr.ant-table-row').first().getByRole('cell').allTextContents()).map(
        (text) => text.trim(),
      );
    await expect
      .poll(async () => (await rangeCells()).slice(0, 6))
      .toEqual([
        formatCount(range.row.newBuyers, 'zh-CN'),
        formatCount(range.row.oldBuyers, 'zh-CN'),
        formatCount(range.row.newOrders, 'zh-CN'),
        formatCount(range.row.oldOrders, 'zh-CN'),
        formatMoney(range.row.newRevenue, 'CNY', 'zh-CN'),
        formatMoney(range.row.oldRevenue, 'CNY', 'zh-CN'),
      ]);
    await screenshot(page, 'analytics-new-old.png');
  });

  it('shows the 80/20 figures the API computed and the core customers, each linked to a profile', async () => {
    await page.getByRole('tab', { name: '二八分析' }).click();
    const pareto = await snapshot<ParetoSnapshot>('/analytics/pareto');
    await page.getByRole('group', { name: '前 20% 客户贡献收入' }).waitFor();
    expect(await figure(page, '前 20% 客户贡献收入')).toBe(formatShare(pareto.top20RevenueShare, 'zh-CN'));
    expect(await figure(page, '贡献 80% 收入的客户占比')).toBe(
      formatShare(pareto.customerShareFor80, 'zh-CN'),
    );
    const core = await apiGet<{ total: number; items: { customerId: number; displayName: string }[] }>(
      '/analytics/core-customers?page=1&pageSize=20',
    );
    expect(core.total).toBe(pareto.coreCustomers);
    const list = page.getByRole('region', { name: '核心客户名单' });
    const first = core.items[0]!;
    const link = list.getByRole('link', { name: first.displayName, exact: true }).first();
    expect(await link.getAttribute('href')).toBe(`/stores/${storeId}/customers/${first.customerId}`);
    await list.getByText(`共 ${formatCount(core.total, 'zh-CN')} 位`).waitFor();
  });

  it('draws the cohort heatmap', async () => {
    await page.getByRole('tab', { name: '同期群' }).click();
    const cohorts = await snapshot<CohortsSnapshot>('/analytics/cohorts');
    expect(cohorts.cohorts.length).toBeGreaterThan(0);
    const size = await canvasSize(page.getByRole('img', { name: '同期群图表' }));
    expect(size.width).toBeGreaterThan(0);
    expect(size.height).toBeGreaterThan(0);
    const table = page.getByRole('region', { name: '同期群明细' });
    const firstCohort = cohorts.cohorts[0]!;
    expect((await rowCells(table, formatMonth(firstCohort.month, 'zh-CN')))[1]).toBe(
      formatCount(firstCohort.customers, 'zh-CN'),
    );
    await screenshot(page, 'analytics-cohorts.png');
  });

  it('lists the products with their repurchase rates, and the gateway products, as the API ranks them', async () => {
    await page.getByRole('tab', { name: '商品' }).click();
    const products = await snapshot<ProductsSnapshot>('/analytics/products');
    const table = page.getByRole('region', { name: '商品复购' });
    // Most buyers first, as the API lists them.
    for (const product of products.products.slice(0, 3)) {
      const cells = await rowCells(table, product.title);
      expect(cells[1], product.title).toBe(formatCount(product.buyers, 'zh-CN'));
      expect(cells[5], product.title).toBe(
        product.repurchaseRate === null ? '—' : formatShare(product.repurchaseRate, 'zh-CN'),
      );
    }
    const gateway = page.getByRole('region', { name: '引流商品' });
    const firstGateway = products.products.find((product) => product.productId === products.gateway[0]);
    if (!firstGateway) throw new Error('the demo store has no gateway product');
    const firstRow = gateway.locator('tbody tr.ant-table-row').first();
    await firstRow.waitFor();
    expect((await firstRow.getByRole('cell').allTextContents())[0]).toBe(firstGateway.title);
    // The low-conversion list downloads for the days on screen.
    const lowConversion = page.getByRole('region', { name: '高浏览低转化' });
    const href = await lowConversion.getByRole('link', { name: /导出 CSV/ }).getAttribute('href');
    expect(href).toMatch(/table=low-conversion.*from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    const download = await context.request.get(`${baseUrl}${href}`);
    expect(download.status()).toBe(200);
    await screenshot(page, 'analytics-products.png');
  });

  it('after a second refresh, shows how segments moved and the lifecycle transitions', async () => {
    await page.getByRole('tab', { name: 'RFM 分层' }).click();
    const before = await snapshot<RfmSnapshot>('/analytics/rfm');
    await page.getByRole('button', { name: '立即刷新' }).click();
    await expect
      .poll(async () => (await snapshot<RfmSnapshot>('/analytics/rfm')).computedAt, { timeout: 60_000 })
      .toBeGreaterThan(before.computedAt);
    const history = await apiGet<{ history: unknown[] }>('/analytics/rfm/history');
    expect(history.history).toHaveLength(2);
    const movement = page.getByRole('img', { name: '分层变化图表' });
    expect((await canvasSize(movement)).width).toBeGreaterThan(0);

    await page.getByRole('tab', { name: '生命周期' }).click();
    const lifecycle = await snapshot<LifecycleSnapshot>('/analytics/lifecycle');
    expect(lifecycle.previousComputedAt).not.toBeNull();
    const biggest = lifecycle.transitions.toSorted((a, b) => b.customers - a.customers)[0]!;
    const transitions = page.getByRole('region', { name: '状态流转' });
    const row = (
      await rowCells(transitions, biggest.from === null ? '（未购买）' : lifecycleNames[biggest.from])
    ).filter(Boolean);
    expect(row.at(-1)).toBe(formatCount(biggest.customers, 'zh-CN'));
    await screenshot(page, 'analytics-transitions.png');
  });

  it('reads in English, with the eleven English segments', async () => {
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('tab', { name: 'RFM segments' }).click();
    await page.getByRole('heading', { name: 'Customer analytics', exact: true }).waitFor();
    await page.getByText('Eleven (English)').click();
    const rfm = await snapshot<RfmSnapshot>('/analytics/rfm');
    const table = page.getByRole('region', { name: 'Customers per segment' });
    await table.getByRole('cell', { name: 'Champions', exact: true }).waitFor();
    for (const segment of rfm.english) {
      const cells = await rowCells(table, segment.segment);
      expect(cells[1], segment.segment).toBe(formatCount(segment.customers, 'en'));
    }
    await screenshot(page, 'analytics-rfm-en.png');
    await page.getByRole('tab', { name: '80/20' }).click();
    const pareto = await snapshot<ParetoSnapshot>('/analytics/pareto');
    await page.getByRole('group', { name: 'Revenue from the top 20% of customers' }).waitFor();
    expect(await figure(page, 'Revenue from the top 20% of customers')).toBe(
      formatShare(pareto.top20RevenueShare, 'en'),
    );
    await screenshot(page, 'analytics-pareto-en.png');
  });

  it('shows service staff the analysis with no refresh button and no exports', async () => {
    const added = await context.request.post(`${baseUrl}/api/stores/${storeId}/members`, {
      data: { login: 'kefu', role: 'service', password: 'kefu-password-1' },
    });
    expect(added.status()).toBe(201);
    const service = await newChineseContext(browser, { width: 1280, height: 800 });
    try {
      const servicePage = await service.newPage();
      await signIn(servicePage, baseUrl, 'kefu', 'kefu-password-1');
      await servicePage.goto(`${baseUrl}/stores/${storeId}/reports`);
      await servicePage.getByRole('region', { name: '各分层客户' }).getByRole('row').nth(1).waitFor();
      expect(await servicePage.getByRole('button', { name: '立即刷新' }).count()).toBe(0);
      expect(await servicePage.getByRole('link', { name: /导出/ }).count()).toBe(0);
    } finally {
      await service.close();
    }
  });
});

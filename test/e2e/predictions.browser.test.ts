import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerList } from '../../src/customers/schemas.js';
import type { CustomerPrediction, PredictionsSnapshot } from '../../src/predict/schemas.js';
import { formatCount, formatDecimal, formatMoney, formatShare } from '../../web/src/format/number.js';
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

// The predicted-value page in a real browser against the real server: the demo store before any
// refresh, a refresh started from the page, then its figures, warnings and charts compared with
// what the API answers, a customer's prediction card, the links to the filtered customer list,
// and the English reading.

const PASSWORD = 'laoke-demo-test';
warnIfSkipped('the predictions browser test');

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

const decimal = (value: number, digits = 3) => formatDecimal(value, 'zh-CN', digits);

describe.skipIf(skipBrowserTests)('predicted value in a browser', { timeout: 180_000 }, () => {
  let demo: DemoInBrowser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let storeId: number;
  let snapshot: PredictionsSnapshot;

  const apiGet = async <T>(path: string): Promise<T> => {
    const answer = await context.request.get(`${baseUrl}/api/stores/${storeId}${path}`);
    expect(answer.status(), path).toBe(200);
    return (await answer.json()) as T;
  };

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 200, seed: 11, password: PASSWORD });
    ({ context, page, storeId } = demo);
    baseUrl = demo.server.baseUrl;
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('is a tab of 客户分析 and offers a refresh before anything has been computed', async () => {
    await signIn(page, baseUrl, 'demo', PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '客户分析' }).click();
    await page.getByRole('tab', { name: '预测价值' }).click();
    await page.waitForURL(`**/stores/${storeId}/reports/predictions`);
    await page.getByRole('heading', { name: '预测价值', exact: true }).waitFor();
    await page.getByText('还没有预测结果').waitFor();
    expect((await apiGet<{ snapshot: unknown }>('/analytics/predictions')).snapshot).toBeNull();
  });

  it('refreshes, following the job, and shows the figures the API computed', async () => {
    await page.getByRole('button', { name: '立即刷新' }).click();
    await page.getByText('分析已更新').waitFor({ timeout: 90_000 });
    const answer = await apiGet<{ snapshot: PredictionsSnapshot | null }>('/analytics/predictions');
    if (!answer.snapshot) throw new Error('the refresh computed no predictions');
    snapshot = answer.snapshot;
    expect(snapshot.repeatBuyers).toBeGreaterThan(0);

    await page.getByRole('group', { name: '购买客户', exact: true }).waitFor();
    expect(await figure(page, '购买客户')).toBe(formatCount(snapshot.customers, 'zh-CN'));
    expect(await figure(page, '复购客户')).toBe(formatCount(snapshot.repeatBuyers, 'zh-CN'));
    expect(await figure(page, '预计仍活跃的客户')).toBe(
      formatCount(Math.round(snapshot.totals.alive), 'zh-CN'),
    );
    expect(await figure(page, '未来 365 天预计购买')).toBe(`${decimal(snapshot.totals.expected365, 1)} 次`);
    expect(await figure(page, `未来 ${snapshot.settings.horizonMonths} 个月客户价值合计`)).toBe(
      formatMoney(snapshot.totals.clv, 'CNY', 'zh-CN'),
    );
    expect(await figure(page, '前 20% 客户价值门槛')).toBe(formatMoney(snapshot.clvTop20, 'CNY', 'zh-CN'));
  });

  it('explains each warning with its figures', async () => {
    // 200 demo customers are fewer than the model wants: at least that warning is there.
    expect(snapshot.warnings.map((warning) => warning.code)).toContain('few_customers');
    const warnings = page.getByRole('region', { name: '使用这些数字前请留意' });
    await expect.poll(() => warnings.getByRole('alert').count()).toBe(snapshot.warnings.length);
    const few = snapshot.warnings.find((warning) => warning.code === 'few_customers')!;
    await warnings
      .getByText(
        `只有 ${decimal(few.values.customers!)} 位购买客户（建议至少 ${decimal(few.values.minimum!)} 位）`,
      )
      .waitFor();
    expect(await warnings.getByText('客户数偏少', { exact: true }).count()).toBe(1);
  });

  it('draws the value matrix, the distributions and the model check', async () => {
    for (const name of ['价值矩阵', '仍活跃概率分布', '未来 365 天预计购买次数', '客户价值分布']) {
      const size = await canvasSize(page.getByRole('img', { name: `${name}图表` }));
      expect(size.width, name).toBeGreaterThan(0);
      expect(size.height, name).toBeGreaterThan(0);
    }
    const check = page.getByRole('region', { name: '模型检验' });
    if (snapshot.holdout) {
      expect(await figure(page, '实际复购合计')).toBe(formatCount(snapshot.holdout.totalActual, 'zh-CN'));
      expect(await figure(page, '预计复购合计')).toBe(decimal(snapshot.holdout.totalExpected, 1));
      expect((await canvasSize(check.getByRole('img', { name: '模型检验图表' }))).width).toBeGreaterThan(0);
      const last = snapshot.holdout.rows.at(-1)!;
      const label = last.orMore ? `${last.frequency}+` : String(last.frequency);
      await check.getByRole('cell', { name: label, exact: true }).waitFor();
    } else {
      await check.getByText('订单历史太短').waitFor();
    }
    const bgnbd = page.getByRole('group', { name: 'BG/NBD：会不会再买、买几次' });
    const r = new Intl.NumberFormat('zh-CN', { maximumSignificantDigits: 4 }).format(snapshot.bgnbd.r);
    await bgnbd.getByRole('cell', { name: r, exact: true }).first().waitFor();
    await screenshot(page, 'predictions.png');
    await page.screenshot({ path: '/tmp/predictions.png', fullPage: true });
  });

  it('links to the high-value win-back and active customers, and the list filters by them', async () => {
    const all = await apiGet<CustomerList>('/customers?pageSize=20');
    for (const [name, query] of [
      ['高价值挽回', 'pAliveMax=0.3&potentialTopPercent=20'],
      ['高价值活跃', 'pAliveMin=0.7&clvTopPercent=20'],
    ] as const) {
      await page.goto(`${baseUrl}/stores/${storeId}/reports/predictions`);
      await page.getByRole('link', { name }).click();
      await page.waitForURL(`**/stores/${storeId}/customers?${query}`);
      const filtered = await apiGet<CustomerList>(`/customers?${query}&pageSize=20`);
      expect(filtered.total, name).toBeLessThan(all.total);
      await page.getByText(`共 ${formatCount(filtered.total, 'zh-CN')} 位客户`).waitFor();
      // The filter form opens with the address's values, P(alive) as a percentage.
      const form = page.getByRole('form', { name: '筛选条件' });
      await form.waitFor();
      const percent = query.startsWith('pAliveMax') ? '仍活跃概率（%） 最高' : '仍活跃概率（%） 最低';
      expect(await form.getByLabel(percent).inputValue(), name).toBe(
        query.startsWith('pAliveMax') ? '30' : '70',
      );
      const top = query.includes('potentialTopPercent') ? '若仍活跃的价值' : '预测客户价值';
      expect(await form.getByLabel(top).inputValue(), name).toBe('20');
      if (name === '高价值挽回') await screenshot(page, 'predictions-win-back-list.png');
    }
  });

  it('shows a customer’s prediction on the profile, as the API answers it', async () => {
    const list = await apiGet<CustomerList>('/customers?sort=totalSpent&order=desc&pageSize=1');
    const customer = list.customers[0]!;
    const profile = await apiGet<{ prediction: CustomerPrediction | null }>(`/customers/${customer.id}`);
    if (!profile.prediction) throw new Error('the biggest spender has no prediction');
    await page.goto(`${baseUrl}/stores/${storeId}/customers/${customer.id}`);
    const card = page.getByRole('region', { name: '预测', exact: true });
    const value = (label: string) =>
      card.getByRole('group', { name: label, exact: true }).locator('span').last().textContent();
    await card.waitFor();
    expect(await value('仍活跃概率')).toBe(formatShare(profile.prediction.pAlive, 'zh-CN'));
    expect(await value('预测客户价值')).toBe(formatMoney(profile.prediction.clv, 'CNY', 'zh-CN'));
    expect(await value('价值排名')).toBe(
      `前 ${Math.min(100, Math.max(1, 101 - profile.prediction.clvPercentile))}%`,
    );
    expect(await value('未来 90 天预计购买')).toBe(`${decimal(profile.prediction.expected90, 2)} 次`);
    expect(await value('若仍活跃的价值')).toBe(
      `${formatMoney(profile.prediction.potentialValue, 'CNY', 'zh-CN')}（前 ${Math.min(100, Math.max(1, 101 - profile.prediction.potentialPercentile))}%）`,
    );
    await screenshot(page, 'predictions-profile.png');
  });

  it('reads in English', async () => {
    await page.goto(`${baseUrl}/stores/${storeId}/reports/predictions`);
    await page.getByRole('heading', { name: '预测价值', exact: true }).waitFor();
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('heading', { name: 'Predicted value', exact: true }).waitFor();
    expect(await figure(page, 'Buyers')).toBe(formatCount(snapshot.customers, 'en'));
    expect(await figure(page, 'Expected purchases, next 30 days')).toBe(
      formatDecimal(snapshot.totals.expected30, 'en', 1),
    );
    await page
      .getByRole('region', { name: 'Read these numbers with care' })
      .getByText('Few customers')
      .waitFor();
    await page.getByRole('link', { name: 'High-value win-back' }).waitFor();
    await page.getByRole('img', { name: 'Value matrix chart' }).waitFor();
    await screenshot(page, 'predictions-en.png');
  });

  it('shows service staff the predictions with no refresh button', async () => {
    const added = await context.request.post(`${baseUrl}/api/stores/${storeId}/members`, {
      data: { login: 'kefu', role: 'service', password: 'kefu-password-1' },
    });
    expect(added.status()).toBe(201);
    const service = await newChineseContext(demo.browser, { width: 1280, height: 800 });
    try {
      const servicePage = await service.newPage();
      await signIn(servicePage, baseUrl, 'kefu', 'kefu-password-1');
      await servicePage.goto(`${baseUrl}/stores/${storeId}/reports/predictions`);
      await servicePage.getByRole('group', { name: '购买客户', exact: true }).waitFor();
      expect(await servicePage.getByRole('button', { name: '立即刷新' }).count()).toBe(0);
    } finally {
      await service.close();
    }
  });
});

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoStore } from '../../src/demo/service.js';
import { errorCatalogue } from '../../src/shared/error-catalogue.js';
import { formatCount, formatMoney, formatShare } from '../../web/src/format/number.js';
import {
  launchChromium,
  newChineseContext,
  screenshot,
  skipBrowserTests,
  startTestServer,
  switchLanguage,
  type TestServer,
  warnIfSkipped,
} from './browser-harness.js';
import { ensureDashboardBuilt } from './dashboard-build.js';

// The dashboard in a real browser against the real server: a fresh SQLite database holding the
// demo store, the server in-process on a random port, headless Chromium driving the built pages.

const PASSWORD = 'laoke-demo-test';
const LOGIN_ATTEMPTS_PER_MINUTE = 4;
warnIfSkipped('the dashboard browser test');

interface MonthFigures {
  readonly newRevenue: number;
  readonly oldRevenue: number;
}

interface OverviewAnswer {
  readonly currency: string;
  readonly customers: number;
  readonly buyers: number;
  readonly repeatBuyerShare: number;
  readonly orders: number;
  readonly revenue: number;
  readonly averageOrderValue: number;
  readonly months: readonly MonthFigures[];
}

// The KPI cards as the Overview page formats them (same functions, same options).
function expectedKpis(overview: OverviewAnswer, locale: string): Record<string, string> {
  const money = (minor: number) => formatMoney(minor, overview.currency, locale, { compact: true });
  const count = (value: number) => formatCount(value, locale, { compact: true });
  const old = overview.months.reduce((sum, month) => sum + month.oldRevenue, 0);
  const total = overview.months.reduce((sum, month) => sum + month.oldRevenue + month.newRevenue, 0);
  const kpis: Record<string, string> = {
    revenue: money(overview.revenue),
    orders: count(overview.orders),
    averageOrderValue: money(overview.averageOrderValue),
    customerCount: count(overview.customers),
    buyers: count(overview.buyers),
    repeatBuyerShare: formatShare(overview.repeatBuyerShare, locale),
  };
  if (total > 0) kpis.oldRevenueShare = formatShare(old / total, locale);
  return kpis;
}

const kpiTitles: Record<'zh-CN' | 'en', Record<string, string>> = {
  'zh-CN': {
    revenue: '累计销售额',
    orders: '累计订单数',
    averageOrderValue: '客单价',
    oldRevenueShare: '老客销售占比',
    customerCount: '客户总数',
    buyers: '购买客户',
    repeatBuyerShare: '复购率',
  },
  en: {
    revenue: 'Revenue to date',
    orders: 'Orders to date',
    averageOrderValue: 'Average order value',
    oldRevenueShare: 'Old-customer revenue share',
    customerCount: 'Customers',
    buyers: 'Buyers',
    repeatBuyerShare: 'Repeat-buyer rate',
  },
};

async function kpiValues(page: Page, language: 'zh-CN' | 'en'): Promise<Record<string, string>> {
  const shown: Record<string, string> = {};
  for (const [key, title] of Object.entries(kpiTitles[language])) {
    const card = page.getByRole('group', { name: title, exact: true });
    shown[key] = (await card.getByTestId('kpi-value').textContent())?.trim() ?? '';
  }
  return shown;
}

describe.skipIf(skipBrowserTests)('the dashboard in a browser', { timeout: 90_000 }, () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let storeId: number;

  beforeAll(async () => {
    await ensureDashboardBuilt();
    // Low, so the rate-limit case needs few attempts; the sign-ins before it use two.
    server = await startTestServer({ LAOKE_LOGIN_RATE_LIMIT: String(LOGIN_ATTEMPTS_PER_MINUTE) });
    baseUrl = server.baseUrl;
    const demo = await createDemoStore(server.ctx, { customers: 300, seed: 7, password: PASSWORD });
    storeId = demo.storeId;

    browser = await launchChromium();
    // A Chinese browser: the dashboard starts in zh-CN.
    context = await newChineseContext(browser);
    page = await context.newPage();
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('sends a visitor without a session to the sign-in page', async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: '登录', exact: true }).waitFor();
  });

  it('shows the localised error for a wrong password', async () => {
    await page.getByLabel('账号').fill('demo');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain(errorCatalogue['auth.invalid_credentials'].zh);
  });

  it('signs in and lands on the store’s Overview', async () => {
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForURL(`**/stores/${storeId}/overview`);
    await page.getByRole('heading', { name: '总览', exact: true }).waitFor();
  });

  it('shows the KPI figures that the overview API returns, formatted for zh-CN', async () => {
    const answer = await context.request.get(`${baseUrl}/api/stores/${storeId}/overview`);
    expect(answer.status()).toBe(200);
    const overview = (await answer.json()) as OverviewAnswer;
    await page.getByTestId('kpi-value').first().waitFor();
    expect(await kpiValues(page, 'zh-CN')).toEqual(expectedKpis(overview, 'zh-CN'));
  });

  it('draws the twelve-month chart on its canvas', async () => {
    const chart = page.getByRole('img', { name: /近 12 个月新客与老客销售额/ });
    await chart.locator('canvas').waitFor();
    // Counts painted pixels; an empty or failed chart leaves the canvas transparent.
    const painted = await page.waitForFunction(`(() => {
      const canvas = document.querySelector('[role="img"] canvas');
      if (!canvas || canvas.width === 0) return 0;
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
      return count > 20000 ? count : 0;
    })()`);
    expect(Number(await painted.jsonValue())).toBeGreaterThan(20_000);
    await screenshot(page, 'overview.png');
  });

  it('switches the language to English and back, saving it with the account', async () => {
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('heading', { name: 'Overview', exact: true }).waitFor();
    expect(await page.getByRole('navigation').textContent()).toContain('Settings');
    const answer = await context.request.get(`${baseUrl}/api/stores/${storeId}/overview`);
    const overview = (await answer.json()) as OverviewAnswer;
    expect(await kpiValues(page, 'en')).toEqual(expectedKpis(overview, 'en'));
    await expect
      .poll(
        async () =>
          (
            (await (await context.request.get(`${baseUrl}/api/auth/me`)).json()) as {
              user: { locale: string };
            }
          ).user.locale,
      )
      .toBe('en');

    await switchLanguage(page, 'en', 'zh-CN');
    await page.getByRole('heading', { name: '总览', exact: true }).waitFor();
    expect(await page.getByRole('navigation').textContent()).toContain('设置');
  });

  it('opens menus without animation when the system asks for less motion, and animated otherwise', async () => {
    // Every class the language menu's popup takes while it opens and closes, seen by a MutationObserver.
    const motionClasses = async (): Promise<string[]> => {
      await page.evaluate(`(() => {
        window.__laokeClasses = [];
        window.__laokeObserver?.disconnect();
        window.__laokeObserver = new MutationObserver((records) => {
          for (const record of records) {
            const node = record.target;
            if (node.nodeType === 1 && typeof node.className === 'string') window.__laokeClasses.push(node.className);
            for (const added of record.addedNodes ?? [])
              if (added.nodeType === 1 && typeof added.className === 'string') window.__laokeClasses.push(added.className);
          }
        });
        window.__laokeObserver.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      })()`);
      await page.getByRole('button', { name: '简体中文' }).click();
      const item = page.getByRole('menuitem', { name: 'English' });
      await item.waitFor();
      await page.keyboard.press('Escape');
      await item.waitFor({ state: 'hidden' });
      const seen = (await page.evaluate('window.__laokeClasses')) as string[];
      const motion = seen
        .flatMap((names) => names.split(/\s+/))
        .filter((name) => /-(appear|enter|leave)\b/.test(name));
      return [...new Set(motion)].sort();
    };
    // Without motion the popup only takes its prepare step (it is measured and placed), never animated.
    expect(await motionClasses()).toEqual(['ant-slide-up-enter', 'ant-slide-up-enter-prepare']);
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    try {
      expect(await motionClasses()).toEqual(
        expect.arrayContaining(['ant-slide-up-enter-active', 'ant-slide-up-leave-active']),
      );
    } finally {
      await page.emulateMedia({ reducedMotion: 'reduce' });
    }
  });

  it('lists the demo user among the members on the Settings page', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '设置' }).click();
    await page.getByRole('heading', { name: '设置', exact: true }).waitFor();
    await page.getByRole('tab', { name: '成员' }).click();
    const row = page.getByRole('row').filter({ hasText: 'demo' });
    await row.first().waitFor();
    const text = (await row.first().textContent()) ?? '';
    expect(text).toContain('演示店主 Demo');
    expect(text).toContain('店主');
  });

  it('shows the localised rate-limit error when sign-in attempts run out', async () => {
    const stranger = await browser.newContext({ locale: 'zh-CN' });
    const signIn = await stranger.newPage();
    await signIn.goto(`${baseUrl}/login`);
    await signIn.getByLabel('账号').fill('demo');
    await signIn.getByLabel('密码').fill('not-the-password');
    let status = 0;
    for (let attempt = 0; attempt <= LOGIN_ATTEMPTS_PER_MINUTE && status !== 429; attempt++) {
      // The submit button by its type: while a sign-in is pending it shows a spinner and its name
      // is "loading 登录", and a loading button ignores clicks, so wait for it to settle.
      const submit = signIn.locator('button[type=submit]:not(.ant-btn-loading)');
      await submit.waitFor();
      const answer = signIn.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
      await submit.click();
      status = (await answer).status();
    }
    expect(status).toBe(429);
    const alert = signIn.getByRole('alert').filter({ hasText: errorCatalogue['auth.rate_limited'].zh });
    await alert.waitFor();
    await stranger.close();
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TierPreview, TierScheme } from '../../src/loyalty/schemas.js';
import { formatCount } from '../../web/src/format/number.js';
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

// Membership tiers in a real browser against the real server: the demo owner opens 会员 → 会员等级,
// types thresholds and reads the what-if the API computes for them, sees the distribution chart,
// saves, and finds the members per tier the API reports; then the member-day calendar.

const PASSWORD = 'laoke-demo-test';
warnIfSkipped('the loyalty tiers browser test');

const schemeFor = (thresholds: readonly [number, number, number]) => ({
  basis: 'spend',
  period: 'all',
  tiers: [
    { name: '银卡', minSpent: thresholds[0] * 100, minOrders: 2, pricePercent: 98, benefits: '' },
    { name: '金卡', minSpent: thresholds[1] * 100, minOrders: 5, pricePercent: 95, benefits: '' },
    { name: '钻石卡', minSpent: thresholds[2] * 100, minOrders: 10, pricePercent: 90, benefits: '' },
  ],
});

describe.skipIf(skipBrowserTests)('membership tiers in a browser', { timeout: 180_000 }, () => {
  let demo: DemoInBrowser;
  let page: Page;
  let storeId: number;

  const figure = (name: string, value: number) =>
    page.getByRole('group', { name }).getByText(formatCount(value, 'zh-CN'), { exact: true });
  const setSpend = async (row: number, yuan: number) => {
    const input = page.getByLabel(`累计消费 ≥（元） ${row}`, { exact: true });
    await input.fill(String(yuan));
    await input.blur();
  };

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 80, seed: 7, password: PASSWORD });
    ({ page, storeId } = demo);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('shows the what-if the API computes as thresholds are typed, with the distribution chart', async () => {
    await signIn(page, demo.server.baseUrl, 'demo', PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '会员' }).click();
    await page.waitForURL(`**/stores/${storeId}/loyalty/tiers`);
    await page.getByRole('heading', { name: '会员等级', exact: true }).waitFor();
    await page.getByText('还没有设置会员等级', { exact: false }).waitFor();
    await page.getByRole('img', { name: '各会员等级人数：当前与调整后' }).waitFor();

    await setSpend(1, 100);
    await setSpend(2, 300);
    await setSpend(3, 800);
    const first = await demo.api<TierPreview>('POST', '/loyalty/tiers/preview', schemeFor([100, 300, 800]));
    expect(first.up).toBeGreaterThan(0);
    await figure('将升级', first.up).waitFor();
    await figure('将降级', 0).waitFor();

    // A higher top threshold: fewer in the top tier, and the page follows.
    await setSpend(3, 1500);
    const second = await demo.api<TierPreview>('POST', '/loyalty/tiers/preview', schemeFor([100, 300, 1500]));
    await figure('将升级', second.up).waitFor();
    expect(second.tiers[2]!.customers).toBeLessThanOrEqual(first.tiers[2]!.customers);

    // Thresholds that do not rise: no preview, a warning instead.
    await setSpend(2, 50);
    await page.getByText('门槛需要逐级提高，才能预览').waitFor();
    await setSpend(2, 300);
    await figure('将升级', second.up).waitFor();
    await screenshot(page, 'loyalty-tiers-what-if.png');
  });

  it('saves and applies the tiers: the members per tier are the what-if’s', async () => {
    const preview = await demo.api<TierPreview>(
      'POST',
      '/loyalty/tiers/preview',
      schemeFor([100, 300, 1500]),
    );
    await page.getByRole('button', { name: '保存并应用' }).click();
    const tiered = preview.tiers.reduce((sum, tier) => sum + tier.customers, 0);
    await page.getByText(`已保存：${formatCount(tiered, 'zh-CN')} 位会员`, { exact: false }).waitFor();
    const { scheme } = await demo.api<{ scheme: TierScheme }>('GET', '/loyalty/tiers');
    expect(scheme.tiers.map((tier) => [tier.name, tier.members])).toEqual(
      preview.tiers.map((tier) => [tier.name, tier.customers]),
    );
    expect(scheme.noTier).toBe(preview.none);
    // The movement chart has its first refresh; the recent changes list the new members.
    await page.getByRole('img', { name: '每次刷新的升级与降级人数' }).waitFor();
    await page.getByText('还没有等级变化').waitFor({ state: 'detached' });
    await page.getByText('上次刷新', { exact: false }).waitFor();
    await screenshot(page, 'loyalty-tiers-saved.png');
  });

  it('builds an audience of a tier and counts what the API counts', async () => {
    const { scheme } = await demo.api<{ scheme: TierScheme }>('GET', '/loyalty/tiers');
    const gold = scheme.tiers.find((tier) => tier.name === '金卡')!;
    const definition = {
      where: {
        type: 'and',
        conditions: [
          { type: 'orderCount', min: 2 },
          { type: 'tier', in: [gold.id] },
        ],
      },
    };
    const expected = await demo.api<{ count: number }>('POST', '/audiences/count', { definition });
    expect(expected.count).toBeGreaterThan(0);
    await page.getByRole('navigation').getByRole('link', { name: '人群' }).click();
    await page.getByRole('button', { name: /新建人群/ }).click();
    await page.waitForURL(`**/stores/${storeId}/segments/new`);
    await page.getByRole('button', { name: /添加条件$/ }).click();
    await chooseOption(page, '条件', '会员等级', { search: true, nth: 1 });
    const row = page.getByRole('group', { name: '会员等级' });
    await row.getByRole('combobox').last().click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="金卡"]').click();
    await page.keyboard.press('Escape');
    await page
      .getByRole('region', { name: '实时人数' })
      .getByText(`${formatCount(expected.count, 'zh-CN')} 人`, { exact: true })
      .waitFor();
  });

  it('creates a member day and shows it on the calendar', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '会员' }).click();
    await page.waitForURL(`**/stores/${storeId}/loyalty/tiers`);
    await page.getByRole('tab', { name: '会员日' }).click();
    await page.waitForURL(`**/stores/${storeId}/loyalty/member-days`);
    await page.getByRole('button', { name: /新建会员日/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建会员日' });
    await dialog.getByLabel('名称').fill('每月8号');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByText('已保存', { exact: true }).first().waitFor();
    const row = page.getByRole('row', { name: /^每月8号 8 日 全部等级/ });
    await row.getByText('不提醒').waitFor();
    await page.getByText('会员日 · 每月8号').first().waitFor();
    await screenshot(page, 'loyalty-member-days.png');
  });

  it('reads in English', async () => {
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('tab', { name: 'Tiers' }).click();
    await page.getByRole('heading', { name: 'Membership tiers', exact: true }).waitFor();
    await page.getByRole('group', { name: 'Would stay' }).waitFor();
    await page.getByRole('img', { name: 'Members per tier: now and with the changes' }).waitFor();
    await page.getByRole('button', { name: 'Save and apply' }).waitFor();
    await switchLanguage(page, 'en', 'zh-CN');
  });
});

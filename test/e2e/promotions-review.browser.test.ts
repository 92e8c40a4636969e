import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Review } from '../../src/promotions/review-schemas.js';
import type { Plan } from '../../src/promotions/schemas.js';
import { formatMoney } from '../../web/src/format/number.js';
import {
  type DemoInBrowser,
  openDemoInBrowser,
  screenshot,
  signIn,
  skipBrowserTests,
  switchLanguage,
  warnIfSkipped,
} from './browser-harness.js';
import { repoRoot } from './dashboard-build.js';

// The review (复盘) of the demo store's 2026 双十一 in a real browser: the verdict and figures the
// review API gives, the event's new customers saved as an audience, the nurture drafts, the two
// exports, and the English page.

const PASSWORD = 'laoke-demo-test';
warnIfSkipped('the promotion review browser test');

describe.skipIf(skipBrowserTests)('the promotion review in a browser', { timeout: 180_000 }, () => {
  let demo: DemoInBrowser;
  let page: Page;
  let plan: Plan;
  let review: Review;

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 120, seed: 11, password: PASSWORD });
    page = demo.page;
    await signIn(page, demo.server.baseUrl, 'demo', PASSWORD);
    plan = await demo.api<Plan>('POST', '/promotions/plans', { event: '1111', year: 2026 });
    review = await demo.api<Review>('GET', `/promotions/plans/${plan.id}/review`);
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('shows whether the target was met and the figures the review API gives', async () => {
    expect(review.finished).toBe(true);
    expect(review.segments.rows.length).toBeGreaterThan(0);
    expect(review.whole.old.buyers + review.whole.new.buyers).toBeGreaterThan(0);
    await page.goto(`${demo.server.baseUrl}/stores/${demo.storeId}/promotions/plans/${plan.id}/review`);
    await page.getByRole('tab', { name: '复盘', selected: true }).waitFor();
    const verdict = page.getByTestId('review-verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe(review.target.met ? '目标达成' : '未达成目标');
    const revenue = review.target.figures.find((f) => f.key === 'revenue')!;
    const row = page.getByRole('row').filter({ hasText: '总销售额' }).first();
    await row.getByText(formatMoney(revenue.actual, 'CNY', 'zh-CN'), { exact: true }).waitFor();
    await row.getByText(formatMoney(revenue.target, 'CNY', 'zh-CN'), { exact: true }).waitFor();
    // The old customers' revenue over the whole window, in the new/old table.
    await page
      .getByRole('row')
      .filter({ hasText: '整个活动' })
      .getByText(formatMoney(review.whole.old.revenue, 'CNY', 'zh-CN'), { exact: true })
      .first()
      .waitFor();
    await page.getByRole('img', { name: '目标与实际销售额' }).locator('canvas').waitFor();
    await page.getByRole('img', { name: '各分层响应率' }).locator('canvas').waitFor();
    const best = [...review.segments.rows].sort((a, b) => b.buyers - a.buyers)[0]!;
    await page
      .getByRole('row')
      .filter({ hasText: formatMoney(best.revenue, 'CNY', 'zh-CN') })
      .first()
      .waitFor();
    await page.getByRole('img', { name: '与以往活动对比' }).locator('canvas').waitFor();
    // This year's row and last year's in the comparison.
    await page.getByRole('cell', { name: '2025 双十一' }).waitFor();
    await screenshot(page, 'promotion-review.png');
  });

  it('saves the event’s new customers as an audience and drafts the nurture plan, once', async () => {
    const card = page.locator('.ant-card').filter({ hasText: '本次新客与培育计划' });
    await card
      .getByTestId('review-new-customers')
      .getByText(`本次新客 ${review.newCustomers.count} 人`)
      .waitFor();
    await card.getByRole('button', { name: `保存为人群「${review.newCustomers.audienceName}」` }).click();
    await card
      .getByRole('link', { name: `已保存为人群「${review.newCustomers.audienceName}」`, exact: false })
      .waitFor();
    await card.getByRole('button', { name: '创建培育草稿活动' }).click();
    await page.getByText('已创建 5 个草稿活动，审核后再发送').waitFor();
    await card
      .getByRole('link', { name: /^草稿 #\d+$/ })
      .nth(4)
      .waitFor();
    // Everything drafted: the button is gone, and the API agrees.
    expect(await card.getByRole('button', { name: '创建培育草稿活动' }).count()).toBe(0);
    const after = await demo.api<Review>('GET', `/promotions/plans/${plan.id}/review`);
    expect(after.newCustomers.audienceId).not.toBeNull();
    expect(after.nurture.steps.every((s) => s.campaignId !== null)).toBe(true);
  });

  it('downloads the review as XLSX and PDF', async () => {
    for (const [name, type] of [
      ['导出 Excel', 'spreadsheetml'],
      ['导出 PDF', 'application/pdf'],
    ] as const) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      expect(href).toContain('lang=zh-CN');
      const answer = await demo.context.request.get(`${demo.server.baseUrl}${href}`);
      expect(answer.status()).toBe(200);
      expect(answer.headers()['content-type']).toContain(type);
      const body = await answer.body();
      expect(body.length).toBeGreaterThan(1000);
      mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
      writeFileSync(
        join(repoRoot, 'test-results', `promotion-review.${type === 'application/pdf' ? 'pdf' : 'xlsx'}`),
        body,
      );
    }
  });

  it('reads in English', async () => {
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('tab', { name: 'Review', selected: true }).waitFor();
    await page
      .getByTestId('review-verdict')
      .getByText(review.target.met ? 'Target met' : 'Target missed')
      .waitFor();
    await page.getByText('Compared with earlier events').waitFor();
    expect(await page.getByRole('link', { name: 'Export PDF' }).getAttribute('href')).toContain('lang=en');
    await switchLanguage(page, 'en', 'zh-CN');
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { MessageTemplate } from '../../src/messaging/schemas.js';
import type { Review } from '../../src/promotions/review-schemas.js';
import type { Plan, progressSchema, targetsSchema } from '../../src/promotions/schemas.js';
import { formatMoney, formatShare } from '../../web/src/format/number.js';
import { dayKey } from '../../web/src/format/time.js';
import { skipPdfTests } from '../helpers/pdf-font.js';
import {
  chooseOption,
  type DemoInBrowser,
  newChineseContext,
  openDemoInBrowser,
  screenshot,
  signIn,
  skipBrowserTests,
  switchLanguage,
  warnIfSkipped,
} from './browser-harness.js';
import { repoRoot } from './dashboard-build.js';

// The big-promotion planner in a real browser over the demo store (three years of orders, 双十一
// with its warm-up pull every year): the calendar, a new 双十一 plan, its targets against what the
// API computes, an edited target, the segment chart, a task, a campaign made from the plan and
// linked as its task, the live progress, the review (复盘) with its audience, nurture drafts and
// exports; then the same pages in English.

const PASSWORD = 'laoke-demo-test';
type Targets = z.infer<typeof targetsSchema>;
type Progress = z.infer<typeof progressSchema>;
warnIfSkipped('the promotions browser test');

const money = (fen: number, language = 'zh-CN') => formatMoney(fen, 'CNY', language);

describe.skipIf(skipBrowserTests)('big-promotion planner in a browser', { timeout: 180_000 }, () => {
  let demo: DemoInBrowser;
  let page: Page;
  let storeId: number;
  let planId: number;
  // The latest 11.11 whose plan window (to Nov 20) is over, in the demo store's zone: the demo's
  // three years hold it and the two before it.
  const today = dayKey(Date.now(), 'Asia/Shanghai');
  const year = Number(today.slice(0, 4)) - (today.slice(5) >= '11-21' ? 0 : 1);
  const api = <T>(method: 'GET' | 'POST', path: string, data?: unknown) => demo.api<T>(method, path, data);

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 80, seed: 7, password: PASSWORD });
    ({ page, storeId } = demo);
    await signIn(page, demo.server.baseUrl, 'demo', PASSWORD);
    // RFM segments come from an analysis run; the demo store starts without one.
    await api('POST', '/analytics/refresh');
    await api('POST', '/audiences', {
      name: '双十一老客',
      definition: { where: { type: 'orderCount', min: 2 } },
    });
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('opens the calendar and creates this year’s 双十一 plan', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '大促' }).click();
    await page.waitForURL(`**/stores/${storeId}/promotions`);
    await page.getByRole('heading', { name: '活动日历', exact: true }).waitFor();
    if ((await page.getByTestId('promotion-year').textContent()) !== `${year} 年`)
      await page.getByRole('button', { name: '上一年' }).click();
    await page.getByTestId('promotion-year').getByText(`${year} 年`).waitFor();
    const row = page.getByRole('row', { name: /双十一/ });
    await row.getByText('预热 11/01–11/10').waitFor();
    await screenshot(page, 'promotions-calendar.png');
    await row.getByRole('button', { name: '创建计划' }).click();
    await page.waitForURL(`**/stores/${storeId}/promotions/plans/*/phases`);
    planId = Number(/plans\/(\d+)\//.exec(page.url())?.[1]);
    await page.getByRole('heading', { name: `双十一 ${year}`, exact: true }).waitFor();
    await page.getByRole('img', { name: '四个阶段和任务的时间线' }).locator('canvas').waitFor();
    const plan = await api<Plan>('GET', `/promotions/plans/${planId}`);
    expect(plan.phases.map((p) => [p.phase, p.from, p.to])).toEqual([
      ['buildup', `${year}-09-01`, `${year}-10-31`],
      ['warmup', `${year}-11-01`, `${year}-11-10`],
      ['day', `${year}-11-11`, `${year}-11-11`],
      ['afterglow', `${year}-11-12`, `${year}-11-20`],
    ]);

    // A build-up running into the warm-up: the server's reason shows, and nothing is saved.
    const buildupEnd = page.locator('.ant-picker-range').first().locator('input').nth(1);
    await buildupEnd.click();
    await buildupEnd.press('ControlOrMeta+a');
    await buildupEnd.pressSequentially(`${year}-11-05`);
    await buildupEnd.press('Enter');
    await page.getByRole('img', { name: '四个阶段和任务的时间线' }).click();
    await page.getByRole('button', { name: '保存阶段' }).click();
    await page
      .getByTestId('phase-problem')
      .getByText(`phases: warmup must start after buildup ends (${year}-11-05).`)
      .waitFor();
    expect((await api<Plan>('GET', `/promotions/plans/${planId}`)).phases[0]!.to).toBe(`${year}-10-31`);
    await page.getByRole('textbox', { name: '阶段目标' }).first().waitFor();
    await page.reload();
    await page.getByRole('heading', { name: `双十一 ${year}`, exact: true }).waitFor();
  });

  it('shows the targets the API computes, saves an edited target and draws the segments', async () => {
    // The analysis run of beforeAll is a job: wait for its segments.
    await expect
      .poll(async () => (await api<Targets>('GET', `/promotions/plans/${planId}/targets`)).segments.length, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    const targets = await api<Targets>('GET', `/promotions/plans/${planId}/targets`);
    expect(targets.lastYear.whole.old.revenue + targets.lastYear.whole.new.revenue).toBeGreaterThan(0);
    expect(targets.history.map((h) => h.year)).toEqual([year - 2, year - 1]);
    await page.getByRole('tab', { name: '目标' }).click();
    await page.waitForURL(`**/plans/${planId}/targets`);
    await page
      .getByTestId('forecast-oldRevenue')
      .getByText(money(targets.forecast.oldRevenue), { exact: true })
      .waitFor();
    await page
      .getByTestId('forecast-newRevenue')
      .getByText(money(targets.forecast.newRevenue), { exact: true })
      .waitFor();
    await page
      .getByRole('row', { name: new RegExp(`^整个活动 ${year - 1}`) })
      .getByText(money(targets.lastYear.whole.old.revenue), { exact: true })
      .first()
      .waitFor();

    const oldRevenue = page.getByRole('spinbutton', { name: '老客销售额' });
    expect(Number(await oldRevenue.inputValue())).toBe(targets.forecast.oldRevenue / 100);
    await oldRevenue.fill('123456.78');
    await oldRevenue.blur();
    await page.getByRole('button', { name: '保存目标' }).click();
    await page.getByText('已保存目标').first().waitFor();
    const saved = await api<Plan>('GET', `/promotions/plans/${planId}`);
    expect(saved.target).toEqual({ ...targets.forecast, oldRevenue: 12_345_678 });

    const after = await api<Targets>('GET', `/promotions/plans/${planId}/targets`);
    expect(after.oldRevenueTarget).toBe(12_345_678);
    const chart = page.getByRole('img', { name: '各分层预计销售额、累计和老客目标' });
    await chart.locator('canvas').waitFor();
    await page
      .getByTestId('segments-summary')
      .getByText(
        `各分层预计合计 ${money(after.segmentsRevenue)}，老客目标 ${money(12_345_678)}（${formatShare(after.segmentsRevenue / 12_345_678, 'zh-CN')}）`,
        { exact: true },
      )
      .waitFor();
    await screenshot(page, 'promotions-targets.png');
  });

  it('adds a task and creates a campaign from the plan, linked as its task', async () => {
    await page.getByRole('tab', { name: '阶段与任务' }).click();
    await page.waitForURL(`**/plans/${planId}/phases`);
    await page.getByRole('button', { name: '添加任务' }).click();
    const taskDialog = page.getByRole('dialog', { name: '添加任务' });
    await taskDialog.getByLabel('任务', { exact: true }).fill('预热秒杀');
    await chooseOption(page, '类型', '限时秒杀');
    await taskDialog.getByRole('button', { name: '保存' }).click();
    await page
      .getByRole('row', { name: /预热秒杀/ })
      .getByText('限时秒杀')
      .waitFor();

    // Aim the warm-up at the saved audience: the plan keeps it, and a campaign for the phase starts from it.
    await chooseOption(page, '预热 目标人群', '双十一老客');
    await page.getByRole('button', { name: '保存阶段' }).click();
    await page.getByText('已保存阶段').waitFor();
    const aimed = await api<Plan>('GET', `/promotions/plans/${planId}`);
    expect(aimed.phases.map((p) => p.audiences.map((a) => a.name))).toEqual([[], ['双十一老客'], [], []]);

    const { templates } = await api<{ templates: MessageTemplate[] }>('GET', '/messaging/templates');
    const template = templates.find((t) => t.channel === templates[0]!.channel)!;
    await page.getByRole('button', { name: '为阶段创建营销活动' }).click();
    const dialog = page.getByRole('dialog', { name: '为阶段创建营销活动' });
    await dialog.getByLabel('活动名称').fill('双十一预热老客提醒');
    await dialog.getByText('双十一老客', { exact: true }).waitFor();
    await chooseOption(page, '消息模板', template.name);
    await dialog.getByRole('button', { name: '创建草稿' }).click();
    await page.getByText('已创建营销活动“双十一预热老客提醒”，任务已关联').waitFor();
    const plan = await api<Plan>('GET', `/promotions/plans/${planId}`);
    const task = plan.tasks.find((t) => t.kind === 'campaign')!;
    expect(task).toMatchObject({ phase: 'warmup', title: '双十一预热老客提醒', dueDate: `${year}-11-01` });
    const campaign = await api<{ status: string; audienceId: number; templateId: number }>(
      'GET',
      `/campaigns/${task.campaignId}`,
    );
    expect(campaign).toMatchObject({
      status: 'draft',
      templateId: template.id,
      audienceId: aimed.phases[1]!.audiences[0]!.id,
    });
    await page
      .getByRole('row', { name: /双十一预热老客提醒/ })
      .getByRole('link', { name: `营销活动 #${task.campaignId}` })
      .waitFor();

    // A VIP gift for the event, confirmed in 客户关怀, becomes a gift task of the plan: the review counts its cost.
    const gift = await api<{ id: number }>('POST', '/gifts', {
      name: 'VIP 双十一礼盒',
      occasion: 'other',
      audienceId: aimed.phases[1]!.audiences[0]!.id,
      giftSku: 'GIFT-VIP',
      giftTitle: 'VIP 礼盒',
      unitCost: 3_000,
      budget: 1_000_000_000,
    });
    const confirmed = await api<{ recipients: number }>('POST', `/gifts/${gift.id}/confirm`);
    expect(confirmed.recipients).toBeGreaterThan(0);
    await page.getByRole('button', { name: '添加任务' }).click();
    const giftDialog = page.getByRole('dialog', { name: '添加任务' });
    await giftDialog.getByLabel('任务', { exact: true }).fill('VIP 礼盒寄送');
    await chooseOption(page, '类型', '礼品');
    await chooseOption(page, '关联礼品计划', 'VIP 双十一礼盒（其他，已确认）');
    await giftDialog.getByRole('button', { name: '保存' }).click();
    await giftDialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('row', { name: /VIP 礼盒寄送/ })
      .getByRole('link', { name: `礼品计划 #${gift.id}` })
      .waitFor();
    const withGift = await api<Plan>('GET', `/promotions/plans/${planId}`);
    expect(withGift.tasks.find((t) => t.kind === 'gift')).toMatchObject({ giftPlanId: gift.id });
    await screenshot(page, 'promotions-phases.png');
  });

  it('shows the progress the API reports', async () => {
    await page.getByRole('tab', { name: '进度' }).click();
    await page.waitForURL(`**/plans/${planId}/progress`);
    const progress = await api<Progress>('GET', `/promotions/plans/${planId}/progress`);
    expect(progress.through).toBe(`${year}-11-20`);
    await page.getByTestId('progress-oldRevenue').getByText(money(progress.total.old.revenue)).waitFor();
    await page.getByTestId('progress-newRevenue').getByText(money(progress.total.new.revenue)).waitFor();
    await page.getByText(`目标 ${money(12_345_678)}`).waitFor();
    await page
      .getByRole('img', { name: '每日老客和新客销售额、累计销售额与目标' })
      .locator('canvas')
      .waitFor();
    await screenshot(page, 'promotions-progress.png');
  });

  it('reviews the plan: whether the target was met, with the figures the review API gives', async () => {
    const review = await api<Review>('GET', `/promotions/plans/${planId}/review`);
    expect(review.finished).toBe(true);
    expect(review.target.source).toBe('target');
    expect(review.segments.rows.length).toBeGreaterThan(0);
    await page.getByRole('tab', { name: '复盘' }).click();
    await page.waitForURL(`**/plans/${planId}/review`);
    const verdict = page.getByTestId('review-verdict');
    await verdict.waitFor();
    expect(await verdict.textContent()).toBe(review.target.met ? '目标达成' : '未达成目标');
    // The saved target (12,345,678 fen old) against what the old customers bought.
    const old = review.target.figures.find((f) => f.key === 'oldRevenue')!;
    expect(old.target).toBe(12_345_678);
    const row = page.getByRole('row').filter({ hasText: '老客销售额' }).first();
    await row.getByText(money(old.target), { exact: true }).waitFor();
    await row.getByText(money(old.actual), { exact: true }).waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: '整个活动' })
      .getByText(money(review.whole.new.revenue), { exact: true })
      .first()
      .waitFor();
    for (const chart of ['目标与实际销售额', '各分层响应率', '与以往活动对比'])
      await page.getByRole('img', { name: chart }).locator('canvas').waitFor();
    const best = [...review.segments.rows].sort((a, b) => b.revenue - a.revenue)[0]!;
    await page
      .getByRole('row')
      .filter({ hasText: money(best.revenue) })
      .first()
      .waitFor();
    await page.getByRole('cell', { name: `${year - 1} 双十一` }).waitFor();
    // The campaign made from the plan is a draft, never sent: no channel lines.
    await page.getByText('活动期间没有发送营销活动。').waitFor();
    // The confirmed gifts are the whole cost: recipients × 30 yuan.
    const [gift] = review.gifts;
    expect(gift).toMatchObject({ name: 'VIP 双十一礼盒', status: 'confirmed', unitCost: 3_000 });
    expect(review.cost).toEqual({
      messages: 0,
      coupons: 0,
      gifts: gift!.recipients * 3_000,
      total: gift!.recipients * 3_000,
    });
    const costs = page.locator('.ant-card').filter({ hasText: '成本与 ROI' });
    await costs
      .locator('.ant-statistic')
      .filter({ hasText: '礼品成本' })
      .getByText(money(review.cost.gifts))
      .waitFor();
    await costs
      .getByRole('row', { name: /VIP 双十一礼盒/ })
      .getByText('已确认')
      .waitFor();
    await screenshot(page, 'promotions-review.png');
  });

  it('saves the event’s new customers as an audience and drafts their nurture plan, once', async () => {
    const review = await api<Review>('GET', `/promotions/plans/${planId}/review`);
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
    expect(await card.getByRole('button', { name: '创建培育草稿活动' }).count()).toBe(0);
    const after = await api<Review>('GET', `/promotions/plans/${planId}/review`);
    expect(after.newCustomers.audienceId).not.toBeNull();
    expect(after.nurture.steps.every((s) => s.campaignId !== null)).toBe(true);
  });

  it('downloads the review as XLSX and PDF', async () => {
    const files = [
      ['导出 Excel', 'spreadsheetml', 'promotions-review.xlsx'],
      ['导出 PDF', 'application/pdf', 'promotions-review.pdf'],
    ] as const;
    for (const [name, type, file] of skipPdfTests ? files.slice(0, 1) : files) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      expect(href).toContain('lang=zh-CN');
      const answer = await demo.context.request.get(`${demo.server.baseUrl}${href}`);
      expect(answer.status()).toBe(200);
      expect(answer.headers()['content-type']).toContain(type);
      const body = await answer.body();
      expect(body.length).toBeGreaterThan(1000);
      mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
      writeFileSync(join(repoRoot, 'test-results', file), body);
    }
  });

  it('writes what the review taught, which the 双十二 plan then shows', async () => {
    const lessons = '老客券提前 3 天发放；预热期短信点击率最高';
    await page.getByRole('textbox', { name: '复盘总结' }).fill(lessons);
    await page.getByRole('button', { name: '保存总结' }).click();
    await page.getByText('已保存复盘总结').waitFor();
    expect((await api<Plan>('GET', `/promotions/plans/${planId}`)).lessons).toBe(lessons);
    const next = await api<Plan>('POST', '/promotions/plans', { event: '1212', year });
    expect(next.earlierLessons).toMatchObject({ planId, event: '1111', year, text: lessons });
    await page.goto(`${demo.server.baseUrl}/stores/${storeId}/promotions/plans/${next.id}/phases`);
    const alert = page.getByTestId('earlier-lessons');
    await alert.getByText(`${year} 双十一复盘总结`).waitFor();
    await alert.getByText(lessons).waitFor();
    await alert.getByRole('link', { name: '查看复盘' }).click();
    await page.waitForURL(`**/plans/${planId}/review`);
    await page.getByRole('textbox', { name: '复盘总结' }).waitFor();
  });

  it('adds, edits and deletes one of the store’s own events', async () => {
    await page.getByRole('button', { name: '返回活动日历' }).click();
    await page.getByRole('heading', { name: '活动日历', exact: true }).waitFor();
    await page.getByRole('button', { name: '添加自有活动' }).click();
    const dialog = page.getByRole('dialog', { name: '添加自有活动' });
    await dialog.getByLabel('活动名称').fill('店庆');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: new RegExp(`^${year}/05/20 店庆 自有活动`) });
    await row.getByText('冲刺 05/20').waitFor();
    await row.getByRole('button', { name: '编辑' }).click();
    const edit = page.getByRole('dialog', { name: '编辑自有活动' });
    const name = edit.getByLabel('活动名称');
    await expect.poll(() => name.inputValue()).toBe('店庆');
    await name.fill('店庆日');
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    const renamed = page.getByRole('row', { name: new RegExp(`^${year}/05/20 店庆日 自有活动`) });
    await renamed.waitFor();
    await renamed.getByRole('button', { name: '删除' }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await page.getByText('已删除活动').waitFor();
    await renamed.waitFor({ state: 'detached' });
    const calendar = await api<{ events: { key: string }[] }>('GET', `/promotions/calendar?year=${year}`);
    expect(calendar.events.some((e) => e.key.startsWith('custom-'))).toBe(false);
  });

  it('shows service staff the plan without a button to change it', async () => {
    const added = await demo.context.request.post(`${demo.server.baseUrl}/api/stores/${storeId}/members`, {
      data: { login: 'kefu', role: 'service', password: 'kefu-password-1' },
    });
    expect(added.status()).toBe(201);
    const service = await newChineseContext(demo.browser, { width: 1280, height: 800 });
    try {
      const servicePage = await service.newPage();
      await signIn(servicePage, demo.server.baseUrl, 'kefu', 'kefu-password-1');
      await servicePage.goto(`${demo.server.baseUrl}/stores/${storeId}/promotions/plans/${planId}/phases`);
      await servicePage.getByRole('row', { name: /双十一预热老客提醒/ }).waitFor();
      await servicePage.getByText('您可以查看大促计划；修改计划需要店主或运营权限。').waitFor();
      for (const name of ['保存阶段', '添加任务', '为阶段创建营销活动', '编辑', '删除'])
        expect(await servicePage.getByRole('button', { name }).count(), name).toBe(0);
      await servicePage.getByRole('tab', { name: '目标' }).click();
      await servicePage.getByTestId('target-oldRevenue').getByText(money(12_345_678)).waitFor();
      expect(await servicePage.getByRole('button', { name: '保存目标' }).count()).toBe(0);
      await servicePage.goto(`${demo.server.baseUrl}/stores/${storeId}/promotions`);
      await servicePage
        .getByRole('row', { name: /双十一/ })
        .getByRole('button', { name: '打开计划' })
        .waitFor();
      expect(await servicePage.getByRole('button', { name: /创建计划|添加自有活动/ }).count()).toBe(0);
    } finally {
      await service.close();
    }
  });

  it('reads in English', async () => {
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('heading', { name: 'Promotion calendar', exact: true }).waitFor();
    await page.getByText('Member days', { exact: true }).waitFor();
    await screenshot(page, 'promotions-calendar-en.png');
    await page
      .getByRole('row', { name: /Singles’ Day/ })
      .getByRole('button', { name: 'Open plan' })
      .click();
    await page.getByRole('heading', { name: `Singles’ Day (11.11) ${year}`, exact: true }).waitFor();
    await page.getByRole('button', { name: 'Create a campaign for a phase' }).waitFor();
    await page.getByRole('tab', { name: 'Progress' }).click();
    await page.getByText('Old customers’ revenue').first().waitFor();
    await page.getByRole('tab', { name: 'Targets' }).click();
    await page.getByRole('button', { name: 'Save target' }).waitFor();
    await page
      .getByRole('img', { name: 'Expected revenue per segment, the running sum and the old-customer target' })
      .waitFor();
    await page.getByRole('tab', { name: 'Review' }).click();
    await page.getByText('Compared with earlier events').waitFor();
    expect(await page.getByRole('link', { name: 'Export PDF' }).getAttribute('href')).toContain('lang=en');
    await switchLanguage(page, 'en', 'zh-CN');
  });
});

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { countResultSchema } from '../../src/audiences/schemas.js';
import type { Campaign, CampaignResults } from '../../src/campaigns/schemas.js';
import { formatCount } from '../../web/src/format/number.js';
import { formatInstant } from '../../web/src/format/time.js';
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

// Audiences and campaigns in a real browser against the real server: the demo owner builds an
// audience (orders ≥ 2 AND silent) and reads the live count the API gives, saves it, creates a
// campaign for it with the demo's 旺旺回访 task template, sends it and reads its status, opens its
// results and finds the target and control groups the API reports; then the English reading.

type CountResult = z.infer<typeof countResultSchema>;

const PASSWORD = 'laoke-demo-test';
const AUDIENCE = '沉默老客测试';
const CAMPAIGN = '旺旺回访测试活动';
// What the builder makes below: the builder's first row (orders ≥ 2) and a lifecycle row.
const SILENT_REPEAT = {
  where: {
    type: 'and',
    conditions: [
      { type: 'orderCount', min: 2 },
      { type: 'lifecycle', in: ['silent'] },
    ],
  },
};
warnIfSkipped('the campaigns browser test');

const statusesZh: Record<Campaign['status'], string> = {
  draft: '草稿',
  awaiting_approval: '待审批',
  scheduled: '已排期',
  sending: '发送中',
  completed: '已完成',
  paused: '已暂停',
  cancelled: '已取消',
};

describe.skipIf(skipBrowserTests)('audiences and campaigns in a browser', { timeout: 180_000 }, () => {
  let demo: DemoInBrowser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let storeId: number;
  let campaignId: number;

  const api = <T>(method: 'GET' | 'POST', path: string, data?: unknown) => demo.api<T>(method, path, data);

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 80, seed: 7, password: PASSWORD });
    ({ context, page, storeId } = demo);
    baseUrl = demo.server.baseUrl;
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('builds an audience, shows the live count the API gives, and saves it', async () => {
    await signIn(page, baseUrl, 'demo', PASSWORD);
    // Lifecycle states exist once the analysis has run; the demo store starts without one.
    await api('POST', '/analytics/refresh');
    await expect
      .poll(
        async () => (await api<CountResult>('POST', '/audiences/count', { definition: SILENT_REPEAT })).count,
        {
          timeout: 60_000,
        },
      )
      .toBeGreaterThan(0);
    await page.getByRole('navigation').getByRole('link', { name: '人群' }).click();
    await page.waitForURL(`**/stores/${storeId}/segments`);
    await page.getByRole('heading', { name: '人群', exact: true }).waitFor();
    await page.getByText('沉默老客户').first().waitFor(); // a ready-made audience
    await page.getByRole('button', { name: /新建人群/ }).click();
    await page.waitForURL(`**/stores/${storeId}/segments/new`);

    // The builder starts with orders ≥ 2; a second condition becomes lifecycle = silent.
    await page.getByRole('button', { name: /添加条件$/ }).click();
    await chooseOption(page, '条件', '生命周期', { search: true, nth: 1 });
    await page.getByRole('group', { name: '生命周期' }).getByText('沉默').waitFor();

    const expected = await api<CountResult>('POST', '/audiences/count', { definition: SILENT_REPEAT });
    const count = page.getByRole('region', { name: '实时人数' });
    await count.getByText(`${formatCount(expected.count, 'zh-CN')} 人`, { exact: true }).waitFor();
    await count.getByText(/用时 \d+ 毫秒/).waitFor();

    await screenshot(page, 'audience-builder.png');
    await page.getByRole('button', { name: '保存人群' }).click();
    const dialog = page.getByRole('dialog', { name: '保存人群' });
    await dialog.getByLabel('人群名称').fill(AUDIENCE);
    await dialog.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('人群已保存').waitFor();
    await page.getByRole('heading', { name: `编辑人群「${AUDIENCE}」` }).waitFor();
    const { audiences } = await api<{ audiences: { name: string }[] }>('GET', '/audiences');
    expect(audiences.map((audience) => audience.name)).toContain(AUDIENCE);

    // The list shows it; its members are the ones counted, and the owner may export them.
    await page.getByRole('button', { name: /返回人群列表/ }).click();
    await page.getByRole('row').filter({ hasText: AUDIENCE }).getByRole('button', { name: '成员' }).click();
    const drawer = page.getByRole('dialog', { name: `「${AUDIENCE}」的成员` });
    await drawer.getByText(`共 ${formatCount(expected.count, 'zh-CN')} 人`).waitFor();
    const href = await drawer.getByRole('link', { name: /导出 CSV/ }).getAttribute('href');
    const csv = await context.request.get(`${baseUrl}${href}`);
    expect(csv.status()).toBe(200);
    await drawer
      .getByRole('button', { name: 'Close' })
      .or(drawer.getByRole('button', { name: '关闭' }))
      .first()
      .click();
  });

  it('creates a campaign for it with the 旺旺回访 template, sends it and shows its status', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '营销活动' }).click();
    await page.waitForURL(`**/stores/${storeId}/campaigns`);
    await page.getByRole('button', { name: /新建活动/ }).click();
    await page.getByLabel('活动名称').fill(CAMPAIGN);
    await chooseOption(page, '选择人群', AUDIENCE, { search: true });
    await page.getByRole('button', { name: '下一步' }).click();
    await chooseOption(page, '选择模板', '旺旺回访 · 客服任务', { search: true });
    await page
      .getByRole('region', { name: '实时预览' })
      .getByText('想问问宝宝用得还习惯吗', { exact: false })
      .waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('对照组比例').waitFor();
    expect(await page.getByLabel('对照组比例').inputValue()).toBe('10');

    // A time is picked on the store's clock (Asia/Shanghai), whatever the browser's time zone
    // (run with TZ=America/New_York): the picker and the confirmation read the same wall clock.
    await page.getByText('定时发送', { exact: true }).click();
    const picked = await page.getByLabel('发送时刻').inputValue();
    expect(picked).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:00:00$/);
    await page.getByRole('button', { name: '下一步' }).click();
    const [date, time] = picked.split(' ') as [string, string];
    await page.getByText(`${date.replaceAll('-', '/')} ${time.slice(0, 5)}`, { exact: true }).waitFor();
    const startsAt = Math.ceil((Date.now() + 3_600_000) / 3_600_000) * 3_600_000;
    expect(
      [startsAt, startsAt + 3_600_000].map((at) => formatInstant(at, 'Asia/Shanghai', 'zh-CN')),
    ).toContain(`${date.replaceAll('-', '/')} ${time.slice(0, 5)}`);
    await page.getByRole('button', { name: '上一步' }).click();
    await page.getByText('立即发送', { exact: true }).click();
    await page.getByRole('button', { name: '下一步' }).click();

    const { audiences } = await api<{ audiences: { name: string; definition: unknown }[] }>(
      'GET',
      '/audiences',
    );
    const saved = audiences.find((audience) => audience.name === AUDIENCE);
    const expected = await api<CountResult>('POST', '/audiences/count', { definition: saved?.definition });
    await expect
      .poll(() => page.getByTestId('estimated-members').textContent())
      .toBe(formatCount(expected.count, 'zh-CN'));

    await screenshot(page, 'campaign-confirm.png');
    await page.getByRole('button', { name: '创建并发送' }).click();
    const status = page.getByTestId('campaign-status');
    await status.waitFor();
    const { campaigns } = await api<{ campaigns: Campaign[] }>('GET', '/campaigns');
    const campaign = campaigns.find((candidate) => candidate.name === CAMPAIGN);
    if (!campaign) throw new Error('the campaign is not in the list');
    campaignId = campaign.id;
    expect(campaign.status).not.toBe('draft');
    expect(await status.textContent()).toBe(statusesZh[campaign.status]);

    await page.getByRole('navigation').getByRole('link', { name: '营销活动' }).click();
    const row = page.getByRole('row').filter({ hasText: CAMPAIGN });
    await row.getByText(statusesZh[campaign.status], { exact: true }).waitFor();
  });

  it('shows the target and control groups the results API gives', async () => {
    await page.getByRole('row').filter({ hasText: CAMPAIGN }).getByRole('button', { name: '效果' }).click();
    await page.waitForURL(`**/stores/${storeId}/campaigns/${campaignId}`);
    await page.getByRole('heading', { name: `活动效果：${CAMPAIGN}` }).waitFor();
    const results = await api<CampaignResults>('GET', `/campaigns/${campaignId}/results`);
    expect(results.target.customers + results.control.customers).toBeGreaterThan(0);
    const groups = page.getByRole('region', { name: '目标组与对照组' });
    for (const [group, label] of [
      ['target', '目标组'],
      ['control', '对照组'],
    ] as const) {
      const cells = groups.getByRole('row').filter({ hasText: label }).getByRole('cell');
      await cells.nth(1).waitFor();
      expect(await cells.nth(1).textContent()).toBe(formatCount(results[group].customers, 'zh-CN'));
    }
    await page.getByRole('region', { name: '提升（95% 置信区间）' }).waitFor();
    await page.getByRole('region', { name: '分层效果' }).waitFor();
    if (!results.window.complete) await page.getByText('归因窗口尚未结束').waitFor();
    await screenshot(page, 'campaign-results.png');
  });

  it('holds an operator’s send above the approval threshold until the owner approves it', async () => {
    const patched = await context.request.patch(`${baseUrl}/api/stores/${storeId}`, {
      data: {
        settings: {
          campaigns: { approvalThreshold: 0, controlShare: 0.1, attributionDays: 7, smsPriceFen: 4.5 },
        },
      },
    });
    expect(patched.status()).toBe(200);
    const { audiences } = await api<{ audiences: { id: number; name: string }[] }>('GET', '/audiences');
    const { templates } = await api<{ templates: { id: number; name: string }[] }>(
      'GET',
      '/messaging/templates',
    );
    const draft = await api<Campaign>('POST', '/campaigns', {
      name: '待审批测试活动',
      audienceId: audiences.find((audience) => audience.name === AUDIENCE)?.id,
      templateId: templates.find((template) => template.name === '旺旺回访')?.id,
    });
    expect(draft.status).toBe('draft');
    const added = await context.request.post(`${baseUrl}/api/stores/${storeId}/members`, {
      data: { login: 'yunying', role: 'operator', password: 'yunying-password-1' },
    });
    expect(added.status()).toBe(201);

    // An operator's send waits; only the owner is offered the approval.
    const operator = await newChineseContext(demo.browser);
    const operatorPage = await operator.newPage();
    await signIn(operatorPage, baseUrl, 'yunying', 'yunying-password-1');
    await operatorPage.goto(`${baseUrl}/stores/${storeId}/campaigns`);
    const operatorRow = operatorPage.getByRole('row').filter({ hasText: '待审批测试活动' });
    await operatorRow.getByRole('button', { name: '发送', exact: true }).click();
    await operatorRow.getByText('待审批', { exact: true }).waitFor();
    expect(await operatorRow.getByRole('button', { name: '审批并发送' }).count()).toBe(0);
    await operator.close();
    expect((await api<Campaign>('GET', `/campaigns/${draft.id}`)).status).toBe('awaiting_approval');

    await page.goto(`${baseUrl}/stores/${storeId}/campaigns`);
    const row = page.getByRole('row').filter({ hasText: '待审批测试活动' });
    await row.getByText('待审批', { exact: true }).waitFor();
    await row.getByRole('button', { name: '审批并发送' }).click();
    await row.getByText('待审批', { exact: true }).waitFor({ state: 'hidden' });
    const approved = await api<Campaign>('GET', `/campaigns/${draft.id}`);
    expect(approved.approvedBy).toBe('demo');
    await row.getByText(statusesZh[approved.status], { exact: true }).waitFor();
    await page.goto(`${baseUrl}/stores/${storeId}/campaigns/${campaignId}`);
  });

  it('reads in English', async () => {
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('heading', { name: `Campaign results: ${CAMPAIGN}` }).waitFor();
    await page.getByRole('region', { name: 'Target and control' }).waitFor();
    await page.getByRole('region', { name: 'Uplift (95% interval)' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('heading', { name: 'Campaigns', exact: true }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Segments' }).click();
    await page.getByRole('heading', { name: 'Audiences', exact: true }).waitFor();
    await page.getByText('Ready-made audiences').waitFor();
    await switchLanguage(page, 'en', 'zh-CN');
  });
});

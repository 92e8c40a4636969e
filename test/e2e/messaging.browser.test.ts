import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { storeAdapters } from '../../src/messaging/adapters.js';
import { type RunningDispatcher, startDispatcher } from '../../src/messaging/dispatcher.js';
import type { messageSchema, previewSchema } from '../../src/messaging/schemas.js';
import { formatCount } from '../../web/src/format/number.js';
import {
  chooseOption,
  type DemoInBrowser,
  newChineseContext,
  openDemoInBrowser,
  signIn,
  skipBrowserTests,
  switchLanguage,
  warnIfSkipped,
} from './browser-harness.js';

// The messaging dashboard in a real browser against the real server, with a dispatcher in the
// test process (the in-process server runs none): the owner sets up the local sink channel in
// settings, writes an SMS template and reads its billed length in the live preview, test-sends a
// template and finds the message in the log with the status the API reports; the English reading;
// and what a service user does not get (exports, templates, channel settings).

type Message = z.infer<typeof messageSchema>;
type Preview = z.infer<typeof previewSchema>;

const PASSWORD = 'laoke-demo-test';
// Long enough for two billed parts at 67 characters (a single SMS holds 70).
const SMS_BODY =
  '您好，感谢您一直以来对本店的支持！本周六是会员日，全场满一百九十九元减三十元，新品纸尿裤买二送一，奶粉第二件半价，数量有限，先到先得。积分可以抵现，期待您再次光临小店，祝您和宝宝生活愉快';
warnIfSkipped('the messaging browser test');

const statusesZh: Record<Message['status'], string> = {
  queued: '排队中',
  sending: '发送中',
  sent: '已发送',
  delivered: '已送达',
  failed: '失败',
  suppressed: '已拦截',
  deferred: '已延后',
  paused: '已暂停',
  cancelled: '已取消',
};

describe.skipIf(skipBrowserTests)('messaging in a browser', { timeout: 180_000 }, () => {
  let demo: DemoInBrowser;
  let dispatcher: RunningDispatcher;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let storeId: number;
  let testMessageId: number;

  const api = <T>(method: 'GET' | 'POST', path: string, data?: unknown) => demo.api<T>(method, path, data);

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 60, seed: 5, password: PASSWORD });
    ({ context, page, storeId } = demo);
    baseUrl = demo.server.baseUrl;
    dispatcher = startDispatcher(demo.server.ctx.database, {
      adapters: storeAdapters(demo.server.ctx, { refreshMs: 0 }),
      now: () => Date.now(),
      idleMs: 100,
    });
  });

  afterAll(async () => {
    await dispatcher?.stop();
    await demo?.close();
  });

  it('shows the demo channels in settings, says the server has no secret key, and removes one', async () => {
    await signIn(page, baseUrl, 'demo', PASSWORD);
    await page.goto(`${baseUrl}/stores/${storeId}/settings`);
    await page.getByRole('tab', { name: '消息渠道' }).click();
    await page.getByText('服务器没有设置 LAOKE_SECRET_KEY').waitFor();
    // The demo store sends its SMS into the sandbox.
    const sms = page.getByRole('region', { name: '短信', exact: true });
    await sms.getByText('已配置', { exact: true }).waitFor();
    await sms.getByText('本地测试（不真正发送）').waitFor();
    await page.getByRole('region', { name: '钉钉群', exact: true }).getByText('未配置').first().waitFor();
    // Without it, a test SMS has nowhere to go (below); it is set up again from this page after.
    await sms.getByRole('button', { name: '删除配置' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: '删除配置' }).click();
    await page.getByText('已删除短信渠道的配置').waitFor();
    await sms.getByRole('button', { name: '配置', exact: true }).waitFor();
    const { channels } = await api<{ channels: { channel: string }[] }>('GET', '/messaging/channels');
    expect(channels.map((view) => view.channel)).not.toContain('sms');
  });

  it('writes an SMS template and shows its billed length in the live preview as the user types', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '消息' }).click();
    await page.waitForURL(`**/stores/${storeId}/messages`);
    await page.getByRole('tab', { name: '模板' }).click();
    await page.waitForURL(`**/stores/${storeId}/messages/templates`);
    await page.getByRole('button', { name: '新建模板' }).click();
    const drawer = page.getByRole('dialog', { name: '新建模板' });
    await drawer.getByLabel('模板名称').fill('周末上新提醒');
    await drawer.getByLabel('内容').fill(SMS_BODY);
    // The picker inserts at the caret, which fill() leaves at the end.
    await drawer.getByRole('button', { name: '{姓名}' }).click();
    const body = await drawer.getByLabel('内容').inputValue();
    expect(body).toBe(`${SMS_BODY}{姓名}`);

    const expected = await api<Preview>('POST', '/messaging/preview', {
      channel: 'sms',
      class: 'marketing',
      subject: null,
      body,
    });
    expect(expected.sms?.parts).toBeGreaterThanOrEqual(2);
    const preview = page.getByRole('region', { name: '实时预览' });
    await preview
      .getByText(`按 ${expected.sms?.perPart} 字/条计费，共 ${expected.sms?.parts} 条`, { exact: true })
      .waitFor();
    await preview.getByText(`${expected.sms?.characters} 个字符`, { exact: false }).waitFor();
    await preview.getByTestId('preview-text').getByText(expected.text, { exact: true }).waitFor();

    // A broken template is refused with where it breaks, next to the field.
    await drawer.getByLabel('内容').fill('您好 {优惠}');
    await preview.getByRole('alert').getByText('第 4 个字符处', { exact: false }).waitFor();
    await drawer.getByLabel('内容').fill(body);
    await preview.getByTestId('sms-parts').waitFor();

    await drawer.getByRole('button', { name: '保存' }).click();
    await page.getByText('模板已保存').waitFor();
    await page.getByRole('dialog', { name: '编辑模板「周末上新提醒」' }).waitFor();
  });

  it('refuses a test SMS while the SMS channel is not set up', async () => {
    const drawer = page.getByRole('dialog', { name: '编辑模板「周末上新提醒」' });
    await drawer.getByRole('button', { name: '测试发送' }).click();
    const dialog = page.getByRole('dialog', { name: '测试发送「周末上新提醒」' });
    await dialog.getByLabel('员工手机号').fill('13800138000');
    await dialog.getByRole('button', { name: '发送' }).click();
    await page.getByText('该消息渠道尚未设置').waitFor();
    await dialog.getByRole('button', { name: '取消' }).click();
    await drawer.getByRole('button', { name: '关闭', exact: true }).click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('test-sends the SMS template through the local sink and finds it in the message log with its status', async () => {
    // The local sink stands in for the SMS provider: nothing leaves the machine.
    await page.goto(`${baseUrl}/stores/${storeId}/settings?tab=channels`);
    const sms = page.getByRole('region', { name: '短信', exact: true });
    await sms.getByRole('button', { name: '配置', exact: true }).click();
    const setup = page.getByRole('dialog', { name: '配置短信' });
    await chooseOption(page, '服务商', '本地测试（不真正发送）');
    await setup.getByLabel('短信签名').fill('【老客测试】');
    await setup.getByRole('button', { name: '保存' }).click();
    await page.getByText('短信渠道已保存').waitFor();
    await sms.getByText('已配置', { exact: true }).waitFor();

    await page.goto(`${baseUrl}/stores/${storeId}/messages/templates`);
    const row = page.getByRole('row').filter({ hasText: '周末上新提醒' });
    await row.getByRole('button', { name: '测试发送' }).click();
    const dialog = page.getByRole('dialog', { name: '测试发送「周末上新提醒」' });
    await dialog.getByLabel('员工手机号').fill('13800138000');
    await dialog.getByRole('button', { name: '发送' }).click();
    const notice = page.getByText(/测试消息已排队（消息 #\d+）/);
    await notice.waitFor();
    testMessageId = Number(/#(\d+)/.exec((await notice.textContent()) ?? '')?.[1]);
    expect(testMessageId).toBeGreaterThan(0);

    // The dispatcher hands it to the local sink within a moment.
    let message: Message | undefined;
    await expect
      .poll(
        async () => {
          const { items } = await api<{ items: Message[] }>('GET', '/messaging/messages');
          message = items.find((item) => item.id === testMessageId);
          return message?.status;
        },
        { timeout: 20_000 },
      )
      .toMatch(/^(sent|delivered)$/);
    if (!message) throw new Error('the test message is not in the log');

    await page.goto(`${baseUrl}/stores/${storeId}/messages`);
    const logged = page.getByRole('row').filter({ hasText: message.preview });
    await logged.getByText(statusesZh[message.status], { exact: true }).waitFor();
    await logged.getByText('短信', { exact: true }).waitFor();
    const figure = page.getByRole('group', { name: statusesZh[message.status], exact: true });
    // The card counts what the summary counts (the dispatcher may still be settling demo messages).
    await expect
      .poll(async () => {
        const summary = await api<{ byStatus: Record<string, number> }>('GET', '/messaging/summary?days=30');
        await page.getByRole('button', { name: '刷新' }).click();
        const shown = (await figure.locator('.ant-statistic-content').textContent())?.trim();
        return shown === formatCount(summary.byStatus[message!.status] ?? 0, 'zh-CN');
      })
      .toBe(true);
    for (const chart of ['近 30 天每日发送', '各渠道消息数'])
      await page
        .getByRole('img', { name: `${chart}图表` })
        .locator('canvas')
        .first()
        .waitFor();

    // The owner may export, by the same filter.
    const csv = page.getByRole('link', { name: '导出 CSV' });
    const answer = await context.request.get(`${baseUrl}${await csv.getAttribute('href')}`);
    expect(answer.status()).toBe(200);
    expect(await answer.text()).toContain(String(testMessageId));
  });

  it('reads in English', async () => {
    await switchLanguage(page, 'zh-CN', 'en');
    await page.getByRole('heading', { name: 'Messages', exact: true }).waitFor();
    for (const tab of ['Message log', 'Templates', 'Opt-outs', 'Staff tasks'])
      await page.getByRole('tab', { name: tab, exact: true }).waitFor();
    await page.getByRole('img', { name: 'Messages per day, last 30 days chart' }).waitFor();
    await page.getByRole('link', { name: 'Export CSV' }).waitFor();
    await page.getByRole('button', { name: 'Load more' }).or(page.getByText('All loaded')).first().waitFor();
    await page.getByRole('tab', { name: 'Templates', exact: true }).click();
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByRole('button', { name: '{name}' }).waitFor();
    await page.getByRole('region', { name: 'Live preview' }).waitFor();
    await page
      .getByRole('dialog', { name: 'New template' })
      .getByRole('button', { name: 'Close', exact: true })
      .click();
    await switchLanguage(page, 'en', 'zh-CN');
  });

  it('gives a service user the log without exports, templates or channel settings', async () => {
    const added = await context.request.post(`${baseUrl}/api/stores/${storeId}/members`, {
      data: { login: 'kefu', role: 'service', password: 'kefu-password-1' },
    });
    expect(added.status()).toBe(201);
    const service = await newChineseContext(demo.browser, { width: 1280, height: 800 });
    const servicePage = await service.newPage();
    await signIn(servicePage, baseUrl, 'kefu', 'kefu-password-1');
    await servicePage.getByRole('navigation').getByRole('link', { name: '消息' }).click();
    await servicePage.getByRole('tab', { name: '发送记录' }).waitFor();
    await servicePage.getByRole('row').filter({ hasText: '纸尿裤买二送一' }).first().waitFor();
    expect(await servicePage.getByRole('link', { name: /导出/ }).count()).toBe(0);
    expect(await servicePage.getByRole('tab', { name: '模板' }).count()).toBe(0);
    await servicePage.getByRole('tab', { name: '任务' }).click();
    await servicePage.getByText('营销活动中需要客服亲自联系的客户', { exact: false }).waitFor();
    await servicePage.getByText('没有任务').waitFor();
    expect(await servicePage.getByRole('link', { name: /导出/ }).count()).toBe(0);
    await servicePage.goto(`${baseUrl}/stores/${storeId}/settings`);
    await servicePage.getByRole('tab', { name: '店铺资料' }).waitFor();
    expect(await servicePage.getByRole('tab', { name: '消息渠道' }).count()).toBe(0);
    await service.close();
  });
});

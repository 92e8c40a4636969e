import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustomerList, CustomerProfile, CustomerSummary } from '../../src/customers/schemas.js';
import { formatCount, formatMoney } from '../../web/src/format/number.js';
import { dayKey } from '../../web/src/format/time.js';
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

// The customer archive in a real browser against the real server: the demo store's customers
// listed, paged and filtered as the API answers, one found by nickname, a preference and a phone
// number edited through the form and seen in the profile and its timeline, a service user's
// masked view, and the English reading.

const PASSWORD = 'laoke-demo-test';
const FULL_PHONE = '13812345678';
warnIfSkipped('the customer archive browser test');

const nameOf = (customer: Pick<CustomerSummary, 'id' | 'nick' | 'name'>) =>
  customer.nick ?? customer.name ?? `客户 #${customer.id}`;

/** The customer names in the list's rows, top to bottom. */
const listedNames = (page: Page) =>
  page.getByRole('table').locator('tbody').getByRole('link').allTextContents();

/** The figure the profile header shows under a label, e.g. 订单数 → "3". */
async function figure(page: Page, label: string): Promise<string> {
  const group = page.getByRole('group', { name: label, exact: true });
  return ((await group.getByTestId('figure-value').textContent()) ?? '').trim();
}

describe.skipIf(skipBrowserTests)('the customer archive in a browser', { timeout: 90_000 }, () => {
  let demo: DemoInBrowser;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let baseUrl: string;
  let storeId: number;
  let chosen: CustomerSummary;

  const apiGet = async <T>(path: string): Promise<T> => {
    const answer = await context.request.get(`${baseUrl}/api/stores/${storeId}${path}`);
    expect(answer.status(), path).toBe(200);
    return (await answer.json()) as T;
  };

  beforeAll(async () => {
    demo = await openDemoInBrowser({ customers: 120, seed: 7, password: PASSWORD });
    ({ browser, context, page, storeId } = demo);
    baseUrl = demo.server.baseUrl;
  });

  afterAll(async () => {
    await demo?.close();
  });

  it('lists the customers the API lists: the total and each page, in order', async () => {
    await signIn(page, baseUrl, 'demo', PASSWORD);
    await page.getByRole('navigation').getByRole('link', { name: '客户', exact: true }).click();
    await page.waitForURL(`**/stores/${storeId}/customers`);
    await page.getByRole('heading', { name: '客户', exact: true }).waitFor();

    const first = await apiGet<CustomerList>('/customers?page=1&pageSize=20');
    expect(first.total).toBe(120);
    expect(first.totalCapped).toBe(false);
    await page.getByText(`共 ${formatCount(first.total, 'zh-CN')} 位客户`).waitFor();
    await expect.poll(() => listedNames(page)).toEqual(first.customers.map(nameOf));

    await page.getByTitle('2', { exact: true }).click();
    await page.waitForURL(/[?&]page=2/);
    const second = await apiGet<CustomerList>('/customers?page=2&pageSize=20');
    await expect.poll(() => listedNames(page)).toEqual(second.customers.map(nameOf));
  });

  it('sorts by a column header as the API sorts', async () => {
    await page.getByRole('columnheader', { name: /累计消费/ }).click();
    await page.waitForURL(/sort=totalSpent/);
    // A new order starts from the first page.
    expect(new URL(page.url()).searchParams.get('page')).toBeNull();
    const order = new URL(page.url()).searchParams.get('order');
    const sorted = await apiGet<CustomerList>(`/customers?sort=totalSpent&order=${order}&pageSize=20`);
    await expect.poll(() => listedNames(page)).toEqual(sorted.customers.map(nameOf));
  });

  it('narrows the list with a filter, as the API does, and keeps it over a reload', async () => {
    await page.goto(`${baseUrl}/stores/${storeId}/customers`);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.getByRole('spinbutton', { name: '订单数 最低' }).fill('3');
    await page.getByRole('button', { name: '应用筛选' }).click();
    await page.waitForURL(/ordersMin=3/);

    const all = await apiGet<CustomerList>('/customers');
    const filtered = await apiGet<CustomerList>('/customers?ordersMin=3&pageSize=20');
    expect(filtered.total).toBeGreaterThan(0);
    expect(filtered.total).toBeLessThan(all.total);
    expect(filtered.customers.every((customer) => customer.orderCount >= 3)).toBe(true);
    const totalText = `共 ${formatCount(filtered.total, 'zh-CN')} 位客户`;
    await page.getByText(totalText).waitFor();
    await expect.poll(() => listedNames(page)).toEqual(filtered.customers.map(nameOf));

    await page.reload();
    await page.getByText(totalText).waitFor();
    expect(await page.getByRole('spinbutton', { name: '订单数 最低' }).inputValue()).toBe('3');
    await screenshot(page, 'customers-filtered.png');

    await page.getByRole('button', { name: '清除全部' }).click();
    await page.waitForURL((url) => !url.searchParams.has('ordersMin'));
    await page.getByText(`共 ${formatCount(all.total, 'zh-CN')} 位客户`).waitFor();
    expect(await page.getByRole('spinbutton', { name: '订单数 最低' }).inputValue()).toBe('');
  });

  it('finds a customer by searching their nickname and opens the profile', async () => {
    const candidates = await apiGet<CustomerList>('/customers?ordersMin=1&pageSize=50');
    const found = candidates.customers.find((customer) => customer.nick && !customer.tags.includes('颜色'));
    expect(found).toBeDefined();
    chosen = found as CustomerSummary;
    const nick = chosen.nick as string;

    await page.goto(`${baseUrl}/stores/${storeId}/customers`);
    const search = page.getByLabel('搜索客户', { exact: true });
    await search.fill(nick);
    await search.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === nick);
    const searched = await apiGet<CustomerList>(`/customers?q=${encodeURIComponent(nick)}`);
    expect(searched.customers.map((customer) => customer.id)).toContain(chosen.id);
    await expect.poll(() => listedNames(page)).toEqual(searched.customers.map(nameOf));

    // An RFM refresh first, so the profile has scores to show.
    const refreshed = await context.request.post(`${baseUrl}/api/stores/${storeId}/analytics/refresh`);
    expect(refreshed.status()).toBe(202);
    const { jobId } = (await refreshed.json()) as { jobId: number };
    await expect
      .poll(async () => (await apiGet<{ state: string }>(`/jobs/${jobId}`)).state, { timeout: 60_000 })
      .toBe('succeeded');

    await page.getByRole('row').filter({ hasText: nick }).first().click();
    await page.waitForURL(`**/stores/${storeId}/customers/${chosen.id}`);
    await page.getByRole('heading', { name: nick, exact: true }).waitFor();

    const profile = await apiGet<CustomerProfile>(`/customers/${chosen.id}`);
    expect(profile.scores).not.toBeNull();
    const scores = profile.scores!;
    expect((await page.getByRole('group', { name: 'RFM 评分' }).textContent())?.trim()).toBe(
      `RFM 评分${scores.r}${scores.f}${scores.m} · ${scores.segmentCn}客户`,
    );
    expect(await figure(page, '订单数')).toBe(formatCount(profile.orderCount, 'zh-CN'));
    expect(await figure(page, '累计消费')).toBe(formatMoney(profile.totalSpent, 'CNY', 'zh-CN'));
    // The timeline starts with the customer's orders.
    await page.getByTestId('timeline-event').first().waitFor();
    expect(await page.locator('[data-testid="timeline-event"][data-kind="order"]').count()).toBeGreaterThan(
      0,
    );
  });

  it('edits a preference and the phone through the form; the profile and the timeline show the change', async () => {
    // Everyone sees the phone masked; the owner asks for the full one (audited) before editing it.
    const drawerLocked = page.getByText('手机号和地址已脱敏');
    await page.getByRole('button', { name: '编辑资料' }).click();
    await drawerLocked.waitFor();
    expect(await page.getByRole('dialog').getByLabel('手机号', { exact: true }).isDisabled()).toBe(true);
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    const revealed = page.waitForResponse((response) => response.url().endsWith('/reveal'));
    await page.getByRole('button', { name: '显示完整信息' }).click();
    expect((await revealed).status()).toBe(200);
    await page.getByRole('button', { name: '显示完整信息' }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: '编辑资料' }).click();
    const drawer = page.getByRole('dialog', { name: '编辑客户资料' });
    await drawer.waitFor();

    // Validation first: a malformed email is refused before anything is sent.
    await drawer.getByLabel('邮箱', { exact: true }).fill('not-an-email');
    await drawer.getByRole('button', { name: '保存' }).click();
    await drawer.getByText('请填写有效的邮箱').waitFor();
    await drawer.getByLabel('邮箱', { exact: true }).fill('');

    await drawer.getByLabel('手机号', { exact: true }).fill(FULL_PHONE);
    await drawer.getByRole('button', { name: '添加偏好' }).click();
    await drawer.getByRole('combobox', { name: '偏好项' }).last().fill('颜色');
    await drawer.getByRole('combobox', { name: '内容' }).last().fill('藏青');
    await drawer.screenshot({ path: join(repoRoot, 'test-results', 'customer-edit.png') });
    const saved = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/stores/${storeId}/customers/${chosen.id}`) &&
        response.request().method() === 'PATCH',
    );
    await drawer.getByRole('button', { name: '保存' }).click();
    const answer = await saved;
    expect(answer.status()).toBe(200);
    const body = answer.request().postDataJSON() as Record<string, unknown>;
    // Only what changed is sent; the preferences replace the whole set, the old keys kept.
    expect(Object.keys(body).sort()).toEqual(['phone', 'preferences']);
    await drawer.waitFor({ state: 'hidden' });

    const profile = await apiGet<CustomerProfile>(`/customers/${chosen.id}`);
    expect(profile.preferences.颜色).toBe('藏青');
    expect(profile.phone).toBe('138****5678');
    const preferences = page.getByRole('region', { name: '偏好', exact: true });
    await preferences.getByText('藏青').waitFor();
    expect(await preferences.textContent()).toContain('颜色');
    // The edit made the revealed values stale: masked again until asked for again.
    await page.getByTestId('customer-phone').getByText('138****5678').waitFor();
    await page.getByRole('button', { name: '显示完整信息' }).click();
    await page.getByTestId('customer-phone').getByText(FULL_PHONE).waitFor();

    const change = page.locator('[data-testid="timeline-event"][data-kind="change"]').first();
    await change.waitFor();
    const text = (await change.textContent()) ?? '';
    // Who (the login), each field before → after; the audit log keeps phone numbers masked.
    expect(text).toContain('demo 修改了资料');
    expect(text).toContain('偏好 · 颜色：（空） → 藏青');
    expect(text).toContain(`手机号：${chosen.phone} → 138****5678`);
    await screenshot(page, 'customer-profile.png');
  });

  it('opens an after-sales case about one of the customer’s orders, and resolves it', async () => {
    await page.getByRole('button', { name: '新建售后' }).click();
    const form = page.getByRole('form', { name: '新建售后' });
    await chooseOption(page, '类型', '退货');
    const timeline = await apiGet<{ events: { order?: { id: number; externalId: string } }[] }>(
      `/customers/${chosen.id}/timeline`,
    );
    const order = timeline.events.find((event) => event.order)!.order!;
    await chooseOption(page, '相关订单', order.externalId);
    await form.getByLabel('问题描述').fill('连体衣尺码偏小，要求退货');
    const opened = page.waitForResponse((response) => response.url().endsWith('/after-sales'));
    await form.getByRole('button', { name: '保存售后' }).click();
    expect((await opened).status()).toBe(201);
    const item = page.getByRole('listitem', { name: /^售后 #\d+$/ }).first();
    await item.getByText('连体衣尺码偏小，要求退货').waitFor();
    expect(await item.textContent()).toContain(`订单 ${order.externalId}`);
    expect(await item.textContent()).toContain('处理中');
    await page.getByText('1 条未处理').waitFor();

    await item.getByRole('button', { name: '标记解决' }).click();
    const popover = page.locator('.ant-popover:visible');
    await popover.getByLabel('处理结果').fill('已退款 129 元');
    await popover.getByRole('button', { name: '标记解决' }).click();
    await item.getByText('已解决').waitFor();
    await item.getByText('已退款 129 元').waitFor();
    const cases = await apiGet<{
      cases: { kind: string; status: string; orderId: number; resolution: string }[];
    }>(`/after-sales?customerId=${chosen.id}`);
    expect(cases.cases).toEqual([
      expect.objectContaining({
        kind: 'return',
        status: 'resolved',
        orderId: order.id,
        resolution: '已退款 129 元',
      }),
    ]);
  });

  it('records a contact with a follow-up day and lists it among the follow-ups until done', async () => {
    const form = page.getByRole('form', { name: '记录跟进' });
    await form.getByLabel('记录').fill('回访：宝宝满月，想要藏青色的连体衣');
    // The day picker: today, in the store's time zone, through the picker's own "today" link.
    await form.getByLabel('下次跟进').click();
    await page.locator('.ant-picker-dropdown:visible').getByText('今天').click();
    const recorded = page.waitForResponse((response) => response.url().endsWith('/contacts'));
    await form.getByRole('button', { name: '保存记录' }).click();
    expect((await recorded).status()).toBe(201);
    const contact = page.locator('[data-testid="timeline-event"][data-kind="contact"]').first();
    await contact.waitFor();
    expect(await contact.textContent()).toContain('想要藏青色的连体衣');

    // Another customer's follow-up was due yesterday (the form offers no past days; the API does).
    const others = await apiGet<CustomerList>('/customers?pageSize=5');
    const late = others.customers.find((customer) => customer.id !== chosen.id) as CustomerSummary;
    const yesterday = dayKey(Date.now() - 86_400_000, 'Asia/Shanghai');
    const posted = await context.request.post(
      `${baseUrl}/api/stores/${storeId}/customers/${late.id}/contacts`,
      {
        data: { channel: 'wechat', outcome: 'no_answer', note: '上周没回，再问一次', followUpOn: yesterday },
      },
    );
    expect(posted.status()).toBe(201);

    await page.getByRole('link', { name: '返回客户列表' }).click();
    await page.getByRole('tab', { name: '今日跟进' }).click();
    await page.waitForURL(`**/stores/${storeId}/customers/follow-ups`);
    const row = page.getByRole('row').filter({ hasText: '想要藏青色的连体衣' });
    await row.waitFor();
    expect(await row.textContent()).toContain(chosen.nick);
    expect(await row.textContent()).toContain('今天');
    // Overdue first, marked as such.
    const rows = page.getByRole('table').locator('tbody').getByRole('row');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(nameOf(late));
    expect(await rows.first().textContent()).toContain('已逾期');
    await screenshot(page, 'customer-follow-ups.png');
    await row.getByRole('button', { name: '标记完成' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText(`已完成对 ${chosen.nick} 的跟进`).waitFor();
    expect(await rows.count()).toBe(1);
  });

  it('tags two selected customers in bulk and links their export', async () => {
    await page.getByRole('navigation').getByRole('link', { name: '客户', exact: true }).click();
    await page.getByRole('tab', { name: '客户列表' }).waitFor();
    const first = await apiGet<CustomerList>('/customers?pageSize=20');
    const picked = first.customers.slice(1, 3);
    for (const customer of picked)
      await page
        .getByRole('row')
        .filter({ hasText: nameOf(customer) })
        .getByRole('checkbox')
        .check();
    await page.getByText('已选 2 位').waitFor();

    const csv = page.getByRole('link', { name: '导出 CSV' });
    const href = (await csv.getAttribute('href')) ?? '';
    expect(href).toBe(
      `/api/stores/${storeId}/customers/export?format=csv&ids=${picked.map((customer) => customer.id).join('%2C')}`,
    );
    expect(await csv.getAttribute('download')).not.toBeNull();
    const file = await context.request.get(`${baseUrl}${href}`);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-disposition']).toMatch(/^attachment/);
    const lines = (await file.text()).split(/\r?\n/).filter((line) => line !== '');
    expect(lines).toHaveLength(3); // the header and the two customers

    await page.getByRole('button', { name: '批量打标签' }).click();
    const dialog = page.getByRole('dialog', { name: '批量打标签' });
    await dialog.getByText('已选的 2 位客户').waitFor();
    await dialog.getByRole('button', { name: '确定' }).click();
    await dialog.getByText('请至少添加或移除一个标签').waitFor();
    await dialog.getByRole('combobox', { name: '添加标签' }).fill('回访名单');
    await page.keyboard.press('Enter');
    // The suggestions stay open over the buttons until the select loses focus.
    await dialog.getByText('批量打标签', { exact: true }).click();
    const tagged = page.waitForResponse((response) => response.url().endsWith('/customers/tags'));
    await dialog.getByRole('button', { name: '确定' }).click();
    expect(await (await tagged).json()).toEqual({ affected: 2 });
    await dialog.waitFor({ state: 'hidden' });
    await page.getByText('已更新 2 位客户的标签').waitFor();
    const withTag = await apiGet<CustomerList>(`/customers?tags=${encodeURIComponent('回访名单')}`);
    expect(withTag.customers.map((customer) => customer.id).sort()).toEqual(
      picked.map((customer) => customer.id).sort(),
    );
    for (const customer of picked)
      await page
        .getByRole('row')
        .filter({ hasText: nameOf(customer) })
        .getByText('回访名单')
        .waitFor();
  });

  it('lists two customers with one phone number as duplicates and merges them into the one kept', async () => {
    const list = await apiGet<CustomerList>('/customers?ordersMin=1&pageSize=50');
    const other = list.customers.find(
      (customer) => customer.id !== chosen.id && customer.nick,
    ) as CustomerSummary;
    const patched = await context.request.patch(`${baseUrl}/api/stores/${storeId}/customers/${other.id}`, {
      data: { phone: FULL_PHONE },
    });
    expect(patched.status()).toBe(200);
    const before = await apiGet<CustomerProfile>(`/customers/${chosen.id}`);

    await page.getByRole('tab', { name: '疑似重复' }).click();
    await page.waitForURL(`**/stores/${storeId}/customers/duplicates`);
    const group = page
      .locator('.ant-card')
      .filter({ hasText: '手机号相同' })
      .filter({ hasText: other.nick as string });
    await group.waitFor();
    expect(await group.textContent()).toContain(chosen.nick);
    await group.getByRole('radio', { name: `保留这条: ${chosen.nick}` }).check();
    await screenshot(page, 'customer-duplicates.png');
    await group.getByRole('button', { name: '合并' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: '合并这 2 条客户记录？' });
    expect(await confirm.textContent()).toContain(`并入「${chosen.nick}」`);
    const merged = page.waitForResponse((response) =>
      response.url().endsWith(`/customers/${chosen.id}/merge`),
    );
    await confirm.getByRole('button', { name: '合并' }).click();
    expect((await merged).status()).toBe(200);
    await page.getByText(`已合并到 ${chosen.nick}`).waitFor();
    await group.waitFor({ state: 'detached' });

    const after = await apiGet<CustomerProfile>(`/customers/${chosen.id}`);
    expect(after.orderCount).toBe(before.orderCount + other.orderCount);
    expect((await apiGet<CustomerProfile>(`/customers/${other.id}`)).mergedIntoId).toBe(chosen.id);
  });

  it('imports customer details (客户属性) on the import page and shows them in the profile', async () => {
    const file = join(demo.server.dir, '客户资料.csv');
    writeFileSync(file, `买家会员名,职业,偏好:尺码\n${chosen.nick},教师,73码\n没有这个人_x,医生,80码\n`);
    await page.getByRole('navigation').getByRole('link', { name: '数据导入' }).click();
    await page.getByRole('heading', { name: '数据导入', exact: true }).waitFor();
    await page.getByText('客户属性', { exact: true }).first().click();
    await page.getByText('上传客户属性文件').waitFor();
    expect(await page.getByLabel('按哪一列找客户').count()).toBe(1);
    await page.locator('input[type="file"]').setInputFiles(file);
    const answer = page.waitForResponse((response) =>
      response.url().endsWith('/customers/attribute-imports'),
    );
    await page.getByRole('button', { name: '开始导入' }).click();
    expect((await answer).status()).toBe(202);

    const progress = page.getByRole('region', { name: '导入进度' });
    await progress.getByText('导入完成').waitFor();
    const result = progress.getByRole('region', { name: '客户资料.csv' });
    const shown = async (label: string) =>
      (
        (await result
          .getByRole('group', { name: label, exact: true })
          .getByTestId('figure-value')
          .textContent()) ?? ''
      ).trim();
    expect(await shown('读取行数')).toBe('2');
    expect(await shown('更新客户')).toBe('1');
    expect(await shown('拒绝行数')).toBe('1');
    await screenshot(page, 'import-attributes.png');
    const run = page.getByRole('row').filter({ hasText: '客户资料.csv' });
    expect(await run.textContent()).toContain('客户属性');
    // The history's 更新 column counts the customers updated (read 2, updated 1, rejected 1).
    const trimmed = (texts: string[]) => texts.map((text) => text.trim());
    const headers = trimmed(
      await page.locator('#import-history').getByRole('columnheader').allTextContents(),
    );
    const cells = trimmed(await run.getByRole('cell').allTextContents());
    const column = (name: string) => cells[headers.indexOf(name)];
    expect([column('读取'), column('新增'), column('更新'), column('拒绝')]).toEqual(['2', '—', '1', '1']);
    await run.click();
    await page.getByRole('list', { name: '按原因统计' }).getByText('找不到客户').waitFor();

    const profile = await apiGet<CustomerProfile>(`/customers/${chosen.id}`);
    expect(profile.occupation).toBe('教师');
    expect(profile.preferences).toMatchObject({ 尺码: '73码', 颜色: '藏青' });
  });

  it('erases a customer’s personal data after saying what goes and what stays', async () => {
    const list = await apiGet<CustomerList>('/customers?ordersMin=2&pageSize=50');
    const target = list.customers.find(
      (customer) => customer.id !== chosen.id && customer.nick,
    ) as CustomerSummary;
    await page.goto(`${baseUrl}/stores/${storeId}/customers/${target.id}`);
    await page.getByRole('heading', { name: target.nick as string, exact: true }).waitFor();
    await page.getByRole('button', { name: '清除个人信息' }).click();
    const confirm = page.getByRole('dialog').filter({ hasText: `清除「${target.nick}」的个人信息？` });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('订单记录保留用于统计');
    const erased = page.waitForResponse((response) =>
      response.url().endsWith(`/customers/${target.id}/erase`),
    );
    await confirm.getByRole('button', { name: '清除' }).click();
    expect((await erased).status()).toBe(200);
    await page.getByText('这位客户的个人信息已被清除，订单记录保留用于统计。').waitFor();
    expect(await page.getByRole('button', { name: '编辑资料' }).count()).toBe(0);

    const after = await apiGet<CustomerProfile>(`/customers/${target.id}`);
    expect(after.erased).toBe(true);
    expect(after.name).toBeNull();
    expect(after.phone).toBeNull();
    expect(after.orderCount).toBe(target.orderCount);
    expect(await figure(page, '订单数')).toBe(formatCount(target.orderCount, 'zh-CN'));
  });

  it('shows service staff the masked phone, with no edit, tag or export controls', async () => {
    const added = await context.request.post(`${baseUrl}/api/stores/${storeId}/members`, {
      data: { login: 'kefu', role: 'service', password: 'kefu-password-1' },
    });
    expect(added.status()).toBe(201);
    const service = await newChineseContext(browser, { width: 1280, height: 800 });
    const servicePage = await service.newPage();
    await signIn(servicePage, baseUrl, 'kefu', 'kefu-password-1');

    await servicePage.goto(`${baseUrl}/stores/${storeId}/customers/${chosen.id}`);
    await servicePage.getByRole('heading', { name: chosen.nick as string, exact: true }).waitFor();
    const phone = (await servicePage.getByTestId('customer-phone').textContent()) ?? '';
    expect(phone).toContain('138****5678');
    expect(phone).not.toContain(FULL_PHONE);
    expect(await servicePage.getByRole('button', { name: '编辑资料' }).count()).toBe(0);
    expect(await servicePage.getByRole('button', { name: '合并重复客户' }).count()).toBe(0);
    expect(await servicePage.getByRole('button', { name: '清除个人信息' }).count()).toBe(0);
    // Service staff do record their calls.
    await servicePage.getByRole('form', { name: '记录跟进' }).waitFor();

    await servicePage.getByRole('link', { name: '返回客户列表' }).click();
    // One fewer than the demo's 120: a duplicate was merged above.
    const { total } = await apiGet<CustomerList>('/customers');
    expect(total).toBe(119);
    await servicePage.getByText(`共 ${total} 位客户`).waitFor();
    expect(await servicePage.getByRole('button', { name: '批量打标签' }).count()).toBe(0);
    expect(await servicePage.getByRole('link', { name: /导出/ }).count()).toBe(0);
    expect(await servicePage.getByRole('tab', { name: '疑似重复' }).count()).toBe(0);
    await service.close();
  });

  it('reads in English', async () => {
    await page.goto(`${baseUrl}/stores/${storeId}/customers/${chosen.id}`);
    await page.getByRole('heading', { name: chosen.nick as string, exact: true }).waitFor();
    await switchLanguage(page, 'zh-CN', 'en');
    const profile = await apiGet<CustomerProfile>(`/customers/${chosen.id}`);
    expect(await figure(page, 'Total spent')).toBe(formatMoney(profile.totalSpent, 'CNY', 'en'));
    expect(await figure(page, 'Orders')).toBe(formatCount(profile.orderCount, 'en'));
    const change = page.locator('[data-testid="timeline-event"][data-kind="change"]').first();
    expect(await change.textContent()).toContain('Preferences · 颜色');
    await page.getByRole('button', { name: 'Edit profile' }).waitFor();
    await screenshot(page, 'customer-profile-en.png');

    await page.getByRole('link', { name: 'Back to the customer list' }).click();
    await page.getByRole('heading', { name: 'Customers', exact: true }).waitFor();
    await page.getByText('119 customers').waitFor();
    await page.getByRole('columnheader', { name: /Total spent/ }).waitFor();
    await screenshot(page, 'customers-en.png');
    await switchLanguage(page, 'en', 'zh-CN');
  });
});

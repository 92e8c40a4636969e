import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import { allocateIds } from '../db/sequences.js';
import { Random } from '../demo/random.js';
import type { StoreId, UserId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { providerMessageId } from './dispatcher.js';

// The demo store's messaging: its SMS and email go to the sandbox (recorded, never sent), Wangwang
// follow-ups become tasks for the demo owner, a few templates to start from, and two weeks of a
// member-day reminder in the log so the pages have something to show.

const DAY_MS = 86_400_000;

export async function seedDemoMessaging(
  db: Db,
  storeId: StoreId,
  ownerId: UserId,
  now: Instant,
): Promise<void> {
  const channel = (name: string, provider: string, settings: object) => ({
    store_id: storeId,
    channel: name,
    provider,
    settings: JSON.stringify({ provider, ...settings }),
    secrets: null,
    hook_token: randomBytes(18).toString('base64url'),
    updated_at: now,
    updated_by: 'demo',
  });
  await db
    .insertInto('message_channels')
    .values([
      channel('sms', 'local', { signName: '【老客母婴旗舰店】', optOutLine: '拒收请回复R' }),
      channel('email', 'local', {}),
      channel('task', 'task', { defaultAssigneeId: ownerId }),
      channel('local', 'local', {}),
    ])
    .execute();

  const templates = [
    {
      name: '回购提醒 · 奶粉',
      channel: 'sms',
      class: 'marketing' as const,
      subject: null,
      body: '{姓名|亲}，您上次买的{上次购买|宝贝}快用完了吧？老客专享券已放入账户，{店铺名}等您回来',
    },
    {
      name: '会员日提醒',
      channel: 'sms',
      class: 'marketing' as const,
      subject: null,
      body: '{姓名|亲}，每月8号会员日，{会员等级|会员}专享折上折，记得来逛逛',
    },
    {
      name: '旺旺回访',
      channel: 'task',
      class: 'marketing' as const,
      subject: null,
      body: '{昵称|亲}您好，我是{店铺名}的客服，想问问宝宝用得还习惯吗？有问题随时找我',
    },
    {
      name: '双十一邮件',
      channel: 'email',
      class: 'marketing' as const,
      subject: '{姓名|亲}，双十一老客专享券已到账',
      body: '{姓名|亲}您好：\n\n感谢您一直以来的支持，双十一期间老客专享满 199 减 30。\n\n{店铺名}',
    },
  ];
  const firstTemplate = await allocateIds(db, storeId, 'message_templates', templates.length);
  await db
    .insertInto('message_templates')
    .values(
      templates.map((t, i) => ({
        store_id: storeId,
        id: firstTemplate + i,
        ...t,
        provider_template: null,
        created_at: now,
        updated_at: now,
      })),
    )
    .execute();

  // Two weeks of member-day reminders to a few hundred old customers, in the log
  const customers = await db
    .selectFrom('customers')
    .select(['id', 'nick'])
    .where('store_id', '=', storeId)
    .where('order_count', '>=', 2)
    .orderBy('id')
    .limit(400)
    .execute();
  if (customers.length === 0) return;
  const random = new Random(8);
  const first = await allocateIds(db, storeId, 'messages', customers.length);
  const rows = customers.map((customer, i) => {
    const sentAt = (now - (1 + Math.floor(random.next() * 14)) * DAY_MS + 2 * 3_600_000) as Instant;
    const roll = random.next();
    const status = roll < 0.85 ? 'delivered' : roll < 0.95 ? 'sent' : roll < 0.98 ? 'failed' : 'suppressed';
    const text = `【老客母婴旗舰店】${customer.nick ?? '亲'}，每月8号会员日，会员专享折上折，记得来逛逛，拒收请回复R`;
    return {
      store_id: storeId,
      id: first + i,
      customer_id: customer.id,
      channel: 'sms',
      class: 'marketing' as const,
      source: 'demo:会员日提醒',
      idempotency_key: `demo:会员日提醒|${customer.id}|sms`,
      recipient: `sandbox:${customer.id}`,
      content: JSON.stringify({ text, params: {} }),
      status,
      attempts: status === 'suppressed' ? 0 : 1,
      next_attempt_at: sentAt,
      provider_id: status === 'suppressed' ? null : `local-${providerMessageId(storeId, first + i)}`,
      reason:
        status === 'failed'
          ? 'not delivered: MK:0001 空号'
          : status === 'suppressed'
            ? 'on the suppression list (opted out)'
            : null,
      created_at: sentAt,
      updated_at: sentAt,
      sent_at: status === 'sent' || status === 'delivered' ? sentAt : null,
      delivered_at: status === 'delivered' ? ((sentAt + 5_000) as Instant) : null,
    };
  });
  for (let start = 0; start < rows.length; start += 100)
    await db
      .insertInto('messages')
      .values(rows.slice(start, start + 100))
      .execute();
}

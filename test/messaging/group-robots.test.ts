import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dingtalkAdapter,
  dingtalkSign,
  sendDingtalk,
  sendWecom,
  wecomAdapter,
} from '../../src/messaging/channels/group-robots.js';
import type { OutboxMessage } from '../../src/messaging/dispatcher.js';
import type { StoreId } from '../../src/shared/ids.js';
import { type FakeGroupRobots, startFakeGroupRobots } from '../helpers/fake-group-robots.js';

// WeCom and DingTalk group robots against stand-ins that check the key, the token and DingTalk's
// 加签 signature.

// 2026-11-11 12:00:00 Asia/Shanghai
const T0 = Date.UTC(2026, 10, 11, 4, 0, 0);
const robots = {
  wecomKey: 'wecom-key-1',
  dingtalkToken: 'ding-token-1',
  dingtalkSecret: 'SEC0123456789abcdef',
};
let fake: FakeGroupRobots;
beforeAll(async () => {
  fake = await startFakeGroupRobots(robots, () => T0);
});
afterAll(() => fake.close());

const options = () => ({ endpoint: fake.url, timeoutMs: 500, now: () => T0 });
const report = { title: '今日复购', markdown: '**复购 12 单**\n> 沉默客户召回 3 位' };

describe("DingTalk's 加签 signature", () => {
  it('is base64 HMAC-SHA256 of timestamp and secret (checked against Python hmac)', () => {
    expect(T0).toBe(1794369600000);
    expect(dingtalkSign('SEC0123456789abcdef', T0)).toBe('4NYmWTfN8L+R2N6WD7BmGOpC4LA3kziJPblaFrsycxI=');
  });
});

describe('the WeCom group robot', () => {
  it('posts the markdown, the title as a heading, to the key', async () => {
    expect(await sendWecom('wecom-key-1', report, options())).toEqual({ status: 'sent', providerId: '' });
    expect(fake.posts.at(-1)).toEqual({
      robot: 'wecom',
      path: '/cgi-bin/webhook/send?key=wecom-key-1',
      query: { key: 'wecom-key-1' },
      body: {
        msgtype: 'markdown',
        markdown: { content: '## 今日复购\n**复购 12 单**\n> 沉默客户召回 3 位' },
      },
    });
  });

  it('ends the message on a wrong key and on markdown over 4096 bytes', async () => {
    expect(await sendWecom('wrong', report, options())).toEqual({
      status: 'failed',
      reason: '93000: invalid webhook url, hint: [1732000000_1], from ip: 127.0.0.1',
    });
    expect(await sendWecom('wecom-key-1', { markdown: '好'.repeat(1366) }, options())).toEqual({
      status: 'failed',
      reason: 'WeCom takes markdown of up to 4096 bytes; this is 4098',
    });
  });

  it('retries its rate limit, a busy system, a 502 and no answer', async () => {
    const before = fake.posts.length;
    const outcomes = [];
    for (const fault of ['rate-limit', 'busy', 'http502', 'hang'] as const) {
      fake.faults.push(fault);
      outcomes.push(await sendWecom('wecom-key-1', report, options()));
    }
    expect(outcomes).toEqual([
      { status: 'retry', reason: '45009: api freq out of limit' },
      { status: 'retry', reason: '-1: system busy' },
      { status: 'retry', reason: 'HTTP 502' },
      { status: 'retry', reason: expect.stringMatching(/^no answer: /) },
    ]);
    expect(fake.posts.length).toBe(before);
  });
});

describe('the DingTalk group robot', () => {
  const settings = { accessToken: 'ding-token-1', secret: 'SEC0123456789abcdef' };

  it('posts title and markdown, signed with the timestamp', async () => {
    expect(await sendDingtalk(settings, report, options())).toEqual({ status: 'sent', providerId: '' });
    expect(fake.posts.at(-1)).toEqual({
      robot: 'dingtalk',
      path: `/robot/send?access_token=ding-token-1&timestamp=${T0}&sign=4NYmWTfN8L%2BR2N6WD7BmGOpC4LA3kziJPblaFrsycxI%3D`,
      query: {
        access_token: 'ding-token-1',
        timestamp: String(T0),
        sign: '4NYmWTfN8L+R2N6WD7BmGOpC4LA3kziJPblaFrsycxI=',
      },
      body: {
        msgtype: 'markdown',
        markdown: { title: '今日复购', text: '**复购 12 单**\n> 沉默客户召回 3 位' },
      },
    });
  });

  it('takes the first line as the title when there is none', async () => {
    await sendDingtalk(settings, { markdown: '### 新会员 5 位\n今日新增' }, options());
    expect(fake.posts.at(-1)?.body).toEqual({
      msgtype: 'markdown',
      markdown: { title: '新会员 5 位', text: '### 新会员 5 位\n今日新增' },
    });
  });

  it('ends the message on a wrong secret and on a clock over an hour off', async () => {
    const signMismatch = {
      status: 'failed',
      reason: '310000: sign not match, more: [https://ding-doc.dingtalk.com/doc]',
    };
    expect(await sendDingtalk({ ...settings, secret: 'SECother' }, report, options())).toEqual(signMismatch);
    expect(await sendDingtalk(settings, report, { ...options(), now: () => T0 - 3_700_000 })).toEqual(
      signMismatch,
    );
  });

  it('retries sending too fast, a busy system and no answer', async () => {
    const outcomes = [];
    for (const fault of ['rate-limit', 'busy', 'hang'] as const) {
      fake.faults.push(fault);
      outcomes.push(await sendDingtalk(settings, report, options()));
    }
    expect(outcomes).toEqual([
      { status: 'retry', reason: '130101: send too fast, exceed 20 times per minute' },
      { status: 'retry', reason: '-1: system busy' },
      { status: 'retry', reason: expect.stringMatching(/^no answer: /) },
    ]);
  });
});

describe('the robot adapters', () => {
  const outbox = (channel: 'wecom' | 'dingtalk', content: Record<string, unknown>): OutboxMessage => ({
    storeId: 1 as StoreId,
    id: 7,
    messageId: 'lk-1-7',
    customerId: null,
    channel,
    messageClass: 'transactional',
    recipient: 'group',
    content,
    attempts: 1,
  });

  it('send content { title?, markdown } and have no lookup: at least once', async () => {
    const wecom = wecomAdapter({ key: 'wecom-key-1' }, options());
    const ding = dingtalkAdapter({ accessToken: 'ding-token-1', secret: 'SEC0123456789abcdef' }, options());
    expect(await wecom.send(outbox('wecom', { markdown: '**到店提醒**' }))).toMatchObject({ status: 'sent' });
    expect(fake.posts.at(-1)?.body).toEqual({ msgtype: 'markdown', markdown: { content: '**到店提醒**' } });
    expect(await ding.send(outbox('dingtalk', report))).toMatchObject({ status: 'sent' });
    expect(wecom.lookup).toBeUndefined();
    expect(ding.lookup).toBeUndefined();
    expect(await wecom.send(outbox('wecom', { text: 'plain' }))).toEqual({
      status: 'failed',
      reason: 'a robot message needs content { markdown }',
    });
  });
});

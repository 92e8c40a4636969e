import { createHmac } from 'node:crypto';
import type { ChannelAdapter, OutboxMessage } from '../dispatcher.js';
import type { SendOutcome } from './outcome.js';

// Group robots: a markdown message into a WeCom (企业微信) or DingTalk (钉钉) group, for the shop's
// staff. A robot keeps no message id and has no lookup: a request whose answer was lost may have
// been posted, and is posted again. At least once, not exactly once.

export interface RobotOptions {
  /** The robot API's base URL (a test's stand-in). */
  readonly endpoint?: string;
  readonly timeoutMs?: number;
  readonly now?: () => number;
}

export interface RobotMessage {
  readonly title?: string;
  readonly markdown: string;
}

// WeCom caps markdown content at 4096 bytes of UTF-8; DingTalk documents no cap we rely on.
const WECOM_MAX_BYTES = 4096;

/** Posts JSON and reads the robots' common answer, { errcode, errmsg }. */
async function post(
  url: string,
  body: unknown,
  timeoutMs: number,
  retryCodes: ReadonlySet<number>,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { status: 'retry', reason: `no answer: ${(error as Error).message}` };
  }
  const text = await response.text().catch(() => '');
  if (response.status === 429 || response.status >= 500)
    return { status: 'retry', reason: `HTTP ${response.status}` };
  let answer: { errcode?: unknown; errmsg?: unknown };
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    return { status: 'retry', reason: `HTTP ${response.status}: not JSON` };
  }
  const reason = `${String(answer.errcode)}: ${String(answer.errmsg ?? '')}`;
  if (answer.errcode === 0) return { status: 'sent', providerId: '' };
  // Anything but a rate limit or a busy system is the robot's setup: a wrong key or signature, a
  // missing keyword, a robot removed from the group. A retry will not change it.
  return typeof answer.errcode === 'number' && retryCodes.has(answer.errcode)
    ? { status: 'retry', reason }
    : { status: 'failed', reason };
}

// WeCom: -1 system busy, 45009 over the robot's limit (20 messages a minute)
const WECOM_RETRY = new Set([-1, 45009]);
// DingTalk: -1 system busy, 130101 sending too fast (20 a minute), 130102 too often in the hour
const DINGTALK_RETRY = new Set([-1, 130101, 130102]);

/** Posts markdown to a WeCom group robot (webhook key from the robot's settings). */
export function sendWecom(
  key: string,
  message: RobotMessage,
  options: RobotOptions = {},
): Promise<SendOutcome> {
  const base = options.endpoint ?? 'https://qyapi.weixin.qq.com';
  const content = message.title ? `## ${message.title}\n${message.markdown}` : message.markdown;
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > WECOM_MAX_BYTES)
    return Promise.resolve({
      status: 'failed',
      reason: `WeCom takes markdown of up to ${WECOM_MAX_BYTES} bytes; this is ${bytes}`,
    });
  const url = `${base.replace(/\/$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  return post(url, { msgtype: 'markdown', markdown: { content } }, options.timeoutMs ?? 10_000, WECOM_RETRY);
}

/** DingTalk's 加签: base64 HMAC-SHA256 under the robot's secret of `${timestamp}\n${secret}`. */
export function dingtalkSign(secret: string, timestamp: number): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
}

export interface DingtalkSettings {
  readonly accessToken: string;
  /** The robot's 加签 secret (SEC…); without one the robot must be set to keywords or IPs. */
  readonly secret?: string;
}

/** Posts markdown to a DingTalk group robot, signed when the robot has a secret. */
export function sendDingtalk(
  settings: DingtalkSettings,
  message: RobotMessage,
  options: RobotOptions = {},
): Promise<SendOutcome> {
  const base = options.endpoint ?? 'https://oapi.dingtalk.com';
  const query = new URLSearchParams({ access_token: settings.accessToken });
  if (settings.secret) {
    const timestamp = (options.now ?? Date.now)();
    query.set('timestamp', String(timestamp));
    query.set('sign', dingtalkSign(settings.secret, timestamp));
  }
  // The title shows in the chat list and notifications; the text is what the group reads
  const title = message.title ?? (message.markdown.split('\n')[0] ?? '').replace(/^#+\s*/, '').slice(0, 64);
  return post(
    `${base.replace(/\/$/, '')}/robot/send?${query}`,
    { msgtype: 'markdown', markdown: { title, text: message.markdown } },
    options.timeoutMs ?? 10_000,
    DINGTALK_RETRY,
  );
}

const toRobotMessage = (message: OutboxMessage): RobotMessage | null => {
  const { title, markdown } = message.content;
  if (typeof markdown !== 'string' || markdown === '') return null;
  return typeof title === 'string' ? { title, markdown } : { markdown };
};

const missing: SendOutcome = { status: 'failed', reason: 'a robot message needs content { markdown }' };

/** The dispatcher's WeCom robot adapter: content { title?, markdown }. No lookup (at least once). */
export function wecomAdapter(settings: { readonly key: string }, options: RobotOptions = {}): ChannelAdapter {
  return {
    async send(message) {
      const robot = toRobotMessage(message);
      return robot ? sendWecom(settings.key, robot, options) : missing;
    },
  };
}

/** The dispatcher's DingTalk robot adapter: content { title?, markdown }. No lookup (at least once). */
export function dingtalkAdapter(settings: DingtalkSettings, options: RobotOptions = {}): ChannelAdapter {
  return {
    async send(message) {
      const robot = toRobotMessage(message);
      return robot ? sendDingtalk(settings, robot, options) : missing;
    },
  };
}

import { DateTime } from 'luxon';
import type { AppContext } from '../context.js';
import type { StoreId } from '../shared/ids.js';
import type { Instant } from '../shared/time.js';
import { derivedKey, hookUrls, type LoadedChannel, loadChannel } from './channel-settings.js';
import { createAliyunSms } from './channels/aliyun-sms.js';
import { createEmailChannel } from './channels/email.js';
import { dingtalkAdapter, wecomAdapter } from './channels/group-robots.js';
import { type LocalSink, localSinkAdapter } from './channels/local-sink.js';
import { createTencentSms } from './channels/tencent-sms.js';
import { twilioAdapter } from './channels/twilio-sms.js';
import { webhookAdapter } from './channels/webhook.js';
import type { ChannelAdapter, OutboxMessage } from './dispatcher.js';
import { type Channel, suppress } from './outbox.store.js';
import type { ChannelInput } from './schemas.js';
import type { UrlPolicy } from './ssrf.js';
import { taskAdapter } from './tasks.js';

// From a store's channel settings to the adapter the dispatcher sends through. Adapters are kept
// per store and channel and rebuilt when the settings change (checked at most every few seconds),
// so an owner's new key is used within seconds and an idle store costs nothing.

/** Provider base URLs (tests point them at local stand-ins); production uses the real ones. */
export interface ProviderEndpoints {
  readonly aliyun?: string;
  readonly tencent?: string;
  readonly twilio?: string;
  readonly wecom?: string;
  readonly dingtalk?: string;
}

export interface AdapterOptions {
  readonly endpoints?: ProviderEndpoints;
  /** The demo's and tests' sink, shared by every store that set up the local channel. */
  readonly sink?: LocalSink;
  readonly timeoutMs?: number;
  /** How long a built adapter is trusted before the settings are checked again. */
  readonly refreshMs?: number;
  /** Resolves webhook hosts (tests). */
  readonly resolve?: UrlPolicy['resolve'];
}

const chinaDay = (at: number) => DateTime.fromMillis(at, { zone: 'Asia/Shanghai' }).toFormat('yyyyMMdd');
const e164 = (phone: string) => {
  const digits = phone.replace(/[\s-]/g, '');
  return digits.startsWith('+') ? digits : /^1\d{10}$/.test(digits) ? `+86${digits}` : `+${digits}`;
};
const stringParams = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
  );

/** The adapter for one channel's settings. */
export function buildAdapter(
  ctx: AppContext,
  channel: LoadedChannel,
  options: AdapterOptions = {},
): ChannelAdapter {
  const settings: ChannelInput = channel.settings;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const rate =
    'ratePerSecond' in settings && settings.ratePerSecond ? { perSecond: settings.ratePerSecond } : undefined;
  const withRate = (adapter: ChannelAdapter): ChannelAdapter =>
    rate ? { ...adapter, rateLimit: rate } : adapter;
  const templateOf = (message: OutboxMessage) => String(message.content.templateCode ?? '');
  switch (settings.provider) {
    case 'aliyun': {
      const sms = createAliyunSms(
        { accessKeyId: settings.accessKeyId, accessKeySecret: settings.accessKeySecret ?? '' },
        { timeoutMs, ...(options.endpoints?.aliyun ? { endpoint: options.endpoints.aliyun } : {}) },
      );
      return withRate({
        send: (message) =>
          sms.send({
            messageId: message.messageId,
            phone: message.recipient,
            signName: settings.signName.replace(/^【|】$/g, ''),
            templateCode: templateOf(message),
            params: stringParams(message.content.params),
          }),
        // Aliyun answers by day: a message in doubt over midnight is looked for on both days
        async lookup(message) {
          const now = Date.now();
          for (const day of new Set([chinaDay(now), chinaDay(now - 86_400_000)])) {
            const found = await sms.lookup(message.messageId, message.recipient, day);
            if (found === 'retry') return 'retry';
            if (found !== 'unknown') return 'sent';
          }
          return 'unknown';
        },
      });
    }
    case 'tencent': {
      const sms = createTencentSms(
        { secretId: settings.secretId, secretKey: settings.secretKey ?? '', appId: settings.appId },
        {
          timeoutMs,
          region: settings.region,
          ...(options.endpoints?.tencent ? { endpoint: options.endpoints.tencent } : {}),
        },
      );
      return withRate({
        send: (message) =>
          sms.send({
            messageId: message.messageId,
            phone: message.recipient,
            signName: settings.signName.replace(/^【|】$/g, ''),
            templateId: templateOf(message),
            params: ((message.content.paramList as unknown[] | undefined) ?? []).map(String),
          }),
        async lookup(message) {
          const found = await sms.lookup(
            message.messageId,
            message.recipient,
            Math.floor(Date.now() / 1000) - 2 * 86_400,
          );
          return found === 'retry' ? 'retry' : found === 'unknown' ? 'unknown' : 'sent';
        },
      });
    }
    case 'twilio': {
      const from = settings.from;
      const adapter = twilioAdapter(
        {
          accountSid: settings.accountSid,
          authToken: settings.authToken ?? '',
          ...(from.startsWith('MG') ? { messagingServiceSid: from } : { from }),
          statusCallback: hookUrls(ctx.config.messaging.publicUrl, {
            store_id: channel.storeId,
            provider: 'twilio',
            hook_token: channel.hookToken,
          }).report!,
        },
        { timeoutMs, ...(options.endpoints?.twilio ? { endpoint: options.endpoints.twilio } : {}) },
      );
      const toE164 = (message: OutboxMessage): OutboxMessage => ({
        ...message,
        recipient: e164(message.recipient),
      });
      return withRate({
        send: (message) => adapter.send(toE164(message)),
        lookup: (message) => adapter.lookup!(toE164(message)),
      });
    }
    case 'smtp': {
      const key = ctx.config.messaging.secretKey;
      if (!key)
        return {
          send: async () => ({
            status: 'retry',
            reason: 'the server has no LAOKE_SECRET_KEY for unsubscribe links',
          }),
        };
      const email = createEmailChannel(
        {
          host: settings.host,
          port: settings.port,
          secure: settings.secure,
          from: settings.from,
          ...(settings.user ? { user: settings.user, password: settings.password ?? '' } : {}),
        },
        { unsubscribeBase: `${ctx.config.messaging.publicUrl}/u`, key: derivedKey(key, 'unsubscribe') },
      );
      return {
        async send(message) {
          const outcome = await email.send({
            messageId: message.messageId,
            storeId: message.storeId,
            customerId: message.customerId ?? 0,
            to: message.recipient,
            subject: String(message.content.subject ?? ''),
            text: String(message.content.text ?? ''),
            html: String(message.content.html ?? ''),
            // A test send has no customer to unsubscribe
            messageClass: message.customerId === null ? 'transactional' : message.messageClass,
          });
          // A mailbox the server says does not exist (550, 551, 553) is a hard bounce: the address
          // goes on the suppression list, so no campaign tries it again.
          if (outcome.status === 'failed' && /\b55[013]\b/.test(outcome.reason))
            await suppress(
              ctx.database.db,
              message.storeId,
              'email',
              message.recipient,
              'bounce',
              outcome.reason.slice(0, 200),
              Date.now() as Instant,
            );
          return outcome;
        },
      };
    }
    case 'wecom':
      return wecomAdapter(
        { key: settings.webhookKey ?? '' },
        { timeoutMs, ...(options.endpoints?.wecom ? { endpoint: options.endpoints.wecom } : {}) },
      );
    case 'dingtalk':
      return dingtalkAdapter(
        {
          accessToken: settings.accessToken ?? '',
          ...(settings.signingSecret ? { secret: settings.signingSecret } : {}),
        },
        { timeoutMs, ...(options.endpoints?.dingtalk ? { endpoint: options.endpoints.dingtalk } : {}) },
      );
    case 'webhook':
      return webhookAdapter(
        { url: settings.url, secret: settings.signingSecret ?? '', allowPrivate: settings.allowPrivate },
        { timeoutMs, ...(options.resolve ? { resolve: options.resolve } : {}) },
      );
    case 'task':
      return taskAdapter(ctx.database, settings.defaultAssigneeId);
    case 'local':
      return options.sink ?? localSinkAdapter();
  }
}

/**
 * The dispatcher's adapter source for every store: each store's own channel settings. A channel
 * that is not set up, or is switched off, has no adapter (its messages fail with that reason).
 */
export function storeAdapters(
  ctx: AppContext,
  options: AdapterOptions = {},
): (storeId: StoreId, channel: Channel) => Promise<ChannelAdapter | undefined> {
  const refreshMs = options.refreshMs ?? 5_000;
  const cache = new Map<
    string,
    { adapter: ChannelAdapter | undefined; version: number; checkedAt: number }
  >();
  const sink = options.sink ?? localSinkAdapter();
  return async (storeId, channel) => {
    const key = `${storeId}|${channel}`;
    const now = Date.now();
    const cached = cache.get(key);
    if (cached && now - cached.checkedAt < refreshMs) return cached.adapter;
    const row = await ctx.database.db
      .selectFrom('message_channels')
      .select(['updated_at', 'enabled'])
      .where('store_id', '=', storeId)
      .where('channel', '=', channel)
      .executeTakeFirst();
    const version = row ? Number(row.updated_at) * 2 + row.enabled : -1;
    if (cached && cached.version === version) {
      cached.checkedAt = now;
      return cached.adapter;
    }
    const loaded = row
      ? await loadChannel(ctx.database.db, ctx.config.messaging.secretKey, storeId, channel)
      : null;
    const adapter = loaded?.enabled ? buildAdapter(ctx, loaded, { ...options, sink }) : undefined;
    cache.set(key, { adapter, version, checkedAt: now });
    return adapter;
  };
}

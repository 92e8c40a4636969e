import { createHmac, randomBytes } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import type { MessageChannelsTable } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import { maskSecret, openSecret, sealSecret } from '../shared/secrets.js';
import type { Channel } from './outbox.store.js';
import {
  type ChannelInput,
  type ChannelView,
  channelInputSchema,
  channelOfProvider,
  type Provider,
  secretFields,
} from './schemas.js';

// Each store's channel settings: one row per channel, its provider's settings as JSON and the
// secret fields sealed under LAOKE_SECRET_KEY, bound to the store and channel (a sealed key copied
// into another store's row does not open). Secrets go in and never come out: the API shows their
// last four characters, logs nothing of them.

type ChannelRow = Selectable<MessageChannelsTable>;

/** A channel's settings with its secrets opened, for building its adapter. */
export interface LoadedChannel {
  readonly storeId: StoreId;
  readonly channel: Channel;
  readonly enabled: boolean;
  readonly settings: ChannelInput;
  readonly hookToken: string;
  readonly updatedAt: number;
}

const sealContext = (storeId: StoreId, channel: string) => `store:${storeId}:channel:${channel}`;

/** A key for one purpose derived from the server key (unsubscribe links, webhook tokens…). */
export function derivedKey(secretKey: Buffer, purpose: string): Buffer {
  return createHmac('sha256', secretKey).update(`laoke:${purpose}`).digest();
}

function requireKey(ctx: AppContext): Buffer {
  const key = ctx.config.messaging.secretKey;
  if (!key)
    throw new LaokeError(
      'messaging.secret_key_missing',
      'Set LAOKE_SECRET_KEY (32 random bytes, e.g. `openssl rand -base64 32`) and restart the server to store provider keys.',
    );
  return key;
}

function openRow(key: Buffer | null, row: ChannelRow): Record<string, string> {
  if (row.secrets === null) return {};
  if (!key)
    throw new LaokeError(
      'messaging.secret_key_missing',
      `The ${row.channel} channel's keys are sealed, and the server has no LAOKE_SECRET_KEY to open them.`,
    );
  return JSON.parse(openSecret(key, row.secrets, sealContext(row.store_id, row.channel)));
}

/** The hook URLs a provider posts receipts and replies to, for the owner to paste in its console. */
export function hookUrls(publicUrl: string, row: Pick<ChannelRow, 'store_id' | 'provider' | 'hook_token'>) {
  const base = `${publicUrl}/hooks/messaging/${row.store_id}/${row.hook_token}/${row.provider}`;
  switch (row.provider) {
    case 'aliyun':
    case 'tencent':
    case 'twilio':
      return { report: `${base}/report`, reply: `${base}/reply` };
    default:
      return { report: null, reply: null };
  }
}

function toView(ctx: AppContext, row: ChannelRow): ChannelView {
  const provider = row.provider as Provider;
  let secrets: Record<string, string> = {};
  try {
    secrets = Object.fromEntries(
      Object.entries(openRow(ctx.config.messaging.secretKey, row)).map(([field, value]) => [
        field,
        maskSecret(value),
      ]),
    );
  } catch {
    // Sealed under another key: shown as set but unreadable, so the owner re-enters it
    secrets = Object.fromEntries(secretFields[provider].map((field) => [field, '(unreadable)']));
  }
  return {
    channel: row.channel as Channel,
    provider,
    enabled: row.enabled === 1,
    settings: JSON.parse(row.settings),
    secrets,
    hooks: hookUrls(ctx.config.messaging.publicUrl, row),
    updatedAt: Number(row.updated_at),
    updatedBy: row.updated_by,
  };
}

export async function listChannels(ctx: AppContext, storeId: StoreId): Promise<ChannelView[]> {
  const rows = await ctx.database.db
    .selectFrom('message_channels')
    .selectAll()
    .where('store_id', '=', storeId)
    .orderBy('channel')
    .execute();
  return rows.map((row) => toView(ctx, row));
}

function splitSecrets(input: ChannelInput): {
  plain: Record<string, unknown>;
  secret: Record<string, string>;
} {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, string> = {};
  const fields = new Set(secretFields[input.provider]);
  for (const [field, value] of Object.entries(input)) {
    if (fields.has(field)) {
      if (typeof value === 'string') secret[field] = value;
    } else plain[field] = value;
  }
  return { plain, secret };
}

/** What each provider cannot work without, checked after the stored secrets are merged in. */
const requiredSecrets: Record<Provider, readonly string[]> = {
  aliyun: ['accessKeySecret'],
  tencent: ['secretKey'],
  twilio: ['authToken'],
  smtp: [],
  wecom: ['webhookKey'],
  dingtalk: ['accessToken'],
  webhook: ['signingSecret'],
  task: [],
  local: [],
};

/**
 * Sets up or changes a channel. Secret fields left out keep their stored values; the whole is
 * checked again once merged. `check` vets what needs the network (a webhook URL).
 */
export async function saveChannel(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  channel: Channel,
  input: unknown,
  enabled: boolean,
  check?: (settings: ChannelInput) => Promise<void>,
): Promise<ChannelView> {
  const parsed = channelInputSchema.safeParse(input);
  if (!parsed.success)
    throw new LaokeError(
      'request.invalid',
      parsed.error.issues.map((issue) => `settings.${issue.path.join('.')}: ${issue.message}`).join('; '),
    );
  const settings = parsed.data;
  if (settings.provider !== 'local' && channelOfProvider[settings.provider] !== channel)
    throw new LaokeError(
      'request.invalid',
      `settings.provider: ${settings.provider} is a ${channelOfProvider[settings.provider]} provider, not ${channel}.`,
    );
  const now = ctx.clock.now();
  const db = ctx.database.db;
  const existing = await db
    .selectFrom('message_channels')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('channel', '=', channel)
    .executeTakeFirst();
  const { plain, secret } = splitSecrets(settings);
  const kept =
    existing && existing.provider === settings.provider
      ? openRow(ctx.config.messaging.secretKey, existing)
      : {};
  const secrets = { ...kept, ...secret };
  const missing = requiredSecrets[settings.provider].filter((field) => !secrets[field]);
  if (missing.length > 0)
    throw new LaokeError('request.invalid', `settings.${missing[0]}: required for ${settings.provider}.`);
  await check?.({ ...settings, ...secrets } as ChannelInput);
  const sealed =
    Object.keys(secrets).length === 0
      ? null
      : sealSecret(requireKey(ctx), JSON.stringify(secrets), sealContext(storeId, channel));
  const row = await db.transaction().execute(async (trx) => {
    const values = {
      provider: settings.provider,
      settings: JSON.stringify(plain),
      secrets: sealed,
      enabled: enabled ? (1 as const) : (0 as const),
      updated_at: now,
      updated_by: actor.label,
    };
    const saved = await trx
      .insertInto('message_channels')
      .values({
        store_id: storeId,
        channel,
        hook_token: randomBytes(18).toString('base64url'),
        ...values,
      })
      .onConflict((conflict) => conflict.columns(['store_id', 'channel']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      {
        action: existing ? 'messaging.channel_changed' : 'messaging.channel_added',
        subjectType: 'channel',
        subjectId: channel,
        // Which secrets changed, never their values
        details: {
          provider: settings.provider,
          enabled,
          settings: plain,
          secretsChanged: Object.keys(secret),
        },
      },
      now,
    );
    return saved;
  });
  return toView(ctx, row);
}

export async function deleteChannel(
  ctx: AppContext,
  storeId: StoreId,
  actor: Actor,
  channel: Channel,
): Promise<void> {
  await ctx.database.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('message_channels')
      .where('store_id', '=', storeId)
      .where('channel', '=', channel)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0)
      throw new LaokeError('messaging.channel_not_found', `The ${channel} channel is not set up.`);
    await insertAuditEntry(
      trx,
      storeId,
      actor,
      { action: 'messaging.channel_removed', subjectType: 'channel', subjectId: channel },
      ctx.clock.now(),
    );
  });
}

/** A channel's settings with the secrets opened (for adapters and hook checks); null if not set up. */
export async function loadChannel(
  db: Db,
  secretKey: Buffer | null,
  storeId: StoreId,
  channel: Channel,
): Promise<LoadedChannel | null> {
  const row = await db
    .selectFrom('message_channels')
    .selectAll()
    .where('store_id', '=', storeId)
    .where('channel', '=', channel)
    .executeTakeFirst();
  if (!row) return null;
  // The provider column is the truth (rows written without it in their JSON still load)
  const settings = {
    ...JSON.parse(row.settings),
    ...openRow(secretKey, row),
    provider: row.provider,
  } as ChannelInput;
  return {
    storeId,
    channel,
    enabled: row.enabled === 1,
    settings,
    hookToken: row.hook_token,
    updatedAt: Number(row.updated_at),
  };
}

/** When the channel last changed, for caches of adapters built from it. */
export async function channelVersions(db: Db, storeId: StoreId): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('message_channels')
    .select(['channel', 'updated_at'])
    .where('store_id', '=', storeId)
    .execute();
  return new Map(rows.map((row) => [row.channel, Number(row.updated_at)]));
}

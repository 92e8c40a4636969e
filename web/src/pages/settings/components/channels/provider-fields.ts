import type { Channel, ChannelInput, ChannelView, Provider } from '../../../messaging/types.js';

// Each provider's form, as data: which fields, of what kind, required or not, with what default.
// Mirrors channelInputSchema in src/messaging/schemas.ts; a provider the server adds is a compile
// error in `providerFields` until it has its fields here.

// Each name is also a key under messaging.settings.fields in the locales (the form's t() calls
// check that); hints are among them.
export type FieldName =
  | 'signName'
  | 'signNameHint'
  | 'accessKeyId'
  | 'accessKeySecret'
  | 'optOutLine'
  | 'optOutLineHint'
  | 'ratePerSecond'
  | 'appId'
  | 'secretId'
  | 'secretKey'
  | 'region'
  | 'accountSid'
  | 'from'
  | 'fromSmsHint'
  | 'fromEmailHint'
  | 'authToken'
  | 'host'
  | 'port'
  | 'secure'
  | 'secureHint'
  | 'user'
  | 'password'
  | 'webhookKey'
  | 'webhookKeyHint'
  | 'accessToken'
  | 'signingSecret'
  | 'url'
  | 'allowPrivate'
  | 'defaultAssigneeId'
  | 'defaultAssigneeHint';

export interface FieldSpec {
  readonly name: FieldName;
  readonly kind: 'text' | 'secret' | 'number' | 'switch' | 'assignee';
  readonly required?: boolean;
  readonly hint?: FieldName;
  readonly initial?: string | number | boolean | null;
}

const rate: FieldSpec = { name: 'ratePerSecond', kind: 'number' };
const signName: FieldSpec = { name: 'signName', kind: 'text', required: true, hint: 'signNameHint' };
const optOut = (initial: string): FieldSpec => ({
  name: 'optOutLine',
  kind: 'text',
  hint: 'optOutLineHint',
  initial,
});

export const providerFields: Record<Provider, readonly FieldSpec[]> = {
  aliyun: [
    signName,
    { name: 'accessKeyId', kind: 'text', required: true },
    { name: 'accessKeySecret', kind: 'secret', required: true },
    optOut('拒收请回复R'),
    rate,
  ],
  tencent: [
    signName,
    { name: 'appId', kind: 'text', required: true },
    { name: 'secretId', kind: 'text', required: true },
    { name: 'secretKey', kind: 'secret', required: true },
    { name: 'region', kind: 'text', initial: 'ap-guangzhou' },
    optOut('回T退订'),
    rate,
  ],
  twilio: [
    { name: 'accountSid', kind: 'text', required: true },
    { name: 'from', kind: 'text', required: true, hint: 'fromSmsHint' },
    { name: 'authToken', kind: 'secret', required: true },
    optOut('Reply STOP to opt out'),
    rate,
  ],
  smtp: [
    { name: 'host', kind: 'text', required: true },
    { name: 'port', kind: 'number', required: true, initial: 465 },
    { name: 'secure', kind: 'switch', hint: 'secureHint', initial: true },
    { name: 'user', kind: 'text' },
    { name: 'password', kind: 'secret' },
    { name: 'from', kind: 'text', required: true, hint: 'fromEmailHint' },
  ],
  wecom: [{ name: 'webhookKey', kind: 'secret', required: true, hint: 'webhookKeyHint' }],
  dingtalk: [
    { name: 'accessToken', kind: 'secret', required: true },
    { name: 'signingSecret', kind: 'secret' },
  ],
  webhook: [
    { name: 'url', kind: 'text', required: true },
    { name: 'allowPrivate', kind: 'switch', initial: false },
    { name: 'signingSecret', kind: 'secret' },
  ],
  task: [{ name: 'defaultAssigneeId', kind: 'assignee', hint: 'defaultAssigneeHint', initial: null }],
  // The sandbox records instead of sending; on SMS a signature and opt-out line make previews true.
  local: [
    { name: 'signName', kind: 'text', hint: 'signNameHint' },
    { name: 'optOutLine', kind: 'text', hint: 'optOutLineHint' },
  ],
};

/** The fields the form shows for a provider on a channel: the sandbox's SMS fields only on SMS. */
export function fieldsFor(provider: Provider, channel: Channel): readonly FieldSpec[] {
  return provider === 'local' && channel !== 'sms' ? [] : providerFields[provider];
}

// The local sink stands in for any channel (the server allows it): a demo or a trial sends
// nothing out, yet every message goes through the log with a status.
export const providersOf: Record<Channel, readonly Provider[]> = {
  sms: ['aliyun', 'tencent', 'twilio', 'local'],
  email: ['smtp', 'local'],
  wecom: ['wecom', 'local'],
  dingtalk: ['dingtalk', 'local'],
  webhook: ['webhook', 'local'],
  task: ['task', 'local'],
  local: ['local'],
};

export function isProvider(value: string): value is Provider {
  return value in providerFields;
}

export type FieldValue = string | number | boolean | null | undefined;
export type ChannelFormValues = { provider: Provider; enabled: boolean } & Partial<
  Record<FieldName, FieldValue>
>;

/** The provider configured for the channel, else the channel's first. */
export function providerOf(channel: Channel, view: ChannelView | undefined): Provider {
  if (view && isProvider(view.provider)) return view.provider;
  return providersOf[channel][0] ?? 'local';
}

/** A provider's form values: the stored settings (never the secrets) where they are its own, else defaults. */
export function initialValues(
  channel: Channel,
  provider: Provider,
  view: ChannelView | undefined,
): ChannelFormValues {
  const values: ChannelFormValues = { provider, enabled: view?.enabled ?? true };
  const own = view?.provider === provider ? view.settings : {};
  for (const spec of fieldsFor(provider, channel)) {
    if (spec.kind === 'secret') continue;
    const saved = own[spec.name];
    values[spec.name] =
      typeof saved === 'string' || typeof saved === 'number' || typeof saved === 'boolean' || saved === null
        ? saved
        : spec.initial;
  }
  return values;
}

/**
 * The settings to send: the chosen provider's fields; an empty secret is left out, so the stored
 * one stays, and an empty optional field too, so the server's default applies.
 */
export function toChannelInput(channel: Channel, values: ChannelFormValues): ChannelInput {
  const settings: Record<string, FieldValue> = { provider: values.provider };
  for (const spec of fieldsFor(values.provider, channel)) {
    const value = values[spec.name];
    const text = typeof value === 'string' ? value.trim() : value;
    if (spec.kind === 'assignee') settings[spec.name] = text ?? null;
    else if (text !== undefined && text !== null && text !== '') settings[spec.name] = text;
  }
  // The fields were checked against the same table the server's schema has; it checks again.
  return settings as unknown as ChannelInput;
}

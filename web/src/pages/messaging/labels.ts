import { templateVariables } from '../../../../src/messaging/templates';
import type { Language } from '../../i18n';
import type { Channel, MessageStatus, Suppression, Task } from './types';

// The dashboard's copies of the server's lists, in the order the pages offer them; each Record
// makes a value the server adds a compile error here until the dashboard names it.

export const channelList: readonly Channel[] = [
  'sms',
  'email',
  'wecom',
  'dingtalk',
  'webhook',
  'task',
  'local',
];

export const statusColours: Record<MessageStatus, string> = {
  queued: 'default',
  sending: 'processing',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
  suppressed: 'orange',
  deferred: 'gold',
  paused: 'purple',
  cancelled: 'default',
};
export const statusList = Object.keys(statusColours) as MessageStatus[];

export const reasonColours: Record<Suppression['reason'], string> = {
  reply: 'blue',
  unsubscribe: 'purple',
  bounce: 'red',
  manual: 'default',
};

export const taskStatusColours: Record<Task['status'], string> = {
  open: 'processing',
  done: 'green',
  skipped: 'default',
};

export const taskOutcomes = [
  'reached',
  'no_answer',
  'interested',
  'not_interested',
  'complaint',
  'other',
] as const satisfies readonly NonNullable<Task['outcome']>[];

export type VariableKey = keyof typeof templateVariables;
export const variableKeys = Object.keys(templateVariables) as VariableKey[];

/** A variable as written in a template in the reader's language: {姓名} in zh, {name} in en. */
export function variableToken(key: VariableKey, language: Language): string {
  const [zh, en] = templateVariables[key];
  return `{${language === 'zh-CN' ? zh : en}}`;
}

/** `isChannel('sms')`: narrows a search parameter to a channel. */
export function isChannel(value: string | null): value is Channel {
  return value !== null && (channelList as readonly string[]).includes(value);
}

export function isStatus(value: string | null): value is MessageStatus {
  return value !== null && (statusList as readonly string[]).includes(value);
}

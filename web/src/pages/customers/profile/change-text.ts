import type { TFunction } from 'i18next';
import {
  type ConsentChannel,
  consentChannels,
  type EditableField,
  editableFields,
  type TimelineEvent,
} from '../types';

// What a profile change in the timeline says: each changed field, before → after. The audit entry's
// details are free-form JSON, so this reads them defensively; a field it cannot pair with values
// (an erased customer's entries lose their details) is still named.

export interface FieldChange {
  /** The field's name as shown: 姓名, or 偏好 · 颜色 for one preference. */
  readonly label: string;
  readonly before: string;
  readonly after: string;
  /** False when the details carried no values for the field. */
  readonly known: boolean;
}

type Change = NonNullable<TimelineEvent['change']>;
type Values = Readonly<Record<string, unknown>>;

const isRecord = (value: unknown): value is Values =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isEditableField = (field: string): field is EditableField =>
  (editableFields as readonly string[]).includes(field);

const isConsentChannel = (name: string): name is ConsentChannel =>
  (consentChannels as readonly string[]).includes(name);

export function fieldLabel(field: string, t: TFunction): string {
  if (isEditableField(field)) return t(`customers.fields.${field}`);
  const [group, part] = field.split(/\.(.+)/);
  if (group === 'preferences' && part) return `${t('customers.fields.preferences')} · ${part}`;
  if (group === 'consent' && part && isConsentChannel(part))
    return `${t('customers.fields.consent')} · ${t(`customers.consent.channels.${part}`)}`;
  return field;
}

// Values that are codes read as words: genders, and consent (null is "unknown", not empty).
function fieldValueText(field: string, value: unknown, t: TFunction): string {
  if (field === 'gender' && (value === 'female' || value === 'male')) return t(`customers.genders.${value}`);
  if (field.startsWith('consent.') && value === null) return t('customers.consent.unknown');
  return valueText(value, t);
}

/** A value from the details as a short text: `藏青`, `1990-05-12`, `短信：允许`. */
export function valueText(value: unknown, t: TFunction): string {
  if (value === null || value === undefined || value === '') return t('customers.timeline.emptyValue');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean')
    return value ? t('customers.consent.allowed') : t('customers.consent.refused');
  if (Array.isArray(value))
    return value.length === 0 ? t('customers.timeline.emptyValue') : value.map(String).join(', ');
  if (isRecord(value)) {
    if (typeof value.month === 'number' && typeof value.day === 'number') return birthdayText(value);
    const entries = Object.entries(value);
    if (entries.length === 0) return t('customers.timeline.emptyValue');
    return entries.map(([key, inner]) => `${key}: ${valueText(inner, t)}`).join('; ');
  }
  return JSON.stringify(value);
}

function birthdayText(value: Values): string {
  const pad = (n: unknown) => String(n).padStart(2, '0');
  const day = `${pad(value.month)}-${pad(value.day)}`;
  return typeof value.year === 'number' ? `${value.year}-${day}` : day;
}

// The before and after of one field: the server's audit entry for an edit holds
// { fields, changes: { field: { from, to } } } (src/customers/service.ts).
function pairOf(details: Values, field: string): { before: unknown; after: unknown } | undefined {
  const change = isRecord(details.changes) ? details.changes[field] : undefined;
  if (!isRecord(change) || !('from' in change || 'to' in change)) return undefined;
  return { before: change.from, after: change.to };
}

/** Each changed field of a profile change; preferences one key at a time. */
export function fieldChanges(change: Change, t: TFunction): FieldChange[] {
  const details = isRecord(change.details) ? change.details : {};
  return change.fields.flatMap((field): FieldChange[] => {
    const pair = pairOf(details, field);
    if (!pair) return [{ label: fieldLabel(field, t), before: '', after: '', known: false }];
    if (field === 'preferences' && (isRecord(pair.before) || isRecord(pair.after))) {
      const before = isRecord(pair.before) ? pair.before : {};
      const after = isRecord(pair.after) ? pair.after : {};
      const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
      return keys
        .filter((key) => before[key] !== after[key])
        .map((key) => ({
          label: `${t('customers.fields.preferences')} · ${key}`,
          before: valueText(before[key], t),
          after: valueText(after[key], t),
          known: true,
        }));
    }
    return [
      {
        label: fieldLabel(field, t),
        before: fieldValueText(field, pair.before, t),
        after: fieldValueText(field, pair.after, t),
        known: true,
      },
    ];
  });
}

/** Tags added and removed by a tag change: the difference of before and after. */
export function tagChanges(change: Change): { added: string[]; removed: string[] } {
  const details = isRecord(change.details) ? change.details : {};
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  const pair = pairOf(details, 'tags');
  if (pair) {
    const before = list(pair.before);
    const after = list(pair.after);
    return {
      added: after.filter((tag) => !before.includes(tag)),
      removed: before.filter((tag) => !after.includes(tag)),
    };
  }
  return { added: [], removed: [] };
}

/** For a merge: the other record's id, and whether it was merged into this customer. */
export function mergeOf(change: Change, customerId: number): { otherId: number; into: boolean } | undefined {
  const details = isRecord(change.details) ? change.details : {};
  const { keepId, duplicateId } = details;
  if (typeof keepId !== 'number' || typeof duplicateId !== 'number') return undefined;
  return keepId === customerId ? { otherId: duplicateId, into: true } : { otherId: keepId, into: false };
}

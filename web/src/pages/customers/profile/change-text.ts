import type { TFunction } from 'i18next';
import { type EditableField, editableFields, type TimelineEvent } from '../types';

// What a profile change in the timeline says: each changed field, before → after. The audit entry's
// details are free-form JSON, so this reads them defensively; a field it cannot pair with values is
// still named.

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

export function fieldLabel(field: string, t: TFunction): string {
  if (isEditableField(field)) return t(`customers.fields.${field}`);
  const preference = /^preferences\.(.+)$/.exec(field);
  if (preference?.[1]) return `${t('customers.fields.preferences')} · ${preference[1]}`;
  return field;
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

// The before and after of one field, in whichever shape the details hold them:
// { before: { field }, after: { field } } or { field: { before, after } }.
function pairOf(details: Values, field: string): { before: unknown; after: unknown } | undefined {
  if (isRecord(details.before) || isRecord(details.after)) {
    const before = isRecord(details.before) ? details.before : {};
    const after = isRecord(details.after) ? details.after : {};
    if (field in before || field in after) return { before: before[field], after: after[field] };
  }
  const own = details[field];
  if (isRecord(own) && ('before' in own || 'after' in own)) return { before: own.before, after: own.after };
  const nested = isRecord(details.changes) ? details.changes[field] : undefined;
  if (isRecord(nested) && ('before' in nested || 'after' in nested))
    return { before: nested.before, after: nested.after };
  return undefined;
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
        before: valueText(pair.before, t),
        after: valueText(pair.after, t),
        known: true,
      },
    ];
  });
}

/** Tags added and removed by a tag change, when the details list them. */
export function tagChanges(change: Change): { added: string[]; removed: string[] } {
  const details = isRecord(change.details) ? change.details : {};
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
  return { added: list(details.added ?? details.add), removed: list(details.removed ?? details.remove) };
}

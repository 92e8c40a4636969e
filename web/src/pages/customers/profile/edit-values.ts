import {
  type ConsentChannel,
  type CustomerPatch,
  type CustomerProfile,
  consentChannels,
  type Gender,
  type Revealed,
} from '../types.js';

// The edit form's values and the PATCH they make. Only what changed is sent, so the timeline and
// the audit log record exactly what the person changed.

export type ConsentChoice = 'allowed' | 'refused' | 'unknown';

export interface PreferenceRow {
  readonly key?: string;
  readonly value?: string;
}

export interface EditValues {
  readonly name?: string;
  readonly gender?: Gender | 'unknown';
  readonly birthYear?: number | null;
  readonly birthMonth?: number | null;
  readonly birthDay?: number | null;
  readonly phone?: string;
  readonly email?: string;
  readonly address?: string;
  readonly province?: string;
  readonly city?: string;
  readonly district?: string;
  readonly occupation?: string;
  readonly creditLevel?: string;
  readonly preferences?: readonly PreferenceRow[];
  readonly notes?: string;
  readonly consent: Readonly<Record<ConsentChannel, ConsentChoice>>;
  readonly tags?: readonly string[];
}

const textFields = [
  'name',
  'phone',
  'email',
  'address',
  'province',
  'city',
  'district',
  'occupation',
  'creditLevel',
  'notes',
] as const;
type TextField = (typeof textFields)[number];

const choiceOf = (value: boolean | null): ConsentChoice =>
  value === true ? 'allowed' : value === false ? 'refused' : 'unknown';
const consentValue = (choice: ConsentChoice): boolean | null =>
  choice === 'allowed' ? true : choice === 'refused' ? false : null;

/** The form's starting values; the full phone and address when they have been revealed. */
export function toEditValues(profile: CustomerProfile, revealed: Revealed | undefined): EditValues {
  const text = (field: TextField) => {
    if (revealed && (field === 'phone' || field === 'address')) return revealed[field] ?? '';
    return profile[field] ?? '';
  };
  return {
    ...Object.fromEntries(textFields.map((field) => [field, text(field)])),
    gender: profile.gender ?? 'unknown',
    birthYear: profile.birthday?.year ?? null,
    birthMonth: profile.birthday?.month ?? null,
    birthDay: profile.birthday?.day ?? null,
    preferences: Object.entries(profile.preferences).map(([key, value]) => ({ key, value })),
    consent: Object.fromEntries(
      consentChannels.map((channel) => [channel, choiceOf(profile.consent[channel])]),
    ) as Record<ConsentChannel, ConsentChoice>,
    tags: [...profile.tags],
  };
}

function birthdayOf(values: EditValues): CustomerProfile['birthday'] {
  if (!values.birthMonth || !values.birthDay) return null;
  return { year: values.birthYear ?? null, month: values.birthMonth, day: values.birthDay };
}

/** Preference rows as the record the API keeps; blank keys are left out, values trimmed. */
export function preferencesOf(rows: readonly PreferenceRow[] | undefined): Record<string, string> {
  const entries = (rows ?? []).flatMap((row) => {
    const key = row.key?.trim() ?? '';
    return key === '' ? [] : [[key, row.value?.trim() ?? ''] as const];
  });
  // An empty value removes the key (the API's rule); leaving it out says the same.
  return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}

const sameRecord = (a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([key, value]) => b[key] === value);

/**
 * What changed between the profile and the form, as a PATCH body. A masked phone and address
 * (not revealed) are left out: the form showed them locked.
 */
export function toPatch(
  profile: CustomerProfile,
  revealed: Revealed | undefined,
  values: EditValues,
): CustomerPatch {
  const start = toEditValues(profile, revealed);
  const lockedPersonal = profile.personalDataMasked && !revealed;
  const patch: Record<string, unknown> = {};
  for (const field of textFields) {
    if (lockedPersonal && (field === 'phone' || field === 'address')) continue;
    const after = values[field]?.trim() ?? '';
    if (after !== (start[field] ?? '')) patch[field] = after === '' ? null : after;
  }
  const gender = values.gender === 'unknown' || values.gender === undefined ? null : values.gender;
  if (gender !== profile.gender) patch.gender = gender;
  const birthday = birthdayOf(values);
  if (JSON.stringify(birthday) !== JSON.stringify(profile.birthday)) patch.birthday = birthday;
  const preferences = preferencesOf(values.preferences);
  if (!sameRecord(preferences, profile.preferences)) patch.preferences = preferences;
  const consent = Object.fromEntries(
    consentChannels.flatMap((channel) => {
      const after = consentValue(values.consent[channel]);
      return after === profile.consent[channel] ? [] : [[channel, after]];
    }),
  );
  if (Object.keys(consent).length > 0) patch.consent = consent;
  const tags = [...new Set((values.tags ?? []).map((tag) => tag.trim()).filter((tag) => tag !== ''))];
  if (tags.join('\n') !== profile.tags.join('\n')) patch.tags = tags;
  return patch as CustomerPatch;
}

/** Whether month and day make a date (29 February only when the year allows it or is unknown). */
export function validBirthday(year: number | null | undefined, month: number, day: number): boolean {
  const leapYear = year ? new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1 : true;
  const days = [31, leapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day >= 1 && day <= days;
}

import type { z } from 'zod';
import type {
  AfterSalesCase,
  CaseKind,
  CaseList,
  openCaseSchema,
} from '../../../../src/after-sales/schemas.js';
import type {
  AttributeMatchKey,
  ConsentChannel,
  Contact,
  CustomerList,
  CustomerPatch,
  CustomerProfile,
  CustomerSort,
  CustomerSummary,
  contactChannels,
  contactInputSchema,
  contactOutcomes,
  duplicateReasons,
  duplicatesSchema,
  followUpListSchema,
  genders,
  preferenceSuggestionsSchema,
  revealSchema,
  TimelineEvent,
  tagCountsSchema,
  timelineKinds,
  timelineSchema,
} from '../../../../src/customers/schemas.js';

// The customer archive's API shapes, typed from the server's own schemas (src/customers/schemas.ts).
// Only types come from there: the lists below are the dashboard's copies, and each Record makes a
// value the server adds a compile error here until the dashboard names it. Imports carry `.js`:
// the unit tests (test/web) type-check this file, list/filters.ts and profile/edit-values.ts
// under Node's resolution too.

export type {
  AttributeMatchKey,
  ConsentChannel,
  Contact,
  CustomerList,
  CustomerPatch,
  CustomerProfile,
  CustomerSort,
  CustomerSummary,
  TimelineEvent,
};
export type ContactChannel = (typeof contactChannels)[number];
export type ContactOutcome = (typeof contactOutcomes)[number];
export type ContactInput = z.input<typeof contactInputSchema>;
export type Gender = (typeof genders)[number];
export type DuplicateReason = (typeof duplicateReasons)[number];
export type TimelineKind = (typeof timelineKinds)[number];
export type FollowUpList = z.output<typeof followUpListSchema>;
export type FollowUp = FollowUpList['followUps'][number];
export type Timeline = z.output<typeof timelineSchema>;
export type Duplicates = z.output<typeof duplicatesSchema>;
export type DuplicateGroup = Duplicates['groups'][number];
export type Revealed = z.output<typeof revealSchema>;
export type TagCounts = z.output<typeof tagCountsSchema>;
export type PreferenceSuggestions = z.output<typeof preferenceSuggestionsSchema>;
export type Consent = CustomerProfile['consent'];
export type Birthday = NonNullable<CustomerProfile['birthday']>;

/** A list query as the API reads it: filters, sort, order, page (undefined values are left out). */
export type ListParams = Readonly<Record<string, string | number | undefined>>;

/** POST /customers/tags: add and remove tags for a selection (ids) or a whole filter result. */
export interface BulkTagRequest {
  readonly add: readonly string[];
  readonly remove: readonly string[];
  readonly ids?: readonly number[];
  readonly filter?: Readonly<Record<string, string | number>>;
}

export interface UploadAnswer {
  readonly jobId: number;
  readonly files: readonly string[];
}

const keysOf = <T extends string>(set: Record<T, true>) => Object.keys(set) as T[];

export const consentChannels = keysOf<ConsentChannel>({ sms: true, email: true, wechat: true, call: true });
export const contactChannelList = keysOf<ContactChannel>({
  phone: true,
  wechat: true,
  wangwang: true,
  sms: true,
  email: true,
  visit: true,
  other: true,
});
export const contactOutcomeList = keysOf<ContactOutcome>({
  reached: true,
  no_answer: true,
  interested: true,
  not_interested: true,
  complaint: true,
  other: true,
});
export const genderList = keysOf<Gender>({ female: true, male: true });
export const matchKeys = keysOf<AttributeMatchKey>({ nick: true, email: true, key: true });
export const sortKeys = keysOf<CustomerSort>({
  lastOrderAt: true,
  firstOrderAt: true,
  totalSpent: true,
  orderCount: true,
  createdAt: true,
  id: true,
});
export const duplicateReasonList = keysOf<DuplicateReason>({ phone: true, email: true, name_address: true });

// Profile fields a person edits, in the order the form and the timeline show them.
export const editableFields = [
  'name',
  'gender',
  'birthday',
  'phone',
  'email',
  'address',
  'province',
  'city',
  'district',
  'occupation',
  'creditLevel',
  'preferences',
  'notes',
  'consent',
  'tags',
] as const satisfies readonly (keyof CustomerPatch)[];
export type EditableField = (typeof editableFields)[number];

export type { AfterSalesCase, CaseKind, CaseList };
export type OpenCaseInput = z.input<typeof openCaseSchema>;
export const caseKindList = keysOf<CaseKind>({ refund: true, return: true, exchange: true, complaint: true });

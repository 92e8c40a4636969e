import { z } from 'zod';
import { lifecycleStates } from '../analytics/schemas.js';
import { customerPredictionSchema } from '../predict/schemas.js';
import { idParam, storeParams } from '../server/schemas.js';

// The customer archive's API (客户档案): what the routes accept and answer. The dashboard imports
// the types at the bottom.

const money = z.number().int().describe('minor units (fen/cents) of the store currency');
const instant = z.number().int().describe('UTC epoch milliseconds');
const localDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-MM-dd')
  .describe('yyyy-MM-dd in the store time zone');

export const consentChannels = ['sms', 'email', 'wechat', 'call'] as const;
export type ConsentChannel = (typeof consentChannels)[number];
const consentValue = z.boolean().nullable().describe('true allowed · false refused · null unknown');
const consentSchema = z.object({
  sms: consentValue,
  email: consentValue,
  wechat: consentValue,
  call: consentValue,
});

export const customerSorts = [
  'lastOrderAt',
  'firstOrderAt',
  'totalSpent',
  'orderCount',
  'createdAt',
  'id',
] as const;
export type CustomerSort = (typeof customerSorts)[number];

const tagText = z.string().trim().min(1).max(40);
const tagList = z
  .string()
  .max(1_000)
  .transform((text) =>
    text
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
  )
  .pipe(z.array(tagText).max(20));

/** Who is in a list: the filters of GET /customers, also the target of bulk tagging and export. */
export const customerFilterSchema = z.object({
  q: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe(
      'four digits: last four phone digits · contains @: email · otherwise the start of a buyer nick or name, or a whole tag',
    ),
  province: z.string().trim().min(1).max(40).optional(),
  city: z.string().trim().min(1).max(40).optional(),
  tags: tagList.optional().describe('comma separated; a customer must have every one'),
  firstOrderFrom: localDate.optional(),
  firstOrderTo: localDate.optional().describe('inclusive'),
  lastOrderFrom: localDate.optional(),
  lastOrderTo: localDate.optional().describe('inclusive'),
  spentMin: z.coerce.number().int().min(0).optional().describe('fen, inclusive'),
  spentMax: z.coerce.number().int().min(0).optional().describe('fen, inclusive'),
  ordersMin: z.coerce.number().int().min(0).optional(),
  ordersMax: z.coerce.number().int().min(0).optional(),
  consent: z.enum(consentChannels).optional().describe('only customers who allow this channel'),
  pAliveMin: z.coerce.number().min(0).max(1).optional().describe('predicted P(alive), inclusive'),
  pAliveMax: z.coerce.number().min(0).max(1).optional().describe('predicted P(alive), exclusive'),
  clvTopPercent: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('only customers whose predicted CLV is in the store’s top N%'),
  potentialTopPercent: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('only customers whose value if still active (CLV / P(alive)) is in the store’s top N%'),
});
export type CustomerFilter = z.infer<typeof customerFilterSchema>;

export const customerListQuery = customerFilterSchema.extend({
  sort: z.enum(customerSorts).default('lastOrderAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type CustomerListQuery = z.infer<typeof customerListQuery>;

export const customerSummarySchema = z.object({
  id: z.number().int(),
  nick: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable().describe('masked (138****1234) unless the role may see it'),
  email: z.string().nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  tags: z.array(z.string()),
  orderCount: z.number().int(),
  totalSpent: money,
  firstOrderAt: instant.nullable(),
  lastOrderAt: instant.nullable(),
  consent: consentSchema,
  erased: z.boolean(),
});
export type CustomerSummary = z.infer<typeof customerSummarySchema>;

export const customerListSchema = z.object({
  customers: z.array(customerSummarySchema),
  total: z.number().int().describe('matching customers, counted up to totalLimit'),
  totalCapped: z.boolean().describe('more than totalLimit match; total is totalLimit'),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type CustomerList = z.infer<typeof customerListSchema>;

export const genders = ['female', 'male'] as const;

export const customerProfileSchema = customerSummarySchema.extend({
  customerKey: z.string(),
  gender: z.enum(genders).nullable(),
  birthday: z
    .object({ year: z.number().int().nullable(), month: z.number().int(), day: z.number().int() })
    .nullable(),
  age: z.number().int().nullable().describe('whole years today, when the birth year is known'),
  address: z.string().nullable().describe('masked unless the role may see it'),
  district: z.string().nullable(),
  occupation: z.string().nullable(),
  creditLevel: z.string().nullable(),
  preferences: z.record(z.string(), z.string()),
  notes: z.string().nullable(),
  itemCount: z.number().int(),
  source: z.string(),
  createdAt: instant,
  updatedAt: instant,
  mergedIntoId: z.number().int().nullable(),
  personalDataMasked: z.boolean().describe('phone and address are masked for this user'),
  canReveal: z.boolean().describe('this user may ask for the full phone and address (audited)'),
  scores: z
    .object({
      recencyDays: z.number().int(),
      r: z.number().int(),
      f: z.number().int(),
      m: z.number().int(),
      segmentCn: z.string(),
      segmentEn: z.string(),
      lifecycle: z.enum(lifecycleStates).nullable(),
      core: z.boolean().describe('among the top 20% of buyers by spend'),
      computedAt: instant.describe('when these scores last changed'),
    })
    .nullable()
    .describe(
      'RFM scores, segments and lifecycle from the latest analysis refresh; null for non-buyers or before one',
    ),
  prediction: customerPredictionSchema
    .nullable()
    .describe(
      'BG/NBD and Gamma-Gamma predictions from the latest refresh; null for non-buyers or before one',
    ),
});
export type CustomerProfile = z.infer<typeof customerProfileSchema>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const customerPatchSchema = z
  .object({
    name: optionalText(60),
    gender: z.enum(genders).nullable().optional(),
    birthday: z
      .object({
        year: z.number().int().min(1900).max(2100).nullable(),
        month: z.number().int().min(1).max(12),
        day: z.number().int().min(1).max(31),
      })
      .nullable()
      .optional(),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d*\- ]{5,20}$/, 'expected a phone number, e.g. 13812341234')
      .nullable()
      .optional(),
    email: z.string().trim().email().max(200).nullable().optional(),
    address: optionalText(300),
    province: optionalText(40),
    city: optionalText(40),
    district: optionalText(40),
    occupation: optionalText(60),
    creditLevel: optionalText(40),
    preferences: z
      .record(z.string().trim().min(1).max(30), z.string().trim().max(200))
      .refine((value) => Object.keys(value).length <= 50, 'at most 50 preferences')
      .optional()
      .describe('replaces the whole set; an empty value removes the key'),
    notes: optionalText(5_000),
    consent: consentSchema.partial().optional(),
    tags: z.array(tagText).max(50).optional().describe('replaces the whole set'),
  })
  .strict();
export type CustomerPatch = z.infer<typeof customerPatchSchema>;

export const customerParams = storeParams.extend({ customerId: idParam });

export const contactChannels = ['phone', 'wechat', 'wangwang', 'sms', 'email', 'visit', 'other'] as const;
export const contactOutcomes = [
  'reached',
  'no_answer',
  'interested',
  'not_interested',
  'complaint',
  'other',
] as const;

export const contactInputSchema = z
  .object({
    channel: z.enum(contactChannels),
    outcome: z.enum(contactOutcomes),
    note: z.string().trim().max(2_000).default(''),
    contactedAt: instant.optional().describe('defaults to now'),
    followUpOn: localDate.nullable().optional().describe('the day to follow up, store time zone'),
  })
  .strict();

export const contactSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  channel: z.enum(contactChannels),
  outcome: z.enum(contactOutcomes),
  note: z.string(),
  contactedAt: instant,
  followUpOn: localDate.nullable(),
  followUpDoneAt: instant.nullable(),
  staff: z.object({ userId: z.number().int().nullable(), name: z.string() }),
});
export type Contact = z.infer<typeof contactSchema>;

export const followUpListSchema = z.object({
  date: localDate,
  followUps: z.array(
    contactSchema.extend({
      customer: z.object({ id: z.number().int(), nick: z.string().nullable(), name: z.string().nullable() }),
      overdue: z.boolean(),
    }),
  ),
});

export const timelineKinds = ['order', 'contact', 'change', 'tags', 'merge', 'erase'] as const;

export const timelineEventSchema = z.object({
  kind: z.enum(timelineKinds),
  at: instant,
  /** order */
  order: z
    .object({
      id: z.number().int(),
      externalId: z.string(),
      status: z.string(),
      isPurchase: z.boolean(),
      netAmount: money,
      refundAmount: money,
      itemCount: z.number().int(),
      items: z.array(
        z.object({
          title: z.string(),
          sku: z.string().nullable(),
          quantity: z.number().int(),
          amount: money,
        }),
      ),
    })
    .optional(),
  contact: contactSchema.optional(),
  /** change, tags, merge, erase: the audit entry */
  change: z
    .object({ by: z.string(), fields: z.array(z.string()), details: z.record(z.string(), z.unknown()) })
    .optional(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelineSchema = z.object({
  events: z.array(timelineEventSchema),
  nextBefore: instant.nullable().describe('pass as before= for older events'),
});

export const bulkTagSchema = z
  .object({
    add: z.array(tagText).max(20).default([]),
    remove: z.array(tagText).max(20).default([]),
    ids: z.array(idParam).min(1).max(10_000).optional().describe('a selection'),
    filter: customerFilterSchema.optional().describe('or every customer the filter matches'),
  })
  .strict()
  .refine((value) => (value.ids === undefined) !== (value.filter === undefined), {
    message: 'give either ids or filter',
  })
  .refine((value) => value.add.length + value.remove.length > 0, { message: 'add or remove a tag' });

export const duplicateReasons = ['phone', 'email', 'name_address'] as const;
export const duplicatesSchema = z.object({
  groups: z.array(
    z.object({
      reason: z.enum(duplicateReasons),
      customers: z.array(customerSummarySchema),
    }),
  ),
});

export const mergeSchema = z.object({ duplicateId: idParam }).strict();

export const exportQuery = customerFilterSchema.extend({
  format: z.enum(['csv', 'xlsx']).default('csv'),
  ids: z
    .string()
    .max(100_000)
    .regex(/^\d{1,10}(,\d{1,10})*$/, 'expected customer ids separated by commas')
    .transform((text) => text.split(',').map(Number))
    .refine(
      (ids) => ids.length <= 10_000 && ids.every((id) => id >= 1 && id <= 2_147_483_647),
      'expected at most 10,000 positive customer ids',
    )
    .optional()
    .describe('comma separated selection; otherwise the filter'),
});

export const revealSchema = z.object({
  phone: z.string().nullable(),
  address: z.string().nullable(),
});

export const tagCountsSchema = z.object({
  tags: z.array(z.object({ tag: z.string(), customers: z.number().int() })),
});

export const preferenceSuggestionsSchema = z.object({
  keys: z.array(z.object({ key: z.string(), values: z.array(z.string()) })),
});

export const attributeMatchKeys = ['nick', 'email', 'key'] as const;
export type AttributeMatchKey = (typeof attributeMatchKeys)[number];

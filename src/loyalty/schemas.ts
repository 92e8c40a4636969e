import { z } from 'zod';
import { tierBases, tierPeriods } from './tiers.js';

// The loyalty API's shapes: tier schemes, previews, changes, member days.

const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).describe('fen');
const pricePercent = z
  .number()
  .int()
  .min(1)
  .max(100)
  .describe('the share of the price a member pays: 95 is 九五折, 100 no discount');

export const tierInputSchema = z
  .object({
    /** An existing tier keeps its id (and its members' history); a tier without one is new. */
    id: z.number().int().positive().optional(),
    name: z.string().trim().min(1).max(30),
    minSpent: fen.default(0),
    minOrders: z.number().int().min(0).max(1_000_000).default(0),
    pricePercent: pricePercent.default(100),
    benefits: z.string().trim().max(500).default(''),
  })
  .strict();

export const tierSchemeInputSchema = z
  .object({
    basis: z.enum(tierBases).describe('spend 累计消费 · orders 购买次数 · both 两者都要达到'),
    period: z.enum(tierPeriods).describe('all: the whole history · 12m: the last 12 months'),
    tiers: z.array(tierInputSchema).min(1).max(10).describe('lowest first'),
  })
  .strict();
export type TierSchemeInput = z.infer<typeof tierSchemeInputSchema>;

export const tierSchema = z.object({
  id: z.number().int(),
  rank: z.number().int(),
  name: z.string(),
  minSpent: z.number().int(),
  minOrders: z.number().int(),
  pricePercent: z.number().int(),
  benefits: z.string(),
  members: z.number().int(),
});
export type Tier = z.infer<typeof tierSchema>;

export const tierSchemeSchema = z.object({
  basis: z.enum(tierBases),
  period: z.enum(tierPeriods),
  tiers: z.array(tierSchema),
  /** Buyers (a purchase ever) without a tier now. */
  noTier: z.number().int(),
  appliedAt: z.number().int().nullable(),
  updatedAt: z.number().int(),
  updatedBy: z.string(),
});
export type TierScheme = z.infer<typeof tierSchemeSchema>;

export const applySummarySchema = z.object({
  members: z.number().int().describe('customers with a tier after the refresh'),
  up: z.number().int(),
  down: z.number().int(),
  appliedAt: z.number().int(),
});
export type ApplySummary = z.infer<typeof applySummarySchema>;

export const tierPreviewSchema = z.object({
  tiers: z.array(
    z.object({ id: z.number().int().nullable(), name: z.string(), customers: z.number().int() }),
  ),
  /** Buyers who would have no tier. */
  none: z.number().int(),
  /** Against the tiers now: who would move up, down, or stay. */
  up: z.number().int(),
  down: z.number().int(),
  same: z.number().int(),
});
export type TierPreview = z.infer<typeof tierPreviewSchema>;

const tierRef = z.object({ id: z.number().int(), name: z.string() }).nullable();
export const tierChangeSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  from: tierRef,
  to: tierRef,
  direction: z.enum(['up', 'down']),
  reason: z.string(),
  at: z.number().int(),
});
export type TierChange = z.infer<typeof tierChangeSchema>;

export const tierChangesQuerySchema = z
  .object({
    since: z.coerce.number().int().min(0).optional().describe('instant (ms): changes at or after it'),
    afterId: z.coerce.number().int().min(0).optional().describe('changes with a greater id (for polling)'),
    limit: z.coerce.number().int().min(1).max(1_000).default(200),
    order: z
      .enum(['asc', 'desc'])
      .default('asc')
      .describe('desc: the newest first (for a list of recent changes)'),
  })
  .strict();

export const tierMovementSchema = z.object({
  refreshes: z.array(z.object({ at: z.number().int(), up: z.number().int(), down: z.number().int() })),
});

export const customerTierSchema = z.object({
  tier: z
    .object({
      id: z.number().int(),
      name: z.string(),
      pricePercent: z.number().int(),
      since: z.number().int(),
    })
    .nullable(),
  history: z.array(tierChangeSchema),
});
export type CustomerTier = z.infer<typeof customerTierSchema>;

const dayOfMonth = z.number().int().min(1).max(31);
export const memberDayInputSchema = z
  .object({
    name: z.string().trim().min(1).max(40),
    days: z
      .array(dayOfMonth)
      .min(1)
      .max(31)
      .refine((days) => new Set(days).size === days.length, { message: 'a day is listed twice' })
      .describe('days of the month; 29–31 fall on the last day of a shorter month'),
    tierIds: z.array(z.number().int().positive()).max(10).default([]).describe('[]: every tier'),
    pricePercent: pricePercent.default(100),
    newProducts: z.string().trim().max(500).default('').describe('new products members see first'),
    reminder: z
      .object({
        daysBefore: z.number().int().min(1).max(30),
        templateId: z.number().int().positive(),
      })
      .strict()
      .nullable()
      .default(null),
  })
  .strict();
export type MemberDayInput = z.infer<typeof memberDayInputSchema>;

export const memberDaySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  days: z.array(z.number().int()),
  tierIds: z.array(z.number().int()),
  pricePercent: z.number().int(),
  newProducts: z.string(),
  reminder: z.object({ daysBefore: z.number().int(), templateId: z.number().int() }).nullable(),
  /** The next member day from today (store calendar), yyyy-MM-dd. */
  nextDate: z.string(),
  updatedAt: z.number().int(),
  updatedBy: z.string(),
});
export type MemberDay = z.infer<typeof memberDaySchema>;

export const calendarQuerySchema = z
  .object({
    month: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as yyyy-MM')
      .optional(),
  })
  .strict();

export const memberDayCalendarSchema = z.object({
  month: z.string(),
  entries: z.array(
    z.object({
      date: z.string(),
      kind: z.enum(['memberDay', 'reminder']),
      memberDayId: z.number().int(),
      name: z.string(),
    }),
  ),
});
export type MemberDayCalendar = z.infer<typeof memberDayCalendarSchema>;

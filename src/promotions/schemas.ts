import { z } from 'zod';
import { campaignFieldsSchema } from '../campaigns/schemas.js';
import { channelSchema } from '../messaging/schemas.js';
import { idParam, storeParams } from '../server/schemas.js';
import { eventKeyPattern, phases } from './events.js';

// The promotions API's shapes.

export const taskKinds = [
  'campaign',
  'coupon_batch',
  'gift',
  'flash_sale',
  'group_buy',
  'red_envelope',
  'quiz',
  'vote',
  'topic',
  'buyer_show',
  'other',
] as const;
export const taskStatuses = ['todo', 'doing', 'done'] as const;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a calendar day, yyyy-MM-dd');
const year = z.coerce.number().int().min(2000).max(2100);

export const planParams = storeParams.extend({ planId: idParam });
export const taskParams = planParams.extend({ taskId: idParam });
export const eventParams = storeParams.extend({
  eventKey: z.string().regex(/^[a-z0-9-]{1,20}$/, 'an event key (custom-<id>)'),
});
export const calendarQuery = z.object({ year }).strict();

export const calendarSchema = z.object({
  year: z.number().int(),
  timeZone: z.string(),
  events: z.array(
    z.object({
      key: z.string(),
      zh: z.string(),
      en: z.string(),
      date: z.string(),
      phases: z.array(z.object({ phase: z.enum(phases), from: z.string(), to: z.string() })),
    }),
  ),
  /** The store's member days (会员日) of the year: a day past a short month's end is its last day. */
  memberDays: z.array(
    z.object({
      date: z.string(),
      name: z.string(),
      /** Tier names; [] is every tier. */
      tiers: z.array(z.string()),
      /** The price share members pay: 95 is 九五折, 100 no discount. */
      discount: z.number().int(),
    }),
  ),
});

export const eventInputSchema = z
  .object({
    name: z.string().trim().min(1).max(40),
    monthDay: z.string().regex(/^\d{2}-\d{2}$/, 'the month and day, MM-dd'),
  })
  .strict();

export const eventPatchSchema = eventInputSchema.partial().strict();
export const eventSchema = z.object({ key: z.string(), name: z.string(), monthDay: z.string() });

export const createPlanSchema = z
  .object({
    event: z.string().regex(eventKeyPattern, 'a preset event (1111, 618 …) or custom-<id>'),
    year,
    /** Copy last year's plan of the same event (phases, goals, tasks), dates a year later. */
    copyLastYear: z.boolean().default(false),
  })
  .strict();

export const phaseInputSchema = z
  .object({
    phase: z.enum(phases),
    from: date,
    to: date,
    goal: z.string().max(500).default(''),
    /** The saved audiences the phase aims at, in order; left out: the phase keeps the ones it has. */
    audienceIds: z.array(z.number().int().positive()).max(20).optional(),
  })
  .strict();
export const phasesInputSchema = z.object({ phases: z.array(phaseInputSchema) }).strict();

export const taskInputSchema = z
  .object({
    phase: z.enum(phases),
    kind: z.enum(taskKinds),
    title: z.string().trim().min(1).max(120),
    ownerUserId: z.number().int().positive().nullable().default(null),
    dueDate: date,
    status: z.enum(taskStatuses).default('todo'),
    campaignId: z.number().int().positive().nullable().default(null),
    couponBatchId: z.number().int().positive().nullable().default(null),
    giftPlanId: z.number().int().positive().nullable().default(null),
  })
  .strict();
export const taskPatchSchema = z
  .object({
    phase: z.enum(phases),
    kind: z.enum(taskKinds),
    title: z.string().trim().min(1).max(120),
    ownerUserId: z.number().int().positive().nullable(),
    dueDate: date,
    status: z.enum(taskStatuses),
    campaignId: z.number().int().positive().nullable(),
    couponBatchId: z.number().int().positive().nullable(),
    giftPlanId: z.number().int().positive().nullable(),
  })
  .partial()
  .strict();

export const taskSchema = z.object({
  id: z.number().int(),
  phase: z.enum(phases),
  kind: z.enum(taskKinds),
  title: z.string(),
  ownerUserId: z.number().int().nullable(),
  dueDate: z.string(),
  status: z.enum(taskStatuses),
  campaignId: z.number().int().nullable(),
  couponBatchId: z.number().int().nullable(),
  /** A holiday gift plan (礼品) the task sends; the review counts its cost. */
  giftPlanId: z.number().int().nullable(),
});

const targetFields = {
  oldRevenue: z.number().int().min(0),
  newRevenue: z.number().int().min(0),
  oldBuyers: z.number().int().min(0),
  newBuyers: z.number().int().min(0),
};
export const targetSchema = z.object(targetFields);

export const targetInputSchema = z
  .object({
    ...targetFields,
    /** Per RFM segment (English name), the expected response where no finished campaign says. */
    responseRates: z.record(z.string().min(1).max(40), z.number().min(0).max(1)).optional(),
  })
  .strict();

export const planSchema = z.object({
  id: z.number().int(),
  event: z.string(),
  eventName: z.object({ zh: z.string(), en: z.string() }),
  year: z.number().int(),
  phases: z.array(
    z.object({
      phase: z.enum(phases),
      from: z.string(),
      to: z.string(),
      goal: z.string(),
      audiences: z.array(z.object({ id: z.number().int(), name: z.string() })),
    }),
  ),
  tasks: z.array(taskSchema),
  target: targetSchema.nullable(),
  responseRates: z.record(z.string(), z.number()),
  /** What this plan's review taught (复盘总结), or null. */
  lessons: z.string().nullable(),
  /** The lessons of the latest earlier plan of the store that has them, to plan this one by. */
  earlierLessons: z
    .object({
      planId: z.number().int(),
      event: z.string(),
      eventName: z.object({ zh: z.string(), en: z.string() }),
      year: z.number().int(),
      text: z.string(),
    })
    .nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
});
export type Plan = z.infer<typeof planSchema>;

export const lessonsInputSchema = z
  .object({ lessons: z.string().trim().max(5_000).describe('empty clears them') })
  .strict();

const side = z.object({
  buyers: z.number().int(),
  orders: z.number().int(),
  revenue: z.number().int(),
  items: z.number().int(),
  aov: z.number().nullable(),
  itemsPerOrder: z.number().nullable(),
  ordersPerCustomer: z.number().nullable(),
});
export type Side = z.infer<typeof side>;
export const windowFiguresSchema = z.object({
  key: z.string(),
  from: z.string(),
  to: z.string(),
  old: side,
  new: side,
});
export type WindowFigures = z.infer<typeof windowFiguresSchema>;

export const targetsSchema = z.object({
  lastYear: z.object({
    year: z.number().int(),
    whole: windowFiguresSchema,
    phases: z.array(windowFiguresSchema),
  }),
  history: z.array(z.object({ year: z.number().int(), whole: windowFiguresSchema })),
  /** Per figure, the mean year-over-year growth over the years with data (0 with one year or none). */
  trend: z.object({
    oldRevenue: z.number(),
    newRevenue: z.number(),
    oldBuyers: z.number(),
    newBuyers: z.number(),
  }),
  forecast: targetSchema,
  target: targetSchema.nullable(),
  segments: z.array(
    z.object({
      segment: z.string(),
      customers: z.number().int(),
      responseRate: z.number(),
      responseFrom: z.enum(['campaigns', 'plan', 'default']),
      aov: z.number().nullable(),
      aovFrom: z.enum(['last_event', 'overall', 'none']),
      expectedRevenue: z.number().int(),
    }),
  ),
  segmentsRevenue: z.number().int(),
  oldRevenueTarget: z.number().int(),
});

const progressSide = z.object({
  revenue: z.number().int(),
  buyers: z.number().int(),
  orders: z.number().int(),
});
export const progressSchema = z.object({
  through: z.string().nullable(),
  target: targetSchema.nullable(),
  total: z.object({
    old: progressSide,
    new: progressSide,
    /** Share of the target reached (null without a target or a zero target). */
    oldRevenueShare: z.number().nullable(),
    newRevenueShare: z.number().nullable(),
    oldBuyersShare: z.number().nullable(),
    newBuyersShare: z.number().nullable(),
  }),
  phases: z.array(
    z.object({
      phase: z.enum(phases),
      from: z.string(),
      to: z.string(),
      old: progressSide,
      new: progressSide,
    }),
  ),
  days: z.array(z.object({ date: z.string(), old: progressSide, new: progressSide })),
});

/**
 * A campaign made from a plan: the campaign API's fields (a saved audience, a template, which sets
 * the channel, a schedule …) and the phase it belongs to; the title names the campaign and its task.
 */
export const planCampaignInputSchema = campaignFieldsSchema
  .omit({ name: true, definition: true, audienceId: true })
  .extend({
    phase: z.enum(phases),
    title: z.string().trim().min(1).max(80).optional(),
    audienceId: z.number().int().positive(),
    /** The channel the planner picked the template for; the template's own channel must match. */
    channel: channelSchema.optional(),
  })
  .strict();
export const planCampaignSchema = z.object({
  task: taskSchema,
  campaign: z.object({ id: z.number().int(), name: z.string(), status: z.string(), channel: z.string() }),
});

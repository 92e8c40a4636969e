import { z } from 'zod';

// A store's settings, kept as one JSON document (stores.settings). Every field has a default, so
// a document written by an older version still reads; unknown fields are dropped on read.
const fourCuts = z
  .tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)])
  .refine((cuts) => cuts.every((cut, i) => i === 0 || cut > cuts[i - 1]!), 'expected four increasing values');

/** How RFM scores are cut (src/analytics/rfm.ts): by quintile, or by the store's own thresholds. */
export const rfmSettingsSchema = z.object({
  method: z.enum(['quintiles', 'thresholds']).default('quintiles'),
  /** Used with method "thresholds": recency in days, frequency in orders, monetary in yuan. */
  thresholds: z
    .object({ recencyDays: fourCuts, orders: fourCuts, spentYuan: fourCuts })
    .default({ recencyDays: [30, 90, 180, 365], orders: [1, 2, 3, 5], spentYuan: [100, 300, 600, 1_000] }),
  /** The Chinese segments' high/low line: the store's average score, or a fixed score (3: 4–5 high). */
  reference: z.union([z.literal('average'), z.number().int().min(1).max(4)]).default('average'),
});

const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD, e.g. 11-11');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected yyyy-MM-dd, e.g. 2026-11-11');

/**
 * A big-promotion window for the new-vs-old comparison: every year between two calendar days
 * (11.11 is 11-01 to 11-11 by default), or once between two dates.
 */
export const promotionWindowSchema = z.union([
  z.object({ name: z.string().trim().min(1).max(40), from: monthDay, to: monthDay }).strict(),
  z.object({ name: z.string().trim().min(1).max(40), fromDate: isoDate, toDate: isoDate }).strict(),
]);
export type PromotionWindow = z.infer<typeof promotionWindowSchema>;

export const defaultPromotionWindows: PromotionWindow[] = [
  { name: '6.18', from: '06-01', to: '06-18' },
  { name: '11.11', from: '11-01', to: '11-11' },
  { name: '12.12', from: '12-10', to: '12-12' },
];

/** Customer analytics (src/analytics): lifecycle periods, product repurchase window, promotions. */
export const analyticsSettingsSchema = z
  .object({
    /**
     * Days since the last purchase up to which a customer is active, and beyond which churned (silent
     * in between). Null: derived from the store's purchase cycle (median and 90th percentile gap).
     */
    activeDays: z.number().int().min(1).max(3_650).nullable().default(null),
    churnDays: z.number().int().min(2).max(3_650).nullable().default(null),
    /** "Bought again within N days" for products. */
    repurchaseWindowDays: z.number().int().min(1).max(3_650).default(90),
    promotions: z.array(promotionWindowSchema).max(30).default(defaultPromotionWindows),
  })
  .refine((s) => s.activeDays === null || s.churnDays === null || s.churnDays > s.activeDays, {
    message: 'churnDays must be greater than activeDays (silent lies between them)',
    path: ['churnDays'],
  })
  .refine((s) => s.promotions.every((w) => !('fromDate' in w) || w.toDate >= w.fromDate), {
    message: 'a promotion range must end on or after its start',
    path: ['promotions'],
  });
export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>;

/** Predicted customer value (src/predict): the models' time unit and how CLV is counted. */
export const predictionSettingsSchema = z.object({
  /** Purchases are counted once per day or once per week (Monday to Sunday). */
  unit: z.enum(['day', 'week']).default('day'),
  /** CLV counts this many months ahead … */
  horizonMonths: z.number().int().min(1).max(120).default(12),
  /** … each month discounted by this rate (0.01 a month ≈ 12.7% a year). */
  monthlyDiscount: z.number().min(0).max(0.5).default(0.01),
  /** The share of revenue CLV counts: 1 for revenue (GMV), a gross margin such as 0.35 for profit. */
  grossMargin: z.number().gt(0).max(1).default(1),
});
export type PredictionSettings = z.infer<typeof predictionSettingsSchema>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:mm, e.g. 08:00');

/** The sending rules for marketing messages (src/messaging/rules.ts), enforced by the dispatcher. */
export const messagingSettingsSchema = z
  .object({
    /** Marketing messages go only between these times in the store's time zone. */
    quietHours: z
      .object({ start: hhmm, end: hhmm })
      .refine((w) => w.end > w.start, { message: 'the window must end after it starts, on the same day' })
      .default({ start: '08:00', end: '20:00' }),
    /** At most this many marketing messages per customer in this many days. */
    frequencyCap: z
      .object({ messages: z.number().int().min(1).max(50), days: z.number().int().min(1).max(90) })
      .default({ messages: 2, days: 7 }),
  })
  .strict();
export type MessagingSettings = z.infer<typeof messagingSettingsSchema>;

/** Campaigns (src/campaigns): approval, control group, attribution, cost. */
export const campaignSettingsSchema = z
  .object({
    /** Marketing sends to more customers than this wait for the owner's approval. */
    approvalThreshold: z.number().int().min(0).max(100_000_000).default(5_000),
    /** The share held out as the control group, unless a campaign says otherwise. */
    controlShare: z.number().min(0).max(0.5).default(0.1),
    /** Orders within this many days of the send count towards the campaign. */
    attributionDays: z.number().int().min(1).max(90).default(7),
    /** What one billed SMS part costs, in fen (Aliyun's list price is about 4.5). */
    smsPriceFen: z.number().min(0).max(100).default(4.5),
  })
  .strict();
export type CampaignSettings = z.infer<typeof campaignSettingsSchema>;

export const storeSettingsSchema = z.object({
  /** Service staff (客服) see full phone numbers and addresses. */
  serviceSeesPersonalData: z.boolean().default(false),
  rfm: rfmSettingsSchema.default({
    method: 'quintiles',
    thresholds: { recencyDays: [30, 90, 180, 365], orders: [1, 2, 3, 5], spentYuan: [100, 300, 600, 1_000] },
    reference: 'average',
  }),
  analytics: analyticsSettingsSchema.default({
    activeDays: null,
    churnDays: null,
    repurchaseWindowDays: 90,
    promotions: defaultPromotionWindows,
  }),
  predictions: predictionSettingsSchema.default({
    unit: 'day',
    horizonMonths: 12,
    monthlyDiscount: 0.01,
    grossMargin: 1,
  }),
  messaging: messagingSettingsSchema.default({
    quietHours: { start: '08:00', end: '20:00' },
    frequencyCap: { messages: 2, days: 7 },
  }),
  campaigns: campaignSettingsSchema.default({
    approvalThreshold: 5_000,
    controlShare: 0.1,
    attributionDays: 7,
    smsPriceFen: 4.5,
  }),
});

export type StoreSettings = z.infer<typeof storeSettingsSchema>;

export function parseStoreSettings(json: string): StoreSettings {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = {};
  }
  const parsed = storeSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : storeSettingsSchema.parse({});
}

import { z } from 'zod';
import { audienceDefinitionSchema } from '../audiences/definition.js';

// The campaigns API's shapes.

export const campaignStatusSchema = z.enum([
  'draft',
  'awaiting_approval',
  'scheduled',
  'sending',
  'completed',
  'paused',
  'cancelled',
]);

const instant = z.number().int().min(0);

/** The campaign input's fields, before the audience rule (for routes that reuse part of it). */
export const campaignFieldsSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    /** A saved audience, or a definition given inline (from the builder or a ready-made one). */
    audienceId: z.number().int().positive().optional(),
    definition: audienceDefinitionSchema.optional(),
    templateId: z.number().int().positive(),
    schedule: z
      .discriminatedUnion('kind', [
        z.object({ kind: z.literal('now') }).strict(),
        z.object({ kind: z.literal('at'), at: instant }).strict(),
        z
          .object({ kind: z.literal('window'), from: instant, to: instant })
          .strict()
          .refine((w) => w.to > w.from, { message: 'the window must end after it starts', path: ['to'] }),
      ])
      .default({ kind: 'now' }),
    /** The share held out (default: the store's, 10%). */
    controlShare: z.number().min(0).max(0.5).optional(),
    /** Seeds the control draw; the same seed draws the same control group. */
    seed: z.number().int().min(0).max(2_147_483_647).optional(),
    attributionDays: z.number().int().min(1).max(90).optional(),
    /** A coupon batch: each target gets a code at send, for the {券码} / {coupon} variable. */
    couponBatchId: z.number().int().positive().optional(),
  })
  .strict();
export const campaignInputSchema = campaignFieldsSchema.refine(
  (c) => (c.audienceId === undefined) !== (c.definition === undefined),
  {
    message: 'give either audienceId or definition',
    path: ['audienceId'],
  },
);
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export const campaignSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  audienceId: z.number().int().nullable(),
  definition: z.unknown(),
  templateId: z.number().int(),
  channel: z.string(),
  class: z.enum(['marketing', 'transactional']),
  schedule: z.object({
    kind: z.enum(['now', 'at', 'window']),
    from: z.number().int().nullable(),
    to: z.number().int().nullable(),
  }),
  controlShare: z.number(),
  seed: z.number().int(),
  attributionDays: z.number().int(),
  couponBatchId: z.number().int().nullable(),
  status: campaignStatusSchema,
  /** Members counted when the campaign was created (the live count before freezing). */
  estimatedMembers: z.number().int().nullable(),
  needsApproval: z.boolean(),
  members: z.number().int().nullable(),
  control: z.number().int().nullable(),
  queued: z.number().int().nullable(),
  unreachable: z.number().int().nullable(),
  smsParts: z.number().int().nullable(),
  approvedBy: z.string().nullable(),
  frozenAt: z.number().int().nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
  /** The campaign's messages by status (live). */
  messages: z.record(z.string(), z.number().int()),
});
export type Campaign = z.infer<typeof campaignSchema>;

const interval = z.object({ estimate: z.number(), low: z.number(), high: z.number() }).nullable();
const groupSchema = z.object({
  customers: z.number().int(),
  buyers: z.number().int(),
  orders: z.number().int(),
  revenue: z.number().describe('fen'),
  responseRate: z.number().nullable(),
  revenuePerCustomer: z.number().nullable().describe('fen'),
});

export const campaignResultsSchema = z.object({
  campaignId: z.number().int(),
  window: z.object({ from: z.number().int(), to: z.number().int(), complete: z.boolean() }),
  messages: z.object({
    queued: z.number().int(),
    sent: z.number().int(),
    delivered: z.number().int(),
    failed: z.number().int(),
    suppressed: z.number().int(),
    optedOut: z.number().int(),
  }),
  target: groupSchema,
  control: groupSchema,
  uplift: z.object({
    responseRate: interval,
    revenuePerCustomer: interval,
    incrementalRevenue: interval,
  }),
  cost: z.number().describe('fen: SMS parts × price per part'),
  roi: z.number().nullable().describe('incremental revenue / cost'),
  segments: z.array(
    z.object({
      segment: z.string(),
      target: groupSchema,
      control: groupSchema,
      responseUplift: interval,
    }),
  ),
  /** The coupon batch handed out with the messages: codes issued by this campaign, redeemed. */
  coupons: z
    .object({
      batchId: z.number().int(),
      name: z.string(),
      issued: z.number().int(),
      redeemed: z.number().int(),
      revenue: z.number().int().describe('fen: net amount of the redeeming orders'),
      cost: z.number().int().describe('fen: discount given'),
    })
    .nullable(),
});
export type CampaignResults = z.infer<typeof campaignResultsSchema>;

export const responseRatesSchema = z.object({
  /** Per RFM segment, over the store's finished campaigns: the response of those messaged. */
  segments: z.array(
    z.object({
      segment: z.string(),
      campaigns: z.number().int(),
      customers: z.number().int(),
      responseRate: z.number(),
      controlResponseRate: z.number().nullable(),
      revenuePerCustomer: z.number(),
    }),
  ),
});

import { z } from 'zod';
import { phases } from './events.js';
import { windowFiguresSchema } from './schemas.js';

// The review (复盘) API's shapes. Money is integer fen unless a field says otherwise; shares and
// rates are fractions (0..1, a share of a target may exceed 1); null where a ratio has no base.

export const reviewLanguageSchema = z.enum(['zh-CN', 'en']);
export const reviewExportQuery = z.object({ lang: reviewLanguageSchema.optional() }).strict();

const text = z.object({ 'zh-CN': z.string(), en: z.string() });

export const targetFigureKeys = ['oldRevenue', 'newRevenue', 'revenue', 'oldBuyers', 'newBuyers'] as const;

const targetFigure = z.object({
  key: z.enum(targetFigureKeys),
  target: z.number().int(),
  actual: z.number().int(),
  /** actual / target; null for a zero target. */
  share: z.number().nullable(),
  met: z.boolean(),
});

const campaignLine = z.object({
  campaignId: z.number().int(),
  name: z.string(),
  channel: z.string(),
  /** Linked from a task of the plan (true) or only sent inside the window (false). */
  linked: z.boolean(),
  targets: z.number().int(),
  responders: z.number().int(),
  responseRate: z.number().nullable(),
  revenue: z.number().int().describe('fen: the target group’s revenue in the attribution window'),
  cost: z.number().int().describe('fen: SMS parts × price per part'),
  control: z.number().int().describe('control group size; 0 without one'),
  controlResponseRate: z.number().nullable(),
  incrementalRevenue: z.number().nullable().describe('fen: uplift × targets; null without a control group'),
});

export const nurtureStepKeys = ['care', 'tips', 'buyer_show', 'second_purchase', 'replenish'] as const;

export const reviewSchema = z.object({
  planId: z.number().int(),
  event: z.string(),
  eventName: z.object({ zh: z.string(), en: z.string() }),
  year: z.number().int(),
  window: z.object({ from: z.string(), to: z.string() }),
  /** The last local day counted: the window's end, or today while the window is still open. */
  through: z.string(),
  finished: z.boolean(),
  target: z.object({
    /** The stored target, or the forecast (planTargets) when none was set. */
    source: z.enum(['target', 'forecast']),
    figures: z.array(targetFigure),
    /** Overall: old + new revenue reached old + new target revenue. */
    met: z.boolean(),
  }),
  whole: windowFiguresSchema,
  phases: z.array(windowFiguresSchema.extend({ key: z.enum(phases) })),
  segments: z.object({
    /**
     * The moment the segments are taken at: the window's first moment. Every buyer before it is
     * scored with the store's RFM settings on their purchases up to then, so the event's own
     * orders do not move anyone's segment.
     */
    asOf: z.number().int(),
    rows: z.array(
      z.object({
        segment: z.string(),
        /** The segment's customers at `asOf`: every buyer before the window (the old customers). */
        customers: z.number().int(),
        buyers: z.number().int(),
        responseRate: z.number().nullable(),
        orders: z.number().int(),
        revenue: z.number().int(),
        aov: z.number().nullable(),
      }),
    ),
  }),
  channels: z.array(
    z.object({
      channel: z.string(),
      campaigns: z.number().int(),
      targets: z.number().int(),
      responders: z.number().int(),
      responseRate: z.number().nullable(),
      revenue: z.number().int(),
      cost: z.number().int(),
    }),
  ),
  campaigns: z.array(campaignLine),
  coupons: z.array(
    z.object({
      batchId: z.number().int(),
      name: z.string(),
      issued: z.number().int(),
      redeemed: z.number().int(),
      revenue: z.number().int(),
      discount: z.number().int(),
    }),
  ),
  gifts: z.array(
    z.object({
      giftPlanId: z.number().int(),
      name: z.string(),
      status: z.enum(['draft', 'confirmed']),
      /** Confirmed recipients; 0 while the plan is a draft. */
      recipients: z.number().int(),
      shipped: z.number().int(),
      unitCost: z.number().int().describe('fen per gift'),
      cost: z.number().int().describe('fen: recipients × unit cost; 0 while a draft'),
    }),
  ),
  cost: z.object({
    messages: z.number().int(),
    coupons: z.number().int(),
    gifts: z.number().int(),
    total: z.number().int(),
  }),
  roi: z.object({
    /** Σ campaigns' target-group revenue. */
    attributedRevenue: z.number().int(),
    /** (attributedRevenue − cost.total) / cost.total; null without cost. */
    roi: z.number().nullable(),
    /** Σ incremental revenue of the campaigns with a control group; null when none has one. */
    incrementalRevenue: z.number().nullable(),
    /** (incrementalRevenue − cost.total) / cost.total; null without either. */
    incrementalRoi: z.number().nullable(),
  }),
  products: z.array(
    z.object({
      productId: z.number().int(),
      title: z.string(),
      buyers: z.number().int(),
      items: z.number().int(),
      revenue: z.number().int().describe('fen: line amount − line refund'),
      /** revenue / the old customers' net revenue in the window. */
      share: z.number().nullable(),
    }),
  ),
  comparison: z.array(
    z.object({
      event: z.string(),
      eventName: z.object({ zh: z.string(), en: z.string() }),
      year: z.number().int(),
      from: z.string(),
      to: z.string(),
      /** This plan's own row. */
      current: z.boolean(),
      oldRevenue: z.number().int(),
      newRevenue: z.number().int(),
      oldBuyers: z.number().int(),
      newBuyers: z.number().int(),
      aov: z.number().nullable(),
      itemsPerOrder: z.number().nullable(),
    }),
  ),
  newCustomers: z.object({
    count: z.number().int(),
    audienceName: z.string(),
    /** The saved audience once created (POST …/review/new-customers-audience), else null. */
    audienceId: z.number().int().nullable(),
  }),
  /** What the operator wrote the review taught (PUT …/plans/:planId/lessons), or null. */
  lessons: z.string().nullable(),
  nurture: z.object({
    /** The replenishment step's offset: the store's median repurchase gap, or 60 days. */
    repurchaseDays: z.number().int(),
    repurchaseFrom: z.enum(['lifecycle', 'default']),
    steps: z.array(
      z.object({
        key: z.enum(nurtureStepKeys),
        /** Days after the window's last day. */
        dayOffset: z.number().int(),
        date: z.string(),
        channel: z.string(),
        title: text,
        text,
        /** The draft campaign once created (POST …/review/nurture-campaigns), else null. */
        campaignId: z.number().int().nullable(),
      }),
    ),
  }),
});
export type Review = z.infer<typeof reviewSchema>;

export const audienceResultSchema = z.object({
  audienceId: z.number().int(),
  name: z.string(),
  count: z.number().int(),
  created: z.boolean(),
});

export const nurtureResultSchema = z.object({
  audienceId: z.number().int(),
  campaigns: z.array(
    z.object({
      key: z.enum(nurtureStepKeys),
      campaignId: z.number().int(),
      templateId: z.number().int(),
      name: z.string(),
      created: z.boolean(),
    }),
  ),
});

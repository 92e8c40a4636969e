import { z } from 'zod';

// What each analysis keeps per refresh (analysis_snapshots.result) and the API returns. Money is
// in fen, shares are fractions (0..1), days are calendar days in the store's time zone.

export const lifecycleStates = ['new', 'active', 'silent', 'churned', 'won_back'] as const;
export type LifecycleState = (typeof lifecycleStates)[number];

const share = z.number().min(0).max(1);
const count = z.number().int().min(0);

const bucketSchema = z.object({
  /** Inclusive lower bound. */
  from: z.number().int(),
  /** Inclusive upper bound; null: no upper bound. */
  to: z.number().int().nullable(),
  count,
});

export const lifecycleSnapshotSchema = z.object({
  computedAt: z.number().int(),
  /** The local day the states were computed for (yyyy-MM-dd). */
  asOf: z.string(),
  buyers: count,
  /** Customers in the archive without a purchase (potential customers, fans). */
  potential: count,
  cycle: z.object({
    /** Gaps between consecutive purchase days of the same customer. */
    gaps: count,
    repeatBuyers: count,
    medianDays: z.number().nullable(),
    p25Days: z.number().nullable(),
    p75Days: z.number().nullable(),
    p90Days: z.number().nullable(),
    meanDays: z.number().nullable(),
    histogram: z.array(bucketSchema),
  }),
  thresholds: z.object({
    activeDays: z.number().int(),
    churnDays: z.number().int(),
    /** Where each came from: the purchase cycle, the store's settings, or defaults (too few gaps). */
    activeSource: z.enum(['cycle', 'settings', 'default']),
    churnSource: z.enum(['cycle', 'settings', 'default']),
  }),
  states: z.array(z.object({ state: z.enum(lifecycleStates), customers: count, revenueShare: share })),
  /** From the previous refresh's state (null: not a buyer then, or no previous refresh) to now. */
  transitions: z.array(
    z.object({ from: z.enum(lifecycleStates).nullable(), to: z.enum(lifecycleStates), customers: count }),
  ),
  previousComputedAt: z.number().int().nullable(),
  orders: count,
  purchasesPerCustomer: z.number(),
  purchaseDaysPerCustomer: z.number(),
  ordersPerCustomer: z.array(bucketSchema),
  itemsPerOrder: z.number(),
  itemsPerOrderDistribution: z.array(bucketSchema),
});
export type LifecycleSnapshot = z.infer<typeof lifecycleSnapshotSchema>;

/** New vs old customers in one period: new = first purchase within the period. */
export const newOldRowSchema = z.object({
  /** yyyy-MM-dd (day, week's Monday), yyyy-MM (month), or the promotion's name and year. */
  period: z.string(),
  from: z.string(),
  to: z.string(),
  newBuyers: count,
  oldBuyers: count,
  newOrders: count,
  oldOrders: count,
  newRevenue: z.number(),
  oldRevenue: z.number(),
  newAov: z.number().nullable(),
  oldAov: z.number().nullable(),
  /** Old customers' share of buyers and of revenue. */
  oldBuyerShare: share.nullable(),
  oldRevenueShare: share.nullable(),
  /** Growth over the same period a year before (0.25 = +25%); null without a base. */
  yoy: z.object({
    newBuyers: z.number().nullable(),
    oldBuyers: z.number().nullable(),
    newRevenue: z.number().nullable(),
    oldRevenue: z.number().nullable(),
  }),
});
export type NewOldRow = z.infer<typeof newOldRowSchema>;

export const newOldSnapshotSchema = z.object({
  computedAt: z.number().int(),
  /** The last 400 days (enough to compare the latest with a year before). */
  days: z.array(newOldRowSchema),
  /** Weeks start on Monday. */
  weeks: z.array(newOldRowSchema),
  months: z.array(newOldRowSchema),
  /** Every configured promotion window, every year with data, oldest first. */
  promotions: z.array(newOldRowSchema.extend({ name: z.string(), year: z.number().int().nullable() })),
});
export type NewOldSnapshot = z.infer<typeof newOldSnapshotSchema>;

export const paretoSnapshotSchema = z.object({
  computedAt: z.number().int(),
  buyers: count,
  revenue: z.number(),
  /** Revenue share of the top 20% of buyers by spend. */
  top20RevenueShare: share,
  /** The smallest share of buyers (the biggest spenders) that brings 80% of revenue. */
  customerShareFor80: share,
  /** The core list: the top 20% of buyers (customer_scores.is_core). */
  coreCustomers: count,
  coreRevenue: z.number(),
  /** Cumulative revenue share at 0%, 1%, …, 100% of buyers, biggest spenders first (101 points). */
  curve: z.array(share),
});
export type ParetoSnapshot = z.infer<typeof paretoSnapshotSchema>;

export const cohortsSnapshotSchema = z.object({
  computedAt: z.number().int(),
  cohorts: z.array(
    z.object({
      /** yyyy-MM: the month of the cohort's first purchase. */
      month: z.string(),
      customers: count,
      /** Per month since the first (index 0 = the first month): buyers, their share, revenue (fen). */
      buyers: z.array(count),
      retention: z.array(share),
      revenue: z.array(z.number()),
    }),
  ),
});
export type CohortsSnapshot = z.infer<typeof cohortsSnapshotSchema>;

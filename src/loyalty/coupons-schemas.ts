import { z } from 'zod';
import { rejectReasons } from './coupons.js';

// The coupons API's shapes.

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar day, yyyy-MM-dd')
  .describe('store-local calendar day, yyyy-MM-dd');
const fenAmount = z.number().int().min(1).max(100_000_000).describe('fen');

export const couponBatchInputSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    kind: z.enum(['amount', 'percent']).describe('amount: 满减 (amountOff) · percent: 折扣 (percentOff)'),
    amountOff: fenAmount.optional(),
    percentOff: z.number().int().min(1).max(99).optional(),
    threshold: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .default(0)
      .describe('fen the goods must reach; 0: none'),
    validFrom: day,
    validTo: day,
    perCustomerLimit: z.number().int().min(1).max(100).default(1),
    totalCount: z.number().int().min(1).max(1_000_000),
  })
  .strict()
  .refine((b) => (b.kind === 'amount') === (b.amountOff !== undefined), {
    message: 'an amount coupon needs amountOff (and a percent coupon must not have one)',
    path: ['amountOff'],
  })
  .refine((b) => (b.kind === 'percent') === (b.percentOff !== undefined), {
    message: 'a percent coupon needs percentOff (and an amount coupon must not have one)',
    path: ['percentOff'],
  })
  .refine((b) => b.validTo >= b.validFrom, { message: 'validTo is before validFrom', path: ['validTo'] })
  .refine((b) => b.kind !== 'amount' || b.threshold === 0 || (b.amountOff ?? 0) < b.threshold, {
    message: 'the amount off must be less than the threshold',
    path: ['amountOff'],
  });
export type CouponBatchInput = z.infer<typeof couponBatchInputSchema>;

export const couponBatchSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['amount', 'percent']),
  amountOff: z.number().int().nullable(),
  percentOff: z.number().int().nullable(),
  threshold: z.number().int(),
  faceValue: z.string().describe('e.g. 满300减30, 9折'),
  validFrom: z.string(),
  validTo: z.string(),
  perCustomerLimit: z.number().int(),
  totalCount: z.number().int(),
  issued: z.number().int(),
  redeemed: z.number().int(),
  createdAt: z.number().int(),
  createdBy: z.string(),
});
export type CouponBatch = z.infer<typeof couponBatchSchema>;

export const issueInputSchema = z
  .object({
    audienceId: z.number().int().positive().describe('a saved audience; its members now, in id order'),
    perCustomer: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(1)
      .describe('codes each member should hold; never past the batch’s per-customer limit'),
  })
  .strict();
export type IssueInput = z.infer<typeof issueInputSchema>;

export const issueResultSchema = z.object({
  batchId: z.number().int(),
  members: z.number().int(),
  issued: z.number().int().describe('codes made now'),
  customers: z.number().int().describe('members who got at least one code now'),
  atLimit: z.number().int().describe('members who already held as many as they may'),
  outOfStock: z.number().int().describe('members short-changed because the batch ran out'),
  remaining: z.number().int(),
});
export type IssueResult = z.infer<typeof issueResultSchema>;

export const couponCodeSchema = z.object({
  code: z.string(),
  customerId: z.number().int().nullable(),
  customerNick: z.string().nullable(),
  campaignId: z.number().int().nullable(),
  issuedAt: z.number().int(),
  redeemedAt: z.number().int().nullable(),
  orderNumber: z.string().nullable(),
});

export const codesQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

export const codesPageSchema = z.object({
  codes: z.array(couponCodeSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const rejectReasonSchema = z.enum(rejectReasons);

export const redemptionSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  batchId: z.number().int(),
  orderNumber: z.string(),
  customerId: z.number().int(),
  source: z.enum(['import', 'staff']),
  accepted: z.boolean(),
  reason: rejectReasonSchema.nullable(),
  orderedAt: z.number().int(),
  goodsAmount: z.number().int().describe('fen'),
  revenue: z.number().int().describe('fen: the order’s net amount'),
  discount: z.number().int().describe('fen'),
  recordedBy: z.string(),
});
export type Redemption = z.infer<typeof redemptionSchema>;

export const staffRedeemInputSchema = z
  .object({
    code: z.string().trim().min(1).max(40),
    orderNumber: z.string().trim().min(1).max(64).describe('the platform’s order number (订单编号)'),
  })
  .strict();

export const matchResultSchema = z.object({
  orders: z.number().int().describe('orders with a discount code looked at'),
  accepted: z.number().int(),
  rejected: z.number().int(),
  unknown: z.number().int().describe('codes that are not this store’s coupons (platform codes)'),
});
export type MatchResult = z.infer<typeof matchResultSchema>;

export const couponReportSchema = z.object({
  batch: couponBatchSchema,
  issued: z.number().int(),
  redeemed: z.number().int(),
  rate: z.number().nullable().describe('redeemed / issued'),
  revenue: z.number().int().describe('fen: net amount of the redeeming orders'),
  cost: z.number().int().describe('fen: discount given'),
  rejected: z.record(rejectReasonSchema, z.number().int()),
  byDay: z.array(z.object({ date: z.string(), redeemed: z.number().int(), revenue: z.number().int() })),
  redemptions: z.array(redemptionSchema).describe('the latest 200, accepted and rejected'),
});
export type CouponReport = z.infer<typeof couponReportSchema>;

import type { z } from 'zod';
import type {
  CouponBatch,
  CouponReport,
  couponBatchInputSchema,
  IssueResult,
  MatchResult,
  Redemption,
} from '../../../../../src/loyalty/coupons-schemas.js';

export type { CouponBatch, CouponReport, IssueResult, MatchResult, Redemption };
export type CouponBatchInput = z.input<typeof couponBatchInputSchema>;
export type RejectReason = keyof CouponReport['rejected'];

import { z } from 'zod';
import { idParam, storeParams } from '../server/schemas.js';
import { caseKinds, caseStatuses } from './kinds.js';

// What enters and leaves the after-sales routes.

export { type CaseKind, type CaseStatus, caseKinds, caseStatuses } from './kinds.js';

const instant = z.number().int().describe('UTC epoch milliseconds');

export const caseParams = storeParams.extend({ caseId: idParam });

export const openCaseSchema = z
  .strictObject({
    kind: z.enum(caseKinds).describe('refund 退款 · return 退货 · exchange 换货 · complaint 投诉'),
    orderId: z.number().int().positive().optional().describe('the customer’s order it is about'),
    note: z.string().trim().min(1, 'describe the case').max(2_000),
    openedAt: instant.optional().describe('defaults to now; not in the future'),
  })
  .describe('A new after-sales case');

export const resolveCaseSchema = z.strictObject({
  resolution: z.string().trim().max(2_000).default('').describe('what was done'),
});

export const caseSchema = z.object({
  id: z.number().int(),
  customerId: z.number().int(),
  orderId: z.number().int().nullable(),
  order: z.object({ externalId: z.string() }).nullable(),
  kind: z.enum(caseKinds),
  status: z.enum(caseStatuses),
  openedAt: instant,
  openedBy: z.string(),
  resolvedAt: instant.nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string(),
  resolution: z.string().nullable(),
});
export type AfterSalesCase = z.infer<typeof caseSchema>;

export const caseListQuery = z.strictObject({
  status: z.enum(caseStatuses).optional(),
  kind: z.enum(caseKinds).optional(),
  customerId: z.coerce.number().int().positive().optional(),
  beforeId: z.coerce.number().int().positive().optional().describe('for the next page: the last id seen'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const caseListSchema = z.object({
  cases: z.array(
    caseSchema.extend({
      customer: z.object({ id: z.number().int(), nick: z.string().nullable(), name: z.string().nullable() }),
    }),
  ),
  open: z.number().int().describe('open cases in the store (or of the customer), whatever the filter'),
  nextBeforeId: z.number().int().nullable(),
});
export type CaseList = z.infer<typeof caseListSchema>;

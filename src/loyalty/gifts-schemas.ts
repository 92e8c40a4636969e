import { z } from 'zod';

// The gift plans API's shapes.

export const occasions = [
  'spring_festival', // 春节
  'lantern', // 元宵
  'dragon_boat', // 端午
  'qixi', // 七夕
  'mid_autumn', // 中秋
  'national_day', // 国庆
  'new_year', // 元旦
  'birthday', // 生日
  'other',
] as const;

export const giftPlanInputSchema = z
  .object({
    name: z.string().trim().min(1).max(80),
    occasion: z.enum(occasions),
    audienceId: z.number().int().positive().describe('a saved audience, e.g. the top two tiers'),
    giftSku: z.string().trim().min(1).max(64),
    giftTitle: z.string().trim().min(1).max(120),
    unitCost: z
      .number()
      .int()
      .min(0)
      .max(100_000_000)
      .describe('fen per gift, packing and shipping included'),
    budget: z.number().int().min(0).max(10_000_000_000).describe('fen'),
    templateId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('the greeting, queued when the plan is confirmed'),
  })
  .strict();
export type GiftPlanInput = z.infer<typeof giftPlanInputSchema>;

export const giftPlanUpdateSchema = z
  .object({
    giftSku: z.string().trim().min(1).max(64),
    giftTitle: z.string().trim().min(1).max(120),
    unitCost: z.number().int().min(0).max(100_000_000),
    budget: z.number().int().min(0).max(10_000_000_000),
  })
  .partial()
  .strict()
  .refine((u) => Object.keys(u).length > 0, {
    message: 'change at least one of giftSku, giftTitle, unitCost, budget',
  });
export type GiftPlanUpdate = z.infer<typeof giftPlanUpdateSchema>;

export const giftPlanSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  occasion: z.enum(occasions),
  audienceId: z.number().int(),
  giftSku: z.string(),
  giftTitle: z.string(),
  unitCost: z.number().int(),
  budget: z.number().int(),
  templateId: z.number().int().nullable(),
  status: z.enum(['draft', 'confirmed']),
  recipients: z.number().int().nullable(),
  greetingsQueued: z.number().int().nullable(),
  shipping: z.object({ planned: z.number().int(), packed: z.number().int(), shipped: z.number().int() }),
  confirmedAt: z.number().int().nullable(),
  confirmedBy: z.string().nullable(),
  createdAt: z.number().int(),
  createdBy: z.string(),
});
export type GiftPlan = z.infer<typeof giftPlanSchema>;

export const giftPreviewSchema = z.object({
  recipients: z.number().int().describe('the audience’s members now'),
  withoutAddress: z.number().int().describe('members with no address on file'),
  cost: z.number().int().describe('fen: unit cost × recipients'),
  budget: z.number().int(),
  overBudget: z.boolean(),
});
export type GiftPreview = z.infer<typeof giftPreviewSchema>;

export const recipientStatusSchema = z.enum(['planned', 'packed', 'shipped']);

export const giftRecipientSchema = z.object({
  customerId: z.number().int(),
  nick: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable().describe('masked for roles without personal data'),
  address: z.string().nullable().describe('masked for roles without personal data'),
  province: z.string().nullable(),
  city: z.string().nullable(),
  status: recipientStatusSchema,
  trackingNo: z.string().nullable(),
  shippedAt: z.number().int().nullable(),
});

export const recipientsQuerySchema = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  status: recipientStatusSchema.optional(),
});

export const recipientsPageSchema = z.object({
  recipients: z.array(giftRecipientSchema),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  masked: z.boolean(),
});

export const shippingUpdateSchema = z
  .object({
    updates: z
      .array(
        z
          .object({
            customerId: z.number().int().positive(),
            status: recipientStatusSchema,
            trackingNo: z
              .string()
              .trim()
              .min(4)
              .max(40)
              .regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes')
              .optional(),
          })
          .strict()
          .refine((u) => u.status !== 'shipped' || u.trackingNo !== undefined, {
            message: 'a shipped gift needs its trackingNo',
            path: ['trackingNo'],
          }),
      )
      .min(1)
      .max(2_000),
  })
  .strict();
export type ShippingUpdate = z.infer<typeof shippingUpdateSchema>;

export const giftExportQuerySchema = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

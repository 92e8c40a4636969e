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

export const storeSettingsSchema = z.object({
  /** Service staff (客服) see full phone numbers and addresses. */
  serviceSeesPersonalData: z.boolean().default(false),
  rfm: rfmSettingsSchema.default({
    method: 'quintiles',
    thresholds: { recencyDays: [30, 90, 180, 365], orders: [1, 2, 3, 5], spentYuan: [100, 300, 600, 1_000] },
    reference: 'average',
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

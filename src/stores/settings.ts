import { z } from 'zod';

// A store's settings, kept as one JSON document (stores.settings). Every field has a default, so
// a document written by an older version still reads; unknown fields are dropped on read.
export const storeSettingsSchema = z.object({
  /** Service staff (客服) see full phone numbers and addresses. */
  serviceSeesPersonalData: z.boolean().default(false),
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

import { z } from 'zod';
import type { Role, StoreRow } from '../db/schema.js';
import { platformSchema, roleSchema } from '../server/schemas.js';
import { storeSettingsSchema } from './settings.js';

export const storeSummarySchema = z.object({
  id: z.number().int(),
  name: z.string(),
  platform: platformSchema,
  currency: z.string(),
  timeZone: z.string(),
  isDemo: z.boolean(),
  role: roleSchema.describe('Your role in this store'),
});

export function toStoreSummary(
  store: Pick<StoreRow, 'id' | 'name' | 'platform' | 'currency' | 'time_zone' | 'is_demo'> & { role: Role },
) {
  return {
    id: store.id,
    name: store.name,
    platform: store.platform,
    currency: store.currency,
    timeZone: store.time_zone,
    isDemo: store.is_demo === 1,
    role: store.role,
  };
}

export const storeDetailSchema = storeSummarySchema.extend({ settings: storeSettingsSchema });

const storeName = z.string().trim().min(1).max(100);
const timeZone = z.string().min(1).max(64).describe('IANA time zone, e.g. Asia/Shanghai');
const currency = z.string().length(3).describe('ISO 4217 code, e.g. CNY');

export const createStoreBody = z.object({
  name: storeName,
  platform: platformSchema,
  currency: currency.optional(),
  timeZone: timeZone.optional(),
});

export const updateStoreBody = z
  .object({
    name: storeName.optional(),
    platform: platformSchema.optional(),
    currency: currency.optional(),
    timeZone: timeZone.optional(),
    settings: storeSettingsSchema.partial().strict().optional(),
  })
  .strict();

export const memberSchema = z.object({
  userId: z.number().int(),
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  lastLoginAt: z.number().int().nullable(),
  since: z.number().int(),
});

export const addMemberBody = z.object({
  login: z.string().min(2).max(64),
  role: roleSchema,
  password: z.string().min(1).max(256).optional().describe('Creates the account if the login is new'),
  displayName: z.string().trim().min(1).max(100).optional(),
});

export const tokenSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  prefix: z.string().describe('The first characters, to recognise the token'),
  role: roleSchema,
  ownerLogin: z.string(),
  createdAt: z.number().int(),
  lastUsedAt: z.number().int().nullable(),
  expiresAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
});

export const createTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  role: roleSchema,
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});

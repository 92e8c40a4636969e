import { z } from 'zod';
import { idParam, storeParams } from '../server/schemas.js';
import { audienceDefinitionSchema } from './definition.js';

// The audiences API: what the routes accept and answer.

export const audienceParams = storeParams.extend({ audienceId: idParam });

const name = z.string().trim().min(1).max(60);
const description = z.string().trim().max(500);

export const savedAudienceSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  definition: audienceDefinitionSchema,
  createdAt: z.number().int().describe('UTC epoch milliseconds'),
  createdBy: z.string(),
  updatedAt: z.number().int(),
  updatedBy: z.string(),
});

export const audienceInputSchema = z.strictObject({
  name,
  description: description.optional(),
  definition: audienceDefinitionSchema,
});

export const audiencePatchSchema = z
  .strictObject({
    name: name.optional(),
    description: description.optional(),
    definition: audienceDefinitionSchema.optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), {
    message: 'change name, description or definition',
  });

export const countRequestSchema = z.strictObject({ definition: audienceDefinitionSchema });
export const countResultSchema = z.object({
  count: z.number().int().describe('live customers (not merged away, not erased) matching now'),
  sample: z
    .array(z.number().int())
    .describe('up to 10 members’ customer ids, ascending (any 10, not the lowest)'),
  asOf: z.number().int().describe('when the data counted was read (epoch ms)'),
  current: z
    .boolean()
    .describe(
      'true: the database has not changed since asOf, the count is exact now; false: counted on a copy read at asOf while the store’s data changed, a fresh one is being read',
    ),
});

const localized = z.object({ 'zh-CN': z.string(), en: z.string() });
export const readyMadeListSchema = z.object({
  audiences: z.array(
    z.object({
      key: z.string(),
      name: localized,
      description: localized,
      definition: audienceDefinitionSchema,
    }),
  ),
});

export const membersQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const audienceExportQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('csv') });

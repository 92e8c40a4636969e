import { z } from 'zod';
import { caseKinds } from '../after-sales/kinds.js';
import { chineseSegments, englishSegments } from '../analytics/rfm.js';
import { lifecycleStates } from '../analytics/schemas.js';
import { consentChannels, contactChannels, genders } from '../customers/schemas.js';

// An audience (人群) definition: a tree of AND / OR / NOT groups over conditions on a customer's
// profile, roll-ups, scores, predictions, purchases and contacts, plus saved audiences to leave
// out. Pure data (JSON), validated here, compiled to SQL by compile.ts. Every object is strict:
// an unknown field is refused with the fields that were expected.
//
// Membership tiers (会员等级, src/loyalty) are the `tier` condition: a customer's current tier, or
// "none" for a customer in no tier; `tierChanged` is a recent move between tiers.

export const LIMITS = {
  /** Nested groups, counting the top. */
  depth: 8,
  /** Conditions and groups in one definition. */
  nodes: 100,
  /** Values in one list (provinces, products…). */
  values: 500,
  /** Saved audiences left out by one definition. */
  exclusions: 20,
  /** Saved audiences referring to saved audiences, this many deep. */
  references: 5,
} as const;

/** A strict object whose refusal of an unknown field names the fields it expected. */
function strict<Shape extends z.ZodRawShape>(shape: Shape) {
  const expected = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((key) => `"${key}"`).join(', ')}; expected ${expected}`
        : undefined,
  });
}

const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as yyyy-MM-dd');

/**
 * A calendar day in the store's time zone: a date, N days or months before today, or the first or
 * last day of the store's most recent big promotion (settings analytics.promotions).
 */
export const dateBoundSchema = z.union([
  localDate,
  strict({ daysAgo: z.number().int().min(0).max(36_500) }),
  strict({ monthsAgo: z.number().int().min(0).max(1_200) }),
  strict({ lastPromotion: z.enum(['start', 'end']) }),
]);
export type DateBound = z.infer<typeof dateBoundSchema>;

const text = z.string().trim().min(1).max(100);
const texts = z.array(text).min(1).max(LIMITS.values);
const count = z.number().int().min(0).max(1_000_000);
const days = z.number().int().min(1).max(36_500);
const fen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const score = z.number().int().min(1).max(5);

const dateRange = { from: dateBoundSchema.optional(), to: dateBoundSchema.optional().describe('inclusive') };
const boughtWhat = {
  products: z.array(z.number().int().min(1)).min(1).max(LIMITS.values).optional().describe('product ids'),
  categories: texts.optional(),
  skus: texts.optional(),
};
const oneOfWhat = (value: { products?: unknown; categories?: unknown; skus?: unknown }) =>
  [value.products, value.categories, value.skus].filter((list) => list !== undefined).length === 1;
const whatMessage = { message: 'give exactly one of products, categories or skus' };
const someBound = (value: object) =>
  Object.entries(value).some(([key, bound]) => key !== 'type' && bound !== undefined);
const boundMessage = { message: 'give at least one bound (min/max, from/to or gte/lt)' };

/** The conditions, one schema per `type`. */
export const conditionSchemas = [
  strict({ type: z.literal('gender'), is: z.enum([...genders, 'unknown']) }),
  z
    .strictObject({ type: z.literal('age'), min: count.optional(), max: count.optional() })
    .refine(someBound, boundMessage)
    .describe('whole years today (store time zone); customers without a birth year never match'),
  strict({
    type: z.literal('birthdayMonth'),
    month: z.union([z.number().int().min(1).max(12), z.enum(['current', 'next'])]),
  }),
  z
    .strictObject({ type: z.literal('region'), provinces: texts.optional(), cities: texts.optional() })
    .refine((v) => v.provinces !== undefined || v.cities !== undefined, {
      message: 'give provinces, cities or both',
    }),
  strict({ type: z.literal('occupation'), in: texts }),
  strict({ type: z.literal('creditLevel'), in: texts }),
  strict({
    type: z.literal('preference'),
    key: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .regex(/^[^"\\]*$/, 'a preference key has no " or \\'),
    value: z.string().trim().max(200),
  }),
  strict({ type: z.literal('tag'), tag: text, has: z.boolean().optional().describe('default true') }),
  strict({
    type: z.literal('consent'),
    channel: z.enum(consentChannels),
    is: z.enum(['allowed', 'refused', 'unknown']),
  }),
  z
    .strictObject({ type: z.literal('orderCount'), min: count.optional(), max: count.optional() })
    .refine(someBound, boundMessage),
  z
    .strictObject({ type: z.literal('totalSpent'), min: fen.optional(), max: fen.optional() })
    .refine(someBound, boundMessage)
    .describe('fen, inclusive'),
  strict({ type: z.literal('firstOrderDate'), ...dateRange }).refine(someBound, boundMessage),
  strict({ type: z.literal('lastOrderDate'), ...dateRange }).refine(someBound, boundMessage),
  z
    .strictObject({ type: z.literal('daysSinceLastOrder'), min: count.optional(), max: count.optional() })
    .refine(someBound, boundMessage)
    .describe('calendar days between the last purchase and today; non-buyers never match'),
  z
    .strictObject({
      type: z.literal('rfm'),
      score: z.enum(['r', 'f', 'm']),
      min: score.optional(),
      max: score.optional(),
    })
    .refine((v) => v.min !== undefined || v.max !== undefined, boundMessage),
  strict({
    type: z.literal('segment'),
    in: z.array(z.enum([...chineseSegments, ...englishSegments])).min(1),
  }),
  strict({ type: z.literal('lifecycle'), in: z.array(z.enum(lifecycleStates)).min(1) }),
  strict({ type: z.literal('core') }).describe('among the top 20% of buyers by spend (80/20)'),
  z
    .strictObject({
      type: z.literal('prediction'),
      field: z.enum(['pAlive', 'expected30', 'expected90', 'expected365', 'clv']),
      gte: z.number().min(0).optional(),
      lt: z.number().min(0).optional(),
    })
    .refine((v) => v.gte !== undefined || v.lt !== undefined, boundMessage)
    .describe('clv in fen; customers without a prediction never match'),
  z
    .strictObject({
      type: z.literal('percentile'),
      of: z.enum(['clv', 'potential']),
      top: z.number().int().min(1).max(100),
    })
    .describe('in the store’s top N% by predicted CLV, or by value if still active'),
  z
    .strictObject({
      type: z.literal('bought'),
      ...boughtWhat,
      ...dateRange,
      atLeast: z.number().int().min(1).max(1_000).optional().describe('orders, default 1'),
    })
    .refine(oneOfWhat, whatMessage),
  strict({ type: z.literal('neverBought'), ...boughtWhat, ...dateRange }).refine(oneOfWhat, whatMessage),
  strict({
    type: z.literal('messaged'),
    channel: z.string().trim().min(1).max(20).optional().describe('any channel when absent'),
    withinDays: days.describe('today and the N − 1 days before'),
  }),
  strict({
    type: z.literal('contacted'),
    channel: z.enum(contactChannels).optional(),
    withinDays: days,
  }),
  z
    .strictObject({ type: z.literal('audience'), id: z.number().int().min(1) })
    .describe('a member of this saved audience'),
  strict({
    type: z.literal('afterSales'),
    open: z.boolean().optional().describe('true: still open; false: resolved; absent: either'),
    kinds: z.array(z.enum(caseKinds)).min(1).optional().describe('any kind when absent'),
    withinDays: days.optional().describe('opened today or in the N − 1 days before; any time when absent'),
  }).describe('has an after-sales case (售后) like this'),
  strict({
    type: z.literal('answeredCampaign'),
    campaigns: z
      .array(z.number().int().min(1))
      .min(1)
      .max(LIMITS.values)
      .optional()
      .describe('campaign ids; any campaign when absent'),
    withinDays: days.optional().describe('the campaign went out today or in the N − 1 days before'),
  }).describe(
    'a target (not the control group) of a campaign who bought within its attribution window, as its results count',
  ),
  strict({
    type: z.literal('tier'),
    in: z
      .array(z.union([z.number().int().min(1), z.literal('none')]))
      .min(1)
      .max(LIMITS.values),
  }).describe('in one of these membership tiers (ids, src/loyalty); "none": in no tier'),
  strict({
    type: z.literal('tierChanged'),
    direction: z.enum(['up', 'down']).optional().describe('either when absent'),
    to: z
      .array(z.number().int().min(1))
      .min(1)
      .max(LIMITS.values)
      .optional()
      .describe('into one of these tiers (ids)'),
    withinDays: days.describe('today and the N − 1 days before'),
  }).describe('moved between membership tiers recently (the "tier changed" event)'),
] as const;

export type Condition = z.infer<(typeof conditionSchemas)[number]>;
export type ConditionType = Condition['type'];
export type AudienceNode =
  | { readonly type: 'and' | 'or'; readonly conditions: readonly AudienceNode[] }
  | { readonly type: 'not'; readonly condition: AudienceNode }
  | Condition;

export const audienceNodeSchema: z.ZodType<AudienceNode> = z.lazy(() =>
  z.discriminatedUnion('type', [
    strict({
      type: z.enum(['and', 'or']),
      conditions: z.array(audienceNodeSchema).min(1).max(LIMITS.nodes),
    }),
    strict({ type: z.literal('not'), condition: audienceNodeSchema }),
    ...conditionSchemas,
  ]),
);

/** A whole definition: who matches, minus the members of the saved audiences excluded. */
export const audienceDefinitionSchema = z
  .strictObject({
    where: audienceNodeSchema,
    exclude: z
      .array(z.number().int().min(1))
      .max(LIMITS.exclusions)
      .optional()
      .describe('ids of saved audiences whose members are left out'),
  })
  .superRefine((definition, context) => {
    const size = measure(definition.where);
    if (size.depth > LIMITS.depth)
      context.addIssue({
        code: 'custom',
        message: `groups nest ${size.depth} deep; at most ${LIMITS.depth}`,
      });
    if (size.nodes > LIMITS.nodes)
      context.addIssue({
        code: 'custom',
        message: `${size.nodes} conditions and groups; at most ${LIMITS.nodes}`,
      });
  });
export type AudienceDefinition = z.infer<typeof audienceDefinitionSchema>;

/** How deep the groups nest and how many nodes the tree has. */
export function measure(node: AudienceNode): { depth: number; nodes: number } {
  if (node.type === 'and' || node.type === 'or') {
    let depth = 0;
    let nodes = 1;
    for (const child of node.conditions) {
      const inner = measure(child);
      depth = Math.max(depth, inner.depth);
      nodes += inner.nodes;
    }
    return { depth: depth + 1, nodes };
  }
  if (node.type === 'not') {
    const inner = measure(node.condition);
    return { depth: inner.depth + 1, nodes: inner.nodes + 1 };
  }
  return { depth: 0, nodes: 1 };
}

/** The saved audiences a definition refers to, as members or as exclusions. */
export function referencedAudiences(definition: AudienceDefinition): number[] {
  const ids = new Set<number>(definition.exclude ?? []);
  const walk = (node: AudienceNode): void => {
    if (node.type === 'and' || node.type === 'or') node.conditions.forEach(walk);
    else if (node.type === 'not') walk(node.condition);
    else if (node.type === 'audience') ids.add(node.id);
  };
  walk(definition.where);
  return [...ids];
}

/** The campaigns a definition's `answeredCampaign` conditions name (saved audiences not included). */
export function referencedCampaigns(definition: AudienceDefinition): number[] {
  const ids = new Set<number>();
  const walk = (node: AudienceNode): void => {
    if (node.type === 'and' || node.type === 'or') node.conditions.forEach(walk);
    else if (node.type === 'not') walk(node.condition);
    else if (node.type === 'answeredCampaign') for (const id of node.campaigns ?? []) ids.add(id);
  };
  walk(definition.where);
  return [...ids];
}

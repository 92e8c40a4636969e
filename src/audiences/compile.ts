import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { DialectName } from '../db/database.js';
import { jsonText } from '../db/dialect/json-text.js';
import type { Schema } from '../db/schema.js';
import { LaokeError } from '../shared/errors.js';
import type { StoreId } from '../shared/ids.js';
import {
  ageBirthKeys,
  birthdayMonthOf,
  daysSinceBounds,
  instantRange,
  percentileFloor,
  withinDaysSince,
} from './bounds.js';
import type { AudienceCalendar } from './dates.js';
import type { AudienceDefinition, AudienceNode, Condition } from './definition.js';

// One compiler from an audience definition to a `where` over `customers`, the same SQL on SQLite
// and PostgreSQL (the one difference, reading a preference from JSON, is a dialect seam).
//
// Every condition yields TRUE or FALSE, never NULL: a comparison on a column that may be NULL is
// guarded by `is not null`, and history is EXISTS. So NOT is the complement within the store's
// customers, as an operator expects ("not in Zhejiang" includes customers without a province).

type Eb = ExpressionBuilder<Schema, 'customers'>;
type Bool = Expression<SqlBool>;

export interface CompileContext {
  readonly storeId: StoreId;
  readonly dialect: DialectName;
  readonly calendar: AudienceCalendar;
  /** Every saved audience the definition refers to, directly or through others. */
  readonly saved: ReadonlyMap<number, AudienceDefinition>;
}

/** The definition as a where-expression over `customers` (the caller scopes the store and liveness). */
export function compileAudience(definition: AudienceDefinition, context: CompileContext) {
  return (eb: Eb): Bool => compileDefinition(eb, definition, context, []);
}

function compileDefinition(
  eb: Eb,
  definition: AudienceDefinition,
  context: CompileContext,
  path: number[],
): Bool {
  const where = compileNode(eb, definition.where, context, path);
  const excluded = (definition.exclude ?? []).map((id) => eb.not(savedAudience(eb, id, context, path)));
  return excluded.length === 0 ? where : eb.and([where, ...excluded]);
}

function savedAudience(eb: Eb, id: number, context: CompileContext, path: number[]): Bool {
  if (path.includes(id))
    throw new LaokeError('audience.cycle', `Saved audience ${id} refers back to itself.`, {
      path: [...path, id],
    });
  const definition = context.saved.get(id);
  if (!definition)
    throw new LaokeError('audience.not_found', `No saved audience ${id} in this store.`, { id });
  return compileDefinition(eb, definition, context, [...path, id]);
}

function compileNode(eb: Eb, node: AudienceNode, context: CompileContext, path: number[]): Bool {
  switch (node.type) {
    case 'and':
      return eb.and(cheapestFirst(node.conditions).map((child) => compileNode(eb, child, context, path)));
    case 'or':
      return eb.or(cheapestFirst(node.conditions).map((child) => compileNode(eb, child, context, path)));
    case 'not':
      return eb.not(compileNode(eb, node.condition, context, path));
    case 'audience':
      return savedAudience(eb, node.id, context, path);
    default:
      return compileCondition(eb, node, context);
  }
}

// How dear a condition is per customer: the customer's own columns, then one probe of a covering
// index, then a probe of scores or predictions, then reading the customer's orders and lines.
// SQLite evaluates AND/OR terms in the order written and stops early, so the cheap ones go first
// (the same set either way: every term is TRUE or FALSE). See bench/README.md, "Audiences".
const costs: Partial<Record<AudienceNode['type'], number>> = {
  tag: 1,
  messaged: 1,
  contacted: 1,
  rfm: 2,
  segment: 2,
  lifecycle: 2,
  core: 2,
  prediction: 2,
  percentile: 2,
  bought: 4,
  neverBought: 4,
  audience: 5,
  and: 5,
  or: 5,
  afterSales: 1,
  answeredCampaign: 3,
  tier: 1,
  tierChanged: 1,
};
function cost(node: AudienceNode): number {
  if (node.type === 'not') return cost(node.condition);
  return costs[node.type] ?? 0;
}
function cheapestFirst(nodes: readonly AudienceNode[]): AudienceNode[] {
  return [...nodes].sort((a, b) => cost(a) - cost(b));
}

const DAY_MS = 86_400_000;
const TRUE = sql<SqlBool>`1 = 1`;
const FALSE = sql<SqlBool>`1 = 0`;

type NullableColumn =
  | 'gender'
  | 'birth_month'
  | 'province'
  | 'city'
  | 'occupation'
  | 'credit_level'
  | 'first_order_at'
  | 'last_order_at';

/** `column is not null and <comparison>`: FALSE, not NULL, for a customer without the value. */
function present(eb: Eb, column: NullableColumn, ...comparisons: Bool[]): Bool {
  return eb.and([eb(`customers.${column}`, 'is not', null), ...comparisons]);
}

function between(
  eb: Eb,
  column: Expression<unknown>,
  min: number | undefined,
  max: number | undefined,
): Bool {
  const parts: Bool[] = [];
  if (min !== undefined) parts.push(eb(column as never, '>=', min as never));
  if (max !== undefined) parts.push(eb(column as never, '<=', max as never));
  return parts.length === 1 ? parts[0]! : eb.and(parts);
}

function compileCondition(
  eb: Eb,
  condition: Exclude<Condition, { type: 'audience' }>,
  context: CompileContext,
): Bool {
  const { calendar } = context;
  const c = (column: string) => sql.ref(`customers.${column}`);
  switch (condition.type) {
    case 'gender':
      return condition.is === 'unknown'
        ? eb('customers.gender', 'is', null)
        : present(eb, 'gender', eb('customers.gender', '=', condition.is));
    case 'age': {
      // Born on or before this day N years ago ⇔ at least N years old today (ageOn in customers).
      const born = sql<number>`(${c('birth_year')} * 10000 + ${c('birth_month')} * 100 + ${c('birth_day')})`;
      const keys = ageBirthKeys(condition, calendar);
      const parts: Bool[] = [
        eb('customers.birth_year', 'is not', null),
        eb('customers.birth_month', 'is not', null),
        eb('customers.birth_day', 'is not', null),
      ];
      if (keys.atMost !== undefined) parts.push(eb(born, '<=', keys.atMost));
      if (keys.after !== undefined) parts.push(eb(born, '>', keys.after));
      return eb.and(parts);
    }
    case 'birthdayMonth':
      return present(
        eb,
        'birth_month',
        eb('customers.birth_month', '=', birthdayMonthOf(condition, calendar)),
      );
    case 'region': {
      const parts: Bool[] = [];
      if (condition.provinces)
        parts.push(present(eb, 'province', eb('customers.province', 'in', condition.provinces)));
      if (condition.cities) parts.push(present(eb, 'city', eb('customers.city', 'in', condition.cities)));
      return eb.and(parts);
    }
    case 'occupation':
      return present(eb, 'occupation', eb('customers.occupation', 'in', condition.in));
    case 'creditLevel':
      return present(eb, 'credit_level', eb('customers.credit_level', 'in', condition.in));
    case 'preference': {
      const value = jsonText[context.dialect](c('preferences'), condition.key);
      return eb.and([eb(value, 'is not', null), eb(value, '=', condition.value)]);
    }
    case 'tag': {
      const tagged = eb.exists(
        eb
          .selectFrom('customer_tags as t')
          .select(sql`1`.as('one'))
          .whereRef('t.store_id', '=', 'customers.store_id')
          .whereRef('t.customer_id', '=', 'customers.id')
          .where('t.tag', '=', condition.tag),
      );
      return condition.has === false ? eb.not(tagged) : tagged;
    }
    case 'consent': {
      const column = `customers.consent_${condition.channel}` as const;
      if (condition.is === 'unknown') return eb(column, 'is', null);
      return eb.and([eb(column, 'is not', null), eb(column, '=', condition.is === 'allowed' ? 1 : 0)]);
    }
    case 'orderCount':
      return between(eb, c('order_count'), condition.min, condition.max);
    case 'totalSpent':
      return between(eb, c('total_spent'), condition.min, condition.max);
    case 'firstOrderDate':
    case 'lastOrderDate': {
      const column = condition.type === 'firstOrderDate' ? 'first_order_at' : 'last_order_at';
      const range = instantRange(condition, calendar);
      if (range === null) return FALSE;
      const parts: Bool[] = [];
      if (range.from !== undefined) parts.push(eb(`customers.${column}`, '>=', range.from as never));
      if (range.to !== undefined) parts.push(eb(`customers.${column}`, '<', range.to as never));
      return present(eb, column, ...parts);
    }
    case 'daysSinceLastOrder': {
      const bounds = daysSinceBounds(condition, calendar);
      const parts: Bool[] = [];
      if (bounds.before !== undefined) parts.push(eb('customers.last_order_at', '<', bounds.before as never));
      if (bounds.since !== undefined) parts.push(eb('customers.last_order_at', '>=', bounds.since as never));
      return present(eb, 'last_order_at', ...parts);
    }
    case 'rfm':
    case 'segment':
    case 'lifecycle':
    case 'core':
      return scoresMatch(eb, condition);
    case 'prediction':
    case 'percentile':
      return predictionMatch(eb, condition);
    case 'bought':
    case 'neverBought':
      return purchaseMatch(eb, condition, context);
    case 'messaged': {
      const since = withinDaysSince(condition.withinDays, calendar);
      let sent = eb
        .selectFrom('messages as m')
        .select(sql`1`.as('one'))
        .whereRef('m.store_id', '=', 'customers.store_id')
        .whereRef('m.customer_id', '=', 'customers.id')
        .where('m.sent_at', '>=', since as never);
      if (condition.channel !== undefined) sent = sent.where('m.channel', '=', condition.channel);
      return eb.exists(sent);
    }
    case 'contacted': {
      const since = withinDaysSince(condition.withinDays, calendar);
      let contacted = eb
        .selectFrom('customer_contacts as k')
        .select(sql`1`.as('one'))
        .whereRef('k.store_id', '=', 'customers.store_id')
        .whereRef('k.customer_id', '=', 'customers.id')
        .where('k.contacted_at', '>=', since as never);
      if (condition.channel !== undefined) contacted = contacted.where('k.channel', '=', condition.channel);
      return eb.exists(contacted);
    }
    case 'afterSales': {
      let cases = eb
        .selectFrom('after_sales_cases as a')
        .select(sql`1`.as('one'))
        .whereRef('a.store_id', '=', 'customers.store_id')
        .whereRef('a.customer_id', '=', 'customers.id');
      if (condition.open !== undefined)
        cases = cases.where('a.status', '=', condition.open ? 'open' : 'resolved');
      if (condition.kinds !== undefined) cases = cases.where('a.kind', 'in', condition.kinds);
      if (condition.withinDays !== undefined) {
        const since = withinDaysSince(condition.withinDays, calendar);
        cases = cases.where('a.opened_at', '>=', since as never);
      }
      return eb.exists(cases);
    }
    case 'answeredCampaign':
      return answeredCampaign(eb, condition, context);
    case 'tier': {
      // A probe of customer_tiers' primary key; "none" is its absence.
      const held = eb
        .selectFrom('customer_tiers as ct')
        .select(sql`1`.as('one'))
        .whereRef('ct.store_id', '=', 'customers.store_id')
        .whereRef('ct.customer_id', '=', 'customers.id');
      const ids = condition.in.filter((value): value is number => value !== 'none');
      const parts: Bool[] = [];
      if (ids.length > 0) parts.push(eb.exists(held.where('ct.tier_id', 'in', ids)));
      if (condition.in.includes('none')) parts.push(eb.not(eb.exists(held)));
      return parts.length === 1 ? parts[0]! : eb.or(parts);
    }
    case 'tierChanged': {
      // A range of tier_changes' (store, customer, at) index.
      const since = withinDaysSince(condition.withinDays, calendar);
      let moved = eb
        .selectFrom('tier_changes as tc')
        .select(sql`1`.as('one'))
        .whereRef('tc.store_id', '=', 'customers.store_id')
        .whereRef('tc.customer_id', '=', 'customers.id')
        .where('tc.at', '>=', since as never);
      if (condition.direction !== undefined) moved = moved.where('tc.direction', '=', condition.direction);
      if (condition.to !== undefined) moved = moved.where('tc.to_tier_id', 'in', condition.to);
      return eb.exists(moved);
    }
    default:
      throw new Error(`Unknown audience condition ${JSON.stringify(condition satisfies never)}`);
  }
}

type ScoreCondition = Extract<Condition, { type: 'rfm' | 'segment' | 'lifecycle' | 'core' }>;

function scoresMatch(eb: Eb, condition: ScoreCondition): Bool {
  const scores = eb
    .selectFrom('customer_scores as s')
    .select(sql`1`.as('one'))
    .whereRef('s.store_id', '=', 'customers.store_id')
    .whereRef('s.customer_id', '=', 'customers.id');
  switch (condition.type) {
    case 'rfm': {
      const column = `s.rfm_${condition.score}` as const;
      let q = scores;
      if (condition.min !== undefined) q = q.where(column, '>=', condition.min);
      if (condition.max !== undefined) q = q.where(column, '<=', condition.max);
      return eb.exists(q);
    }
    case 'segment':
      return eb.exists(
        scores.where((s) =>
          s.or([s('s.segment_cn', 'in', condition.in), s('s.segment_en', 'in', condition.in)]),
        ),
      );
    case 'lifecycle':
      return eb.exists(scores.where('s.lifecycle', 'in', condition.in));
    case 'core':
      return eb.exists(scores.where('s.is_core', '=', 1));
  }
}

type PredictionCondition = Extract<Condition, { type: 'prediction' | 'percentile' }>;

const predictionColumns = {
  pAlive: 'p_alive',
  expected30: 'expected_30',
  expected90: 'expected_90',
  expected365: 'expected_365',
  clv: 'clv',
} as const;

function predictionMatch(eb: Eb, condition: PredictionCondition): Bool {
  let predicted = eb
    .selectFrom('customer_predictions as p')
    .select(sql`1`.as('one'))
    .whereRef('p.store_id', '=', 'customers.store_id')
    .whereRef('p.customer_id', '=', 'customers.id');
  if (condition.type === 'percentile') {
    const column = condition.of === 'clv' ? 'p.clv_percentile' : 'p.potential_percentile';
    return eb.exists(predicted.where(column, '>', percentileFloor(condition.top)));
  }
  const column = `p.${predictionColumns[condition.field]}` as const;
  // CLV is whole fen in a bigint column, which PostgreSQL will not compare with 0.5: for integers,
  // x ≥ a ⇔ x ≥ ⌈a⌉ and x < b ⇔ x < ⌈b⌉.
  const bound = (value: number) => (condition.field === 'clv' ? Math.ceil(value) : value);
  if (condition.gte !== undefined) predicted = predicted.where(column, '>=', bound(condition.gte));
  if (condition.lt !== undefined) predicted = predicted.where(column, '<', bound(condition.lt));
  return eb.exists(predicted);
}

type PurchaseCondition = Extract<Condition, { type: 'bought' | 'neverBought' }>;

/** Purchases (orders that count) holding a matching line, in the date range. */
function purchaseMatch(eb: Eb, condition: PurchaseCondition, context: CompileContext): Bool {
  const range = instantRange(condition, context.calendar);
  if (range === null) return condition.type === 'bought' ? FALSE : TRUE;
  let orders = eb
    .selectFrom('orders as o')
    .innerJoin('order_items as i', (join) =>
      join.onRef('i.store_id', '=', 'o.store_id').onRef('i.order_id', '=', 'o.id'),
    )
    .whereRef('o.store_id', '=', 'customers.store_id')
    .whereRef('o.customer_id', '=', 'customers.id')
    .where('o.is_purchase', '=', 1);
  if (range.from !== undefined) orders = orders.where('o.ordered_at', '>=', range.from as never);
  if (range.to !== undefined) orders = orders.where('o.ordered_at', '<', range.to as never);
  if (condition.products) orders = orders.where('i.product_id', 'in', condition.products as never[]);
  if (condition.skus) orders = orders.where('i.sku', 'in', condition.skus);
  if (condition.categories) {
    const categories = condition.categories;
    orders = orders.where('i.product_id', 'in', (inner) =>
      inner
        .selectFrom('products as pr')
        .select('pr.id')
        .where('pr.store_id', '=', context.storeId)
        .where('pr.category', 'in', categories),
    );
  }
  const atLeast = condition.type === 'bought' ? (condition.atLeast ?? 1) : 1;
  if (atLeast > 1) {
    const times = orders.select(sql<number>`count(distinct o.id)`.as('n'));
    return eb(times, '>=', atLeast);
  }
  const any = eb.exists(orders.select(sql`1`.as('one')));
  return condition.type === 'bought' ? any : eb.not(any);
}

/**
 * Targets (not the control group) of the campaigns who bought in a campaign's attribution window:
 * from the later of its freezing and its scheduled start, for attribution_days (as
 * src/campaigns/results.ts counts). One uncorrelated set, built once per query from the
 * campaigns' members, then probed per customer: campaign_members has no index by customer.
 */
function answeredCampaign(
  eb: Eb,
  condition: Extract<Condition, { type: 'answeredCampaign' }>,
  context: CompileContext,
): Bool {
  const windowStart = sql<number>`(case when coalesce(c.starts_at, 0) > c.frozen_at then c.starts_at else c.frozen_at end)`;
  const windowEnd = sql<number>`(${windowStart} + c.attribution_days * cast(${DAY_MS} as bigint))`;
  let responders = eb
    .selectFrom('campaigns as c')
    .innerJoin('campaign_members as cm', (join) =>
      join.onRef('cm.store_id', '=', 'c.store_id').onRef('cm.campaign_id', '=', 'c.id'),
    )
    .innerJoin('orders as o', (join) =>
      join.onRef('o.store_id', '=', 'cm.store_id').onRef('o.customer_id', '=', 'cm.customer_id'),
    )
    .select('cm.customer_id')
    .where('c.store_id', '=', context.storeId)
    .where('c.frozen_at', 'is not', null)
    .where('cm.is_control', '=', 0)
    .where('o.is_purchase', '=', 1)
    .where('o.ordered_at', '>=', windowStart as never)
    .where('o.ordered_at', '<', windowEnd as never);
  if (condition.campaigns !== undefined) responders = responders.where('c.id', 'in', condition.campaigns);
  if (condition.withinDays !== undefined) {
    const { calendar } = context;
    const since = withinDaysSince(condition.withinDays, calendar);
    responders = responders.where(windowStart, '>=', since);
  }
  return eb('customers.id', 'in', responders);
}

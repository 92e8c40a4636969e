import {
  ageBirthKeys,
  birthdayMonthOf,
  daysSinceBounds,
  instantRange,
  percentileFloor,
  withinDaysSince,
} from '../bounds.js';
import type { AudienceCalendar } from '../dates.js';
import type { AudienceDefinition, AudienceNode, Condition } from '../definition.js';
import type {
  AnalysisColumns,
  CareColumns,
  LatestColumns,
  ProfileColumns,
  PurchaseColumns,
  Roster,
} from './columns.js';

// An audience definition evaluated over a store's columns (columns.ts): one pass per condition
// over typed arrays, giving a byte per customer (1: a member). The same meaning as the SQL
// compiler (compile.ts), with the calendar arithmetic shared through bounds.ts; every condition is
// TRUE or FALSE for every customer, so NOT is the complement, as there.

export interface StoreColumns {
  readonly roster: Roster;
  readonly profile: ProfileColumns;
  readonly analysis: AnalysisColumns;
  readonly purchases: PurchaseColumns;
  readonly messages: LatestColumns;
  readonly contacts: LatestColumns;
  readonly care: CareColumns;
}

export interface EvaluationContext {
  readonly calendar: AudienceCalendar;
  /** Every saved audience the definition refers to, directly or through others. */
  readonly saved: ReadonlyMap<number, AudienceDefinition>;
}

type Mask = Uint8Array;

/**
 * Whether this evaluator knows every condition of a definition and of the saved audiences it
 * refers to; when not, the count is the database's.
 */
export function evaluable(
  definition: AudienceDefinition,
  saved: ReadonlyMap<number, AudienceDefinition>,
): boolean {
  const seen = new Set<number>();
  const visitDefinition = (d: AudienceDefinition): boolean =>
    visit(d.where) && (d.exclude ?? []).every((id) => visitSaved(id));
  const visitSaved = (id: number): boolean => {
    if (seen.has(id)) return true;
    seen.add(id);
    const d = saved.get(id);
    return d !== undefined && visitDefinition(d);
  };
  const visit = (node: AudienceNode): boolean => {
    switch (node.type) {
      case 'and':
      case 'or':
        return node.conditions.every(visit);
      case 'not':
        return visit(node.condition);
      case 'audience':
        return visitSaved(node.id);
      default:
        return known.has(node.type);
    }
  };
  return visitDefinition(definition);
}

const known = new Set<string>([
  'gender',
  'age',
  'birthdayMonth',
  'region',
  'occupation',
  'creditLevel',
  'preference',
  'tag',
  'consent',
  'orderCount',
  'totalSpent',
  'firstOrderDate',
  'lastOrderDate',
  'daysSinceLastOrder',
  'rfm',
  'segment',
  'lifecycle',
  'core',
  'prediction',
  'percentile',
  'bought',
  'neverBought',
  'messaged',
  'contacted',
  'tier',
  'tierChanged',
  'afterSales',
] satisfies Exclude<Condition['type'], 'audience'>[]);

/** The members of a definition: a byte per entry of the roster, 1 for a member. */
export function evaluateAudience(
  columns: StoreColumns,
  definition: AudienceDefinition,
  context: EvaluationContext,
): Mask {
  return new Evaluator(columns, context).definition(definition);
}

/** How many members a mask holds, and the first `sample` of their customer ids. */
export function summarize(
  columns: StoreColumns,
  mask: Mask,
  sample: number,
): { count: number; sample: number[] } {
  let count = 0;
  const ids: number[] = [];
  for (let i = 0; i < mask.length; i++)
    if (mask[i] === 1) {
      if (count < sample) ids.push(columns.roster.ids[i]!);
      count++;
    }
  return { count, sample: ids };
}

class Evaluator {
  private readonly n: number;
  private readonly savedMasks = new Map<number, Mask>();

  constructor(
    private readonly columns: StoreColumns,
    private readonly context: EvaluationContext,
  ) {
    this.n = columns.roster.size;
  }

  definition(definition: AudienceDefinition): Mask {
    const mask = this.node(definition.where);
    for (const id of definition.exclude ?? []) andNot(mask, this.saved(id));
    return mask;
  }

  private saved(id: number): Mask {
    let mask = this.savedMasks.get(id);
    if (!mask) {
      const definition = this.context.saved.get(id);
      if (!definition) throw new Error(`saved audience ${id} was not resolved`);
      mask = this.definition(definition);
      this.savedMasks.set(id, mask);
    }
    return mask;
  }

  private node(node: AudienceNode): Mask {
    switch (node.type) {
      case 'and': {
        const mask = this.all(1);
        for (const child of node.conditions) and(mask, this.node(child));
        return mask;
      }
      case 'or': {
        const mask = this.all(0);
        for (const child of node.conditions) or(mask, this.node(child));
        return mask;
      }
      case 'not':
        return invert(this.node(node.condition));
      case 'audience':
        return this.saved(node.id).slice();
      default:
        return this.condition(node);
    }
  }

  private all(value: 0 | 1): Mask {
    const mask = new Uint8Array(this.n);
    if (value === 1) mask.fill(1);
    return mask;
  }

  private entries(list: readonly number[] | undefined): Mask {
    const mask = new Uint8Array(this.n);
    for (const i of list ?? []) mask[i] = 1;
    return mask;
  }

  private condition(condition: Exclude<Condition, { type: 'audience' }>): Mask {
    const { profile: p, analysis: a } = this.columns;
    const { calendar } = this.context;
    const n = this.n;
    switch (condition.type) {
      case 'gender':
        return equalTo(p.gender, condition.is === 'unknown' ? 0 : condition.is === 'female' ? 1 : 2, n);
      case 'age': {
        const { atMost, after } = ageBirthKeys(condition, calendar);
        // A missing birthday is 0, below any bound: "after" excludes it, and so must "at most".
        return within(p.birthKey, after === undefined ? 1 : after + 1, atMost ?? Number.POSITIVE_INFINITY, n);
      }
      case 'birthdayMonth':
        return equalTo(p.birthMonth, birthdayMonthOf(condition, calendar), n);
      case 'region': {
        const mask = this.all(1);
        if (condition.provinces) and(mask, codedIn(p.province, p.regions.lookup(condition.provinces), n));
        if (condition.cities) and(mask, codedIn(p.city, p.regions.lookup(condition.cities), n));
        return mask;
      }
      case 'occupation':
        return codedIn(p.occupation, p.occupations.lookup(condition.in), n);
      case 'creditLevel':
        return codedIn(p.creditLevel, p.creditLevels.lookup(condition.in), n);
      case 'preference':
        return this.entries(p.preferences.get(condition.key)?.get(condition.value));
      case 'tag': {
        const mask = this.entries(p.tags.get(condition.tag));
        return condition.has === false ? invert(mask) : mask;
      }
      case 'consent':
        return equalTo(
          p.consent[condition.channel],
          condition.is === 'unknown' ? -1 : condition.is === 'allowed' ? 1 : 0,
          n,
        );
      case 'orderCount':
        return within(
          p.orderCount,
          condition.min ?? Number.NEGATIVE_INFINITY,
          condition.max ?? Number.POSITIVE_INFINITY,
          n,
        );
      case 'totalSpent':
        return within(
          p.totalSpent,
          condition.min ?? Number.NEGATIVE_INFINITY,
          condition.max ?? Number.POSITIVE_INFINITY,
          n,
        );
      case 'firstOrderDate':
      case 'lastOrderDate': {
        const range = instantRange(condition, calendar);
        if (range === null) return this.all(0);
        const column = condition.type === 'firstOrderDate' ? p.firstOrderAt : p.lastOrderAt;
        return halfOpen(
          column,
          range.from ?? Number.NEGATIVE_INFINITY,
          range.to ?? Number.POSITIVE_INFINITY,
          n,
        );
      }
      case 'daysSinceLastOrder': {
        const { before, since } = daysSinceBounds(condition, calendar);
        return halfOpen(
          p.lastOrderAt,
          since ?? Number.NEGATIVE_INFINITY,
          before ?? Number.POSITIVE_INFINITY,
          n,
        );
      }
      case 'rfm': {
        const mask = within(
          a.rfm[condition.score],
          condition.min ?? Number.NEGATIVE_INFINITY,
          condition.max ?? Number.POSITIVE_INFINITY,
          n,
        );
        return and(mask, a.scored);
      }
      case 'segment': {
        const wanted = a.segments.lookup(condition.in);
        return and(or(codedIn(a.segmentCn, wanted, n), codedIn(a.segmentEn, wanted, n)), a.scored);
      }
      case 'lifecycle':
        return codedIn(a.lifecycle, a.segments.lookup(condition.in), n);
      case 'core':
        return a.core.slice();
      case 'prediction': {
        const column = {
          pAlive: a.pAlive,
          expected30: a.expected30,
          expected90: a.expected90,
          expected365: a.expected365,
          clv: a.clv,
        }[condition.field];
        const mask = halfOpen(
          column,
          condition.gte ?? Number.NEGATIVE_INFINITY,
          condition.lt ?? Number.POSITIVE_INFINITY,
          n,
        );
        return and(mask, a.predicted);
      }
      case 'percentile': {
        const column = condition.of === 'clv' ? a.clvPercentile : a.potentialPercentile;
        return and(
          within(column, percentileFloor(condition.top) + 1, Number.POSITIVE_INFINITY, n),
          a.predicted,
        );
      }
      case 'bought':
      case 'neverBought':
        return this.purchases(condition);
      case 'messaged':
        return this.since(
          this.columns.messages,
          condition.channel,
          withinDaysSince(condition.withinDays, calendar),
        );
      case 'contacted':
        return this.since(
          this.columns.contacts,
          condition.channel,
          withinDaysSince(condition.withinDays, calendar),
        );
      case 'tier': {
        const ids = new Set(condition.in.filter((value): value is number => value !== 'none'));
        const none = condition.in.includes('none');
        const tier = this.columns.care.tier;
        const mask = new Uint8Array(n);
        for (let i = 0; i < n; i++) if (tier[i]! < 0 ? none : ids.has(tier[i]!)) mask[i] = 1;
        return mask;
      }
      case 'tierChanged': {
        const since = withinDaysSince(condition.withinDays, calendar);
        const up = condition.direction === undefined ? -1 : condition.direction === 'up' ? 1 : 0;
        const to = condition.to ? new Set(condition.to) : null;
        const moves = this.columns.care.moves;
        const mask = new Uint8Array(n);
        for (let k = 0; k < moves.entry.length; k++)
          if (
            moves.at[k]! >= since &&
            (up < 0 || moves.up[k] === up) &&
            (to === null || (moves.to[k]! >= 0 && to.has(moves.to[k]!)))
          )
            mask[moves.entry[k]!] = 1;
        return mask;
      }
      case 'afterSales': {
        const since =
          condition.withinDays === undefined
            ? Number.NEGATIVE_INFINITY
            : withinDaysSince(condition.withinDays, calendar);
        const open = condition.open === undefined ? -1 : condition.open ? 1 : 0;
        const cases = this.columns.care.cases;
        const kinds = condition.kinds ? cases.kinds.lookup(condition.kinds) : null;
        const mask = new Uint8Array(n);
        for (let k = 0; k < cases.entry.length; k++)
          if (
            cases.openedAt[k]! >= since &&
            (open < 0 || cases.open[k] === open) &&
            (kinds === null || kinds[cases.kind[k]!] === 1)
          )
            mask[cases.entry[k]!] = 1;
        return mask;
      }
      case 'answeredCampaign':
        // evaluable() leaves it to the database (campaign members against orders in each window).
        throw new Error(`The ${condition.type} condition is counted in the database`);
      default:
        throw new Error(`Unknown audience condition ${JSON.stringify(condition satisfies never)}`);
    }
  }

  private since(latest: LatestColumns, channel: string | undefined, since: number): Mask {
    const column = channel === undefined ? latest.any : latest.byChannel.get(channel);
    if (!column) return this.all(0);
    return halfOpen(column, since, Number.POSITIVE_INFINITY, this.n); // NaN: never
  }

  /** Customers with at least N purchases holding a matching line in the range (or with none). */
  private purchases(condition: Extract<Condition, { type: 'bought' | 'neverBought' }>): Mask {
    const range = instantRange(condition, this.context.calendar);
    if (range === null) return this.all(condition.type === 'bought' ? 0 : 1);
    const lines = this.columns.purchases;
    const from = range.from ?? Number.NEGATIVE_INFINITY;
    const to = range.to ?? Number.POSITIVE_INFINITY;
    const times = new Uint32Array(this.n);
    const counted = new Uint8Array(lines.orders); // an order counts once, however many lines match
    const count = (start: number, end: number, skus: Uint8Array | null) => {
      for (let k = start; k < end; k++) {
        const entry = lines.entry[k]!;
        const at = lines.at[k]!;
        if (entry < 0 || at < from || at >= to) continue;
        if (skus !== null && (lines.sku[k]! < 0 || skus[lines.sku[k]!] !== 1)) continue;
        const order = lines.order[k]!;
        if (counted[order] === 0) {
          counted[order] = 1;
          times[entry]!++;
        }
      }
    };
    // The definition names exactly one of products, SKUs or categories.
    if (condition.products)
      for (const product of new Set(condition.products)) {
        const slice = lines.productSlices.get(product);
        if (slice) count(slice[0], slice[1], null);
      }
    else if (condition.categories)
      for (const category of new Set(condition.categories)) {
        const slice = lines.categorySlices.get(category);
        if (slice) count(slice[0], slice[1], null);
      }
    else if (condition.skus) count(0, lines.length, lines.skus.lookup(condition.skus));
    const atLeast = condition.type === 'bought' ? (condition.atLeast ?? 1) : 1;
    const mask = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) if (times[i]! >= atLeast) mask[i] = 1;
    return condition.type === 'neverBought' ? invert(mask) : mask;
  }
}

// The kernels: one plain loop each over typed arrays, so V8 compiles each for the few array types
// it meets (a callback per entry would be a call that is never inlined, several times slower).

function equalTo(column: Int8Array | Int32Array, value: number, n: number): Mask {
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (column[i] === value) mask[i] = 1;
  return mask;
}

/** lo ≤ value ≤ hi; NaN is never within. */
function within(column: Float64Array | Int32Array | Int8Array, lo: number, hi: number, n: number): Mask {
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const value = column[i]!;
    if (value >= lo && value <= hi) mask[i] = 1;
  }
  return mask;
}

/** lo ≤ value < hi; NaN is never within. */
function halfOpen(column: Float64Array, lo: number, hi: number, n: number): Mask {
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const value = column[i]!;
    if (value >= lo && value < hi) mask[i] = 1;
  }
  return mask;
}

/** A code (−1: none) among those a lookup table marks. */
function codedIn(column: Int32Array, wanted: Uint8Array, n: number): Mask {
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const code = column[i]!;
    if (code >= 0 && wanted[code] === 1) mask[i] = 1;
  }
  return mask;
}

function and(mask: Mask, other: Uint8Array): Mask {
  for (let i = 0; i < mask.length; i++) mask[i]! &= other[i]!;
  return mask;
}

function andNot(mask: Mask, other: Uint8Array): Mask {
  for (let i = 0; i < mask.length; i++) mask[i]! &= other[i]! ^ 1;
  return mask;
}

function or(mask: Mask, other: Uint8Array): Mask {
  for (let i = 0; i < mask.length; i++) mask[i]! |= other[i]!;
  return mask;
}

function invert(mask: Mask): Mask {
  for (let i = 0; i < mask.length; i++) mask[i]! ^= 1;
  return mask;
}

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
import type { AnalysisColumns, LatestColumns, ProfileColumns, PurchaseColumns, Roster } from './columns.js';

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
    for (const id of definition.exclude ?? []) {
      const excluded = this.saved(id);
      for (let i = 0; i < this.n; i++) mask[i]! &= excluded[i]! ^ 1;
    }
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
        for (const child of node.conditions) {
          const m = this.node(child);
          for (let i = 0; i < this.n; i++) mask[i]! &= m[i]!;
        }
        return mask;
      }
      case 'or': {
        const mask = this.all(0);
        for (const child of node.conditions) {
          const m = this.node(child);
          for (let i = 0; i < this.n; i++) mask[i]! |= m[i]!;
        }
        return mask;
      }
      case 'not': {
        const mask = this.node(node.condition);
        for (let i = 0; i < this.n; i++) mask[i]! ^= 1;
        return mask;
      }
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

  private where(test: (i: number) => boolean): Mask {
    const mask = new Uint8Array(this.n);
    for (let i = 0; i < this.n; i++) if (test(i)) mask[i] = 1;
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
    switch (condition.type) {
      case 'gender': {
        const want = condition.is === 'unknown' ? 0 : condition.is === 'female' ? 1 : 2;
        return this.where((i) => p.gender[i] === want);
      }
      case 'age': {
        const { atMost, after } = ageBirthKeys(condition, calendar);
        return this.where((i) => {
          const key = p.birthKey[i]!;
          return key !== 0 && (atMost === undefined || key <= atMost) && (after === undefined || key > after);
        });
      }
      case 'birthdayMonth': {
        const month = birthdayMonthOf(condition, calendar);
        return this.where((i) => p.birthMonth[i] === month);
      }
      case 'region': {
        const provinces = condition.provinces ? p.regions.lookup(condition.provinces) : null;
        const cities = condition.cities ? p.regions.lookup(condition.cities) : null;
        return this.where(
          (i) =>
            (provinces === null || (p.province[i]! >= 0 && provinces[p.province[i]!] === 1)) &&
            (cities === null || (p.city[i]! >= 0 && cities[p.city[i]!] === 1)),
        );
      }
      case 'occupation':
        return this.coded(p.occupation, p.occupations.lookup(condition.in));
      case 'creditLevel':
        return this.coded(p.creditLevel, p.creditLevels.lookup(condition.in));
      case 'preference':
        return this.entries(p.preferences.get(condition.key)?.get(condition.value));
      case 'tag': {
        const mask = this.entries(p.tags.get(condition.tag));
        if (condition.has === false) for (let i = 0; i < this.n; i++) mask[i]! ^= 1;
        return mask;
      }
      case 'consent': {
        const column = p.consent[condition.channel];
        const want = condition.is === 'unknown' ? -1 : condition.is === 'allowed' ? 1 : 0;
        return this.where((i) => column[i] === want);
      }
      case 'orderCount':
        return this.between(p.orderCount, condition.min, condition.max);
      case 'totalSpent':
        return this.between(p.totalSpent, condition.min, condition.max);
      case 'firstOrderDate':
      case 'lastOrderDate': {
        const column = condition.type === 'firstOrderDate' ? p.firstOrderAt : p.lastOrderAt;
        const range = instantRange(condition, calendar);
        if (range === null) return this.all(0);
        const from = range.from ?? Number.NEGATIVE_INFINITY;
        const to = range.to ?? Number.POSITIVE_INFINITY;
        return this.where((i) => column[i]! >= from && column[i]! < to); // NaN fails both
      }
      case 'daysSinceLastOrder': {
        const { before, since } = daysSinceBounds(condition, calendar);
        const lo = since ?? Number.NEGATIVE_INFINITY;
        const hi = before ?? Number.POSITIVE_INFINITY;
        return this.where((i) => p.lastOrderAt[i]! >= lo && p.lastOrderAt[i]! < hi);
      }
      case 'rfm': {
        const column = a.rfm[condition.score];
        const min = condition.min ?? Number.NEGATIVE_INFINITY;
        const max = condition.max ?? Number.POSITIVE_INFINITY;
        return this.where((i) => a.scored[i] === 1 && column[i]! >= min && column[i]! <= max);
      }
      case 'segment': {
        const wanted = a.segments.lookup(condition.in);
        return this.where(
          (i) => a.scored[i] === 1 && (wanted[a.segmentCn[i]!] === 1 || wanted[a.segmentEn[i]!] === 1),
        );
      }
      case 'lifecycle': {
        const wanted = a.segments.lookup(condition.in);
        return this.where((i) => a.lifecycle[i]! >= 0 && wanted[a.lifecycle[i]!] === 1);
      }
      case 'core':
        return this.where((i) => a.core[i] === 1);
      case 'prediction': {
        const column = {
          pAlive: a.pAlive,
          expected30: a.expected30,
          expected90: a.expected90,
          expected365: a.expected365,
          clv: a.clv,
        }[condition.field];
        const gte = condition.gte ?? Number.NEGATIVE_INFINITY;
        const lt = condition.lt ?? Number.POSITIVE_INFINITY;
        return this.where((i) => a.predicted[i] === 1 && column[i]! >= gte && column[i]! < lt);
      }
      case 'percentile': {
        const column = condition.of === 'clv' ? a.clvPercentile : a.potentialPercentile;
        const floor = percentileFloor(condition.top);
        return this.where((i) => a.predicted[i] === 1 && column[i]! > floor);
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
      default:
        throw new Error(`Unknown audience condition ${JSON.stringify(condition satisfies never)}`);
    }
  }

  private coded(column: Int32Array, wanted: Uint8Array): Mask {
    return this.where((i) => column[i]! >= 0 && wanted[column[i]!] === 1);
  }

  private between(column: Float64Array, min: number | undefined, max: number | undefined): Mask {
    const lo = min ?? Number.NEGATIVE_INFINITY;
    const hi = max ?? Number.POSITIVE_INFINITY;
    return this.where((i) => column[i]! >= lo && column[i]! <= hi);
  }

  private since(latest: LatestColumns, channel: string | undefined, since: number): Mask {
    const column = channel === undefined ? latest.any : latest.byChannel.get(channel);
    if (!column) return this.all(0);
    return this.where((i) => column[i]! >= since); // NaN: never
  }

  /** Customers with at least N purchases holding a matching line in the range (or with none). */
  private purchases(condition: Extract<Condition, { type: 'bought' | 'neverBought' }>): Mask {
    const range = instantRange(condition, this.context.calendar);
    if (range === null) return this.all(condition.type === 'bought' ? 0 : 1);
    const lines = this.columns.purchases;
    const from = range.from ?? Number.NEGATIVE_INFINITY;
    const to = range.to ?? Number.POSITIVE_INFINITY;
    const products = condition.products ? new Set(condition.products) : null;
    const skus = condition.skus ? lines.skus.lookup(condition.skus) : null;
    const categories = condition.categories ? lines.categories.lookup(condition.categories) : null;
    const times = new Uint32Array(this.n);
    const lastOrder = new Float64Array(this.n).fill(-1);
    for (let k = 0; k < lines.length; k++) {
      const entry = lines.entry[k]!;
      if (entry < 0) continue;
      const at = lines.at[k]!;
      if (at < from || at >= to) continue;
      if (products !== null && !products.has(lines.product[k]!)) continue;
      if (skus !== null && (lines.sku[k]! < 0 || skus[lines.sku[k]!] !== 1)) continue;
      if (categories !== null && (lines.category[k]! < 0 || categories[lines.category[k]!] !== 1)) continue;
      const order = lines.order[k]!;
      if (lastOrder[entry] !== order) {
        lastOrder[entry] = order;
        times[entry]!++;
      }
    }
    if (condition.type === 'neverBought') return this.where((i) => times[i] === 0);
    const atLeast = condition.atLeast ?? 1;
    return this.where((i) => times[i]! >= atLeast);
  }
}

import {
  type ConsentChannel,
  type CustomerSort,
  consentChannels,
  type ListParams,
  sortKeys,
} from '../types.js';

// The list's filters, sort and page live in the address, in the API's own names and units (spend
// in fen), so a reload or a shared link shows the same customers and the address maps one to one
// onto GET /customers.

export interface CustomerFilters {
  readonly q?: string | undefined;
  readonly province?: string | undefined;
  readonly city?: string | undefined;
  readonly tags: readonly string[];
  readonly firstOrderFrom?: string | undefined;
  readonly firstOrderTo?: string | undefined;
  readonly lastOrderFrom?: string | undefined;
  readonly lastOrderTo?: string | undefined;
  /** Minor units (fen), inclusive. */
  readonly spentMin?: number | undefined;
  readonly spentMax?: number | undefined;
  readonly ordersMin?: number | undefined;
  readonly ordersMax?: number | undefined;
  readonly consent?: ConsentChannel | undefined;
  /** Predicted probability of still being active, 0..1: the minimum inclusive, the maximum exclusive. */
  readonly pAliveMin?: number | undefined;
  readonly pAliveMax?: number | undefined;
  /** Only customers whose predicted value is in the store's top N% (1..100). */
  readonly clvTopPercent?: number | undefined;
  /** Only customers whose value if still active is in the store's top N% (win-back lists). */
  readonly potentialTopPercent?: number | undefined;
}

export interface ListState {
  readonly filters: CustomerFilters;
  readonly sort: CustomerSort;
  readonly order: 'asc' | 'desc';
  readonly page: number;
  readonly pageSize: number;
}

export const DEFAULT_SORT: CustomerSort = 'lastOrderAt';
export const DEFAULT_ORDER: 'asc' | 'desc' = 'desc';
export const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

const textKeys = [
  'q',
  'province',
  'city',
  'firstOrderFrom',
  'firstOrderTo',
  'lastOrderFrom',
  'lastOrderTo',
] as const;
const numberKeys = ['spentMin', 'spentMax', 'ordersMin', 'ordersMax'] as const;
const shareKeys = ['pAliveMin', 'pAliveMax'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function wholeNumber(text: string | null): number | undefined {
  if (text === null || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

// A probability as the API takes it: 0..1, e.g. 0.3.
function share(text: string | null): number | undefined {
  if (text === null || !/^\d(\.\d{1,6})?$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 1 ? value : undefined;
}

function percent(text: string | null): number | undefined {
  const value = wholeNumber(text);
  return value !== undefined && value >= 1 && value <= 100 ? value : undefined;
}

function text(params: URLSearchParams, key: (typeof textKeys)[number]): string | undefined {
  const value = params.get(key)?.trim();
  if (!value) return undefined;
  // A hand-edited date the API would refuse is dropped rather than breaking the whole list.
  if (key !== 'q' && key !== 'province' && key !== 'city' && !DAY.test(value)) return undefined;
  return value;
}

/** The list as the address describes it; anything unreadable falls back to the default. */
export function readListState(params: URLSearchParams): ListState {
  const consent = params.get('consent');
  const sort = params.get('sort');
  const pageSize = wholeNumber(params.get('pageSize'));
  const filters: CustomerFilters = {
    ...Object.fromEntries(textKeys.map((key) => [key, text(params, key)])),
    ...Object.fromEntries(numberKeys.map((key) => [key, wholeNumber(params.get(key))])),
    tags: (params.get('tags') ?? '')
      .split(',')
      .map((tag) => tag.trim())
      .filter((tag) => tag !== ''),
    consent: consentChannels.find((channel) => channel === consent),
    ...Object.fromEntries(shareKeys.map((key) => [key, share(params.get(key))])),
    clvTopPercent: percent(params.get('clvTopPercent')),
    potentialTopPercent: percent(params.get('potentialTopPercent')),
  };
  return {
    filters,
    sort: sortKeys.find((key) => key === sort) ?? DEFAULT_SORT,
    order: params.get('order') === 'asc' ? 'asc' : DEFAULT_ORDER,
    page: Math.max(1, wholeNumber(params.get('page')) ?? 1),
    pageSize: PAGE_SIZES.find((size) => size === pageSize) ?? DEFAULT_PAGE_SIZE,
  };
}

/** The filters as query parameters of the API (and of the address); empty ones left out. */
export function filterParams(filters: CustomerFilters): Record<string, string | number | undefined> {
  const params: Record<string, string | number | undefined> = {};
  for (const key of textKeys) params[key] = filters[key];
  for (const key of numberKeys) params[key] = filters[key];
  params.tags = filters.tags.length > 0 ? filters.tags.join(',') : undefined;
  params.consent = filters.consent;
  for (const key of shareKeys) params[key] = filters[key];
  params.clvTopPercent = filters.clvTopPercent;
  params.potentialTopPercent = filters.potentialTopPercent;
  return params;
}

/** Everything GET /customers needs for this state. */
export function listParams(state: ListState): ListParams {
  return {
    ...filterParams(state.filters),
    sort: state.sort,
    order: state.order,
    page: state.page,
    pageSize: state.pageSize,
  };
}

/** The address for a state: defaults are left out, so a plain list has a plain address. */
export function writeListState(state: ListState): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filterParams(state.filters)))
    if (value !== undefined) search.set(key, String(value));
  if (state.sort !== DEFAULT_SORT || state.order !== DEFAULT_ORDER) {
    search.set('sort', state.sort);
    search.set('order', state.order);
  }
  if (state.page !== 1) search.set('page', String(state.page));
  if (state.pageSize !== DEFAULT_PAGE_SIZE) search.set('pageSize', String(state.pageSize));
  return search;
}

/** How many filters (besides the search box) are set, for the filter button's badge. */
export function activeFilterCount(filters: CustomerFilters): number {
  const { q: _q, ...rest } = filterParams(filters);
  return Object.values(rest).filter((value) => value !== undefined).length;
}

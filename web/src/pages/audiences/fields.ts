import type { AudienceNode, Condition, ConditionType, GroupNode } from './types';

// The builder's field menu: every condition type in one of six groups, each with the condition a
// new row starts from. The Record makes a type the server adds a compile error here.

export const fieldGroups = {
  profile: ['gender', 'age', 'birthdayMonth', 'region', 'occupation', 'creditLevel', 'preference', 'tag'],
  purchases: [
    'orderCount',
    'totalSpent',
    'firstOrderDate',
    'lastOrderDate',
    'daysSinceLastOrder',
    'bought',
    'neverBought',
  ],
  rfm: ['rfm', 'segment', 'lifecycle', 'core'],
  predictions: ['prediction', 'percentile'],
  history: ['messaged', 'contacted', 'audience', 'answeredCampaign', 'afterSales'],
  contact: ['consent'],
  membership: ['tier', 'tierChanged'],
} as const satisfies Record<string, readonly ConditionType[]>;
export type FieldGroup = keyof typeof fieldGroups;

export const startingConditions: { readonly [T in ConditionType]: Extract<Condition, { type: T }> } = {
  gender: { type: 'gender', is: 'female' },
  age: { type: 'age', min: 25, max: 40 },
  birthdayMonth: { type: 'birthdayMonth', month: 'current' },
  region: { type: 'region', provinces: [] },
  occupation: { type: 'occupation', in: [] },
  creditLevel: { type: 'creditLevel', in: [] },
  preference: { type: 'preference', key: '', value: '' },
  tag: { type: 'tag', tag: '', has: true },
  consent: { type: 'consent', channel: 'sms', is: 'allowed' },
  orderCount: { type: 'orderCount', min: 2 },
  totalSpent: { type: 'totalSpent', min: 50_000 },
  firstOrderDate: { type: 'firstOrderDate', from: { daysAgo: 90 } },
  lastOrderDate: { type: 'lastOrderDate', from: { daysAgo: 90 } },
  daysSinceLastOrder: { type: 'daysSinceLastOrder', min: 90 },
  rfm: { type: 'rfm', score: 'r', min: 4 },
  segment: { type: 'segment', in: ['重要价值'] },
  lifecycle: { type: 'lifecycle', in: ['silent'] },
  core: { type: 'core' },
  prediction: { type: 'prediction', field: 'pAlive', gte: 0.5 },
  percentile: { type: 'percentile', of: 'clv', top: 20 },
  bought: { type: 'bought', categories: [], from: { daysAgo: 180 } },
  neverBought: { type: 'neverBought', categories: [] },
  messaged: { type: 'messaged', withinDays: 30 },
  contacted: { type: 'contacted', withinDays: 30 },
  audience: { type: 'audience', id: 1 },
  afterSales: { type: 'afterSales', open: true },
  answeredCampaign: { type: 'answeredCampaign', withinDays: 90 },
  tier: { type: 'tier', in: [] },
  tierChanged: { type: 'tierChanged', direction: 'up', withinDays: 7 },
};

export const caseKindList = [
  'refund',
  'return',
  'exchange',
  'complaint',
] as const satisfies readonly NonNullable<Extract<Condition, { type: 'afterSales' }>['kinds']>[number][];

export const lifecycleList = [
  'new',
  'active',
  'silent',
  'churned',
  'won_back',
] as const satisfies readonly Extract<Condition, { type: 'lifecycle' }>['in'][number][];

export const segmentList = [
  '重要价值',
  '重要发展',
  '重要保持',
  '重要挽留',
  '一般价值',
  '一般发展',
  '一般保持',
  '一般挽留',
] as const satisfies readonly Extract<Condition, { type: 'segment' }>['in'][number][];

export const consentChannelList = ['sms', 'email', 'wechat', 'call'] as const satisfies readonly Extract<
  Condition,
  { type: 'consent' }
>['channel'][];

export const predictionFieldList = [
  'pAlive',
  'expected30',
  'expected90',
  'expected365',
  'clv',
] as const satisfies readonly Extract<Condition, { type: 'prediction' }>['field'][];

export function isGroup(node: AudienceNode): node is GroupNode {
  return node.type === 'and' || node.type === 'or';
}

/** An empty definition's tree: one AND group with orders ≥ 2. */
export function startingTree(): GroupNode {
  return { type: 'and', conditions: [startingConditions.orderCount] };
}

/** The tree's top as a group, so the builder always edits a group at the top. */
export function asGroup(node: AudienceNode): GroupNode {
  return isGroup(node) ? node : { type: 'and', conditions: [node] };
}

import type { AudienceDefinition } from './definition.js';

// Ready-made audiences (预设人群) from the practice in DOMAIN.md: definitions the dashboard offers
// as starting points. Each is a plain definition, so the operator can open one, change it and save
// it as their own. Relative dates ("six months ago", "the last promotion") are resolved when the
// audience is counted or frozen, so a template stays right as time passes.

export interface ReadyMadeAudience {
  readonly key: string;
  readonly name: { readonly 'zh-CN': string; readonly en: string };
  readonly description: { readonly 'zh-CN': string; readonly en: string };
  readonly definition: AudienceDefinition;
}

export const readyMadeAudiences: readonly ReadyMadeAudience[] = [
  {
    key: 'core',
    name: { 'zh-CN': '核心客户（二八法则）', en: 'Core 20%' },
    description: {
      'zh-CN': '消费金额排名前 20% 的客户，通常贡献约 80% 的销售额，值得优先服务。',
      en: 'The top 20% of buyers by spend, who bring about 80% of revenue: serve them first.',
    },
    definition: { where: { type: 'core' } },
  },
  {
    key: 'important_win_back',
    name: { 'zh-CN': '重要挽留客户', en: 'Important win-back' },
    description: {
      'zh-CN': 'RFM 分群为“重要挽留”：消费金额高，但很久没有再购买。',
      en: 'RFM segment 重要挽留: spent a lot, but have not bought for a long time.',
    },
    definition: { where: { type: 'segment', in: ['重要挽留'] } },
  },
  {
    key: 'silent_old',
    name: { 'zh-CN': '沉默老客户', en: 'Silent old customers' },
    description: {
      'zh-CN': '生命周期处于沉默期，且至少购买过 2 次。',
      en: 'In the silent period of their lifecycle, with at least two purchases.',
    },
    definition: {
      where: {
        type: 'and',
        conditions: [
          { type: 'lifecycle', in: ['silent'] },
          { type: 'orderCount', min: 2 },
        ],
      },
    },
  },
  {
    key: 'last_promotion_new',
    name: { 'zh-CN': '上次大促新客', en: 'New customers of the last promotion' },
    description: {
      'zh-CN': '首次购买发生在店铺最近一次大促期间（店铺设置中的大促时间）。',
      en: 'First purchase inside the store’s most recent promotion window (store settings).',
    },
    definition: {
      where: { type: 'firstOrderDate', from: { lastPromotion: 'start' }, to: { lastPromotion: 'end' } },
    },
  },
  {
    key: 'birthday_this_month',
    name: { 'zh-CN': '本月生日', en: 'Birthday this month' },
    description: {
      'zh-CN': '生日在本月（店铺时区）的客户。',
      en: 'Customers whose birthday falls in this month (store time zone).',
    },
    definition: { where: { type: 'birthdayMonth', month: 'current' } },
  },
  {
    key: 'formula_stage1_six_months',
    name: { 'zh-CN': '半年前购买 1 段奶粉', en: 'Formula stage 1 buyers, six months ago' },
    description: {
      'zh-CN': '6 到 7 个月前买过 1 段奶粉的客户：宝宝该换 2 段了。类目按店铺实际类目修改。',
      en: 'Bought stage-1 formula six to seven months ago: the baby is due for stage 2. Change the category to the store’s own.',
    },
    definition: {
      where: { type: 'bought', categories: ['奶粉/1段'], from: { monthsAgo: 7 }, to: { monthsAgo: 6 } },
    },
  },
  {
    key: 'high_value_churning',
    name: { 'zh-CN': '高价值即将流失', en: 'High value, about to churn' },
    description: {
      'zh-CN': '仍活跃概率低于 30%，而若仍活跃的价值排名前 20%。',
      en: 'P(alive) below 30%, with a value if still active in the store’s top 20%.',
    },
    definition: {
      where: {
        type: 'and',
        conditions: [
          { type: 'prediction', field: 'pAlive', lt: 0.3 },
          { type: 'percentile', of: 'potential', top: 20 },
        ],
      },
    },
  },
];

export function findReadyMade(key: string): ReadyMadeAudience | undefined {
  return readyMadeAudiences.find((audience) => audience.key === key);
}

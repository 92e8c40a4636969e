import { englishSegmentNamesZh } from '../shared/segment-names.js';
import { phaseNames } from './events.js';
import type { Review } from './review-schemas.js';

// The words of the review's XLSX and PDF, in zh-CN and en, and how their numbers are written.

export type ReviewLanguage = 'zh-CN' | 'en';

const zh = {
  title: (r: Review) => `${r.year} ${r.eventName.zh} 复盘`,
  window: '活动时间',
  through: '统计至',
  targetSource: { target: '目标（已设定）', forecast: '目标（预测，未设定）' },
  sheets: ['概览', '阶段', '人群', '渠道', '商品', '历史', '新客培育'],
  targetHeader: ['指标', '目标', '实际', '达成率', '是否达成'],
  figures: {
    oldRevenue: '老客销售额',
    newRevenue: '新客销售额',
    revenue: '总销售额',
    oldBuyers: '老客人数',
    newBuyers: '新客人数',
  },
  met: ['未达成', '达成'],
  overall: '总目标',
  sideHeader: ['', '人数', '订单数', '销售额', '件数', '客单价', '件单价（件/单）', '人均订单'],
  sides: { old: '老客', new: '新客' },
  phaseHeader: [
    '阶段',
    '开始',
    '结束',
    '老客人数',
    '老客订单',
    '老客销售额',
    '新客人数',
    '新客订单',
    '新客销售额',
  ],
  phase: (key: keyof typeof phaseNames) => phaseNames[key].zh,
  segmentNote: '人群按大促开始时的 RFM 分层：每位老客按当时的购买记录打分，本次大促的订单不改变分层。',
  segmentName: (segment: string) =>
    (englishSegmentNamesZh as Readonly<Record<string, string>>)[segment] ?? segment,
  segmentHeader: ['RFM 分群', '老客人数', '购买人数', '响应率', '订单数', '销售额', '客单价'],
  channelHeader: ['渠道', '活动数', '触达人数', '响应人数', '响应率', '带来销售额', '成本'],
  campaignHeader: [
    '活动',
    '渠道',
    '触达人数',
    '响应人数',
    '响应率',
    '销售额',
    '成本',
    '对照组人数',
    '对照组响应率',
    '增量销售额',
  ],
  couponHeader: ['优惠券批次', '发放', '核销', '核销订单销售额', '优惠金额'],
  giftHeader: ['礼品计划', '状态', '收礼人数', '已发货', '单价', '礼品成本'],
  giftStatus: { draft: '草稿', confirmed: '已确认' },
  costRows: [
    '短信成本',
    '优惠券成本',
    '礼品成本',
    '总成本',
    '活动带来销售额',
    'ROI',
    '增量销售额',
    '增量 ROI',
  ],
  productHeader: ['商品ID', '商品', '老客购买人数', '件数', '销售额', '占老客销售额'],
  comparisonHeader: [
    '活动',
    '年份',
    '开始',
    '结束',
    '老客销售额',
    '新客销售额',
    '老客人数',
    '新客人数',
    '客单价',
    '件单价（件/单）',
  ],
  newCustomers: '本次活动新客',
  nurtureHeader: ['步骤', '活动后天数', '日期', '渠道', '文案'],
  repurchase: (days: number, from: string) =>
    `补货提醒间隔 ${days} 天（${from === 'lifecycle' ? '店铺复购周期中位数' : '默认值'}）`,
  name: (r: Review['comparison'][number]) => r.eventName.zh,
  sections: {
    target: '目标达成',
    newOld: '新老客',
    phases: '分阶段',
    segments: '人群响应',
    channels: '渠道响应',
    cost: '成本与 ROI',
    products: '老客热销商品 Top 10',
    comparison: '历史对比',
    nurture: '新客培育计划',
    lessons: '复盘总结',
  },
};

const en: typeof zh = {
  title: (r: Review) => `${r.year} ${r.eventName.en} review`,
  window: 'Window',
  through: 'Counted through',
  targetSource: { target: 'Target (set)', forecast: 'Target (forecast, none set)' },
  sheets: ['Overview', 'Phases', 'Segments', 'Channels', 'Products', 'Comparison', 'Nurture'],
  targetHeader: ['Figure', 'Target', 'Actual', 'Reached', 'Met'],
  figures: {
    oldRevenue: 'Old-customer revenue',
    newRevenue: 'New-customer revenue',
    revenue: 'Revenue',
    oldBuyers: 'Old buyers',
    newBuyers: 'New buyers',
  },
  met: ['not met', 'met'],
  overall: 'Overall target',
  sideHeader: ['', 'Buyers', 'Orders', 'Revenue', 'Items', 'AOV', 'Items per order', 'Orders per customer'],
  sides: { old: 'Old', new: 'New' },
  phaseHeader: [
    'Phase',
    'From',
    'To',
    'Old buyers',
    'Old orders',
    'Old revenue',
    'New buyers',
    'New orders',
    'New revenue',
  ],
  phase: (key: keyof typeof phaseNames) => phaseNames[key].en,
  segmentNote:
    'Segments are the RFM segments as they stood when the event began: each old customer scored on their purchases up to then, so the event’s own orders move no one.',
  segmentName: (segment: string) => segment,
  segmentHeader: ['RFM segment', 'Old customers', 'Buyers', 'Response', 'Orders', 'Revenue', 'AOV'],
  channelHeader: ['Channel', 'Campaigns', 'Targets', 'Responders', 'Response', 'Revenue', 'Cost'],
  campaignHeader: [
    'Campaign',
    'Channel',
    'Targets',
    'Responders',
    'Response',
    'Revenue',
    'Cost',
    'Control',
    'Control response',
    'Incremental revenue',
  ],
  couponHeader: ['Coupon batch', 'Issued', 'Redeemed', 'Revenue of redeeming orders', 'Discount given'],
  giftHeader: ['Gift plan', 'Status', 'Recipients', 'Shipped', 'Unit cost', 'Gift cost'],
  giftStatus: { draft: 'Draft', confirmed: 'Confirmed' },
  costRows: [
    'Message cost',
    'Coupon cost',
    'Gift cost',
    'Total cost',
    'Attributed revenue',
    'ROI',
    'Incremental revenue',
    'Incremental ROI',
  ],
  productHeader: ['Product ID', 'Product', 'Old buyers', 'Items', 'Revenue', 'Share of old revenue'],
  comparisonHeader: [
    'Event',
    'Year',
    'From',
    'To',
    'Old revenue',
    'New revenue',
    'Old buyers',
    'New buyers',
    'AOV',
    'Items per order',
  ],
  newCustomers: 'New customers of the event',
  nurtureHeader: ['Step', 'Days after', 'Date', 'Channel', 'Text'],
  repurchase: (days: number, from: string) =>
    `Replenishment after ${days} days (${from === 'lifecycle' ? 'the store’s median repurchase gap' : 'default'})`,
  name: (r: Review['comparison'][number]) => r.eventName.en,
  sections: {
    target: 'Target',
    newOld: 'New vs old',
    phases: 'Phases',
    segments: 'Segments',
    channels: 'Channels',
    cost: 'Cost and ROI',
    products: 'Top 10 products with old customers',
    comparison: 'Comparison',
    nurture: 'Nurture plan for the new customers',
    lessons: 'Lessons for the next events',
  },
};

export const reviewLabels: Record<ReviewLanguage, typeof zh> = { 'zh-CN': zh, en };

/** ¥1,234.50 from fen. */
export const yuanText = (fen: number | null) =>
  fen === null
    ? '–'
    : `¥${(fen / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** 12.5% from a fraction. */
export const percentText = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);

/** Yuan as a number with two decimals, for a spreadsheet cell. */
export const yuan = (fen: number | null) => (fen === null ? null : Math.round(fen) / 100);

export const decimalText = (value: number | null) => (value === null ? '–' : value.toFixed(2));

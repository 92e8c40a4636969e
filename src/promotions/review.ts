import { addDays } from '../audiences/dates.js';
import type { Review } from './review-schemas.js';
import type { WindowFigures } from './schemas.js';

// The review's (复盘) pure parts: the target against the actual, campaigns summed per channel,
// cost and ROI, a window's comparison row, and the nurture plan for the event's new customers.
// No I/O, no clock: review-service.ts reads the figures and hands them in.

interface TargetNumbers {
  readonly oldRevenue: number;
  readonly newRevenue: number;
  readonly oldBuyers: number;
  readonly newBuyers: number;
}

const ratio = (value: number, base: number) => (base === 0 ? null : value / base);

/** Each figure against its target; met when the actual reaches the target (a zero target is met). */
export function targetFigures(target: TargetNumbers, whole: WindowFigures): Review['target']['figures'] {
  const pairs: [Review['target']['figures'][number]['key'], number, number][] = [
    ['oldRevenue', target.oldRevenue, whole.old.revenue],
    ['newRevenue', target.newRevenue, whole.new.revenue],
    ['revenue', target.oldRevenue + target.newRevenue, whole.old.revenue + whole.new.revenue],
    ['oldBuyers', target.oldBuyers, whole.old.buyers],
    ['newBuyers', target.newBuyers, whole.new.buyers],
  ];
  return pairs.map(([key, t, actual]) => ({
    key,
    target: t,
    actual,
    share: ratio(actual, t),
    met: actual >= t,
  }));
}

type CampaignLine = Review['campaigns'][number];

/** Campaigns summed per channel, channels in name order. */
export function channelsOf(campaigns: readonly CampaignLine[]): Review['channels'] {
  const by = new Map<string, Review['channels'][number]>();
  for (const c of campaigns) {
    const row = by.get(c.channel) ?? {
      channel: c.channel,
      campaigns: 0,
      targets: 0,
      responders: 0,
      responseRate: null,
      revenue: 0,
      cost: 0,
    };
    row.campaigns += 1;
    row.targets += c.targets;
    row.responders += c.responders;
    row.revenue += c.revenue;
    row.cost += c.cost;
    row.responseRate = ratio(row.responders, row.targets);
    by.set(c.channel, row);
  }
  return [...by.values()].sort((a, b) => a.channel.localeCompare(b.channel));
}

/**
 * Cost and ROI. Cost = the campaigns' message cost + the discount the plan's coupon batches gave +
 * the gifts its gift plans sent (confirmed recipients × unit cost).
 * ROI = (Σ campaigns' target-group revenue − cost) / cost. Incremental ROI = (Σ incremental revenue
 * of the campaigns with a control group − cost) / cost: campaigns without one add their cost but
 * no incremental revenue, which errs low.
 */
export function costAndRoi(
  campaigns: readonly CampaignLine[],
  coupons: Review['coupons'],
  gifts: Review['gifts'],
): { cost: Review['cost']; roi: Review['roi'] } {
  const messages = campaigns.reduce((sum, c) => sum + c.cost, 0);
  const couponCost = coupons.reduce((sum, c) => sum + c.discount, 0);
  const giftCost = gifts.reduce((sum, g) => sum + g.cost, 0);
  const total = messages + couponCost + giftCost;
  const attributedRevenue = campaigns.reduce((sum, c) => sum + c.revenue, 0);
  const controlled = campaigns.filter((c) => c.incrementalRevenue !== null);
  const incrementalRevenue =
    controlled.length === 0 ? null : controlled.reduce((sum, c) => sum + c.incrementalRevenue!, 0);
  return {
    cost: { messages, coupons: couponCost, gifts: giftCost, total },
    roi: {
      attributedRevenue,
      roi: total > 0 ? (attributedRevenue - total) / total : null,
      incrementalRevenue,
      incrementalRoi: total > 0 && incrementalRevenue !== null ? (incrementalRevenue - total) / total : null,
    },
  };
}

/** The plan's gift lines: a gift plan costs its confirmed recipients × unit cost; a draft, nothing yet. */
export function giftLines(
  plans: readonly {
    id: number;
    name: string;
    status: 'draft' | 'confirmed';
    recipients: number | null;
    unit_cost: number;
    shipped: number;
  }[],
): Review['gifts'] {
  return plans.map((g) => {
    const recipients = g.status === 'confirmed' ? (g.recipients ?? 0) : 0;
    return {
      giftPlanId: g.id,
      name: g.name,
      status: g.status,
      recipients,
      shipped: g.shipped,
      unitCost: g.unit_cost,
      cost: recipients * g.unit_cost,
    };
  });
}

/** A window's row in the comparison with earlier events. */
export function comparisonRow(
  head: { event: string; eventName: { zh: string; en: string }; year: number; current: boolean },
  w: WindowFigures,
): Review['comparison'][number] {
  const orders = w.old.orders + w.new.orders;
  return {
    ...head,
    from: w.from,
    to: w.to,
    oldRevenue: w.old.revenue,
    newRevenue: w.new.revenue,
    oldBuyers: w.old.buyers,
    newBuyers: w.new.buyers,
    aov: ratio(w.old.revenue + w.new.revenue, orders),
    itemsPerOrder: ratio(w.old.items + w.new.items, orders),
  };
}

/** The draft-campaign name of a nurture step: the audience's name and the step's Chinese title. */
export const nurtureCampaignName = (
  audienceName: string,
  step: { dayOffset: number; title: { 'zh-CN': string } },
) => `${audienceName} +${step.dayOffset}天 ${step.title['zh-CN']}`;

export const DEFAULT_REPURCHASE_DAYS = 60;

/**
 * Five touches for the event's new customers, in days after the window's last day: care at +3,
 * usage tips at +7, a buyer-show invitation at +15, a second-purchase coupon at +30, and a
 * replenishment reminder at the store's median repurchase gap (else +60), at least +31.
 */
export function nurtureSteps(
  windowEnd: string,
  repurchaseDays: number,
): Omit<Review['nurture']['steps'][number], 'campaignId'>[] {
  const replenish = Math.max(31, repurchaseDays);
  const steps: [Review['nurture']['steps'][number]['key'], number, string, string, string, string][] = [
    [
      'care',
      3,
      '感谢关怀',
      'Thank-you and care',
      '{姓名|亲}，感谢您在{店铺名}的第一次购买！商品使用中有任何问题，随时联系我们的客服。',
      'Hi {name|there}, thank you for your first order at {store}! Any question about your purchase, our service team is here for you.',
    ],
    [
      'tips',
      7,
      '使用小贴士',
      'Usage tips',
      '{姓名|亲}，收到{上次购买|宝贝}了吗？这里有几条使用小贴士，帮您用得更好：{链接}',
      'Hi {name|there}, has your {lastProduct|order} arrived? A few tips to get the most out of it: {link}',
    ],
    [
      'buyer_show',
      15,
      '买家秀邀请',
      'Buyer-show invitation',
      '{姓名|亲}，晒出您的买家秀，就有机会获得店铺好礼：{链接}',
      'Hi {name|there}, share a photo review of your purchase for a chance to win a gift from {store}: {link}',
    ],
    [
      'second_purchase',
      30,
      '复购优惠券',
      'Second-purchase coupon',
      '{姓名|亲}，{店铺名}为您准备了一张新客复购券，下次购买直接抵扣：{链接}',
      'Hi {name|there}, {store} has a coupon waiting for your next order: {link}',
    ],
    [
      'replenish',
      replenish,
      '补货提醒',
      'Replenishment reminder',
      '{姓名|亲}，您在{店铺名}买的{上次购买|宝贝}快用完了吧？老客回购请点：{链接}',
      'Hi {name|there}, running low on {lastProduct|your purchase}? Reorder from {store}: {link}',
    ],
  ];
  return steps.map(([key, dayOffset, zhTitle, enTitle, zhText, enText]) => ({
    key,
    dayOffset,
    date: addDays(windowEnd, dayOffset),
    channel: 'sms',
    title: { 'zh-CN': zhTitle, en: enTitle },
    text: { 'zh-CN': zhText, en: enText },
  }));
}

import type { PredictionWarning } from './schemas.js';

// The warnings in words, for the CLI (the dashboard has its own in web/src/i18n).

const texts: Record<PredictionWarning['code'], (v: Record<string, number>) => { zh: string; en: string }> = {
  few_customers: (v) => ({
    zh: `只有 ${v.customers} 位客户（建议至少 ${v.minimum} 位），参数可能不稳定`,
    en: `Only ${v.customers} customers (at least ${v.minimum} advised): the parameters may be unstable`,
  }),
  few_repeat_buyers: (v) => ({
    zh: `只有 ${v.repeatBuyers} 位复购客户（建议至少 ${v.minimum} 位），流失与复购预测不够可靠`,
    en: `Only ${v.repeatBuyers} repeat buyers (at least ${v.minimum} advised): dropout and repeat predictions are not reliable`,
  }),
  short_history: (v) => ({
    zh: `最早的客户只有 ${v.days} 天历史（建议至少 ${v.minimum} 天），长周期预测偏差可能较大`,
    en: `The oldest customer has ${v.days} days of history (at least ${v.minimum} advised): long-horizon predictions may be off`,
  }),
  not_converged: () => ({
    zh: '模型拟合没有收敛，预测仅供参考',
    en: 'The fit did not converge: treat the predictions as rough',
  }),
  uncertain_parameters: (v) => ({
    zh: `参数的标准误较大${v.relativeError === undefined ? '（无法计算）' : `（最大为参数的 ${Math.round(v.relativeError * 100)}%）`}，数据不足以确定参数`,
    en: `Wide standard errors${v.relativeError === undefined ? ' (could not be computed)' : ` (up to ${Math.round(v.relativeError * 100)}% of a parameter)`}: the data do not pin the parameters down`,
  }),
  spend_model_skipped: (v) => ({
    zh: `复购客户只有 ${v.repeatBuyers} 位（少于 ${v.minimum}），未拟合客单价模型，按实际平均客单价计算`,
    en: `Only ${v.repeatBuyers} repeat buyers (fewer than ${v.minimum}): spend is each customer's observed mean, not the Gamma-Gamma model`,
  }),
  spend_infinite_mean: (v) => ({
    zh: `客单价模型 q = ${v.q} ≤ 1，平均客单价无上限，改用实际平均客单价`,
    en: `Gamma-Gamma q = ${v.q} ≤ 1 gives no finite mean spend: the observed mean is used instead`,
  }),
  spend_depends_on_frequency: (v) => ({
    zh: `客单价与复购次数相关（r = ${v.correlation}），客单价模型的独立性假设不成立，预测客单价可能有偏`,
    en: `Spend correlates with purchase frequency (r = ${v.correlation}): Gamma-Gamma assumes they are independent, so expected spend may be biased`,
  }),
  no_dropout: () => ({
    zh: '几乎没有客户在购买后流失：模型按“客户一直会买”来预测，仍活跃概率都接近 100%，预计购买次数只取决于购买频率',
    en: 'Customers hardly ever stop buying after a purchase: the model predicts as if they all stay, so P(alive) is near 100% and expected purchases follow each customer’s rate alone',
  }),
  holdout_mismatch: (v) => ({
    zh: `回测期预测复购 ${v.expected} 次，实际 ${v.actual} 次，偏差超过 25%`,
    en: `In the holdout the model expected ${v.expected} repeat purchases against ${v.actual} actual: more than 25% apart`,
  }),
};

export function describeWarning(warning: PredictionWarning): { zh: string; en: string } {
  return texts[warning.code](warning.values);
}

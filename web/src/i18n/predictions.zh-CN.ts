// The predicted-value page's Chinese text, under `predictions`; predictions.en.ts has the same keys.

export const predictionsZhCN = {
  title: '预测价值',
  subtitle: '{{store}} · 计算于 {{time}} · 数据截至 {{day}}',
  neverComputed: '{{store}} · 尚未计算',
  refreshHint: '用全部订单重新计算客户分析与预测价值；大店铺需要几分钟',
  empty: {
    title: '还没有预测结果',
    description:
      '刷新一次分析，即可看到每位客户还会不会回来买、未来会买几次、值多少钱。至少要有一位客户买过两次。',
    serviceHint: '请店主或运营刷新分析。',
  },
  figures: {
    customers: '购买客户',
    repeatBuyers: '复购客户',
    alive: '预计仍活跃的客户',
    aliveHint: '每位客户仍活跃概率 P(alive) 之和：按模型，这么多客户还会回来买',
    expected30: '未来 30 天预计购买',
    expected90: '未来 90 天预计购买',
    expected365: '未来 365 天预计购买',
    purchases: '{{n}} 次',
    clv: '未来 {{months}} 个月客户价值合计',
    clvHint: '按月折现 {{discount}}、按 {{margin}} 的毛利计',
    clvTop20: '前 20% 客户价值门槛',
    clvTop20Hint: '客户价值达到这个数，就排进全店前 20%',
  },
  warnings: {
    title: '使用这些数字前请留意',
    titles: {
      fewCustomers: '客户数偏少',
      fewRepeatBuyers: '复购客户偏少',
      shortHistory: '订单历史偏短',
      notConverged: '模型没有收敛',
      uncertainParameters: '模型参数不确定',
      spendModelSkipped: '未拟合客单价模型',
      spendInfiniteMean: '客单价模型不稳定',
      spendDependsOnFrequency: '客单价与复购次数相关',
      holdoutMismatch: '检验结果与实际相差较大',
      noDropout: '几乎没有客户流失',
    },
    messages: {
      fewCustomers:
        '只有 {{customers}} 位购买客户（建议至少 {{minimum}} 位）。模型参数不够稳定：全店合计大致可信，单个客户的预测只作参考。',
      fewRepeatBuyers:
        '只有 {{repeatBuyers}} 位复购客户（建议至少 {{minimum}} 位）。模型靠复购学习客户的回购节奏，预测的购买次数和仍活跃概率可能偏差较大。',
      shortHistory:
        '订单历史只有 {{days}} 天（建议至少 {{minimum}} 天）。还看不清客户多久回购、何时流失，一年期的预测和客户价值尤其不可靠。',
      notConverged: '拟合在找到最优参数之前停止了，本次的预测数字可能有偏差。导入更多订单后再刷新一次。',
      uncertainParameters:
        '模型参数的标准误最大达到参数本身的 {{relativeError}} 倍。数据不足以把参数估准，预测值可能有较大浮动，请只看大致趋势。',
      uncertainParametersUnknown:
        '无法估计模型参数的标准误，说明数据不足以把参数估准。预测值可能有较大浮动，请只看大致趋势。',
      spendModelSkipped:
        '只有 {{repeatBuyers}} 位复购客户（至少 {{minimum}} 位才拟合 Gamma-Gamma 客单价模型）。预计客单价直接取历史平均，不做修正，客户价值的排序仍可参考。',
      spendInfiniteMean:
        'Gamma-Gamma 参数 q = {{q}}，不大于 1：少数特别大的订单让模型认为客单价没有上限，客户价值可能被明显高估。可检查是否有异常大单。',
      spendDependsOnFrequency:
        '复购次数与客单价的相关系数为 {{correlation}}。Gamma-Gamma 假设两者无关，这里并不成立，预计客单价与客户价值会有系统性偏差。',
      noDropout:
        '从订单看，客户几乎不会在购买后不再回来。模型按“客户一直会买”来预测：仍活跃概率都接近 100%，预计购买次数只取决于每位客户的购买频率。若店里确有流失的客户，请检查导入的订单是否完整。',
      holdoutMismatch:
        '用较早的订单检验模型时，对最近一段时间预计复购 {{expected}} 次，实际是 {{actual}} 次。预测的购买次数可能整体偏高或偏低，请对照下方的模型检验。',
    },
  },
  targets: {
    title: '按预测找客户',
    winBack: '高价值挽回',
    winBackHint:
      '若仍活跃的价值在前 20%，但仍活跃概率不到 30%：很有价值、正在流失，值得尽快联系（客户价值已按流失风险打折，所以这里按“若仍活跃的价值”排名）',
    active: '高价值活跃',
    activeHint: '客户价值在前 20%，且仍活跃概率超过 70%：最好的客户，重点维护',
  },
  charts: {
    customers: '客户数',
    pAlive: '仍活跃概率分布',
    pAliveHint: 'P(alive)：按模型，客户至今仍会回来购买（尚未流失）的概率',
    pAliveAxis: '仍活跃概率（%）',
    expected365: '未来 365 天预计购买次数',
    expected365Hint: '每位客户未来一年预计的购买次数',
    expectedAxis: '预计购买次数',
    clv: '客户价值分布',
    clvHint: '每位客户未来 {{months}} 个月的预计价值（折现后）',
    clvAxis: '客户价值',
  },
  matrix: {
    title: '价值矩阵',
    hint: '横向是“若仍活跃的价值”排名，纵向是仍活跃概率：右上角重点维护，右下角尽快挽回',
    rowAxis: '仍活跃概率',
    columnAxis: '若仍活跃的价值',
    top: '前 {{n}}%',
    bottom: '后 {{n}}%',
    between: '前 {{from}}–{{to}}%',
  },
  holdout: {
    title: '模型检验',
    hint: '留出最近一段时间：只用之前的订单拟合，再把预测与这段时间的实际复购对比',
    summary:
      '用 {{calibrationEnd}} 之前的订单拟合，预测随后 {{days}} 天（到 {{holdoutEnd}}）{{customers}} 位客户的复购：预计共 {{expected}} 次，实际 {{actual}} 次。',
    none: '订单历史太短，留不出一段时间来检验模型。',
    axis: '检验前的复购次数',
    actual: '实际平均复购',
    expected: '模型预计平均复购',
    frequency: '检验前复购次数',
    customers: '客户数',
    totalActual: '实际复购合计',
    totalExpected: '预计复购合计',
  },
  model: {
    title: '模型参数',
    bgnbd: 'BG/NBD：会不会再买、买几次',
    bgnbdExplain:
      '每位客户在仍活跃时按自己的频率购买，每次购买后都有一定概率从此不再回来。r 和 α 描述全店客户购买频率的分布（平均每{{unit}} r/α 次），a 和 b 描述每次购买后流失概率的分布（平均 a/(a+b)）。',
    gammaGamma: 'Gamma-Gamma：每单花多少',
    gammaGammaExplain:
      '每位客户有自己的平均客单价，单笔金额围绕它波动；买得越多，越相信客户自己的历史平均，买得少则向全店平均靠拢。p、q、γ 描述客单价的分布（平均约 pγ/(q−1) 元）。',
    gammaGammaSkipped: '复购客户太少，未拟合 Gamma-Gamma：预计客单价取历史平均。',
    parameter: '参数',
    estimate: '估计值',
    standardError: '标准误',
    meaning: '含义',
    parameters: {
      r: '购买频率分布的形状',
      alpha: '购买频率分布的尺度（{{unit}}）',
      a: '流失概率分布的形状 a',
      b: '流失概率分布的形状 b',
      p: '单笔金额的形状',
      q: '客户平均客单价分布的形状',
      gamma: '客户平均客单价分布的尺度（元）',
    },
    logLikelihood: '对数似然',
    converged: '是否收敛',
    yes: '是',
    no: '否',
    fittedCustomers: '参与拟合的客户',
    unit: '时间单位',
    units: { day: '天', week: '周' },
    calibrationEnd: '数据截至',
    spendCorrelation: '复购次数与客单价的相关系数',
    settings: '客户价值口径',
    settingsValue: '未来 {{months}} 个月 · 月折现率 {{discount}} · 毛利率 {{margin}}',
  },
};

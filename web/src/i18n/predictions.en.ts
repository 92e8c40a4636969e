import type { Messages } from './en';
import type { predictionsZhCN } from './predictions.zh-CN';

// The predicted-value page's English text; the same keys as predictions.zh-CN.ts.

export const predictionsEn: Messages<typeof predictionsZhCN> = {
  title: 'Predicted value',
  subtitle: '{{store}} · computed {{time}} · data up to {{day}}',
  neverComputed: '{{store}} · not computed yet',
  refreshHint:
    'Recompute the analytics and predicted values from all orders; a big store takes a few minutes',
  empty: {
    title: 'No predictions yet',
    description:
      'Refresh the analytics once to see which customers will come back, how often they will buy and what they are worth. At least one customer must have bought twice.',
    serviceHint: 'Ask the owner or an operator to refresh the analytics.',
  },
  figures: {
    customers: 'Buyers',
    repeatBuyers: 'Repeat buyers',
    alive: 'Customers expected to be active',
    aliveHint: 'The sum of every customer’s P(alive): by the model, this many customers will still buy again',
    expected30: 'Expected purchases, next 30 days',
    expected90: 'Expected purchases, next 90 days',
    expected365: 'Expected purchases, next 365 days',
    purchases: '{{n}}',
    clv: 'Customer value, next {{months}} months',
    clvHint: 'Discounted at {{discount}} a month, at a {{margin}} gross margin',
    clvTop20: 'Top 20% customer value from',
    clvTop20Hint: 'A customer worth this much or more is in the store’s top 20%',
  },
  warnings: {
    title: 'Read these numbers with care',
    titles: {
      fewCustomers: 'Few customers',
      fewRepeatBuyers: 'Few repeat buyers',
      shortHistory: 'Short order history',
      notConverged: 'The model did not converge',
      uncertainParameters: 'Uncertain model parameters',
      spendModelSkipped: 'No spend model fitted',
      spendInfiniteMean: 'Unstable spend model',
      spendDependsOnFrequency: 'Spend goes with purchase frequency',
      holdoutMismatch: 'The check missed the actual purchases',
      noDropout: 'Hardly any customer drops out',
    },
    messages: {
      fewCustomers:
        'Only {{customers}} buyers (at least {{minimum}} recommended). The parameters are not stable: store totals are roughly right, a single customer’s prediction is only a hint.',
      fewRepeatBuyers:
        'Only {{repeatBuyers}} repeat buyers (at least {{minimum}} recommended). The model learns the buying rhythm from repeat purchases, so expected purchases and P(alive) may be well off.',
      shortHistory:
        'Only {{days}} days of orders (at least {{minimum}} recommended). How often customers return and when they drop out is not visible yet; one-year predictions and customer value are least reliable.',
      notConverged:
        'The fit stopped before it found the best parameters, so these predictions may be off. Import more orders and refresh again.',
      uncertainParameters:
        'A parameter’s standard error is up to {{relativeError}} times the parameter itself. The data cannot pin the model down: read the predictions as rough tendencies.',
      uncertainParametersUnknown:
        'The parameters’ standard errors could not be estimated: the data cannot pin the model down. Read the predictions as rough tendencies.',
      spendModelSkipped:
        'Only {{repeatBuyers}} repeat buyers (Gamma-Gamma needs {{minimum}}). Expected spend per order is the plain historical average, uncorrected; the ranking by value still helps.',
      spendInfiniteMean:
        'Gamma-Gamma’s q = {{q}}, not above 1: a few very large orders make the model believe average spend has no ceiling, so customer value may be much too high. Look for unusual large orders.',
      spendDependsOnFrequency:
        'Repeat purchases and spend per order correlate at {{correlation}}. Gamma-Gamma assumes they do not, so expected spend and customer value are biased.',
      noDropout:
        'By the orders, customers hardly ever stop coming back after a purchase. The model predicts as if they all stay: P(alive) is near 100% for everyone, and expected purchases follow each customer’s own rate. If the store does lose customers, check that the imported orders are complete.',
      holdoutMismatch:
        'Fitted on older orders, the model expected {{expected}} repeat purchases in the latest period; there were {{actual}}. Expected purchases may be too high or too low overall: see the model check below.',
    },
  },
  targets: {
    title: 'Find customers by prediction',
    winBack: 'High-value win-back',
    winBackHint:
      'Top 20% by value if still active but under 30% likely to be: valuable and slipping away, worth contacting soon (customer value is already discounted by that risk, so this ranks by value if still active)',
    active: 'High-value active',
    activeHint:
      'Top 20% by customer value and over 70% likely to be active: the best customers, keep them close',
  },
  charts: {
    customers: 'Customers',
    pAlive: 'P(alive) distribution',
    pAliveHint:
      'P(alive): by the model, the probability that a customer will still buy again (has not dropped out)',
    pAliveAxis: 'P(alive) (%)',
    expected365: 'Expected purchases, next 365 days',
    expected365Hint: 'Each customer’s expected number of purchases over the next year',
    expectedAxis: 'Expected purchases',
    clv: 'Customer value distribution',
    clvHint: 'Each customer’s expected value over the next {{months}} months, discounted',
    clvAxis: 'Customer value',
  },
  matrix: {
    title: 'Value matrix',
    hint: 'Across: rank by value if still active; up: P(alive). Keep the top right, win back the bottom right',
    rowAxis: 'P(alive)',
    columnAxis: 'Value if still active',
    top: 'Top {{n}}%',
    bottom: 'Bottom {{n}}%',
    between: 'Top {{from}}–{{to}}%',
  },
  holdout: {
    title: 'Model check',
    hint: 'The latest period is held out: the model is fitted on earlier orders, then its predictions are compared with the repeat purchases that happened',
    summary:
      'Fitted on orders before {{calibrationEnd}}, predicting the next {{days}} days (to {{holdoutEnd}}) for {{customers}} customers: {{expected}} repeat purchases expected, {{actual}} actual.',
    none: 'The order history is too short to hold a period out and check the model.',
    axis: 'Repeat purchases before the check',
    actual: 'Actual mean repeat purchases',
    expected: 'Expected mean repeat purchases',
    frequency: 'Repeat purchases before',
    customers: 'Customers',
    totalActual: 'Actual repeat purchases',
    totalExpected: 'Expected repeat purchases',
  },
  model: {
    title: 'Model parameters',
    bgnbd: 'BG/NBD: will they buy again, and how often',
    bgnbdExplain:
      'While active, each customer buys at their own rate, and after each purchase may drop out for good. r and α describe how buying rates vary across the store (on average r/α purchases a {{unit}}); a and b how the chance of dropping out varies (on average a/(a+b)).',
    gammaGamma: 'Gamma-Gamma: how much per order',
    gammaGammaExplain:
      'Each customer has their own average order value and single orders vary around it; the more a customer has bought, the more their own average counts, otherwise it leans to the store’s. p, q and γ describe how average order values vary (about pγ/(q−1) on average).',
    gammaGammaSkipped: 'Too few repeat buyers to fit Gamma-Gamma: expected spend is the historical average.',
    parameter: 'Parameter',
    estimate: 'Estimate',
    standardError: 'Standard error',
    meaning: 'Meaning',
    parameters: {
      r: 'Shape of the buying rates',
      alpha: 'Scale of the buying rates ({{unit}})',
      a: 'Shape a of the drop-out chances',
      b: 'Shape b of the drop-out chances',
      p: 'Shape of single order values',
      q: 'Shape of the customers’ average order values',
      gamma: 'Scale of the customers’ average order values (yuan)',
    },
    logLikelihood: 'Log-likelihood',
    converged: 'Converged',
    yes: 'Yes',
    no: 'No',
    fittedCustomers: 'Customers fitted',
    unit: 'Time unit',
    units: { day: 'day', week: 'week' },
    calibrationEnd: 'Data up to',
    spendCorrelation: 'Correlation of repeat purchases and spend',
    settings: 'Customer value basis',
    settingsValue: 'Next {{months}} months · {{discount}} monthly discount · {{margin}} gross margin',
  },
};

import {
  type BgNbdParams,
  type CompressedRows,
  compressRows,
  conditionalExpectedPurchases,
  type Fit,
  fitBgNbd,
} from './bgnbd.js';
import { fitGammaGamma, type GammaGammaParams } from './gamma-gamma.js';
import type { PredictionWarning, TimeUnit } from './schemas.js';
import type { RepeatSummary } from './summary.js';
import { type CustomerValues, predictValues, spendModel } from './value.js';

// Fits both models to a store's summary, says how far to trust them, and predicts every customer.

export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { day: 1, week: 7 };

/** Below these the fit still runs, with a warning. */
export const THIN = {
  customers: 500,
  repeatBuyers: 100,
  /** Gamma-Gamma is not fitted with fewer repeat buyers than this. */
  spendFitMinimum: 20,
  historyDays: 180,
  relativeError: 0.5,
  correlation: 0.3,
  /** A mean dropout chance per purchase below this is "no dropout". */
  dropout: 1e-4,
} as const;

export interface ValueSettings {
  readonly horizonMonths: number;
  readonly monthlyDiscount: number;
  /** CLV counts this share of revenue (1: revenue; a margin such as 0.3 gives profit). */
  readonly grossMargin: number;
}

export interface ModelFit {
  readonly unit: TimeUnit;
  /** The summary's customers grouped by (x, tₓ, T), as fitted: the predictions reuse them. */
  readonly rows: CompressedRows;
  readonly bgnbd: Fit<BgNbdParams>;
  readonly gammaGamma: Fit<GammaGammaParams> | null;
  /** Mean of the repeat buyers' mean spend (yuan): the fallback where Gamma-Gamma cannot be used. */
  readonly observedMeanValue: number;
  readonly repeatBuyers: number;
  readonly spendCorrelation: number | null;
  readonly warnings: PredictionWarning[];
}

function pearson(x: Float64Array, y: Float64Array): number | null {
  const n = x.length;
  if (n < 3) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

function largestRelativeError(params: object, errors: object | null): number {
  if (!errors) return Number.POSITIVE_INFINITY;
  const p = params as Record<string, number>;
  return Math.max(...Object.entries(errors as Record<string, number>).map(([k, e]) => e / Math.abs(p[k]!)));
}

/** Fits BG/NBD to every customer and Gamma-Gamma to the repeat buyers with positive spend. */
/** An earlier fit's parameters to start from: the store's data change little from one night to the next. */
export interface StartingPoint {
  readonly bgnbd: BgNbdParams;
  readonly gammaGamma: GammaGammaParams | null;
}

export function fitModels(summary: RepeatSummary, unit: TimeUnit, start?: StartingPoint): ModelFit {
  if (summary.count === 0) throw new Error('fitModels: no customers');
  const warnings: PredictionWarning[] = [];
  const rows = compressRows(summary.x, summary.tx, summary.T);
  const bgnbd = fitBgNbd(rows, start?.bgnbd);
  const repeat: number[] = [];
  let longest = 0;
  for (let i = 0; i < summary.count; i++) {
    if (summary.x[i]! > 0 && summary.monetary[i]! > 0) repeat.push(i);
    longest = Math.max(longest, summary.T[i]!);
  }
  const x = Float64Array.from(repeat, (i) => summary.x[i]!);
  const m = Float64Array.from(repeat, (i) => summary.monetary[i]!);
  const observedMeanValue = m.length > 0 ? m.reduce((s, v) => s + v, 0) / m.length : 0;
  const gammaGamma =
    repeat.length >= THIN.spendFitMinimum ? fitGammaGamma(x, m, start?.gammaGamma ?? undefined) : null;
  const spendCorrelation = pearson(x, m);

  if (summary.count < THIN.customers)
    warnings.push({ code: 'few_customers', values: { customers: summary.count, minimum: THIN.customers } });
  if (repeat.length < THIN.repeatBuyers)
    warnings.push({
      code: 'few_repeat_buyers',
      values: { repeatBuyers: repeat.length, minimum: THIN.repeatBuyers },
    });
  const historyDays = Math.round(longest * DAYS_PER_UNIT[unit]);
  if (historyDays < THIN.historyDays)
    warnings.push({ code: 'short_history', values: { days: historyDays, minimum: THIN.historyDays } });
  // Customers who hardly ever stop buying pull a → 0 and b → ∞ (the mean dropout chance a/(a+b)
  // to 0): the fit runs to the edge of the parameter space, and its standard errors are
  // meaningless. The predictions are then the no-dropout (NBD) model's, which is what the data say.
  const dropout = bgnbd.params.a / (bgnbd.params.a + bgnbd.params.b);
  const noDropout = dropout < THIN.dropout;
  if (noDropout) warnings.push({ code: 'no_dropout', values: {} });
  if ((!bgnbd.converged && !noDropout) || (gammaGamma && !gammaGamma.converged))
    warnings.push({ code: 'not_converged', values: {} });
  const relative = Math.max(
    noDropout ? 0 : largestRelativeError(bgnbd.params, bgnbd.standardErrors),
    gammaGamma ? largestRelativeError(gammaGamma.params, gammaGamma.standardErrors) : 0,
  );
  if (relative > THIN.relativeError)
    warnings.push({
      code: 'uncertain_parameters',
      values: Number.isFinite(relative) ? { relativeError: Math.round(relative * 100) / 100 } : {},
    });
  if (!gammaGamma)
    warnings.push({
      code: 'spend_model_skipped',
      values: { repeatBuyers: repeat.length, minimum: THIN.spendFitMinimum },
    });
  else if (gammaGamma.params.q <= 1)
    warnings.push({
      code: 'spend_infinite_mean',
      values: { q: Math.round(gammaGamma.params.q * 1000) / 1000 },
    });
  if (spendCorrelation !== null && Math.abs(spendCorrelation) >= THIN.correlation)
    warnings.push({
      code: 'spend_depends_on_frequency',
      values: { correlation: Math.round(spendCorrelation * 100) / 100 },
    });
  return {
    unit,
    rows,
    bgnbd,
    gammaGamma,
    observedMeanValue,
    repeatBuyers: repeat.length,
    spendCorrelation,
    warnings,
  };
}

export const HORIZON_DAYS = [30, 90, 365] as const;
const MONTH_DAYS = 30;

/** Every customer's predictions (horizons 30/90/365 days; CLV in yuan, margin applied). */
export function predictCustomers(
  fit: ModelFit,
  summary: RepeatSummary,
  settings: ValueSettings,
): CustomerValues {
  const perUnit = DAYS_PER_UNIT[fit.unit];
  const values = predictValues(
    fit.bgnbd.params,
    fit.rows,
    summary.monetary,
    spendModel(fit.gammaGamma?.params ?? null, fit.observedMeanValue),
    {
      horizons: HORIZON_DAYS.map((d) => d / perUnit),
      clvMonths: settings.horizonMonths,
      monthLength: MONTH_DAYS / perUnit,
      monthlyDiscount: settings.monthlyDiscount,
    },
  );
  if (settings.grossMargin !== 1) {
    for (let i = 0; i < values.clv.length; i++) {
      values.clv[i]! *= settings.grossMargin;
      values.potential[i]! *= settings.grossMargin;
    }
  }
  return values;
}

/** Rows of the holdout report: calibration frequency 0 … 6, then 7 or more. */
const HOLDOUT_ROWS = 8;

/**
 * Expected against actual repeat purchases in the holdout (the summary's holdout counts), by
 * purchases in the calibration period, for a model fitted on the calibration period alone.
 */
export function holdoutRows(params: BgNbdParams, summary: RepeatSummary, holdoutLength: number) {
  const customers = new Float64Array(HOLDOUT_ROWS);
  const actual = new Float64Array(HOLDOUT_ROWS);
  const expected = new Float64Array(HOLDOUT_ROWS);
  const rows = compressRows(summary.x, summary.tx, summary.T);
  const rowExpected = Float64Array.from({ length: rows.count }, (_, k) =>
    conditionalExpectedPurchases(params, holdoutLength, rows.x[k]!, rows.tx[k]!, rows.T[k]!),
  );
  for (let i = 0; i < summary.count; i++) {
    const bucket = Math.min(summary.x[i]!, HOLDOUT_ROWS - 1);
    customers[bucket]! += 1;
    actual[bucket]! += summary.holdout[i]!;
    expected[bucket]! += rowExpected[rows.rowOf[i]!]!;
  }
  const round = (v: number) => Math.round(v * 10_000) / 10_000;
  return {
    rows: Array.from({ length: HOLDOUT_ROWS }, (_, f) => ({
      frequency: f,
      orMore: f === HOLDOUT_ROWS - 1,
      customers: customers[f]!,
      actual: customers[f]! > 0 ? round(actual[f]! / customers[f]!) : 0,
      expected: customers[f]! > 0 ? round(expected[f]! / customers[f]!) : 0,
    })).filter((row) => row.customers > 0),
    totalActual: actual.reduce((s, v) => s + v, 0),
    totalExpected: round(expected.reduce((s, v) => s + v, 0)),
  };
}

import { z } from 'zod';

// What a predictions refresh keeps (analysis_snapshots, kind "predictions") and the API returns.
// Money is in fen; times in the model's unit are converted to days where an operator reads them.

export const timeUnits = ['day', 'week'] as const;
export type TimeUnit = (typeof timeUnits)[number];

/** Why a fit may not be trusted; `values` carries the numbers the message quotes. */
export const predictionWarnings = [
  'few_customers',
  'few_repeat_buyers',
  'short_history',
  'not_converged',
  'uncertain_parameters',
  'spend_model_skipped',
  'spend_infinite_mean',
  'spend_depends_on_frequency',
  'holdout_mismatch',
  'no_dropout',
] as const;
export type PredictionWarningCode = (typeof predictionWarnings)[number];

export const predictionWarningSchema = z.object({
  code: z.enum(predictionWarnings),
  values: z.record(z.string(), z.number()),
});
export type PredictionWarning = z.infer<typeof predictionWarningSchema>;

const count = z.number().int().min(0);

export const bgNbdFitSchema = z.object({
  r: z.number(),
  alpha: z.number(),
  a: z.number(),
  b: z.number(),
  standardErrors: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number() }).nullable(),
  logLikelihood: z.number(),
  customers: count,
  converged: z.boolean(),
});

export const gammaGammaFitSchema = z.object({
  p: z.number(),
  q: z.number(),
  gamma: z.number().describe('γ, in yuan'),
  standardErrors: z.object({ p: z.number(), q: z.number(), gamma: z.number() }).nullable(),
  logLikelihood: z.number(),
  customers: count,
  converged: z.boolean(),
});

const binSchema = z.object({
  from: z.number(),
  /** Exclusive, except the last bin's; null: no upper bound. */
  to: z.number().nullable(),
  customers: count,
});

/** Expected against actual repeat purchases in a holdout period, by purchases in the calibration period. */
export const holdoutSchema = z.object({
  calibrationEnd: z.string(),
  holdoutEnd: z.string(),
  holdoutDays: z.number().int(),
  customers: count,
  rows: z.array(
    z.object({
      /** Repeat purchases in the calibration period; the last row is "this many or more". */
      frequency: z.number().int(),
      orMore: z.boolean(),
      customers: count,
      /** Mean repeat purchases per customer in the holdout period. */
      actual: z.number(),
      expected: z.number(),
    }),
  ),
  totalActual: z.number(),
  totalExpected: z.number(),
});
export type HoldoutReport = z.infer<typeof holdoutSchema>;

export const predictionsSnapshotSchema = z.object({
  computedAt: z.number().int(),
  unit: z.enum(timeUnits),
  /** The calibration end (the refresh's local day): ages and horizons count from it. */
  calibrationEnd: z.string(),
  customers: count,
  repeatBuyers: count,
  bgnbd: bgNbdFitSchema,
  /** Null when too few repeat buyers to fit it: spend is then each customer's observed mean. */
  gammaGamma: gammaGammaFitSchema.nullable(),
  /** Pearson correlation of repeat purchases and mean spend among repeat buyers. */
  spendCorrelation: z.number().nullable(),
  settings: z.object({
    horizonMonths: z.number().int(),
    monthlyDiscount: z.number(),
    grossMargin: z.number(),
  }),
  warnings: z.array(predictionWarningSchema),
  totals: z.object({
    /** Σ P(alive): the customers expected to be still active. */
    alive: z.number(),
    expected30: z.number(),
    expected90: z.number(),
    expected365: z.number(),
    /** Σ CLV over the horizon, fen. */
    clv: z.number(),
  }),
  /** The CLV (fen) at and above which a customer is in the top 20%. */
  clvTop20: z.number(),
  distributions: z.object({
    pAlive: z.array(binSchema),
    expected365: z.array(binSchema),
    /** CLV bins in fen. */
    clv: z.array(binSchema),
  }),
  /** The potential (CLV if still active, fen) at and above which a customer is in the top 20%. */
  potentialTop20: z.number(),
  /**
   * Customers by P(alive) band (rows) and by percentile of potential value, the CLV if still
   * active (columns): valuable and slipping away = win back; valuable and active = keep.
   */
  valueMatrix: z.object({
    aliveBands: z.array(z.number()),
    potentialBands: z.array(z.number()),
    customers: z.array(z.array(count)),
  }),
  holdout: holdoutSchema.nullable(),
});
export type PredictionsSnapshot = z.infer<typeof predictionsSnapshotSchema>;

/** One customer's predictions as the profile shows them. */
export const customerPredictionSchema = z.object({
  pAlive: z.number().min(0).max(1),
  expected30: z.number(),
  expected90: z.number(),
  expected365: z.number(),
  /** Expected spend per purchase, fen. */
  averageValue: z.number().int(),
  /** Value over the store's horizon, discounted, fen. */
  clv: z.number().int(),
  /** Percentile of CLV among the store's buyers (100: the most valuable). */
  clvPercentile: z.number().int().min(0).max(100),
  /** The CLV if the customer is still active, fen: the value at stake if they have slipped away. */
  potentialValue: z.number().int(),
  potentialPercentile: z.number().int().min(0).max(100),
  /** yyyy-MM-dd: the median date of the next order if the customer is still active; null beyond 3 years. */
  nextOrderDate: z.string().nullable(),
  computedAt: z.number().int(),
});
export type CustomerPrediction = z.infer<typeof customerPredictionSchema>;

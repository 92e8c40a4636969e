import type {
  CustomerPrediction,
  HoldoutReport,
  PredictionsSnapshot,
  PredictionWarning,
  PredictionWarningCode,
} from '../../../../src/predict/schemas.js';

// The predictions page's API shapes (src/predict/schemas.ts): money in fen, P(alive) 0..1, days as
// yyyy-MM-dd in the store's time zone. Only types come from there: schemas.ts would bundle zod.

export type {
  CustomerPrediction,
  HoldoutReport,
  PredictionsSnapshot,
  PredictionWarning,
  PredictionWarningCode,
};

export type Bin = PredictionsSnapshot['distributions']['pAlive'][number];
export type ValueMatrix = PredictionsSnapshot['valueMatrix'];
export type BgNbdFit = PredictionsSnapshot['bgnbd'];
export type GammaGammaFit = NonNullable<PredictionsSnapshot['gammaGamma']>;

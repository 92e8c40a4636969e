import type { Formats } from '../analytics/formats.js';
import type { PredictionWarning, PredictionWarningCode } from './types.js';

// How each warning reads: its message key, how loudly, and its numbers in the reader's language.
// Message keys are camelCase: i18next reads `_one`, `_few`… at the end of a key as plural forms.

const messageKeys = {
  few_customers: 'fewCustomers',
  few_repeat_buyers: 'fewRepeatBuyers',
  short_history: 'shortHistory',
  not_converged: 'notConverged',
  uncertain_parameters: 'uncertainParameters',
  spend_model_skipped: 'spendModelSkipped',
  spend_infinite_mean: 'spendInfiniteMean',
  spend_depends_on_frequency: 'spendDependsOnFrequency',
  holdout_mismatch: 'holdoutMismatch',
  no_dropout: 'noDropout',
} as const satisfies Record<PredictionWarningCode, string>;

export type WarningTitle = (typeof messageKeys)[PredictionWarningCode];
export type WarningMessage = WarningTitle | 'uncertainParametersUnknown';

/** `warning` where the numbers may well be wrong; `info` where they are only less sure. */
export const warningSeverity: Record<PredictionWarningCode, 'warning' | 'info'> = {
  few_customers: 'info',
  few_repeat_buyers: 'warning',
  short_history: 'info',
  not_converged: 'warning',
  uncertain_parameters: 'warning',
  spend_model_skipped: 'info',
  spend_infinite_mean: 'warning',
  spend_depends_on_frequency: 'info',
  holdout_mismatch: 'warning',
  no_dropout: 'info',
};

/** The key of a warning's title. */
export const warningTitle = (warning: PredictionWarning): WarningTitle => messageKeys[warning.code];

/** The key of a warning's message: without standard errors the parameters' uncertainty has no figure. */
export function warningMessage(warning: PredictionWarning): WarningMessage {
  if (warning.code === 'uncertain_parameters' && warning.values.relativeError === undefined)
    return 'uncertainParametersUnknown';
  return messageKeys[warning.code];
}

/** The figures the messages quote (the server's `values`), by name. */
type QuotedValue =
  | 'customers'
  | 'repeatBuyers'
  | 'minimum'
  | 'days'
  | 'relativeError'
  | 'q'
  | 'correlation'
  | 'expected'
  | 'actual';

/** The warning's figures as the message quotes them: `1,234`, `0.45`. */
export function warningValues(
  warning: PredictionWarning,
  formats: Formats,
): Partial<Record<QuotedValue, string>> {
  return Object.fromEntries(
    Object.entries(warning.values).map(([name, value]) => [name, formats.decimal(value, 3)]),
  );
}

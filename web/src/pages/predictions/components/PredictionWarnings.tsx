import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormats } from '../../analytics/use-formats';
import type { PredictionWarning } from '../types';
import { warningMessage, warningSeverity, warningTitle, warningValues } from '../warnings';

/** Why the fit may not be trusted, one alert per reason, each quoting its figures. */
export function PredictionWarnings({ warnings }: { readonly warnings: readonly PredictionWarning[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  if (warnings.length === 0) return null;
  return (
    <Flex
      vertical
      gap={8}
      role="region"
      aria-label={t('predictions.warnings.title')}
      style={{ marginBottom: 16 }}
    >
      {warnings.map((warning) => (
        <Alert
          key={warning.code}
          type={warningSeverity[warning.code]}
          showIcon
          title={t(`predictions.warnings.titles.${warningTitle(warning)}`)}
          description={t(
            `predictions.warnings.messages.${warningMessage(warning)}`,
            warningValues(warning, formats),
          )}
        />
      ))}
    </Flex>
  );
}

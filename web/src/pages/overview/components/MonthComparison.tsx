import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatMonthShort } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { Trend } from './Trend';

interface MonthComparisonProps {
  /** 'yyyy-MM' of the last complete month and of the month before it. */
  readonly month: string;
  readonly previousMonth: string;
  /** The month's figure, formatted. */
  readonly value: string;
  readonly change: number | undefined;
  readonly kind: 'relative' | 'points';
}

/** `10月：¥12.3万 ↑+5.2%`: the last complete month and how it compares with the one before. */
export function MonthComparison({ month, previousMonth, value, change, kind }: MonthComparisonProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const previous = formatMonthShort(previousMonth, language);
  const hint =
    change === undefined
      ? t('overview.kpi.noPrevious', { month: previous })
      : `${t('overview.kpi.lastFullMonthHint')} (${t('overview.kpi.versusPrevious', { month: previous })})`;
  return (
    <Tooltip title={hint}>
      <span>
        {t('overview.kpi.monthValue', { month: formatMonthShort(month, language), value })}
        {change !== undefined && (
          <>
            {'  '}
            <Trend change={change} kind={kind} />
          </>
        )}
      </span>
    </Tooltip>
  );
}

import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatShare } from '../../../format/number';
import { directionOf, trendColor } from '../../../format/trend';
import { currentLanguage } from '../../../i18n';

interface TrendProps {
  /** A relative change (0.052 = +5.2%) or, for shares, a change in percentage points (0.023 = +2.3). */
  readonly change: number;
  readonly kind: 'relative' | 'points';
}

const icons = { up: <ArrowUpOutlined />, down: <ArrowDownOutlined />, flat: <MinusOutlined /> };

/** A coloured arrow and the size of a change; red for a rise in Chinese, green in English. */
export function Trend({ change, kind }: TrendProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const direction = directionOf(change);
  const sign = direction === 'up' ? '+' : '';
  const size =
    kind === 'relative'
      ? `${sign}${formatShare(change, language)}`
      : t('overview.kpi.pointsChange', { change: `${sign}${(change * 100).toFixed(1)}` });
  return (
    <span
      style={{ color: trendColor(direction, language), fontWeight: 500, whiteSpace: 'nowrap' }}
      data-trend={direction}
    >
      {icons[direction]} {size}
    </span>
  );
}

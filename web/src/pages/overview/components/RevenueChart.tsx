import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Empty, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { currentLanguage } from '../../../i18n';
import type { Overview } from '../types';
import { revenueChartOption } from './revenue-chart-option';

/** Twelve months of new vs old customer revenue. */
export function RevenueChart({ overview }: { readonly overview: Overview }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const hasRevenue = overview.months.some((month) => month.newRevenue + month.oldRevenue !== 0);
  // Rebuilt on a new answer or a new language only, so the chart does not redraw on every render.
  const option = useMemo(
    () =>
      revenueChartOption(overview.months, overview.currency, language, {
        newRevenue: t('overview.chart.newRevenue'),
        oldRevenue: t('overview.chart.oldRevenue'),
        oldShare: t('overview.chart.oldShare'),
      }),
    [overview, language, t],
  );
  return (
    <Card
      title={
        <span>
          {t('overview.chart.title')}{' '}
          <Tooltip title={t('overview.chart.description')}>
            <InfoCircleOutlined
              style={{ color: '#bfbfbf', fontSize: 13 }}
              aria-label={t('overview.chart.description')}
            />
          </Tooltip>
        </span>
      }
      style={{ marginTop: 16 }}
    >
      {hasRevenue ? (
        <EChart option={option} height={340} label={t('overview.chart.ariaLabel')} />
      ) : (
        <Empty description={t('overview.chart.empty')} style={{ padding: '48px 0' }} />
      )}
    </Card>
  );
}

import { BarChartOutlined } from '@ant-design/icons';
import { Card, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { useStore } from '../../session/use-session';
import { useRfm } from './api';
import { AnalyticsTabs } from './components/AnalyticsTabs';
import { RefreshButton } from './components/RefreshButton';
import { RefreshJob } from './components/RefreshJob';
import { ReportsNav } from './components/ReportsNav';
import { useAnalyticsRefresh } from './use-analytics-refresh';
import { useFormats } from './use-formats';

/** Customer analytics: RFM, lifecycle, new vs old, 80/20, cohorts and products, from the last refresh. */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const rfm = useRfm(store.id);
  const refresh = useAnalyticsRefresh();

  const computedAt = rfm.data?.snapshot?.computedAt;
  const refreshButton = <RefreshButton refresh={refresh} hint={t('analytics.refreshHint')} />;

  return (
    <>
      <PageHeader
        title={t('analytics.title')}
        subtitle={
          computedAt === undefined
            ? t('analytics.neverComputed', { store: store.name })
            : t('analytics.subtitle', { store: store.name, time: formats.instant(computedAt) })
        }
        // Before the first refresh the button sits in the empty state, where the reader looks.
        extra={rfm.data?.snapshot === null || !refresh.allowed ? undefined : refreshButton}
      />
      <ReportsNav active="analytics" />
      <RefreshJob refresh={refresh} />
      {rfm.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {rfm.isError && (
        <Card>
          <LoadError title={t('analytics.loadFailed')} error={rfm.error} onRetry={() => void rfm.refetch()} />
        </Card>
      )}
      {rfm.data?.snapshot === null && (
        <Card>
          <Result
            icon={<BarChartOutlined style={{ color: '#91b4f0' }} />}
            title={t('analytics.empty.title')}
            subTitle={refresh.allowed ? t('analytics.empty.description') : t('analytics.empty.serviceHint')}
            extra={refreshButton}
          />
        </Card>
      )}
      {rfm.data?.snapshot && <AnalyticsTabs rfm={rfm.data.snapshot} />}
    </>
  );
}

import { LineChartOutlined } from '@ant-design/icons';
import { Card, Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatDayKey } from '../../format/time';
import { useStore } from '../../session/use-session';
import { RefreshButton } from '../analytics/components/RefreshButton';
import { RefreshJob } from '../analytics/components/RefreshJob';
import { ReportsNav } from '../analytics/components/ReportsNav';
import { useAnalyticsRefresh } from '../analytics/use-analytics-refresh';
import { useFormats } from '../analytics/use-formats';
import { usePredictions } from './api';
import { Predictions } from './components/Predictions';

/** Predicted value: who will buy again, how often, and what each customer is worth (BG/NBD + Gamma-Gamma). */
export default function PredictionsPage() {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const predictions = usePredictions(store.id);
  const refresh = useAnalyticsRefresh();
  const snapshot = predictions.data?.snapshot;
  const refreshButton = <RefreshButton refresh={refresh} hint={t('predictions.refreshHint')} />;

  return (
    <>
      <PageHeader
        title={t('predictions.title')}
        subtitle={
          snapshot
            ? t('predictions.subtitle', {
                store: store.name,
                time: formats.instant(snapshot.computedAt),
                day: formatDayKey(snapshot.calibrationEnd, formats.language),
              })
            : t('predictions.neverComputed', { store: store.name })
        }
        // Before the first refresh the button sits in the empty state, where the reader looks.
        extra={snapshot === null || !refresh.allowed ? undefined : refreshButton}
      />
      <ReportsNav active="predictions" />
      <RefreshJob refresh={refresh} />
      {predictions.isPending && (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      )}
      {predictions.isError && (
        <Card>
          <LoadError
            title={t('analytics.loadFailed')}
            error={predictions.error}
            onRetry={() => void predictions.refetch()}
          />
        </Card>
      )}
      {snapshot === null && (
        <Card>
          <Result
            icon={<LineChartOutlined style={{ color: '#91b4f0' }} />}
            title={t('predictions.empty.title')}
            subTitle={
              refresh.allowed ? t('predictions.empty.description') : t('predictions.empty.serviceHint')
            }
            extra={refreshButton}
          />
        </Card>
      )}
      {snapshot && <Predictions snapshot={snapshot} />}
    </>
  );
}

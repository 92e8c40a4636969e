import { BarChartOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, Result, Skeleton, Tooltip } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../session/permissions';
import { useStore } from '../../session/use-session';
import { useJob } from '../import/api';
import { useReloadAnalytics, useRfm, useStartRefresh } from './api';
import { AnalyticsTabs } from './components/AnalyticsTabs';
import { RefreshProgress } from './components/RefreshProgress';
import { useRefreshJob } from './refresh-job';
import { useFormats } from './use-formats';

/** Customer analytics: RFM, lifecycle, new vs old, 80/20, cohorts and products, from the last refresh. */
export default function AnalyticsPage() {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const rfm = useRfm(store.id);
  const reload = useReloadAnalytics(store.id);
  const [jobId, setJobId, settleJob] = useRefreshJob(store.id);
  const start = useStartRefresh(store.id, setJobId);
  // The same query as the progress bar's (one request a second between them): while the job runs,
  // the button waits rather than queue another refresh.
  const job = useJob(store.id, jobId);
  const state = job.data?.state;
  const running =
    jobId !== undefined &&
    !job.isError &&
    state !== 'succeeded' &&
    state !== 'failed' &&
    state !== 'cancelled';
  const mayRefresh = can(store.role, 'analytics.refresh');
  const onSucceeded = useCallback(() => {
    settleJob();
    void reload();
  }, [reload, settleJob]);

  const computedAt = rfm.data?.snapshot?.computedAt;
  const refreshButton = mayRefresh && (
    <Tooltip title={t('analytics.refreshHint')}>
      <Button
        type="primary"
        icon={<SyncOutlined spin={start.isPending || running} />}
        disabled={start.isPending || running}
        onClick={() => start.mutate()}
      >
        {t('analytics.refresh')}
      </Button>
    </Tooltip>
  );

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
        extra={rfm.data?.snapshot === null ? undefined : refreshButton}
      />
      {jobId !== undefined && (
        <RefreshProgress
          key={jobId}
          jobId={jobId}
          onSucceeded={onSucceeded}
          onClose={() => setJobId(undefined)}
        />
      )}
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
            subTitle={mayRefresh ? t('analytics.empty.description') : t('analytics.empty.serviceHint')}
            extra={refreshButton}
          />
        </Card>
      )}
      {rfm.data?.snapshot && <AnalyticsTabs rfm={rfm.data.snapshot} />}
    </>
  );
}

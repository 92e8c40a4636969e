import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/LoadError';
import { PageHeader } from '../../components/PageHeader';
import { formatInstant } from '../../format/time';
import { currentLanguage } from '../../i18n';
import { useStore } from '../../session/use-session';
import { useOverview } from './api';
import { KpiGrid } from './components/KpiGrid';
import { MonthTable } from './components/MonthTable';
import { RevenueChart } from './components/RevenueChart';

/** The store at a glance: headline figures and twelve months of new vs old customer revenue. */
export default function OverviewPage() {
  const { t } = useTranslation();
  const store = useStore();
  const overview = useOverview(store.id);
  const language = currentLanguage();

  const subtitle = overview.data
    ? t('overview.subtitle', {
        store: store.name,
        time: formatInstant(overview.data.generatedAt, overview.data.timeZone, language),
        timeZone: overview.data.timeZone,
      })
    : store.name;

  return (
    <>
      <PageHeader
        title={t('overview.title')}
        subtitle={subtitle}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void overview.refetch()}
            loading={overview.isFetching}
          >
            {t('common.refresh')}
          </Button>
        }
      />
      {overview.isPending && <OverviewSkeleton />}
      {overview.isError && (
        <Card>
          <LoadError
            title={t('overview.loadFailed')}
            error={overview.error}
            onRetry={() => void overview.refetch()}
          />
        </Card>
      )}
      {overview.data && (
        <>
          <KpiGrid overview={overview.data} />
          <RevenueChart overview={overview.data} />
          {overview.data.months.some((month) => month.orders > 0) && <MonthTable overview={overview.data} />}
        </>
      )}
    </>
  );
}

function OverviewSkeleton() {
  return (
    <div aria-busy="true">
      <Row gutter={[16, 16]}>
        {[0, 1, 2, 3].map((key) => (
          <Col key={key} xs={24} sm={12} lg={6}>
            <Card>
              <Skeleton active paragraph={{ rows: 1 }} />
            </Card>
          </Col>
        ))}
      </Row>
      <Card style={{ marginTop: 16 }}>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    </div>
  );
}

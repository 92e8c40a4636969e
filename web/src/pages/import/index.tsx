import { Card, Col, Result, Row, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../session/permissions';
import { useStore } from '../../session/use-session';
import { ColumnMapsTab } from './components/ColumnMapsTab';
import { FormatGuide } from './components/FormatGuide';
import { RunHistory } from './components/RunHistory';
import { UploadCard } from './components/UploadCard';

type TabKey = 'history' | 'maps';

/** Order import: upload with live progress, the history of runs with their rejected rows, column maps. */
export default function ImportPage() {
  const { t } = useTranslation();
  const store = useStore();
  const allowed = can(store.role, 'data.import');
  return (
    <>
      <PageHeader title={t('import.title')} subtitle={t('import.subtitle')} />
      {allowed ? (
        // Keyed by store: switching stores must not carry chosen files or a job over to the other.
        <ImportSections key={store.id} />
      ) : (
        <Card>
          <Result
            status="403"
            title={t('import.noPermission.title')}
            subTitle={t('import.noPermission.description', { role: t(`roles.${store.role}`) })}
          />
        </Card>
      )}
    </>
  );
}

function ImportSections() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [expandedRuns, setExpandedRuns] = useState<readonly number[]>([]);
  // The open tab lives in the address (?tab=maps), so a reload or a shared link keeps it.
  const active: TabKey = params.get('tab') === 'maps' ? 'maps' : 'history';
  const openTab = (key: TabKey) => setParams(key === 'history' ? {} : { tab: key }, { replace: true });

  // From an upload's result to that file's run in the history, opened.
  const showRun = (runId: number) => {
    openTab('history');
    setExpandedRuns((open) => (open.includes(runId) ? open : [...open, runId]));
    requestAnimationFrame(() =>
      document.getElementById('import-history')?.scrollIntoView({ behavior: 'smooth', block: 'start' }),
    );
  };

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <UploadCard onShowRun={showRun} />
        </Col>
        <Col xs={24} xl={9}>
          <FormatGuide />
        </Col>
      </Row>
      <Card id="import-history" style={{ marginTop: 16 }} styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(key) => openTab(key === 'maps' ? 'maps' : 'history')}
          items={[
            {
              key: 'history',
              label: t('import.tabs.history'),
              children: <RunHistory expanded={expandedRuns} onExpandedChange={setExpandedRuns} />,
            },
            { key: 'maps', label: t('import.tabs.maps'), children: <ColumnMapsTab /> },
          ]}
        />
      </Card>
    </>
  );
}

import { Segmented, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { formatMonth } from '../../../format/time';
import { useStore } from '../../../session/use-session';
import { exportUrl, useCohorts } from '../api';
import { type CohortMeasure, cohortOption } from '../charts/cohort-option';
import type { CohortsSnapshot } from '../types';
import { useFormats } from '../use-formats';
import { ExportLinks } from './ExportLinks';
import { figureColumn } from './figure-column';
import { Panel } from './Panel';
import { SnapshotGate } from './SnapshotGate';

type Cohort = CohortsSnapshot['cohorts'][number];

/** Cohorts: retention (or revenue) by months since the first purchase, per first-purchase month. */
export function CohortsTab() {
  const store = useStore();
  const { t } = useTranslation();
  return (
    <SnapshotGate query={useCohorts(store.id)} empty={t('analytics.cohorts.empty')}>
      {(snapshot) => <Cohorts snapshot={snapshot} />}
    </SnapshotGate>
  );
}

function Cohorts({ snapshot }: { readonly snapshot: CohortsSnapshot }) {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const [measure, setMeasure] = useState<CohortMeasure>('retention');
  const { cohorts } = snapshot;
  const option = useMemo(
    () =>
      cohortOption(cohorts, measure, formats, {
        monthsAxis: t('analytics.cohorts.monthsAxis'),
        month: (n) => t('analytics.cohorts.monthsSince', { n }),
        cohort: (month) => formatMonth(month, formats.language),
      }),
    [cohorts, measure, formats, t],
  );
  const width = Math.max(0, ...cohorts.map((cohort) => cohort.retention.length));
  const cell = (value: number | undefined) =>
    value === undefined ? '' : measure === 'retention' ? formats.share(value) : formats.money(value);
  return (
    <>
      <Panel
        title={t('analytics.cohorts.heatmap')}
        hint={t('analytics.cohorts.heatmapHint')}
        extra={
          <Segmented<CohortMeasure>
            aria-label={t('analytics.cohorts.show')}
            value={measure}
            onChange={setMeasure}
            options={[
              { value: 'retention', label: t('analytics.cohorts.retention') },
              { value: 'revenue', label: t('analytics.cohorts.revenue') },
            ]}
          />
        }
      >
        <EChart
          option={option}
          height={Math.max(280, 90 + cohorts.length * 26)}
          label={t('analytics.chartAria', { name: t('analytics.cohorts.heatmap') })}
        />
      </Panel>
      <Panel
        title={t('analytics.cohorts.table')}
        extra={<ExportLinks href={(format) => exportUrl(store.id, 'cohorts', format)} />}
      >
        <Table
          rowKey="month"
          size="small"
          dataSource={cohorts}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'month',
              title: t('analytics.cohorts.cohort'),
              fixed: 'left',
              render: (_, cohort) => formatMonth(cohort.month, formats.language),
            },
            figureColumn<Cohort>('customers', t('analytics.cohorts.customers'), (cohort) =>
              formats.count(cohort.customers),
            ),
            ...Array.from({ length: width }, (_, index) =>
              figureColumn<Cohort>(`m${index}`, t('analytics.cohorts.monthsSince', { n: index }), (cohort) =>
                cell(cohort[measure][index]),
              ),
            ),
          ]}
        />
      </Panel>
    </>
  );
}

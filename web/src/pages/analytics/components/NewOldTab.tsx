import { Flex, Segmented, Table } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { formatDayKey, formatMonth } from '../../../format/time';
import { useStore } from '../../../session/use-session';
import { exportUrl, useNewOld } from '../api';
import { type NewOldMeasure, newOldOption } from '../charts/new-old-option';
import type { ExportTable, NewOldRow, NewOldSnapshot } from '../types';
import { useFormats } from '../use-formats';
import { ExportLinks } from './ExportLinks';
import { newOldColumns } from './new-old-columns';
import { Panel } from './Panel';
import { Promotions } from './Promotions';
import { RangeQuery } from './RangeQuery';
import { SnapshotGate } from './SnapshotGate';

type Grain = 'days' | 'weeks' | 'months';

// How many of the latest periods the chart draws; the table pages through all of them.
const CHART_PERIODS: Record<Grain, number> = { days: 60, weeks: 52, months: 24 };
const exportTables: Record<Grain, ExportTable> = {
  days: 'new-old-days',
  weeks: 'new-old-weeks',
  months: 'new-old-months',
};

/** New vs old customers per day, week or month; past promotions; any range of days. */
export function NewOldTab() {
  const store = useStore();
  return (
    <SnapshotGate query={useNewOld(store.id)}>
      {(snapshot) => (
        <>
          <NewOldPeriods snapshot={snapshot} />
          <Promotions promotions={snapshot.promotions} />
          <RangeQuery />
        </>
      )}
    </SnapshotGate>
  );
}

function NewOldPeriods({ snapshot }: { readonly snapshot: NewOldSnapshot }) {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const [measure, setMeasure] = useState<NewOldMeasure>('revenue');
  const [grain, setGrain] = useState<Grain>('months');
  const periodName = (row: NewOldRow) => {
    if (grain === 'months') return formatMonth(row.period, formats.language);
    const day = formatDayKey(row.period, formats.language);
    return grain === 'weeks' ? t('analytics.newOld.weekOf', { day }) : day;
  };
  const rows = snapshot[grain];
  const chartRows = useMemo(() => rows.slice(-CHART_PERIODS[grain]), [rows, grain]);
  const option = useMemo(
    () =>
      newOldOption(
        chartRows,
        chartRows.map((row) =>
          grain === 'months'
            ? formatMonth(row.period, formats.language)
            : formatDayKey(row.period, formats.language),
        ),
        measure,
        formats,
        { old: t('analytics.newOld.oldLabel'), new: t('analytics.newOld.newLabel') },
      ),
    [chartRows, grain, measure, formats, t],
  );
  const newestFirst = useMemo(() => rows.toReversed(), [rows]);
  const columns = useMemo(() => newOldColumns<NewOldRow>(t, formats), [t, formats]);

  return (
    <>
      <Panel
        title={t('analytics.newOld.chart')}
        extra={
          <Flex gap={8} wrap>
            <Segmented<NewOldMeasure>
              aria-label={t('analytics.newOld.measure')}
              value={measure}
              onChange={setMeasure}
              options={[
                { value: 'revenue', label: t('analytics.newOld.revenue') },
                { value: 'buyers', label: t('analytics.newOld.buyers') },
              ]}
            />
            <Segmented<Grain>
              aria-label={t('analytics.newOld.period')}
              value={grain}
              onChange={setGrain}
              options={[
                { value: 'days', label: t('analytics.newOld.days') },
                { value: 'weeks', label: t('analytics.newOld.weeks') },
                { value: 'months', label: t('analytics.newOld.months') },
              ]}
            />
          </Flex>
        }
      >
        <EChart
          option={option}
          height={340}
          label={t('analytics.chartAria', { name: t('analytics.newOld.chart') })}
        />
      </Panel>
      <Panel
        title={t('analytics.newOld.table')}
        extra={<ExportLinks href={(format) => exportUrl(store.id, exportTables[grain], format)} />}
      >
        <Table
          rowKey="period"
          size="small"
          dataSource={newestFirst}
          pagination={{ pageSize: 12, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'period',
              title: t('analytics.newOld.columns.period'),
              fixed: 'left',
              render: (_, row) => periodName(row),
            },
            ...columns,
          ]}
        />
      </Panel>
    </>
  );
}

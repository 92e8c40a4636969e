import { Col, Empty, Row, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { useStore } from '../../../session/use-session';
import { exportUrl, useLifecycle } from '../api';
import { histogramOption, MARK_COLOURS, statesOption } from '../charts/lifecycle-options';
import { type LifecycleSnapshot, lifecycleStates } from '../types';
import { useFormats } from '../use-formats';
import { ExportLinks } from './ExportLinks';
import { Figures } from './Figures';
import { figureColumn } from './figure-column';
import { Panel } from './Panel';
import { SnapshotGate } from './SnapshotGate';
import { Transitions } from './Transitions';

/** Lifecycle: customers per state, how they moved, the purchase cycle and the order distributions. */
export function LifecycleTab() {
  const store = useStore();
  return (
    <SnapshotGate query={useLifecycle(store.id)}>
      {(snapshot) => <Lifecycle snapshot={snapshot} />}
    </SnapshotGate>
  );
}

function Lifecycle({ snapshot }: { readonly snapshot: LifecycleSnapshot }) {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const days = (value: number | null) =>
    value === null ? '—' : t('analytics.lifecycle.figures.daysValue', { days: formats.decimal(value, 1) });
  const rows = useMemo(
    () => [
      { state: 'potential' as const, customers: snapshot.potential, share: null, revenueShare: null },
      ...lifecycleStates.map((state) => {
        const figures = snapshot.states.find((entry) => entry.state === state);
        const customers = figures?.customers ?? 0;
        return {
          state,
          customers,
          share: snapshot.buyers ? customers / snapshot.buyers : null,
          revenueShare: figures?.revenueShare ?? 0,
        };
      }),
    ],
    [snapshot],
  );
  const stateName = (state: (typeof rows)[number]['state']) => t(`analytics.lifecycle.states.${state}`);
  const statesChart = useMemo(
    () =>
      statesOption(
        rows.map((row) => ({ name: t(`analytics.lifecycle.states.${row.state}`), customers: row.customers })),
        formats,
        t('analytics.lifecycle.customers'),
      ),
    [rows, formats, t],
  );
  const { cycle, thresholds } = snapshot;
  const cycleChart = useMemo(
    () =>
      histogramOption(cycle.histogram, formats, t('analytics.lifecycle.days'), [
        ...(cycle.medianDays === null
          ? []
          : [
              {
                label: t('analytics.lifecycle.median', { days: formats.decimal(cycle.medianDays, 1) }),
                value: cycle.medianDays,
                colour: MARK_COLOURS.median,
              },
            ]),
        {
          label: t('analytics.lifecycle.activeMark', { days: thresholds.activeDays }),
          value: thresholds.activeDays,
          colour: MARK_COLOURS.active,
        },
        {
          label: t('analytics.lifecycle.churnMark', { days: thresholds.churnDays }),
          value: thresholds.churnDays,
          colour: MARK_COLOURS.churn,
        },
      ]),
    [cycle, thresholds, formats, t],
  );
  const ordersChart = useMemo(
    () => histogramOption(snapshot.ordersPerCustomer, formats, t('analytics.lifecycle.ordersBucket')),
    [snapshot, formats, t],
  );
  const itemsChart = useMemo(
    () => histogramOption(snapshot.itemsPerOrderDistribution, formats, t('analytics.lifecycle.itemsBucket')),
    [snapshot, formats, t],
  );
  const chartLabel = (name: string) => t('analytics.chartAria', { name });

  return (
    <>
      <Figures
        figures={[
          {
            key: 'buyers',
            label: t('analytics.lifecycle.figures.buyers'),
            value: formats.count(snapshot.buyers),
          },
          {
            key: 'potential',
            label: t('analytics.lifecycle.figures.potential'),
            value: formats.count(snapshot.potential),
          },
          {
            key: 'purchases',
            label: t('analytics.lifecycle.figures.purchasesPerCustomer'),
            value: formats.decimal(snapshot.purchasesPerCustomer),
          },
          {
            key: 'purchaseDays',
            label: t('analytics.lifecycle.figures.purchaseDaysPerCustomer'),
            value: formats.decimal(snapshot.purchaseDaysPerCustomer),
          },
          {
            key: 'items',
            label: t('analytics.lifecycle.figures.itemsPerOrder'),
            value: formats.decimal(snapshot.itemsPerOrder),
          },
          {
            key: 'cycle',
            label: t('analytics.lifecycle.figures.medianCycle'),
            value: days(cycle.medianDays),
          },
        ]}
      />
      <Panel
        title={t('analytics.lifecycle.funnel')}
        hint={t('analytics.lifecycle.funnelHint', {
          active: thresholds.activeDays,
          churn: thresholds.churnDays,
        })}
        extra={<ExportLinks href={(format) => exportUrl(store.id, 'lifecycle', format)} />}
      >
        <Row gutter={24}>
          <Col xs={24} xl={12}>
            <EChart option={statesChart} height={260} label={chartLabel(t('analytics.lifecycle.funnel'))} />
          </Col>
          <Col xs={24} xl={12}>
            <Table
              rowKey="state"
              size="small"
              pagination={false}
              dataSource={rows}
              columns={[
                {
                  key: 'state',
                  title: t('analytics.lifecycle.state'),
                  render: (_, row) => stateName(row.state),
                },
                figureColumn<(typeof rows)[number]>('customers', t('analytics.lifecycle.customers'), (row) =>
                  formats.count(row.customers),
                ),
                figureColumn<(typeof rows)[number]>('share', t('analytics.lifecycle.share'), (row) =>
                  formats.share(row.share),
                ),
                figureColumn<(typeof rows)[number]>(
                  'revenueShare',
                  t('analytics.lifecycle.revenueShare'),
                  (row) => formats.share(row.revenueShare),
                ),
              ]}
            />
          </Col>
        </Row>
      </Panel>
      <Transitions snapshot={snapshot} />
      <Panel
        title={t('analytics.lifecycle.cycle')}
        hint={t('analytics.lifecycle.cycleHint', { n: formats.count(cycle.gaps) })}
      >
        {cycle.gaps === 0 ? (
          <Empty description={t('analytics.lifecycle.noCycle')} />
        ) : (
          <EChart option={cycleChart} height={300} label={chartLabel(t('analytics.lifecycle.cycle'))} />
        )}
      </Panel>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Panel title={t('analytics.lifecycle.ordersPerCustomer')}>
            <EChart
              option={ordersChart}
              height={240}
              label={chartLabel(t('analytics.lifecycle.ordersPerCustomer'))}
            />
          </Panel>
        </Col>
        <Col xs={24} xl={12}>
          <Panel title={t('analytics.lifecycle.itemsPerOrder')}>
            <EChart
              option={itemsChart}
              height={240}
              label={chartLabel(t('analytics.lifecycle.itemsPerOrder'))}
            />
          </Panel>
        </Col>
      </Row>
    </>
  );
}

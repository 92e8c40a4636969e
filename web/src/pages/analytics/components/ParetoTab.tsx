import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { useStore } from '../../../session/use-session';
import { exportUrl, usePareto } from '../api';
import { paretoOption } from '../charts/pareto-option';
import type { ParetoSnapshot } from '../types';
import { useFormats } from '../use-formats';
import { CoreCustomers } from './CoreCustomers';
import { ExportLinks } from './ExportLinks';
import { Figures } from './Figures';
import { Panel } from './Panel';
import { SnapshotGate } from './SnapshotGate';

/** 80/20: the headline shares, the Pareto curve and the core customers. */
export function ParetoTab() {
  const store = useStore();
  return (
    <SnapshotGate query={usePareto(store.id)}>{(snapshot) => <Pareto snapshot={snapshot} />}</SnapshotGate>
  );
}

function Pareto({ snapshot }: { readonly snapshot: ParetoSnapshot }) {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const option = useMemo(
    () =>
      paretoOption(snapshot.curve, formats, {
        customers: t('analytics.pareto.customerShare'),
        revenue: t('analytics.pareto.revenueShare'),
        mark20: t('analytics.pareto.mark20'),
        mark80: t('analytics.pareto.mark80'),
      }),
    [snapshot, formats, t],
  );
  return (
    <>
      <Figures
        figures={[
          {
            key: 'top20',
            label: t('analytics.pareto.top20'),
            value: formats.share(snapshot.top20RevenueShare),
          },
          {
            key: 'for80',
            label: t('analytics.pareto.for80'),
            value: formats.share(snapshot.customerShareFor80),
          },
          {
            key: 'core',
            label: t('analytics.pareto.coreCustomers'),
            value: formats.count(snapshot.coreCustomers),
          },
          {
            key: 'coreRevenue',
            label: t('analytics.pareto.coreRevenue'),
            value: formats.money(snapshot.coreRevenue),
          },
        ]}
      />
      <Panel
        title={t('analytics.pareto.curve')}
        hint={t('analytics.pareto.curveHint')}
        extra={<ExportLinks href={(format) => exportUrl(store.id, 'pareto', format)} />}
      >
        <EChart
          option={option}
          height={360}
          label={t('analytics.chartAria', { name: t('analytics.pareto.curve') })}
        />
      </Panel>
      <CoreCustomers />
    </>
  );
}

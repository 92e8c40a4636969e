import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { RfmSnapshot } from '../types';
import { CohortsTab } from './CohortsTab';
import { LifecycleTab } from './LifecycleTab';
import { NewOldTab } from './NewOldTab';
import { ParetoTab } from './ParetoTab';
import { ProductsTab } from './ProductsTab';
import { RfmTab } from './RfmTab';

const tabKeys = ['rfm', 'lifecycle', 'new-old', 'pareto', 'cohorts', 'products'] as const;
type TabKey = (typeof tabKeys)[number];

const isTabKey = (value: string | null): value is TabKey =>
  (tabKeys as readonly (string | null)[]).includes(value);

/** The analyses as tabs; the open one is kept in the address (?tab=) for reloads and shared links. */
export function AnalyticsTabs({ rfm }: { readonly rfm: RfmSnapshot }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active: TabKey = isTabKey(requested) ? requested : 'rfm';
  const labels: Record<TabKey, string> = {
    rfm: t('analytics.tabs.rfm'),
    lifecycle: t('analytics.tabs.lifecycle'),
    'new-old': t('analytics.tabs.newOld'),
    pareto: t('analytics.tabs.pareto'),
    cohorts: t('analytics.tabs.cohorts'),
    products: t('analytics.tabs.products'),
  };
  const content: Record<TabKey, () => React.ReactNode> = {
    rfm: () => <RfmTab snapshot={rfm} />,
    lifecycle: () => <LifecycleTab />,
    'new-old': () => <NewOldTab />,
    pareto: () => <ParetoTab />,
    cohorts: () => <CohortsTab />,
    products: () => <ProductsTab />,
  };
  return (
    <Tabs
      activeKey={active}
      destroyOnHidden
      onChange={(key) => setParams(key === 'rfm' ? {} : { tab: key }, { replace: true })}
      items={tabKeys.map((key) => ({
        key,
        label: labels[key],
        children: key === active ? content[key]() : null,
      }))}
    />
  );
}

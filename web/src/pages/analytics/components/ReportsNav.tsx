import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { storePath } from '../../../app/sections';
import { useStore } from '../../../session/use-session';

export type ReportsView = 'analytics' | 'predictions';

const paths: Record<ReportsView, string> = { analytics: '', predictions: '/predictions' };

/** The analytics section's two pages as tabs: what happened, and what the models expect next. */
export function ReportsNav({ active }: { readonly active: ReportsView }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  return (
    <Tabs
      activeKey={active}
      items={[
        { key: 'analytics', label: t('reports.analytics') },
        { key: 'predictions', label: t('reports.predictions') },
      ]}
      onChange={(key) => navigate(`${storePath(store.id, 'reports')}${paths[key as ReportsView]}`)}
      style={{ marginTop: -8, marginBottom: 8 }}
    />
  );
}

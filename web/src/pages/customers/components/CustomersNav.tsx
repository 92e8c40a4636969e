import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { storePath } from '../../../app/sections';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';

export type CustomersView = 'list' | 'follow-ups' | 'duplicates';

const paths: Record<CustomersView, string> = {
  list: '',
  'follow-ups': '/follow-ups',
  duplicates: '/duplicates',
};

/** The customer section's three views as tabs; each is its own address. */
export function CustomersNav({ active }: { readonly active: CustomersView }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  const items: { key: CustomersView; label: string }[] = [
    { key: 'list', label: t('customers.tabs.list') },
    { key: 'follow-ups', label: t('customers.tabs.followUps') },
  ];
  // Duplicates are there to be merged, which only roles that edit customers may do.
  if (can(store.role, 'customers.write'))
    items.push({ key: 'duplicates', label: t('customers.tabs.duplicates') });
  return (
    <Tabs
      activeKey={active}
      items={items}
      onChange={(key) => navigate(`${storePath(store.id, 'customers')}${paths[key as CustomersView]}`)}
      style={{ marginTop: -8, marginBottom: 8 }}
    />
  );
}

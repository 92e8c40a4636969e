import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { storePath } from '../../../app/sections';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';

export type MessagesView = 'log' | 'templates' | 'opt-outs' | 'tasks';

const paths: Record<MessagesView, string> = {
  log: '',
  templates: '/templates',
  'opt-outs': '/opt-outs',
  tasks: '/tasks',
};

/** The messaging section's four views as tabs; each is its own address. */
export function MessagesNav({ active }: { readonly active: MessagesView }) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  const items: { key: MessagesView; label: string }[] = [{ key: 'log', label: t('messaging.tabs.log') }];
  // Templates are campaign material: the API shows them to the roles that run campaigns.
  if (can(store.role, 'campaigns.manage'))
    items.push({ key: 'templates', label: t('messaging.tabs.templates') });
  items.push(
    { key: 'opt-outs', label: t('messaging.tabs.optOuts') },
    { key: 'tasks', label: t('messaging.tabs.tasks') },
  );
  return (
    <Tabs
      activeKey={active}
      items={items}
      onChange={(key) => navigate(`${storePath(store.id, 'messages')}${paths[key as MessagesView]}`)}
      style={{ marginTop: -8, marginBottom: 8 }}
    />
  );
}

import { Card, Tabs } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '../../components/PageHeader';
import { can } from '../../session/permissions';
import { useStore } from '../../session/use-session';
import { AuditLogTab } from './components/AuditLogTab';
import { ChannelsTab } from './components/channels/ChannelsTab';
import { MembersTab } from './components/MembersTab';
import { StoreProfileTab } from './components/StoreProfileTab';
import { TokensTab } from './components/TokensTab';

type TabKey = 'profile' | 'members' | 'channels' | 'tokens' | 'audit';

/** The store's profile, staff, API tokens and audit log; each part as far as the role allows. */
export default function SettingsPage() {
  const { t } = useTranslation();
  const store = useStore();
  const [params, setParams] = useSearchParams();

  const tabs: { key: TabKey; label: string; children: ReactNode }[] = [
    { key: 'profile', label: t('settings.tabs.profile'), children: <StoreProfileTab /> },
    { key: 'members', label: t('settings.tabs.members'), children: <MembersTab /> },
  ];
  if (can(store.role, 'store.manage'))
    tabs.push({ key: 'channels', label: t('settings.tabs.channels'), children: <ChannelsTab /> });
  if (can(store.role, 'tokens.manage'))
    tabs.push({ key: 'tokens', label: t('settings.tabs.tokens'), children: <TokensTab /> });
  if (can(store.role, 'audit.read'))
    tabs.push({ key: 'audit', label: t('settings.tabs.audit'), children: <AuditLogTab /> });

  // The open tab lives in the address (?tab=members), so a reload or a shared link keeps it.
  const requested = params.get('tab');
  const active = tabs.find((tab) => tab.key === requested)?.key ?? 'profile';

  return (
    <>
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={active}
          onChange={(key) => setParams(key === 'profile' ? {} : { tab: key }, { replace: true })}
          items={tabs}
          destroyOnHidden
        />
      </Card>
    </>
  );
}

import { Button, Flex, Select, Table, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useAuditLog } from '../api';
import type { AuditEntry } from '../types';

// Actions the server records today, with their names; an action not listed shows its code.
const actionKeys = {
  'store.create': 'settings.audit.actions.storeCreate',
  'store.update': 'settings.audit.actions.storeUpdate',
  'member.add': 'settings.audit.actions.memberAdd',
  'member.role': 'settings.audit.actions.memberRole',
  'member.remove': 'settings.audit.actions.memberRemove',
  'token.create': 'settings.audit.actions.tokenCreate',
  'token.revoke': 'settings.audit.actions.tokenRevoke',
  'import.upload': 'settings.audit.actions.importUpload',
  'import.orders': 'settings.audit.actions.importOrders',
  'import.map_save': 'settings.audit.actions.importMapSave',
  'import.rejections_export': 'settings.audit.actions.importRejectionsExport',
  'customer.update': 'settings.audit.actions.customerUpdate',
  'customer.reveal': 'settings.audit.actions.customerReveal',
  'customer.bulk_tag': 'settings.audit.actions.customerBulkTag',
  'customer.merge': 'settings.audit.actions.customerMerge',
  'customer.erase': 'settings.audit.actions.customerErase',
  'customer.export': 'settings.audit.actions.customerExport',
  'customer.attributes_import': 'settings.audit.actions.customerAttributesImport',
} as const;
type KnownAction = keyof typeof actionKeys;
const isKnownAction = (action: string): action is KnownAction => Object.hasOwn(actionKeys, action);

/** Who changed what and when, newest first, fifty at a time. Owners only. */
export function AuditLogTab() {
  const { t } = useTranslation();
  const store = useStore();
  const [action, setAction] = useState<string | undefined>();
  const log = useAuditLog(store.id, action);
  const language = currentLanguage();
  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];

  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('settings.audit.intro')}</Typography.Text>
        <Select<string>
          aria-label={t('settings.audit.filter')}
          allowClear
          placeholder={t('settings.audit.allActions')}
          value={action}
          onChange={setAction}
          style={{ width: 200 }}
          options={Object.entries(actionKeys).map(([value, key]) => ({ value, label: t(key) }))}
        />
      </Flex>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={log.isPending}
        dataSource={entries}
        pagination={false}
        locale={{ emptyText: t('settings.audit.empty') }}
        scroll={{ x: 900 }}
        columns={[
          {
            key: 'at',
            title: t('settings.audit.at'),
            width: 170,
            render: (_, entry) => formatInstant(entry.at, store.timeZone, language),
          },
          { key: 'actor', title: t('settings.audit.actor'), width: 140, render: (_, entry) => entry.actor },
          {
            key: 'action',
            title: t('settings.audit.action'),
            render: (_, entry) => (
              <Flex vertical>
                <span>{isKnownAction(entry.action) ? t(actionKeys[entry.action]) : entry.action}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {entry.action}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            key: 'subject',
            title: t('settings.audit.subject'),
            render: (_, entry) =>
              entry.subjectType ? `${entry.subjectType} #${entry.subjectId ?? ''}` : t('common.none'),
          },
          {
            key: 'details',
            title: t('settings.audit.details'),
            render: (_, entry) => <Details details={entry.details} />,
          },
          {
            key: 'ip',
            title: t('settings.audit.ip'),
            width: 130,
            render: (_, entry) => entry.ip ?? t('common.none'),
          },
        ]}
      />
      {log.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </>
  );
}

function Details({ details }: { readonly details: Readonly<Record<string, unknown>> }) {
  const text = JSON.stringify(details);
  if (text === '{}') return null;
  return (
    <Tooltip
      title={<pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(details, null, 2)}</pre>}
    >
      <Typography.Text code ellipsis style={{ maxWidth: 280, fontSize: 12 }}>
        {text}
      </Typography.Text>
    </Tooltip>
  );
}

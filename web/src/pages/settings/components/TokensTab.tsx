import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatDay, formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useTokenMutations, useTokens } from '../api';
import type { ApiToken, CreatedToken } from '../types';
import { CreateTokenModal } from './CreateTokenModal';
import { RoleTag } from './RoleTag';
import { TokenCreatedModal } from './TokenCreatedModal';

type TokenStatus = 'active' | 'revoked' | 'expired';

function statusOf(token: ApiToken, now: number): TokenStatus {
  if (token.revokedAt !== null) return 'revoked';
  if (token.expiresAt !== null && token.expiresAt <= now) return 'expired';
  return 'active';
}

const statusColours: Record<TokenStatus, string> = { active: 'green', revoked: 'default', expired: 'orange' };

/** API tokens for integrations: list, create (shown once) and revoke. Owners only. */
export function TokensTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const tokens = useTokens(store.id);
  const { revoke } = useTokenMutations(store.id);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedToken | undefined>();
  const language = currentLanguage();
  const now = Date.now();
  const when = (at: number | null, empty: string) =>
    at === null ? (
      <Typography.Text type="secondary">{empty}</Typography.Text>
    ) : (
      formatInstant(at, store.timeZone, language)
    );

  if (tokens.isError) return <LoadError error={tokens.error} onRetry={() => void tokens.refetch()} />;

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('settings.tokens.intro')}</Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          style={{ flex: 'none' }}
        >
          {t('settings.tokens.create')}
        </Button>
      </Flex>
      <Table<ApiToken>
        rowKey="id"
        size="middle"
        loading={tokens.isPending}
        dataSource={tokens.data}
        pagination={false}
        locale={{ emptyText: t('settings.tokens.empty') }}
        scroll={{ x: 960 }}
        columns={[
          { key: 'name', title: t('settings.tokens.name'), render: (_, token) => token.name },
          {
            key: 'prefix',
            title: t('settings.tokens.prefix'),
            render: (_, token) => <Typography.Text code>{token.prefix}…</Typography.Text>,
          },
          {
            key: 'role',
            title: t('settings.tokens.role'),
            render: (_, token) => <RoleTag role={token.role} />,
          },
          { key: 'owner', title: t('settings.tokens.owner'), render: (_, token) => token.ownerLogin },
          {
            key: 'createdAt',
            title: t('settings.tokens.createdAt'),
            render: (_, token) => formatDay(token.createdAt, store.timeZone, language),
          },
          {
            key: 'lastUsedAt',
            title: t('settings.tokens.lastUsedAt'),
            render: (_, token) => when(token.lastUsedAt, t('common.never')),
          },
          {
            key: 'expiresAt',
            title: t('settings.tokens.expiresAt'),
            render: (_, token) =>
              token.expiresAt === null ? (
                <Typography.Text type="secondary">{t('settings.tokens.noExpiry')}</Typography.Text>
              ) : (
                formatDay(token.expiresAt, store.timeZone, language)
              ),
          },
          {
            key: 'status',
            title: t('settings.tokens.status'),
            render: (_, token) => {
              const status = statusOf(token, now);
              return <Tag color={statusColours[status]}>{t(`settings.tokens.${status}`)}</Tag>;
            },
          },
          {
            key: 'actions',
            title: t('common.actions'),
            width: 96,
            render: (_, token) =>
              statusOf(token, now) === 'revoked' ? null : (
                <Popconfirm
                  title={t('settings.tokens.revokeConfirm', { name: token.name })}
                  description={t('settings.tokens.revokeDescription')}
                  okButtonProps={{ danger: true }}
                  okText={t('settings.tokens.revoke')}
                  cancelText={t('common.cancel')}
                  onConfirm={() =>
                    revoke.mutate(token.id, {
                      onSuccess: () =>
                        void message.success(t('settings.tokens.revokedNotice', { name: token.name })),
                      onError: notifyError,
                    })
                  }
                >
                  <Button type="link" danger size="small" style={{ padding: 0 }}>
                    {t('settings.tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <CreateTokenModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
        }}
      />
      <TokenCreatedModal token={created} onClose={() => setCreated(undefined)} />
    </>
  );
}

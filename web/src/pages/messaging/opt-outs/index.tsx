import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useSuppressionMutations, useSuppressions } from '../api';
import { useMessagingLabels } from '../components/labels-hook';
import { MessagesNav } from '../components/MessagesNav';
import { channelList, reasonColours } from '../labels';
import type { Channel, Suppression } from '../types';
import { AddSuppressionModal } from './AddSuppressionModal';

/** 退订名单: who may no longer be messaged on which channel; staff add, only the owner removes. */
export default function OptOutsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const language = currentLanguage();
  const labels = useMessagingLabels();
  const [channel, setChannel] = useState<Channel | undefined>();
  const [q, setQ] = useState<string | undefined>();
  const suppressions = useSuppressions(store.id, channel, q);
  const { remove } = useSuppressionMutations(store.id);
  const [adding, setAdding] = useState(false);
  // Anyone who talks to customers may record that one said no (the API's contacts.write).
  const mayAdd = can(store.role, 'contacts.write');
  // Taking an address off the list means messaging someone who said no: the owner decides.
  const mayRemove = can(store.role, 'store.manage');

  return (
    <>
      <PageHeader title={t('messaging.title')} subtitle={t('messaging.subtitle')} />
      <MessagesNav active="opt-outs" />
      <Card>
        <Typography.Paragraph type="secondary">{t('messaging.optOuts.intro')}</Typography.Paragraph>
        <Flex justify="space-between" gap={12} wrap style={{ marginBottom: 12 }}>
          <Flex gap={8} wrap>
            <Select
              allowClear
              aria-label={t('messaging.optOuts.columns.channel')}
              placeholder={t('messaging.log.filters.allChannels')}
              style={{ width: 150 }}
              value={channel}
              onChange={(value?: Channel) => setChannel(value)}
              options={channelList.map((value) => ({ value, label: labels.channel(value) }))}
            />
            <Input.Search
              allowClear
              aria-label={t('messaging.optOuts.search')}
              placeholder={t('messaging.optOuts.search')}
              style={{ width: 260 }}
              maxLength={320}
              onSearch={(value) => setQ(value.trim() || undefined)}
            />
          </Flex>
          {mayAdd && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('messaging.optOuts.add')}
            </Button>
          )}
        </Flex>
        {suppressions.isError ? (
          <LoadError
            title={t('messaging.optOuts.loadFailed')}
            error={suppressions.error}
            onRetry={() => void suppressions.refetch()}
          />
        ) : (
          <Table<Suppression>
            rowKey={(row) => `${row.channel}:${row.address}`}
            size="middle"
            loading={suppressions.isFetching}
            dataSource={suppressions.data}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            locale={{ emptyText: t('messaging.optOuts.empty') }}
            scroll={{ x: 800 }}
            columns={[
              {
                key: 'channel',
                title: t('messaging.optOuts.columns.channel'),
                width: 120,
                render: (_, row) => labels.channel(row.channel),
              },
              {
                key: 'address',
                title: t('messaging.optOuts.columns.address'),
                render: (_, row) => row.address,
              },
              {
                key: 'reason',
                title: t('messaging.optOuts.columns.reason'),
                width: 120,
                render: (_, row) => (
                  <Tag color={reasonColours[row.reason]}>{t(`messaging.optOuts.reasons.${row.reason}`)}</Tag>
                ),
              },
              {
                key: 'source',
                title: t('messaging.optOuts.columns.source'),
                render: (_, row) =>
                  row.source ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
              },
              {
                key: 'time',
                title: t('messaging.optOuts.columns.time'),
                width: 160,
                render: (_, row) => formatInstant(row.createdAt, store.timeZone, language),
              },
              {
                key: 'actions',
                title: t('common.actions'),
                width: 90,
                render: (_, row) =>
                  mayRemove ? (
                    <Popconfirm
                      title={t('messaging.optOuts.removeConfirm', { address: row.address })}
                      description={t('messaging.optOuts.removeDescription')}
                      okButtonProps={{ danger: true }}
                      okText={t('common.remove')}
                      cancelText={t('common.cancel')}
                      onConfirm={() =>
                        remove.mutate(row, {
                          onSuccess: () => void message.success(t('messaging.optOuts.removed')),
                          onError: notifyError,
                        })
                      }
                    >
                      <Button type="link" danger size="small" style={{ padding: 0 }}>
                        {t('common.remove')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Tooltip title={t('messaging.optOuts.ownerOnly')}>
                      <Button type="link" size="small" disabled style={{ padding: 0 }}>
                        {t('common.remove')}
                      </Button>
                    </Tooltip>
                  ),
              },
            ]}
          />
        )}
      </Card>
      {mayAdd && <AddSuppressionModal open={adding} onClose={() => setAdding(false)} />}
    </>
  );
}

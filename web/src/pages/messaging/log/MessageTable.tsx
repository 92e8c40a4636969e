import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { customerPath } from '../../customers/labels';
import { useMessagingLabels } from '../components/labels-hook';
import { StatusTag } from '../components/StatusTag';
import type { Message } from '../types';

/** Messages, newest first; the customer links to the profile, the status explains itself. */
export function MessageTable({
  messages,
  loading,
}: {
  readonly messages: readonly Message[];
  readonly loading: boolean;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const labels = useMessagingLabels();
  return (
    <Table<Message>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={[...messages]}
      pagination={false}
      locale={{ emptyText: t('messaging.log.empty') }}
      scroll={{ x: 1100 }}
      columns={[
        {
          key: 'time',
          title: t('messaging.log.columns.time'),
          width: 150,
          render: (_, message) => formatInstant(message.createdAt, store.timeZone, language),
        },
        {
          key: 'channel',
          title: t('messaging.log.columns.channel'),
          width: 110,
          render: (_, message) => labels.channel(message.channel),
        },
        {
          key: 'customer',
          title: t('messaging.log.columns.customer'),
          width: 110,
          render: (_, message) =>
            message.customerId === null ? (
              <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
            ) : (
              <Link to={customerPath(store.id, message.customerId)}>
                {t('messaging.log.customerLink', { id: message.customerId })}
              </Link>
            ),
        },
        {
          key: 'recipient',
          title: t('messaging.log.columns.recipient'),
          width: 150,
          render: (_, message) => message.recipient,
        },
        {
          key: 'status',
          title: t('messaging.log.columns.status'),
          width: 100,
          render: (_, message) => <StatusTag message={message} />,
        },
        {
          key: 'content',
          title: t('messaging.log.columns.content'),
          render: (_, message) => (
            <Typography.Text ellipsis={{ tooltip: message.preview }} style={{ maxWidth: 360 }}>
              {message.preview}
            </Typography.Text>
          ),
        },
        {
          key: 'source',
          title: t('messaging.log.columns.source'),
          width: 160,
          render: (_, message) => (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {message.source}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}

import { DownloadOutlined } from '@ant-design/icons';
import { Button, Drawer, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatCount, formatMoney } from '../../../format/number';
import { formatDay } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { audienceExportUrl, useMembers } from '../api';
import type { SavedAudience } from '../types';

/** A saved audience's members, a page at a time, with exports for roles that may export. */
export function MembersDrawer({
  audience,
  onClose,
}: {
  readonly audience: SavedAudience;
  readonly onClose: () => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const [page, setPage] = useState(1);
  const members = useMembers(store.id, audience.id, page);
  const title = t('audiences.members.title', { name: audience.name });
  return (
    <Drawer open width={820} title={title} onClose={onClose}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {members.data && t('audiences.members.total', { n: formatCount(members.data.total, language) })}
        </Typography.Text>
        {can(store.role, 'data.export') && (
          <Flex gap={8}>
            <Button
              icon={<DownloadOutlined />}
              href={audienceExportUrl(store.id, audience.id, 'csv')}
              download
            >
              {t('audiences.export.csv')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={audienceExportUrl(store.id, audience.id, 'xlsx')}
              download
            >
              {t('audiences.export.xlsx')}
            </Button>
          </Flex>
        )}
      </Flex>
      <Table
        rowKey="id"
        size="small"
        loading={members.isFetching}
        dataSource={members.data?.customers ?? []}
        pagination={{
          current: page,
          pageSize: 20,
          total: members.data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
        }}
        columns={[
          {
            title: t('audiences.members.name'),
            render: (_, c) => (
              <Link to={`/stores/${store.id}/customers/${c.id}`}>{c.name ?? c.nick ?? `#${c.id}`}</Link>
            ),
          },
          { title: t('audiences.members.phone'), dataIndex: 'phone' },
          { title: t('audiences.members.orders'), dataIndex: 'orderCount', align: 'right' },
          {
            title: t('audiences.members.spent'),
            align: 'right',
            render: (_, c) => formatMoney(c.totalSpent, store.currency, language),
          },
          {
            title: t('audiences.members.lastOrder'),
            render: (_, c) =>
              c.lastOrderAt === null ? '—' : formatDay(c.lastOrderAt, store.timeZone, language),
          },
        ]}
      />
    </Drawer>
  );
}

import { Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { storePath } from '../../../app/sections';
import { useStore } from '../../../session/use-session';
import { exportUrl, useCoreCustomers } from '../api';
import type { CoreCustomer } from '../types';
import { useFormats } from '../use-formats';
import { ExportLinks } from './ExportLinks';
import { figureColumn } from './figure-column';
import { Panel } from './Panel';

const PAGE_SIZE = 20;

/** The core customers (top 20% by spend), a page at a time, each linked to their profile. */
export function CoreCustomers() {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const [page, setPage] = useState(1);
  const list = useCoreCustomers(store.id, page, PAGE_SIZE);
  return (
    <Panel
      title={t('analytics.pareto.coreList')}
      hint={t('analytics.pareto.coreListHint')}
      extra={<ExportLinks href={(format) => exportUrl(store.id, 'core-customers', format)} />}
    >
      <Table
        rowKey="customerId"
        size="small"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('analytics.pareto.total', { n: formats.count(total) }),
          onChange: setPage,
        }}
        columns={[
          figureColumn<CoreCustomer>('rank', t('analytics.pareto.rank'), (row) => row.valueRank),
          {
            key: 'customer',
            title: t('analytics.pareto.customer'),
            render: (_, row) => (
              <Link to={`${storePath(store.id, 'customers')}/${row.customerId}`}>{row.displayName}</Link>
            ),
          },
          figureColumn<CoreCustomer>('totalSpent', t('analytics.pareto.totalSpent'), (row) =>
            formats.money(row.totalSpent),
          ),
          figureColumn<CoreCustomer>('orderCount', t('analytics.pareto.orderCount'), (row) =>
            formats.count(row.orderCount),
          ),
          {
            key: 'lastOrderAt',
            title: t('analytics.pareto.lastOrderAt'),
            render: (_, row) => (row.lastOrderAt === null ? '—' : formats.day(row.lastOrderAt)),
          },
          {
            key: 'segment',
            title: t('analytics.pareto.segment'),
            render: (_, row) => <Tag>{t(`analytics.segmentsCn.${row.segmentCn}`)}</Tag>,
          },
          {
            key: 'lifecycle',
            title: t('analytics.pareto.lifecycle'),
            render: (_, row) =>
              row.lifecycle === null ? '—' : t(`analytics.lifecycle.states.${row.lifecycle}`),
          },
        ]}
      />
    </Panel>
  );
}

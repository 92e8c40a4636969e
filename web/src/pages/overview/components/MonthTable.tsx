import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount, formatMoney, formatShare } from '../../../format/number';
import { formatMonth } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { oldRevenueShare } from '../figures';
import type { MonthFigures, Overview } from '../types';

/** The chart's figures as a table, newest month first. */
export function MonthTable({ overview }: { readonly overview: Overview }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const money = (minor: number) => formatMoney(minor, overview.currency, language);
  const count = (value: number) => formatCount(value, language);
  const rows = [...overview.months].reverse();
  return (
    <Card title={t('overview.table.title')} style={{ marginTop: 16 }} styles={{ body: { padding: 0 } }}>
      <Table<MonthFigures>
        rowKey="month"
        size="small"
        pagination={false}
        dataSource={rows}
        scroll={{ x: 760 }}
        columns={[
          {
            key: 'month',
            title: t('overview.table.month'),
            render: (_, row) => formatMonth(row.month, language),
          },
          {
            key: 'oldBuyers',
            title: t('overview.table.oldBuyers'),
            align: 'right',
            render: (_, row) => count(row.oldBuyers),
          },
          {
            key: 'newBuyers',
            title: t('overview.table.newBuyers'),
            align: 'right',
            render: (_, row) => count(row.newBuyers),
          },
          {
            key: 'oldRevenue',
            title: t('overview.table.oldRevenue'),
            align: 'right',
            render: (_, row) => money(row.oldRevenue),
          },
          {
            key: 'newRevenue',
            title: t('overview.table.newRevenue'),
            align: 'right',
            render: (_, row) => money(row.newRevenue),
          },
          {
            key: 'orders',
            title: t('overview.table.orders'),
            align: 'right',
            render: (_, row) => count(row.orders),
          },
          {
            key: 'oldShare',
            title: t('overview.table.oldShare'),
            align: 'right',
            render: (_, row) => {
              const share = oldRevenueShare([row]);
              return share === undefined ? t('common.none') : formatShare(share, language);
            },
          },
        ]}
      />
    </Card>
  );
}

import { Empty, Table } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDayKey } from '../../../format/time';
import { useStore } from '../../../session/use-session';
import { exportUrl } from '../api';
import type { PromotionRow } from '../types';
import { useFormats } from '../use-formats';
import { ExportLinks } from './ExportLinks';
import { newOldColumns } from './new-old-columns';
import { Panel } from './Panel';

/** Each big promotion (11.11, 6.18, 12.12…) in each year: new vs old, and growth on the year before. */
export function Promotions({ promotions }: { readonly promotions: readonly PromotionRow[] }) {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  // Newest year first, promotions of a year together.
  const rows = useMemo(() => promotions.toReversed(), [promotions]);
  const columns = useMemo(() => newOldColumns<PromotionRow>(t, formats), [t, formats]);
  return (
    <Panel
      title={t('analytics.newOld.promotions')}
      extra={<ExportLinks href={(format) => exportUrl(store.id, 'promotions', format)} />}
    >
      {rows.length === 0 ? (
        <Empty description={t('analytics.newOld.promotionsEmpty')} />
      ) : (
        <Table
          rowKey={(row) => `${row.name}-${row.year ?? ''}-${row.from}`}
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 12, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            { key: 'name', title: t('analytics.newOld.columns.promotion'), fixed: 'left', dataIndex: 'name' },
            { key: 'year', title: t('analytics.newOld.columns.year'), render: (_, row) => row.year ?? '—' },
            {
              key: 'dates',
              title: t('analytics.newOld.columns.dates'),
              render: (_, row) =>
                `${formatDayKey(row.from, formats.language)} – ${formatDayKey(row.to, formats.language)}`,
            },
            ...columns,
          ]}
        />
      )}
    </Panel>
  );
}

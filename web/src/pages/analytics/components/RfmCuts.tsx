import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RfmSnapshot } from '../types';
import { useFormats } from '../use-formats';
import { Panel } from './Panel';

const scores = [2, 3, 4, 5] as const;

/** The cut points in use: what a customer needs for each score of R, F and M. */
export function RfmCuts({ snapshot }: { readonly snapshot: RfmSnapshot }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const { cuts, reference } = snapshot;
  // R rises as the days fall: the smallest cut is the one for a 5. F and M rise past each cut.
  const rows = [
    {
      key: 'r',
      measure: t('analytics.rfm.recency'),
      cells: scores.map((score) => `≤ ${formats.count(cuts.recencyDays[5 - score] ?? 0)}`),
    },
    {
      key: 'f',
      measure: t('analytics.rfm.frequency'),
      cells: scores.map((score) => `> ${formats.count(cuts.orders[score - 2] ?? 0)}`),
    },
    {
      key: 'm',
      measure: t('analytics.rfm.monetary'),
      cells: scores.map((score) => `> ${formats.money(cuts.spent[score - 2] ?? 0)}`),
    },
  ];
  return (
    <Panel title={t('analytics.rfm.cuts')} hint={t('analytics.rfm.cutsHint')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t(`analytics.rfm.method.${snapshot.method}`)} ·{' '}
        {t('analytics.rfm.reference', {
          r: formats.decimal(reference.r),
          f: formats.decimal(reference.f),
          m: formats.decimal(reference.m),
        })}
      </Typography.Paragraph>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'measure', title: '', dataIndex: 'measure' },
          ...scores.map((score, index) => ({
            key: String(score),
            title: t('analytics.rfm.score', { score }),
            align: 'right' as const,
            render: (_: unknown, row: (typeof rows)[number]) => row.cells[index],
          })),
        ]}
      />
    </Panel>
  );
}

import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LifecycleSnapshot } from '../types';
import { useFormats } from '../use-formats';
import { figureColumn } from './figure-column';
import { Panel } from './Panel';

/** How customers moved between states since the previous refresh, the biggest moves first. */
export function Transitions({ snapshot }: { readonly snapshot: LifecycleSnapshot }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const previous = snapshot.previousComputedAt;
  const moves = snapshot.transitions
    .filter((move) => move.customers > 0)
    .toSorted((a, b) => b.customers - a.customers)
    .map((move) => ({ ...move, key: `${move.from ?? 'none'}-${move.to}` }));
  const name = (state: LifecycleSnapshot['transitions'][number]['from']) =>
    state === null ? t('analytics.lifecycle.notBuyer') : t(`analytics.lifecycle.states.${state}`);
  return (
    <Panel
      title={t('analytics.lifecycle.transitions')}
      hint={
        previous === null
          ? undefined
          : t('analytics.lifecycle.transitionsHint', { time: formats.instant(previous) })
      }
    >
      {previous === null || moves.length === 0 ? (
        <Empty description={t('analytics.lifecycle.transitionsEmpty')} />
      ) : (
        <Table
          rowKey="key"
          size="small"
          pagination={moves.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
          dataSource={moves}
          columns={[
            { key: 'from', title: t('analytics.lifecycle.from'), render: (_, move) => name(move.from) },
            {
              key: 'arrow',
              title: '',
              width: 32,
              render: () => <ArrowRightOutlined style={{ color: '#bfbfbf' }} />,
            },
            { key: 'to', title: t('analytics.lifecycle.to'), render: (_, move) => name(move.to) },
            figureColumn<(typeof moves)[number]>('customers', t('analytics.lifecycle.customers'), (move) =>
              formats.count(move.customers),
            ),
          ]}
        />
      )}
    </Panel>
  );
}

import { Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WindowFigures } from '../../../../../src/promotions/schemas';
import { formatCount, formatDecimal } from '../../../format/number';
import { formatDayKey } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import type { Phase } from '../types';
import { useMoney } from './use-money';

type Side = WindowFigures['old'];

/**
 * A window's figures split old/new — buyers, orders, revenue, AOV, items per order, orders per
 * customer — one row for the whole window and one per phase. Last year's (目标) and this year's (复盘).
 */
export function WindowFiguresTable({
  whole,
  phases,
}: {
  readonly whole: WindowFigures;
  readonly phases: readonly WindowFigures[];
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const money = useMoney();
  const count = (n: number) => formatCount(n, language);
  const ratio = (value: number | null) => (value === null ? '—' : formatDecimal(value, language));
  const figures: readonly { key: string; title: string; show: (side: Side) => string }[] = [
    { key: 'buyers', title: t('promotions.targetsTab.buyers'), show: (s) => count(s.buyers) },
    { key: 'orders', title: t('promotions.targetsTab.orders'), show: (s) => count(s.orders) },
    { key: 'revenue', title: t('promotions.targetsTab.revenue'), show: (s) => money.text(s.revenue) },
    {
      key: 'aov',
      title: t('promotions.targetsTab.aov'),
      show: (s) => (s.aov === null ? '—' : money.text(Math.round(s.aov))),
    },
    { key: 'ipo', title: t('promotions.targetsTab.itemsPerOrder'), show: (s) => ratio(s.itemsPerOrder) },
    {
      key: 'opc',
      title: t('promotions.targetsTab.ordersPerCustomer'),
      show: (s) => ratio(s.ordersPerCustomer),
    },
  ];
  const sideColumns = (side: 'old' | 'new') => ({
    title: t(`promotions.targetsTab.${side}`),
    children: figures.map((f) => ({
      key: `${side}-${f.key}`,
      title: f.title,
      align: 'right' as const,
      render: (w: WindowFigures) => f.show(w[side]),
    })),
  });
  // The whole window's key is not a phase (targets key it by year): tell it by identity.
  const isWhole = (w: WindowFigures) => w === whole;
  const label = (w: WindowFigures) =>
    isWhole(w) ? t('promotions.targetsTab.whole') : t(`promotions.phases.${w.key as Phase}`);
  return (
    <Table<WindowFigures>
      rowKey={(w) => (isWhole(w) ? 'whole' : w.key)}
      size="small"
      bordered
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={[whole, ...phases]}
      columns={[
        {
          key: 'window',
          title: t('promotions.targetsTab.window'),
          fixed: 'left',
          render: (w: WindowFigures) => (
            <Flex vertical>
              <Typography.Text strong={isWhole(w)}>{label(w)}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDayKey(w.from, language)} – {formatDayKey(w.to, language)}
              </Typography.Text>
            </Flex>
          ),
        },
        sideColumns('old'),
        sideColumns('new'),
      ]}
    />
  );
}

import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import type { NewOldRow } from '../types';
import type { Formats } from '../use-formats';
import { figureColumn } from './figure-column';
import { Growth } from './Growth';

/** The columns every new-vs-old table shares, after its own first columns (period, promotion…). */
export function newOldColumns<Row extends NewOldRow>(t: TFunction, formats: Formats): TableColumnsType<Row> {
  const number = (key: keyof NewOldRow, text: (row: Row) => ReactNode) =>
    figureColumn<Row>(key, t(`analytics.newOld.columns.${key as 'newBuyers'}`), text);
  const aov = (value: number | null) => (value === null ? '—' : formats.money(value));
  return [
    number('newBuyers', (row) => formats.count(row.newBuyers)),
    number('oldBuyers', (row) => formats.count(row.oldBuyers)),
    number('newOrders', (row) => formats.count(row.newOrders)),
    number('oldOrders', (row) => formats.count(row.oldOrders)),
    number('newRevenue', (row) => formats.money(row.newRevenue)),
    number('oldRevenue', (row) => formats.money(row.oldRevenue)),
    number('newAov', (row) => aov(row.newAov)),
    number('oldAov', (row) => aov(row.oldAov)),
    number('oldBuyerShare', (row) => formats.share(row.oldBuyerShare)),
    number('oldRevenueShare', (row) => formats.share(row.oldRevenueShare)),
    figureColumn<Row>('yoyOldRevenue', t('analytics.newOld.columns.yoyOldRevenue'), (row) => (
      <Growth change={row.yoy.oldRevenue} />
    )),
    figureColumn<Row>('yoyNewRevenue', t('analytics.newOld.columns.yoyNewRevenue'), (row) => (
      <Growth change={row.yoy.newRevenue} />
    )),
  ];
}

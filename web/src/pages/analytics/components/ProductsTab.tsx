import { Table, type TableColumnsType, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../../session/use-session';
import { productsExportUrl, useProducts } from '../api';
import type { ProductFigures, ProductsExportTable, ProductsSnapshot } from '../types';
import { useFormats } from '../use-formats';
import { ExportLinks } from './ExportLinks';
import { figureColumn } from './figure-column';
import { LowConversionTable } from './LowConversionTable';
import { Panel } from './Panel';
import { SnapshotGate } from './SnapshotGate';

/** Products: repurchase per product, the products customers start with, and what they buy next. */
export function ProductsTab() {
  const store = useStore();
  const { t } = useTranslation();
  return (
    <>
      <SnapshotGate query={useProducts(store.id)} empty={t('analytics.products.empty')}>
        {(snapshot) => <Products snapshot={snapshot} />}
      </SnapshotGate>
      <LowConversionTable />
    </>
  );
}

type Column = keyof ProductFigures;

// The few next products a parcel insert has room for; the export lists them all.
const NEXT_SHOWN = 3;

function Products({ snapshot }: { readonly snapshot: ProductsSnapshot }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const days = snapshot.windowDays;
  // A numeric column, sortable, biggest first on the first click; a rate without a base is a dash.
  const figure = (key: Column, title: string, format: (value: number) => string) => ({
    ...figureColumn<ProductFigures>(key, title, (row) =>
      row[key] === null ? '—' : format(Number(row[key])),
    ),
    sorter: (a: ProductFigures, b: ProductFigures) => Number(a[key] ?? -1) - Number(b[key] ?? -1),
    sortDirections: ['descend' as const, 'ascend' as const],
  });
  const title = {
    key: 'title',
    title: t('analytics.products.title'),
    dataIndex: 'title',
    fixed: 'left' as const,
  };
  // The server ranks them (enough first buyers, then the return rate); the page keeps its order.
  const gateways = useMemo(() => {
    const byId = new Map(snapshot.products.map((product) => [product.productId, product]));
    return snapshot.gateway.flatMap((id) => byId.get(id) ?? []);
  }, [snapshot]);
  const withNext = useMemo(() => snapshot.products.filter((product) => product.next.length > 0), [snapshot]);

  return (
    <>
      <ProductPanel
        title={t('analytics.products.table')}
        hint={t('analytics.products.tableHint', { days })}
        table="products"
        rows={snapshot.products}
        columns={[
          title,
          figure('buyers', t('analytics.products.buyers'), formats.count),
          figure('orders', t('analytics.products.orders'), formats.count),
          figure('units', t('analytics.products.units'), formats.count),
          figure('revenue', t('analytics.products.revenue'), formats.money),
          figure('repurchaseRate', t('analytics.products.repurchaseRate'), formats.share),
          figure('withinWindowRate', t('analytics.products.withinWindowRate', { days }), formats.share),
          figure('oldRevenueShare', t('analytics.products.oldRevenueShare'), formats.share),
          figure('oldUnitShare', t('analytics.products.oldUnitShare'), formats.share),
          figure('sameAgainShare', t('analytics.products.sameAgainShare'), formats.share),
        ]}
      />
      <ProductPanel
        title={t('analytics.products.gateway')}
        hint={t('analytics.products.gatewayHint')}
        table="gateway"
        rows={gateways}
        columns={[
          title,
          figure('firstBuyers', t('analytics.products.firstBuyers'), formats.count),
          figure('gatewayReturnRate', t('analytics.products.gatewayReturnRate'), formats.share),
        ]}
      />
      <ProductPanel
        title={t('analytics.products.next')}
        hint={t('analytics.products.nextHint')}
        table="next"
        rows={withNext}
        columns={[
          title,
          figure('buyers', t('analytics.products.buyers'), formats.count),
          {
            key: 'next',
            title: t('analytics.products.nextProducts'),
            render: (_, row) =>
              row.next.slice(0, NEXT_SHOWN).map((next) => (
                <Tag key={next.productId} style={{ marginBottom: 4 }}>
                  {t('analytics.products.nextItem', { title: next.title, share: formats.share(next.share) })}
                </Tag>
              )),
          },
        ]}
      />
    </>
  );
}

interface ProductPanelProps {
  readonly title: string;
  readonly hint: string;
  readonly table: ProductsExportTable;
  readonly rows: readonly ProductFigures[];
  readonly columns: TableColumnsType<ProductFigures>;
}

/** One product table in its card, ten rows a page, with its exports. */
function ProductPanel({ title, hint, table, rows, columns }: ProductPanelProps) {
  const store = useStore();
  return (
    <Panel
      title={title}
      hint={hint}
      extra={<ExportLinks href={(format) => productsExportUrl(store.id, table, format)} />}
    >
      <Table
        rowKey="productId"
        size="small"
        dataSource={rows}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        columns={columns}
      />
    </Panel>
  );
}

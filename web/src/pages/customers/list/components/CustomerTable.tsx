import { Flex, Table, type TableColumnType, type TablePaginationConfig, Tag, Typography } from 'antd';
import type { Key, SorterResult, SortOrder } from 'antd/es/table/interface';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatCount, formatMoney } from '../../../../format/number';
import { formatDay } from '../../../../format/time';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { customerName, customerPath, regionText } from '../../labels';
import type { CustomerList, CustomerSort, CustomerSummary } from '../../types';
import { DEFAULT_ORDER, DEFAULT_SORT, type ListState, PAGE_SIZES } from '../filters';

interface CustomerTableProps {
  readonly state: ListState;
  readonly data: CustomerList | undefined;
  readonly loading: boolean;
  readonly selected: readonly number[];
  /** Null when the role may do nothing with a selection: no check boxes then. */
  readonly onSelect: ((ids: readonly number[]) => void) | null;
  readonly onChange: (change: Pick<ListState, 'sort' | 'order' | 'page' | 'pageSize'>) => void;
  readonly emptyText: string;
}

const MAX_TAGS_SHOWN = 3;

/** One page of customers; sorting and paging are the server's, a row opens the profile. */
export function CustomerTable({
  state,
  data,
  loading,
  selected,
  onSelect,
  onChange,
  emptyText,
}: CustomerTableProps) {
  const { t } = useTranslation();
  const store = useStore();
  const navigate = useNavigate();
  const language = currentLanguage();
  const sortOrder = (key: CustomerSort): SortOrder =>
    state.sort === key ? (state.order === 'asc' ? 'ascend' : 'descend') : null;
  const day = (at: number | null) =>
    at === null ? (
      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
    ) : (
      formatDay(at, store.timeZone, language)
    );
  const sortable = (key: CustomerSort): Partial<TableColumnType<CustomerSummary>> => ({
    key,
    sorter: true,
    sortOrder: sortOrder(key),
    sortDirections: ['descend', 'ascend'],
  });

  const change = (
    pagination: TablePaginationConfig,
    sorter: SorterResult<CustomerSummary> | SorterResult<CustomerSummary>[],
  ) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    // A third click on a header clears antd's sort; the list goes back to its default order.
    const sort = single?.order ? (single.columnKey as CustomerSort) : DEFAULT_SORT;
    const order = single?.order ? (single.order === 'ascend' ? 'asc' : 'desc') : DEFAULT_ORDER;
    const pageSize = pagination.pageSize ?? state.pageSize;
    const reordered = sort !== state.sort || order !== state.order || pageSize !== state.pageSize;
    // A new order or page size starts from the first page.
    onChange({ sort, order, page: reordered ? 1 : (pagination.current ?? 1), pageSize });
  };

  return (
    <Table<CustomerSummary>
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={data?.customers}
      locale={{ emptyText }}
      scroll={{ x: 1100 }}
      onChange={(pagination, _filters, sorter) => change(pagination, sorter)}
      onRow={(customer) => ({
        onClick: () => navigate(customerPath(store.id, customer.id)),
        style: { cursor: 'pointer' },
      })}
      rowSelection={
        onSelect
          ? {
              selectedRowKeys: [...selected],
              preserveSelectedRowKeys: true,
              onChange: (keys: Key[]) => onSelect(keys.map(Number)),
              columnWidth: 44,
            }
          : undefined
      }
      pagination={{
        current: state.page,
        pageSize: state.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: PAGE_SIZES.map(String),
        showTotal: () => null,
      }}
      columns={[
        {
          key: 'customer',
          title: t('customers.list.columns.customer'),
          fixed: 'left',
          width: 200,
          render: (_, customer) => (
            <Flex vertical>
              <Link
                to={customerPath(store.id, customer.id)}
                onClick={(event) => event.stopPropagation()}
                style={{ fontWeight: 500 }}
              >
                {customerName(customer, t)}
              </Link>
              {customer.erased ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('customers.list.erased')}
                </Typography.Text>
              ) : (
                customer.nick &&
                customer.name && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {customer.name}
                  </Typography.Text>
                )
              )}
            </Flex>
          ),
        },
        {
          key: 'phone',
          title: t('customers.list.columns.phone'),
          width: 130,
          render: (_, customer) =>
            customer.phone ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
        },
        {
          key: 'region',
          title: t('customers.list.columns.region'),
          width: 120,
          render: (_, customer) =>
            regionText(customer) ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
        },
        {
          key: 'tags',
          title: t('customers.list.columns.tags'),
          render: (_, customer) => (
            <Flex gap={4} wrap>
              {customer.tags.slice(0, MAX_TAGS_SHOWN).map((tag) => (
                <Tag key={tag} style={{ marginInlineEnd: 0 }}>
                  {tag}
                </Tag>
              ))}
              {customer.tags.length > MAX_TAGS_SHOWN && (
                <Tag style={{ marginInlineEnd: 0 }}>+{customer.tags.length - MAX_TAGS_SHOWN}</Tag>
              )}
            </Flex>
          ),
        },
        {
          ...sortable('orderCount'),
          title: t('customers.list.columns.orders'),
          align: 'right',
          width: 100,
          render: (_, customer) => formatCount(customer.orderCount, language),
        },
        {
          ...sortable('totalSpent'),
          title: t('customers.list.columns.spent'),
          align: 'right',
          width: 130,
          render: (_, customer) => formatMoney(customer.totalSpent, store.currency, language),
        },
        {
          ...sortable('firstOrderAt'),
          title: t('customers.list.columns.firstOrder'),
          width: 130,
          render: (_, customer) => day(customer.firstOrderAt),
        },
        {
          ...sortable('lastOrderAt'),
          title: t('customers.list.columns.lastOrder'),
          width: 130,
          render: (_, customer) => day(customer.lastOrderAt),
        },
      ]}
    />
  );
}

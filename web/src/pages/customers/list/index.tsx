import { DownloadOutlined, FilterOutlined, TagsOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Input, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { exportUrl, useCustomerList } from '../api';
import { CustomersNav } from '../components/CustomersNav';
import { BulkTagModal } from './components/BulkTagModal';
import { CustomerTable } from './components/CustomerTable';
import { FilterPanel } from './components/FilterPanel';
import {
  activeFilterCount,
  type CustomerFilters,
  filterParams,
  type ListState,
  listParams,
  readListState,
  writeListState,
} from './filters';
import { totalText } from './total';

/** The customer list: search, filters, server-side sorting and paging, bulk tags and export. */
export default function CustomerListPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => readListState(params), [params]);
  const apiParams = useMemo(() => listParams(state), [state]);
  const list = useCustomerList(store.id, apiParams);
  const [selected, setSelected] = useState<readonly number[]>([]);
  const [filtersOpen, setFiltersOpen] = useState(() => activeFilterCount(state.filters) > 0);
  const [tagging, setTagging] = useState(false);
  const mayWrite = can(store.role, 'customers.write');
  const mayExport = can(store.role, 'data.export');
  const filterCount = activeFilterCount(state.filters);

  const go = (next: ListState) => setParams(writeListState(next));
  // New filters make a new list: back to its first page, and an old selection no longer applies.
  const applyFilters = (filters: CustomerFilters) => {
    setSelected([]);
    go({ ...state, filters, page: 1 });
  };

  const total = list.data ? totalText(list.data.total, list.data.totalCapped, language) : undefined;
  const exportTarget = selected.length > 0 ? { ids: selected } : { filter: filterParams(state.filters) };

  return (
    <>
      <PageHeader
        title={t('customers.title')}
        subtitle={t('customers.subtitle')}
        extra={
          mayExport && (
            <Tooltip
              title={
                selected.length > 0 ? t('customers.list.exportSelectedHint') : t('customers.list.exportHint')
              }
            >
              <Flex gap={8}>
                <Button icon={<DownloadOutlined />} href={exportUrl(store.id, 'csv', exportTarget)} download>
                  {t('customers.list.exportCsv')}
                </Button>
                <Button icon={<DownloadOutlined />} href={exportUrl(store.id, 'xlsx', exportTarget)} download>
                  {t('customers.list.exportXlsx')}
                </Button>
              </Flex>
            </Tooltip>
          )
        }
      />
      <CustomersNav active="list" />
      <Card style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap>
          <Input.Search
            key={state.filters.q ?? ''}
            defaultValue={state.filters.q}
            aria-label={t('customers.list.search')}
            placeholder={t('customers.list.searchPlaceholder')}
            enterButton={t('customers.list.search')}
            allowClear
            maxLength={100}
            style={{ maxWidth: 480, flex: 1 }}
            onSearch={(value) => applyFilters({ ...state.filters, q: value.trim() || undefined })}
          />
          <Badge count={filterCount} size="small" color="#1677ff">
            <Button
              icon={<FilterOutlined />}
              aria-expanded={filtersOpen}
              onClick={() => setFiltersOpen((open) => !open)}
            >
              {t('customers.list.filters')}
            </Button>
          </Badge>
        </Flex>
        {filtersOpen && (
          // Keyed by the address: going back in history shows that list's filters in the form.
          <FilterPanel key={params.toString()} filters={state.filters} onApply={applyFilters} />
        )}
      </Card>
      <Card>
        {list.isError ? (
          <LoadError
            title={t('customers.list.loadFailed')}
            error={list.error}
            onRetry={() => void list.refetch()}
          />
        ) : (
          <>
            <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
              <Flex align="center" gap={12}>
                <Typography.Text strong data-testid="customer-total">
                  {total !== undefined && t('customers.list.total', { n: total })}
                </Typography.Text>
                {selected.length > 0 && (
                  <>
                    <Typography.Text type="secondary">
                      {t('customers.list.selected', { n: formatCount(selected.length, language) })}
                    </Typography.Text>
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setSelected([])}>
                      {t('customers.list.clearSelection')}
                    </Button>
                  </>
                )}
              </Flex>
              {mayWrite && (
                <Button icon={<TagsOutlined />} onClick={() => setTagging(true)} disabled={!list.data?.total}>
                  {t('customers.list.bulkTag')}
                </Button>
              )}
            </Flex>
            <CustomerTable
              state={state}
              data={list.data}
              loading={list.isFetching}
              selected={selected}
              onSelect={mayWrite || mayExport ? setSelected : null}
              onChange={(change) => go({ ...state, ...change })}
              emptyText={
                filterCount > 0 || state.filters.q
                  ? t('customers.list.empty')
                  : t('customers.list.emptyStore')
              }
            />
          </>
        )}
      </Card>
      {mayWrite && (
        <BulkTagModal
          open={tagging}
          selected={selected}
          filters={state.filters}
          matching={total ?? ''}
          onClose={() => setTagging(false)}
          onDone={() => setSelected([])}
        />
      )}
    </>
  );
}

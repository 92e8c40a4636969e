import { DatePicker, Flex, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { useStore } from '../../../session/use-session';
import { type DayRange, productsExportUrl, useLowConversion } from '../api';
import type { LowConversionRow } from '../types';
import { useFormats } from '../use-formats';
import { ExportLinks } from './ExportLinks';
import { figureColumn } from './figure-column';
import { Panel } from './Panel';

const DAY = 'YYYY-MM-DD';
const lastThirtyDays = (): DayRange => ({
  from: dayjs().subtract(29, 'day').format(DAY),
  to: dayjs().format(DAY),
});

/** Products viewed often but rarely ordered over the chosen days (the traffic the store imported). */
export function LowConversionTable() {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const [range, setRange] = useState<DayRange>(lastThirtyDays);
  const answer = useLowConversion(store.id, range);
  // The products converting below the median, the most viewed first: where attention pays.
  const flagged = useMemo(
    () =>
      (answer.data?.products ?? []).filter((row) => row.belowMedian).toSorted((a, b) => b.views - a.views),
    [answer.data],
  );
  const median = answer.data?.medianConversion;
  const pick = (days: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = days ?? [null, null];
    if (from && to) setRange({ from: from.format(DAY), to: to.format(DAY) });
  };
  return (
    <Panel
      title={t('analytics.products.lowConversion')}
      hint={
        median === undefined || median === null
          ? t('analytics.products.lowConversionHint')
          : `${t('analytics.products.lowConversionHint')} ${t('analytics.products.median', { share: formats.share(median) })}`
      }
      extra={
        <Flex gap={8} wrap>
          <DatePicker.RangePicker
            size="small"
            aria-label={t('analytics.newOld.rangeLabel')}
            value={[dayjs(range.from), dayjs(range.to)]}
            allowClear={false}
            onChange={pick}
          />
          <ExportLinks href={(format) => productsExportUrl(store.id, 'low-conversion', format, range)} />
        </Flex>
      }
    >
      {answer.isError ? (
        <LoadError error={answer.error} onRetry={() => void answer.refetch()} />
      ) : (
        <Table
          rowKey="productId"
          size="small"
          loading={answer.isFetching}
          dataSource={flagged}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { key: 'title', title: t('analytics.products.title'), dataIndex: 'title' },
            figureColumn<LowConversionRow>('views', t('analytics.products.views'), (row) =>
              formats.count(row.views),
            ),
            figureColumn<LowConversionRow>('visitors', t('analytics.products.visitors'), (row) =>
              formats.count(row.visitors),
            ),
            figureColumn<LowConversionRow>('addToCart', t('analytics.products.addToCart'), (row) =>
              formats.count(row.addToCart),
            ),
            figureColumn<LowConversionRow>('buyers', t('analytics.products.buyers'), (row) =>
              formats.count(row.buyers),
            ),
            figureColumn<LowConversionRow>('conversionRate', t('analytics.products.conversionRate'), (row) =>
              formats.share(row.conversion),
            ),
          ]}
        />
      )}
    </Panel>
  );
}

import { DatePicker, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { useStore } from '../../../session/use-session';
import { type DayRange, useLowConversion } from '../api';
import { useFormats } from '../use-formats';
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
  const pick = (days: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = days ?? [null, null];
    if (from && to) setRange({ from: from.format(DAY), to: to.format(DAY) });
  };
  return (
    <Panel
      title={t('analytics.products.lowConversion')}
      hint={t('analytics.products.lowConversionHint')}
      extra={
        <DatePicker.RangePicker
          size="small"
          aria-label={t('analytics.newOld.rangeLabel')}
          value={[dayjs(range.from), dayjs(range.to)]}
          allowClear={false}
          onChange={pick}
        />
      }
    >
      {answer.isError ? (
        <LoadError error={answer.error} onRetry={() => void answer.refetch()} />
      ) : (
        <Table
          rowKey="productId"
          size="small"
          loading={answer.isFetching}
          dataSource={answer.data?.items ?? []}
          pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true }}
          columns={[
            { key: 'title', title: t('analytics.products.title'), dataIndex: 'title' },
            {
              key: 'views',
              title: t('analytics.products.views'),
              align: 'right',
              render: (_, row) => formats.count(row.views),
            },
            {
              key: 'visitors',
              title: t('analytics.products.visitors'),
              align: 'right',
              render: (_, row) => formats.count(row.visitors),
            },
            {
              key: 'buyers',
              title: t('analytics.products.buyers'),
              align: 'right',
              render: (_, row) => formats.count(row.buyers),
            },
            {
              key: 'conversionRate',
              title: t('analytics.products.conversionRate'),
              align: 'right',
              render: (_, row) => formats.share(row.conversionRate),
            },
          ]}
        />
      )}
    </Panel>
  );
}

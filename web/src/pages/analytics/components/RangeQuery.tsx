import { DatePicker, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/error-text';
import { useStore } from '../../../session/use-session';
import { type DayRange, useNewOldRange } from '../api';
import type { NewOldRow } from '../types';
import { useFormats } from '../use-formats';
import { newOldColumns } from './new-old-columns';
import { Panel } from './Panel';

const DAY = 'YYYY-MM-DD';

/** New vs old customers over any days the operator picks (the range endpoint, not the snapshot). */
export function RangeQuery() {
  const { t } = useTranslation();
  const store = useStore();
  const formats = useFormats();
  const [range, setRange] = useState<DayRange>();
  const answer = useNewOldRange(store.id, range);
  const columns = useMemo(() => newOldColumns<NewOldRow>(t, formats), [t, formats]);
  const pick = (days: [Dayjs | null, Dayjs | null] | null) => {
    const [from, to] = days ?? [null, null];
    setRange(from && to ? { from: from.format(DAY), to: to.format(DAY) } : undefined);
  };
  return (
    <Panel title={t('analytics.newOld.range')} hint={t('analytics.newOld.rangeHint')}>
      <DatePicker.RangePicker aria-label={t('analytics.newOld.rangeLabel')} onChange={pick} allowClear />
      {answer.isError && (
        <Typography.Paragraph type="danger" style={{ marginTop: 12 }}>
          {errorText(answer.error, t, formats.language).title}
        </Typography.Paragraph>
      )}
      {range && (
        <Table
          rowKey="period"
          size="small"
          style={{ marginTop: 16 }}
          loading={answer.isFetching}
          dataSource={answer.data ? [answer.data.row] : []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={columns}
        />
      )}
    </Panel>
  );
}

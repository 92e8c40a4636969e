import { DatePicker, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { dayKey } from '../../../format/time';
import { useStore } from '../../../session/use-session';
import type { DateBound } from '../types';

type Kind = 'none' | 'date' | 'daysAgo' | 'monthsAgo' | 'promotion';

function kindOf(bound: DateBound | undefined): Kind {
  if (bound === undefined) return 'none';
  if (typeof bound === 'string') return 'date';
  if ('daysAgo' in bound) return 'daysAgo';
  if ('monthsAgo' in bound) return 'monthsAgo';
  return 'promotion';
}

/** One end of a date range: a calendar date, N days or months ago, or no bound. */
export function DateBoundInput(props: {
  readonly label: string;
  readonly value: DateBound | undefined;
  readonly onChange: (bound: DateBound | undefined) => void;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const { value, onChange } = props;
  const kind = kindOf(value);
  const switchTo = (next: Kind) => {
    if (next === 'none') onChange(undefined);
    // Today in the store's calendar, which the audience is counted in, not the browser's.
    else if (next === 'date') onChange(dayKey(Date.now(), store.timeZone));
    else if (next === 'daysAgo') onChange({ daysAgo: 30 });
    else if (next === 'monthsAgo') onChange({ monthsAgo: 6 });
  };
  return (
    <Space.Compact>
      <Select<Kind>
        aria-label={props.label}
        value={kind}
        onChange={switchTo}
        style={{ width: 110 }}
        options={[
          { value: 'none', label: `${props.label}: ${t('audiences.ops.boundNone')}` },
          { value: 'date', label: `${props.label}: ${t('audiences.ops.boundDate')}` },
          { value: 'daysAgo', label: `${props.label}: ${t('audiences.ops.boundDaysAgo')}` },
          { value: 'monthsAgo', label: `${props.label}: ${t('audiences.ops.boundMonthsAgo')}` },
          ...(kind === 'promotion' ? [{ value: 'promotion' as const, label: JSON.stringify(value) }] : []),
        ]}
      />
      {typeof value === 'string' && (
        <DatePicker
          allowClear={false}
          value={dayjs(value)}
          onChange={(day) => day && onChange(day.format('YYYY-MM-DD'))}
        />
      )}
      {typeof value === 'object' && 'daysAgo' in value && (
        <InputNumber
          min={0}
          value={value.daysAgo}
          onChange={(n) => onChange({ daysAgo: n ?? 0 })}
          suffix={t('audiences.ops.boundDaysAgo')}
        />
      )}
      {typeof value === 'object' && 'monthsAgo' in value && (
        <InputNumber
          min={0}
          value={value.monthsAgo}
          onChange={(n) => onChange({ monthsAgo: n ?? 0 })}
          suffix={t('audiences.ops.boundMonthsAgo')}
        />
      )}
    </Space.Compact>
  );
}

import { Badge, Calendar, Card, Flex } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayKey } from '../../../format/time';
import { useStore } from '../../../session/use-session';
import { useMemberDayCalendar } from '../api';
import type { MemberDayCalendar as CalendarAnswer } from '../types';

// The month's member days (red) and reminder dates (blue), as the server lays them out in the
// store's calendar, so the 31st falls where the server says it does.

export function MemberDayCalendar() {
  const { t } = useTranslation();
  const store = useStore();
  const today = dayKey(Date.now(), store.timeZone);
  const [month, setMonth] = useState(() => today.slice(0, 7));
  const calendar = useMemberDayCalendar(store.id, month);
  const byDate = new Map<string, CalendarAnswer['entries']>();
  for (const entry of calendar.data?.entries ?? [])
    byDate.set(entry.date, [...(byDate.get(entry.date) ?? []), entry]);
  return (
    <Card title={t('loyalty.memberDays.calendar')}>
      <Calendar
        // Today stays selected in its own month; another month shows from its first day.
        value={dayjs(today.startsWith(month) ? today : `${month}-01`)}
        onPanelChange={(date: Dayjs) => setMonth(date.format('YYYY-MM'))}
        onSelect={(date: Dayjs, info) => {
          if (info.source !== 'date') setMonth(date.format('YYYY-MM'));
        }}
        mode="month"
        cellRender={(date: Dayjs, info) => {
          if (info.type !== 'date' || date.format('YYYY-MM') !== month) return null;
          const entries = byDate.get(date.format('YYYY-MM-DD')) ?? [];
          return (
            <Flex vertical gap={2}>
              {entries.map((entry) => (
                <Badge
                  key={`${entry.kind}-${entry.memberDayId}`}
                  color={entry.kind === 'memberDay' ? 'red' : 'blue'}
                  text={`${entry.kind === 'memberDay' ? t('loyalty.memberDays.memberDay') : t('loyalty.memberDays.reminderEntry')} · ${entry.name}`}
                />
              ))}
            </Flex>
          );
        }}
      />
    </Card>
  );
}

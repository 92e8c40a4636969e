import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Segmented, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { dayKey, formatDayKey } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useFollowUps, useMarkDone } from '../api';
import { CustomersNav } from '../components/CustomersNav';
import { customerName, customerPath } from '../labels';
import type { FollowUp } from '../types';

const OVERDUE_BACKGROUND = '#fff1f0';
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The signed-in person's follow-ups due by a day (today unless chosen), overdue first. */
export default function FollowUpsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const language = currentLanguage();
  const [params, setParams] = useSearchParams();
  const today = dayKey(Date.now(), store.timeZone);
  const requested = params.get('date');
  const date = requested && DAY.test(requested) ? requested : today;
  // Everyone's follow-ups are for those who manage the staff (owners), as the API decides.
  const mayAll = can(store.role, 'members.manage');
  const all = mayAll && params.get('all') === 'true';
  const followUps = useFollowUps(store.id, date, all);
  const markDone = useMarkDone(store.id);
  const [finishing, setFinishing] = useState<number | undefined>();
  const rows = [...(followUps.data?.followUps ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || (a.followUpOn ?? '').localeCompare(b.followUpOn ?? ''),
  );

  const show = (next: { date?: string; all?: boolean }) => {
    const search = new URLSearchParams();
    const nextDate = next.date ?? date;
    if (nextDate !== today) search.set('date', nextDate);
    if (next.all ?? all) search.set('all', 'true');
    setParams(search, { replace: true });
  };
  const done = (followUp: FollowUp) => {
    setFinishing(followUp.id);
    markDone.mutate(followUp.id, {
      onSuccess: () =>
        void message.success(
          t('customers.followUps.doneNotice', { name: customerName(followUp.customer, t) }),
        ),
      onError: notifyError,
      onSettled: () => setFinishing(undefined),
    });
  };

  return (
    <>
      <PageHeader title={t('customers.title')} subtitle={t('customers.subtitle')} />
      <CustomersNav active="follow-ups" />
      <Card>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('customers.followUps.intro')}</Typography.Text>
          <Flex gap={8} align="center">
            {mayAll && (
              <Segmented
                value={all ? 'all' : 'mine'}
                onChange={(value) => show({ all: value === 'all' })}
                options={[
                  { value: 'mine', label: t('customers.followUps.mine') },
                  { value: 'all', label: t('customers.followUps.all') },
                ]}
              />
            )}
            <DatePicker
              aria-label={t('customers.followUps.date')}
              value={dayjs(date)}
              allowClear={false}
              onChange={(value) => value && show({ date: value.format('YYYY-MM-DD') })}
            />
          </Flex>
        </Flex>
        {followUps.isError ? (
          <LoadError
            title={t('customers.followUps.loadFailed')}
            error={followUps.error}
            onRetry={() => void followUps.refetch()}
          />
        ) : (
          <Table<FollowUp>
            rowKey="id"
            size="middle"
            loading={followUps.isFetching}
            dataSource={rows}
            pagination={false}
            locale={{ emptyText: t('customers.followUps.empty') }}
            scroll={{ x: 900 }}
            onRow={(followUp) => ({ style: followUp.overdue ? { background: OVERDUE_BACKGROUND } : {} })}
            columns={[
              {
                key: 'customer',
                title: t('customers.followUps.customer'),
                render: (_, followUp) => (
                  <Link to={customerPath(store.id, followUp.customer.id)}>
                    {customerName(followUp.customer, t)}
                  </Link>
                ),
              },
              {
                key: 'dueOn',
                title: t('customers.followUps.dueOn'),
                width: 180,
                render: (_, followUp) => (
                  <Flex gap={6} align="center">
                    {followUp.followUpOn ? formatDayKey(followUp.followUpOn, language) : t('common.none')}
                    {followUp.overdue ? (
                      <Tag color="error">{t('customers.followUps.overdue')}</Tag>
                    ) : (
                      followUp.followUpOn === today && (
                        <Tag color="processing">{t('customers.followUps.due')}</Tag>
                      )
                    )}
                  </Flex>
                ),
              },
              {
                key: 'channel',
                title: t('customers.followUps.channel'),
                width: 180,
                render: (_, followUp) =>
                  `${t(`customers.contact.channels.${followUp.channel}`)} · ${t(`customers.contact.outcomes.${followUp.outcome}`)}`,
              },
              {
                key: 'note',
                title: t('customers.followUps.note'),
                render: (_, followUp) => (
                  <Typography.Text ellipsis={{ tooltip: followUp.note }} style={{ maxWidth: 320 }}>
                    {followUp.note || t('common.none')}
                  </Typography.Text>
                ),
              },
              {
                key: 'staff',
                title: t('customers.followUps.staff'),
                width: 120,
                render: (_, f) => f.staff.name,
              },
              {
                key: 'actions',
                title: t('common.actions'),
                width: 120,
                render: (_, followUp) => (
                  <Button
                    size="small"
                    icon={<CheckOutlined />}
                    loading={finishing === followUp.id}
                    onClick={() => done(followUp)}
                  >
                    {t('customers.followUps.done')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

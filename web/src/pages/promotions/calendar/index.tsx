import { CopyOutlined, LeftOutlined, PlusOutlined, RightOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { storePath } from '../../../app/sections';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { dayKey, formatDayKey } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useCalendar, useCreatePlan, useEventMutations, usePlans } from '../api';
import { formatShortDay, monthDayOf } from '../dates';
import type { CalendarEvent, CalendarMemberDay } from '../types';
import { EventModal } from './EventModal';

/** 活动日历: a year's events with their phase windows and plans, the store's own events, member days. */
export default function PromotionCalendarPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [year, setYear] = useState(() => Number(dayKey(Date.now(), store.timeZone).slice(0, 4)));
  const calendar = useCalendar(store.id, year);
  const plans = usePlans(store.id);
  const createPlan = useCreatePlan(store.id);
  const events = useEventMutations(store.id);
  const editable = can(store.role, 'promotions.manage');
  const [modal, setModal] = useState<{
    open: boolean;
    editing: { key: string; name: string; monthDay: string } | null;
  }>({ open: false, editing: null });

  const planIds = useMemo(
    () => new Map((plans.data ?? []).map((plan) => [`${plan.event}:${plan.year}`, plan.id])),
    [plans.data],
  );
  const planPath = (id: number) => `${storePath(store.id, 'promotions')}/plans/${id}/phases`;
  // A window reaching into another year (元旦's build-up) shows that day's year.
  const shortDay = (date: string) =>
    date.startsWith(`${year}-`) ? formatShortDay(date, language) : formatDayKey(date, language);
  const eventName = (event: CalendarEvent) => (language === 'en' ? event.en : event.zh);

  const create = (event: CalendarEvent, copyLastYear: boolean) =>
    createPlan.mutate(
      { event: event.key, year, copyLastYear },
      {
        onSuccess: (plan) => {
          void message.success(t('promotions.calendar.planCreated', { event: eventName(event), year }));
          navigate(planPath(plan.id));
        },
        onError: notifyError,
      },
    );

  const header = (
    <PageHeader
      title={t('promotions.calendar.title')}
      subtitle={t('promotions.calendar.subtitle')}
      extra={
        <Space>
          <Button
            icon={<LeftOutlined />}
            aria-label={t('promotions.calendar.previousYear')}
            onClick={() => setYear((y) => y - 1)}
          />
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="promotion-year">
            {t('promotions.calendar.year', { year })}
          </Typography.Text>
          <Button
            icon={<RightOutlined />}
            aria-label={t('promotions.calendar.nextYear')}
            onClick={() => setYear((y) => y + 1)}
          />
          {editable && (
            <Button icon={<PlusOutlined />} onClick={() => setModal({ open: true, editing: null })}>
              {t('promotions.calendar.addEvent')}
            </Button>
          )}
        </Space>
      }
    />
  );

  if (calendar.isError)
    return (
      <>
        {header}
        <Card>
          <LoadError
            title={t('promotions.calendar.loadFailed')}
            error={calendar.error}
            onRetry={() => void calendar.refetch()}
          />
        </Card>
      </>
    );

  return (
    <>
      {header}
      {!editable && (
        <Alert type="info" showIcon title={t('promotions.readOnly')} style={{ marginBottom: 16 }} />
      )}
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <Card title={t('promotions.calendar.events')}>
            <Table<CalendarEvent>
              rowKey="key"
              size="small"
              loading={calendar.isLoading}
              pagination={false}
              dataSource={calendar.data?.events ?? []}
              columns={[
                {
                  title: t('promotions.calendar.date'),
                  dataIndex: 'date',
                  width: 120,
                  render: (date: string) => formatDayKey(date, language),
                },
                {
                  title: t('promotions.calendar.event'),
                  key: 'event',
                  render: (_, event) => (
                    <Space size={4}>
                      <Typography.Text strong>{eventName(event)}</Typography.Text>
                      {event.key.startsWith('custom-') && (
                        <Tag color="purple">{t('promotions.calendar.own')}</Tag>
                      )}
                    </Space>
                  ),
                },
                {
                  title: t('promotions.calendar.windows'),
                  key: 'windows',
                  render: (_, event) => (
                    <Flex gap={4} wrap>
                      {event.phases.map((p) => (
                        <Tag key={p.phase} bordered={false}>
                          {t(`promotions.phases.${p.phase}`)}{' '}
                          {p.from === p.to ? shortDay(p.from) : `${shortDay(p.from)}–${shortDay(p.to)}`}
                        </Tag>
                      ))}
                    </Flex>
                  ),
                },
                {
                  title: t('promotions.calendar.plan'),
                  key: 'plan',
                  render: (_, event) => {
                    const id = planIds.get(`${event.key}:${year}`);
                    if (id !== undefined)
                      return (
                        <Button size="small" type="primary" ghost onClick={() => navigate(planPath(id))}>
                          {t('promotions.calendar.openPlan')}
                        </Button>
                      );
                    if (!editable)
                      return (
                        <Typography.Text type="secondary">{t('promotions.calendar.noPlan')}</Typography.Text>
                      );
                    const last = planIds.get(`${event.key}:${year - 1}`);
                    return (
                      <Space size={4} wrap>
                        <Button
                          size="small"
                          loading={createPlan.isPending && createPlan.variables?.event === event.key}
                          onClick={() => create(event, false)}
                        >
                          {t('promotions.calendar.createPlan')}
                        </Button>
                        {last !== undefined && (
                          <Tooltip title={t('promotions.calendar.copyHint', { year: year - 1 })}>
                            <Button size="small" icon={<CopyOutlined />} onClick={() => create(event, true)}>
                              {t('promotions.calendar.copyLastYear')}
                            </Button>
                          </Tooltip>
                        )}
                      </Space>
                    );
                  },
                },
                ...(editable
                  ? [
                      {
                        key: 'own',
                        width: 130,
                        render: (_: unknown, event: CalendarEvent) =>
                          event.key.startsWith('custom-') && (
                            <Space size={0}>
                              <Button
                                size="small"
                                type="link"
                                onClick={() =>
                                  setModal({
                                    open: true,
                                    editing: {
                                      key: event.key,
                                      name: event.zh,
                                      monthDay: monthDayOf(event.date),
                                    },
                                  })
                                }
                              >
                                {t('promotions.calendar.editEvent')}
                              </Button>
                              <Popconfirm
                                title={t('promotions.calendar.deleteConfirm', { name: event.zh })}
                                onConfirm={() =>
                                  events.remove.mutate(event.key, {
                                    onSuccess: () =>
                                      void message.success(t('promotions.calendar.eventDeleted')),
                                    onError: notifyError,
                                  })
                                }
                              >
                                <Button size="small" type="link" danger>
                                  {t('promotions.calendar.deleteEvent')}
                                </Button>
                              </Popconfirm>
                            </Space>
                          ),
                      },
                    ]
                  : []),
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={8}>
          <Card title={t('promotions.calendar.memberDays')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              {t('promotions.calendar.memberDaysHint')}
            </Typography.Paragraph>
            <Table<CalendarMemberDay>
              rowKey={(d) => `${d.date}:${d.name}`}
              size="small"
              loading={calendar.isLoading}
              locale={{ emptyText: t('promotions.calendar.noMemberDays') }}
              pagination={{ pageSize: 12, hideOnSinglePage: true, size: 'small' }}
              dataSource={calendar.data?.memberDays ?? []}
              columns={[
                {
                  title: t('promotions.calendar.date'),
                  dataIndex: 'date',
                  render: (date: string) => formatDayKey(date, language),
                },
                { title: t('promotions.calendar.memberDay'), dataIndex: 'name' },
                {
                  title: t('promotions.calendar.tiers'),
                  dataIndex: 'tiers',
                  render: (tiers: string[]) =>
                    tiers.length === 0 ? t('promotions.calendar.allTiers') : tiers.join('、'),
                },
                {
                  title: t('promotions.calendar.discount'),
                  dataIndex: 'discount',
                  render: (percent: number) =>
                    percent >= 100
                      ? t('promotions.calendar.noDiscount')
                      : t('promotions.calendar.discountValue', {
                          percent: language === 'en' ? percent : percent / 10,
                        }),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <EventModal
        open={modal.open}
        editing={modal.editing}
        onClose={(saved) => {
          if (saved) void message.success(t('promotions.calendar.eventSaved'));
          setModal({ open: false, editing: null });
        }}
      />
    </>
  );
}

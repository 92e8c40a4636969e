import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client';
import { storePath } from '../../../app/sections';
import { EChart } from '../../../components/EChart';
import { useNotifyError } from '../../../components/use-notify-error';
import { dayKey, formatDayKey } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useAudiences } from '../../audiences/api';
import { useMembers } from '../../settings/api';
import { usePlanMutations } from '../api';
import { ganttOption } from '../charts';
import { formatShortDay } from '../dates';
import { type Plan, type Task, taskStatuses } from '../types';
import { CampaignModal } from './CampaignModal';
import { TaskModal } from './TaskModal';

type PhaseDraft = Plan['phases'][number];

/** 阶段与任务: the four phase windows and goals, the timeline, the tasks, a campaign for a phase. */
export function PhasesTab({ plan, editable }: { readonly plan: Plan; readonly editable: boolean }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const mutations = usePlanMutations(store.id, plan.id);
  const members = useMembers(store.id);
  const audiences = useAudiences(store.id);
  const [draft, setDraft] = useState<PhaseDraft[]>(plan.phases);
  // A refetch after a task change brings equal windows: keep what is being edited unless they changed.
  const savedPhases = JSON.stringify(plan.phases);
  useEffect(() => setDraft(JSON.parse(savedPhases) as PhaseDraft[]), [savedPhases]);
  const [taskModal, setTaskModal] = useState<{ open: boolean; editing: Task | null }>({
    open: false,
    editing: null,
  });
  const [campaignOpen, setCampaignOpen] = useState(false);
  // The server says which phase is wrong ("warmup must start after buildup ends …"): shown as is.
  const [phaseProblem, setPhaseProblem] = useState<string | null>(null);
  const today = dayKey(Date.now(), store.timeZone);
  const ownerName = new Map((members.data ?? []).map((m) => [m.userId, m.displayName || m.login]));

  const option = useMemo(
    () =>
      ganttOption(
        plan.phases.map((p) => ({ ...p, label: t(`promotions.phases.${p.phase}`) })),
        plan.tasks,
        today,
        {
          window: t('promotions.phasesTab.windowSeries'),
          tasks: t('promotions.phasesTab.taskSeries'),
          today: t('promotions.phasesTab.today'),
          dayLabel: (date) => formatShortDay(date, language),
        },
      ),
    [plan.phases, plan.tasks, today, t, language],
  );

  const setPhase = (index: number, patch: Partial<PhaseDraft>) =>
    setDraft((phases) => phases.map((p, i) => (i === index ? { ...p, ...patch } : p)));

  const earlier = plan.earlierLessons;
  return (
    <Row gutter={[16, 16]}>
      {earlier && (
        <Col span={24}>
          <Alert
            type="info"
            showIcon
            data-testid="earlier-lessons"
            title={t('promotions.phasesTab.earlierLessons', {
              year: earlier.year,
              event: language === 'en' ? earlier.eventName.en : earlier.eventName.zh,
            })}
            description={<span style={{ whiteSpace: 'pre-wrap' }}>{earlier.text}</span>}
            action={
              <Link to={`${storePath(store.id, 'promotions')}/plans/${earlier.planId}/review`}>
                {t('promotions.phasesTab.openReview')}
              </Link>
            }
          />
        </Col>
      )}
      <Col xs={24} xl={12}>
        <Card
          title={t('promotions.phasesTab.phases')}
          extra={
            editable && (
              <Button
                type="primary"
                loading={mutations.phases.isPending}
                onClick={() =>
                  mutations.phases.mutate(
                    {
                      phases: draft.map((p) => ({
                        phase: p.phase,
                        from: p.from,
                        to: p.to,
                        goal: p.goal,
                        audienceIds: p.audiences.map((a) => a.id),
                      })),
                    },
                    {
                      onSuccess: () => {
                        setPhaseProblem(null);
                        void message.success(t('promotions.phasesTab.saved'));
                      },
                      onError: (error) => {
                        notifyError(error);
                        setPhaseProblem(isApiError(error) ? error.message : null);
                      },
                    },
                  )
                }
              >
                {t('promotions.phasesTab.save')}
              </Button>
            )
          }
        >
          {phaseProblem && (
            <Alert
              type="error"
              showIcon
              title={phaseProblem}
              style={{ marginBottom: 12 }}
              data-testid="phase-problem"
            />
          )}
          <Table<PhaseDraft>
            rowKey="phase"
            size="small"
            pagination={false}
            dataSource={draft}
            columns={[
              {
                title: t('promotions.phasesTab.phase'),
                dataIndex: 'phase',
                width: 80,
                render: (phase: PhaseDraft['phase']) => t(`promotions.phases.${phase}`),
              },
              {
                title: t('promotions.phasesTab.window'),
                key: 'window',
                render: (_, p, index) =>
                  editable ? (
                    <DatePicker.RangePicker
                      aria-label={`${t(`promotions.phases.${p.phase}`)} ${t('promotions.phasesTab.window')}`}
                      size="small"
                      allowClear={false}
                      value={[dayjs(p.from), dayjs(p.to)]}
                      onChange={(range) => {
                        const [from, to] = range ?? [];
                        if (from && to)
                          setPhase(index, { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
                      }}
                    />
                  ) : (
                    `${formatDayKey(p.from, language)} – ${formatDayKey(p.to, language)}`
                  ),
              },
              {
                title: t('promotions.phasesTab.goal'),
                dataIndex: 'goal',
                render: (goal: string, p, index) =>
                  editable ? (
                    <Input
                      size="small"
                      aria-label={`${t(`promotions.phases.${p.phase}`)} ${t('promotions.phasesTab.goal')}`}
                      maxLength={500}
                      placeholder={t('promotions.phasesTab.goalPlaceholder')}
                      value={goal}
                      onChange={(event) => setPhase(index, { goal: event.target.value })}
                    />
                  ) : (
                    goal
                  ),
              },
              {
                title: t('promotions.phasesTab.audiences'),
                key: 'audiences',
                render: (_, p, index) =>
                  editable ? (
                    <Select<number[]>
                      mode="multiple"
                      size="small"
                      aria-label={`${t(`promotions.phases.${p.phase}`)} ${t('promotions.phasesTab.audiences')}`}
                      placeholder={t('promotions.phasesTab.audiencesPlaceholder')}
                      style={{ minWidth: 160 }}
                      optionFilterProp="label"
                      value={p.audiences.map((a) => a.id)}
                      options={(audiences.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
                      onChange={(ids) =>
                        setPhase(index, {
                          audiences: ids.map((id) => ({
                            id,
                            name: audiences.data?.find((a) => a.id === id)?.name ?? String(id),
                          })),
                        })
                      }
                    />
                  ) : p.audiences.length === 0 ? (
                    t('promotions.phasesTab.noAudiences')
                  ) : (
                    p.audiences.map((a) => <Tag key={a.id}>{a.name}</Tag>)
                  ),
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('promotions.phasesTab.timeline')}>
          <EChart option={option} height={220} label={t('promotions.phasesTab.timelineLabel')} />
        </Card>
      </Col>
      <Col span={24}>
        <Card
          title={t('promotions.phasesTab.tasks')}
          extra={
            editable && (
              <Space>
                <Button icon={<SendOutlined />} onClick={() => setCampaignOpen(true)}>
                  {t('promotions.phasesTab.createCampaign')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setTaskModal({ open: true, editing: null })}
                >
                  {t('promotions.phasesTab.addTask')}
                </Button>
              </Space>
            )
          }
        >
          <Table<Task>
            rowKey="id"
            size="small"
            pagination={false}
            locale={{ emptyText: t('promotions.phasesTab.noTasks') }}
            dataSource={plan.tasks}
            columns={[
              {
                title: t('promotions.phasesTab.dueDate'),
                dataIndex: 'dueDate',
                width: 120,
                render: (date: string) => formatDayKey(date, language),
              },
              {
                title: t('promotions.phasesTab.phase'),
                dataIndex: 'phase',
                width: 80,
                render: (phase: Task['phase']) => t(`promotions.phases.${phase}`),
              },
              {
                title: t('promotions.phasesTab.kind'),
                dataIndex: 'kind',
                width: 110,
                render: (kind: Task['kind']) => <Tag bordered={false}>{t(`promotions.kinds.${kind}`)}</Tag>,
              },
              { title: t('promotions.phasesTab.taskTitle'), dataIndex: 'title' },
              {
                title: t('promotions.phasesTab.owner'),
                dataIndex: 'ownerUserId',
                width: 120,
                render: (id: number | null) => (id === null ? '—' : (ownerName.get(id) ?? `#${id}`)),
              },
              {
                title: t('promotions.phasesTab.status'),
                dataIndex: 'status',
                width: 130,
                render: (status: Task['status'], task) =>
                  editable ? (
                    <Select
                      size="small"
                      aria-label={`${task.title} ${t('promotions.phasesTab.status')}`}
                      value={status}
                      style={{ width: 110 }}
                      options={taskStatuses.map((value) => ({
                        value,
                        label: t(`promotions.statuses.${value}`),
                      }))}
                      onChange={(next) =>
                        mutations.updateTask.mutate({ id: task.id, status: next }, { onError: notifyError })
                      }
                    />
                  ) : (
                    t(`promotions.statuses.${status}`)
                  ),
              },
              {
                title: t('promotions.phasesTab.link'),
                key: 'link',
                width: 150,
                render: (_, task) => (
                  <Flex vertical>
                    {task.campaignId !== null && (
                      <Link to={`${storePath(store.id, 'campaigns')}/${task.campaignId}`}>
                        {t('promotions.phasesTab.campaignLink', { id: task.campaignId })}
                      </Link>
                    )}
                    {task.couponBatchId !== null && (
                      <Link to={`${storePath(store.id, 'loyalty')}/coupons/${task.couponBatchId}`}>
                        {t('promotions.phasesTab.couponLink', { id: task.couponBatchId })}
                      </Link>
                    )}
                    {task.giftPlanId !== null && (
                      <Link to={`${storePath(store.id, 'loyalty')}/gifts/${task.giftPlanId}`}>
                        {t('promotions.phasesTab.giftLink', { id: task.giftPlanId })}
                      </Link>
                    )}
                  </Flex>
                ),
              },
              ...(editable
                ? [
                    {
                      title: t('promotions.phasesTab.actions'),
                      key: 'actions',
                      width: 130,
                      render: (_: unknown, task: Task) => (
                        <Space size={0}>
                          <Button
                            size="small"
                            type="link"
                            onClick={() => setTaskModal({ open: true, editing: task })}
                          >
                            {t('promotions.phasesTab.edit')}
                          </Button>
                          <Popconfirm
                            title={t('promotions.phasesTab.deleteConfirm', { title: task.title })}
                            onConfirm={() =>
                              mutations.deleteTask.mutate(task.id, {
                                onSuccess: () => void message.success(t('promotions.phasesTab.taskDeleted')),
                                onError: notifyError,
                              })
                            }
                          >
                            <Button size="small" type="link" danger>
                              {t('promotions.phasesTab.delete')}
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
      <TaskModal
        plan={plan}
        open={taskModal.open}
        editing={taskModal.editing}
        onClose={(saved) => {
          if (saved) void message.success(t('promotions.phasesTab.taskSaved'));
          setTaskModal({ open: false, editing: null });
        }}
      />
      <CampaignModal
        plan={plan}
        open={campaignOpen}
        onClose={(created) => {
          setCampaignOpen(false);
          // The task's row links the campaign (a toast sits outside the router, so no link here).
          if (created)
            void message.success(t('promotions.campaignModal.created', { name: created.campaign.name }));
        }}
      />
    </Row>
  );
}

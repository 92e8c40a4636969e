import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { copyText } from '../../../components/copy-text';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { customerPath } from '../../customers/labels';
import { type TaskFilter, tasksExportUrl, useTasks, useUpdateTask } from '../api';
import { ExportButtons } from '../components/ExportButtons';
import { MessagesNav } from '../components/MessagesNav';
import { taskStatusColours } from '../labels';
import type { Task } from '../types';
import { DoneModal } from './DoneModal';

const taskStatuses: readonly Task['status'][] = ['open', 'done', 'skipped'];

/** 任务: customers a campaign wants a person to contact, with the script; done, skipped or reopened. */
export default function TasksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const language = currentLanguage();
  const [filter, setFilter] = useState<TaskFilter>({ mine: true, status: 'open' });
  const tasks = useTasks(store.id, filter);
  const update = useUpdateTask(store.id);
  const [finishing, setFinishing] = useState<Task | undefined>();
  const rows = useMemo(() => tasks.data?.pages.flatMap((page) => page.items) ?? [], [tasks.data]);

  const copy = async (script: string) => {
    if (await copyText(script)) void message.success(t('messaging.tasks.copied'));
    else void message.error(t('messaging.tasks.copyFailed'));
  };
  const setStatus = (task: Task, status: 'skipped' | 'open') =>
    update.mutate(
      { id: task.id, update: { status } },
      {
        onSuccess: () =>
          void message.success(status === 'skipped' ? t('messaging.tasks.skipped') : t('common.saved')),
        onError: notifyError,
      },
    );

  return (
    <>
      <PageHeader
        title={t('messaging.title')}
        subtitle={t('messaging.subtitle')}
        extra={<ExportButtons href={(format) => tasksExportUrl(store.id, format, filter)} />}
      />
      <MessagesNav active="tasks" />
      <Card>
        <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('messaging.tasks.intro')}</Typography.Text>
          <Flex gap={8} align="center">
            <Segmented
              value={filter.mine ? 'mine' : 'all'}
              onChange={(value) => setFilter({ ...filter, mine: value === 'mine' })}
              options={[
                { value: 'mine', label: t('messaging.tasks.mine') },
                { value: 'all', label: t('messaging.tasks.all') },
              ]}
            />
            <Select
              allowClear
              aria-label={t('messaging.tasks.status')}
              placeholder={t('messaging.tasks.allStatuses')}
              style={{ width: 130 }}
              value={filter.status}
              onChange={(status?: Task['status']) => setFilter({ ...filter, status })}
              options={taskStatuses.map((value) => ({
                value,
                label: t(`messaging.tasks.statuses.${value}`),
              }))}
            />
          </Flex>
        </Flex>
        {tasks.isError ? (
          <LoadError
            title={t('messaging.tasks.loadFailed')}
            error={tasks.error}
            onRetry={() => void tasks.refetch()}
          />
        ) : (
          <>
            <Table<Task>
              rowKey="id"
              size="middle"
              loading={tasks.isFetching && !tasks.isFetchingNextPage}
              dataSource={rows}
              pagination={false}
              locale={{ emptyText: t('messaging.tasks.empty') }}
              scroll={{ x: 1100 }}
              columns={[
                {
                  key: 'kind',
                  title: t('messaging.tasks.columns.kind'),
                  width: 80,
                  render: (_, task) => <Tag>{t(`messaging.tasks.kinds.${task.kind}`)}</Tag>,
                },
                {
                  key: 'customer',
                  title: t('messaging.tasks.columns.customer'),
                  width: 150,
                  render: (_, task) =>
                    task.customer ? (
                      <Link to={customerPath(store.id, task.customer.id)}>
                        {task.customer.nick ??
                          task.customer.name ??
                          t('customers.unnamed', { id: task.customer.id })}
                      </Link>
                    ) : (
                      <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
                    ),
                },
                {
                  key: 'contact',
                  title: t('messaging.tasks.columns.contact'),
                  width: 130,
                  render: (_, task) =>
                    task.contact ?? <Typography.Text type="secondary">{t('common.none')}</Typography.Text>,
                },
                {
                  key: 'script',
                  title: t('messaging.tasks.columns.script'),
                  render: (_, task) => (
                    <Flex gap={4} align="flex-start">
                      <Typography.Paragraph
                        ellipsis={{ rows: 2, tooltip: task.script }}
                        style={{ marginBottom: 0, maxWidth: 360 }}
                      >
                        {task.script}
                      </Typography.Paragraph>
                      <Tooltip title={t('messaging.tasks.copyScript')}>
                        <Button
                          type="text"
                          size="small"
                          icon={<CopyOutlined />}
                          aria-label={t('messaging.tasks.copyScript')}
                          onClick={() => void copy(task.script)}
                        />
                      </Tooltip>
                    </Flex>
                  ),
                },
                {
                  key: 'assignee',
                  title: t('messaging.tasks.columns.assignee'),
                  width: 110,
                  render: (_, task) =>
                    task.assignee?.login ?? (
                      <Typography.Text type="secondary">{t('messaging.tasks.unassigned')}</Typography.Text>
                    ),
                },
                {
                  key: 'status',
                  title: t('messaging.tasks.columns.status'),
                  width: 150,
                  render: (_, task) => (
                    <Tooltip title={task.note}>
                      <Tag color={taskStatusColours[task.status]}>
                        {t(`messaging.tasks.statuses.${task.status}`)}
                      </Tag>
                      {task.outcome && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t(`messaging.tasks.outcomes.${task.outcome}`)}
                        </Typography.Text>
                      )}
                    </Tooltip>
                  ),
                },
                {
                  key: 'time',
                  title: t('messaging.tasks.columns.time'),
                  width: 150,
                  render: (_, task) => formatInstant(task.createdAt, store.timeZone, language),
                },
                {
                  key: 'actions',
                  title: t('common.actions'),
                  width: 150,
                  render: (_, task) =>
                    task.status === 'open' ? (
                      <Space size={8}>
                        <Button size="small" icon={<CheckOutlined />} onClick={() => setFinishing(task)}>
                          {t('messaging.tasks.done')}
                        </Button>
                        <Button
                          size="small"
                          type="link"
                          style={{ padding: 0 }}
                          onClick={() => setStatus(task, 'skipped')}
                        >
                          {t('messaging.tasks.skip')}
                        </Button>
                      </Space>
                    ) : (
                      <Button
                        size="small"
                        type="link"
                        style={{ padding: 0 }}
                        onClick={() => setStatus(task, 'open')}
                      >
                        {t('messaging.tasks.reopen')}
                      </Button>
                    ),
                },
              ]}
            />
            {tasks.hasNextPage && (
              <Flex justify="center" style={{ marginTop: 12 }}>
                <Button loading={tasks.isFetchingNextPage} onClick={() => void tasks.fetchNextPage()}>
                  {t('common.loadMore')}
                </Button>
              </Flex>
            )}
          </>
        )}
      </Card>
      <DoneModal task={finishing} onClose={() => setFinishing(undefined)} />
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useTemplateMutations, useTemplates } from '../api';
import { useMessagingLabels } from '../components/labels-hook';
import { MessagesNav } from '../components/MessagesNav';
import type { MessageTemplate } from '../types';
import { TemplateDrawer } from './TemplateDrawer';
import { TestSendModal } from './TestSendModal';

type Editing = { readonly template: MessageTemplate | undefined } | undefined;

/** 模板: the store's message templates, each edited beside its live preview, and test sends. */
export default function TemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const store = useStore();
  const language = currentLanguage();
  const labels = useMessagingLabels();
  const templates = useTemplates(store.id);
  const { remove } = useTemplateMutations(store.id);
  const [editing, setEditing] = useState<Editing>();
  const [testing, setTesting] = useState<MessageTemplate | undefined>();
  const mayManage = can(store.role, 'campaigns.manage');

  return (
    <>
      <PageHeader title={t('messaging.title')} subtitle={t('messaging.subtitle')} />
      <MessagesNav active="templates" />
      <Card>
        <Flex justify="space-between" align="center" gap={16} style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary">{t('messaging.templates.intro')}</Typography.Text>
          {mayManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              style={{ flex: 'none' }}
              onClick={() => setEditing({ template: undefined })}
            >
              {t('messaging.templates.create')}
            </Button>
          )}
        </Flex>
        {templates.isError ? (
          <LoadError
            title={t('messaging.templates.loadFailed')}
            error={templates.error}
            onRetry={() => void templates.refetch()}
          />
        ) : (
          <Table<MessageTemplate>
            rowKey="id"
            size="middle"
            loading={templates.isPending}
            dataSource={templates.data}
            pagination={false}
            locale={{ emptyText: t('messaging.templates.empty') }}
            scroll={{ x: 1000 }}
            columns={[
              {
                key: 'name',
                title: t('messaging.templates.columns.name'),
                width: 180,
                render: (_, template) => template.name,
              },
              {
                key: 'channel',
                title: t('messaging.templates.columns.channel'),
                width: 110,
                render: (_, template) => labels.channel(template.channel),
              },
              {
                key: 'class',
                title: t('messaging.templates.columns.class'),
                width: 90,
                render: (_, template) => (
                  <Tag color={template.class === 'marketing' ? 'blue' : 'default'}>
                    {t(`messaging.classes.${template.class}`)}
                  </Tag>
                ),
              },
              {
                key: 'body',
                title: t('messaging.templates.columns.body'),
                render: (_, template) => (
                  <Typography.Text ellipsis={{ tooltip: template.body }} style={{ maxWidth: 360 }}>
                    {template.body}
                  </Typography.Text>
                ),
              },
              {
                key: 'updatedAt',
                title: t('messaging.templates.columns.updatedAt'),
                width: 150,
                render: (_, template) => formatInstant(template.updatedAt, store.timeZone, language),
              },
              ...(mayManage
                ? [
                    {
                      key: 'actions',
                      title: t('common.actions'),
                      width: 200,
                      render: (_: unknown, template: MessageTemplate) => (
                        <Space size={12}>
                          <Button
                            type="link"
                            size="small"
                            style={{ padding: 0 }}
                            onClick={() => setEditing({ template })}
                          >
                            {t('messaging.templates.edit')}
                          </Button>
                          <Button
                            type="link"
                            size="small"
                            style={{ padding: 0 }}
                            onClick={() => setTesting(template)}
                          >
                            {t('messaging.templates.test.button')}
                          </Button>
                          <Popconfirm
                            title={t('messaging.templates.removeConfirm', { name: template.name })}
                            okButtonProps={{ danger: true }}
                            okText={t('common.remove')}
                            cancelText={t('common.cancel')}
                            onConfirm={() =>
                              remove.mutate(template.id, {
                                onSuccess: () =>
                                  void message.success(
                                    t('messaging.templates.removed', { name: template.name }),
                                  ),
                                onError: notifyError,
                              })
                            }
                          >
                            <Button type="link" danger size="small" style={{ padding: 0 }}>
                              {t('common.remove')}
                            </Button>
                          </Popconfirm>
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      <TemplateDrawer
        open={editing !== undefined}
        template={editing?.template}
        // A new template stays open, now saved, so it can be test-sent straight away.
        onSaved={(template) => setEditing({ template })}
        onTest={setTesting}
        onClose={() => setEditing(undefined)}
      />
      <TestSendModal template={testing} onClose={() => setTesting(undefined)} />
    </>
  );
}

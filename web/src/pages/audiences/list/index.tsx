import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Popconfirm, Row, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useAudienceMutations, useAudiences, useReadyMade } from '../api';
import type { SavedAudience } from '../types';
import { MembersDrawer } from './MembersDrawer';

/** 人群: the saved audiences and the ready-made ones to start from. */
export default function AudienceListPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const audiences = useAudiences(store.id);
  const readyMade = useReadyMade(store.id);
  const { remove } = useAudienceMutations(store.id);
  const [showing, setShowing] = useState<SavedAudience | undefined>();
  const mayEdit = can(store.role, 'campaigns.manage');

  return (
    <>
      <PageHeader
        title={t('audiences.title')}
        subtitle={t('audiences.subtitle')}
        extra={
          mayEdit && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')}>
              {t('audiences.create')}
            </Button>
          )
        }
      />
      <Card title={t('audiences.list.saved')} style={{ marginBottom: 16 }}>
        {audiences.isError ? (
          <LoadError
            title={t('audiences.loadFailed')}
            error={audiences.error}
            onRetry={() => void audiences.refetch()}
          />
        ) : (
          <Table
            rowKey="id"
            loading={audiences.isFetching}
            dataSource={audiences.data ?? []}
            pagination={false}
            locale={{ emptyText: t('audiences.list.empty') }}
            columns={[
              { title: t('audiences.list.name'), dataIndex: 'name' },
              { title: t('audiences.list.description'), dataIndex: 'description', ellipsis: true },
              {
                title: t('audiences.list.updated'),
                render: (_, a) => formatInstant(a.updatedAt, store.timeZone, language),
              },
              {
                title: t('audiences.list.actions'),
                render: (_, a) => (
                  <Space>
                    <Button size="small" onClick={() => navigate(String(a.id))}>
                      {t('audiences.list.edit')}
                    </Button>
                    <Button size="small" onClick={() => setShowing(a)}>
                      {t('audiences.list.members')}
                    </Button>
                    {mayEdit && (
                      <Popconfirm
                        title={t('audiences.list.deleteConfirm', { name: a.name })}
                        onConfirm={() =>
                          remove.mutate(a.id, {
                            onSuccess: () => void message.success(t('audiences.list.deleted')),
                            onError: notifyError,
                          })
                        }
                      >
                        <Button size="small" danger>
                          {t('audiences.list.delete')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card title={t('audiences.list.readyMade')}>
        <Typography.Paragraph type="secondary">{t('audiences.list.readyMadeHint')}</Typography.Paragraph>
        <Row gutter={[12, 12]}>
          {(readyMade.data ?? []).map((r) => (
            <Col xs={24} md={12} xl={8} key={r.key}>
              <Card
                size="small"
                title={r.name[language]}
                extra={
                  <Button
                    size="small"
                    type="link"
                    onClick={() => navigate(`new?from=${encodeURIComponent(r.key)}`)}
                  >
                    {t('audiences.list.use')}
                  </Button>
                }
              >
                <Typography.Text type="secondary">{r.description[language]}</Typography.Text>
              </Card>
            </Col>
          ))}
        </Row>
      </Card>
      {showing && <MembersDrawer audience={showing} onClose={() => setShowing(undefined)} />}
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount } from '../../../format/number';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useMessagingLabels } from '../../messaging/components/labels-hook';
import { useCampaigns } from '../api';
import { CampaignActions } from '../CampaignActions';
import { campaignStatusColours } from '../labels';

/** 营销活动: every campaign with its status and its messages by status, live while sending. */
export default function CampaignListPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const labels = useMessagingLabels();
  const campaigns = useCampaigns(store.id);
  return (
    <>
      <PageHeader
        title={t('campaigns.title')}
        subtitle={t('campaigns.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('new')}>
            {t('campaigns.create')}
          </Button>
        }
      />
      <Card>
        {campaigns.isError ? (
          <LoadError
            title={t('campaigns.loadFailed')}
            error={campaigns.error}
            onRetry={() => void campaigns.refetch()}
          />
        ) : (
          <Table
            rowKey="id"
            loading={campaigns.isLoading}
            dataSource={campaigns.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('campaigns.empty') }}
            columns={[
              {
                title: t('campaigns.list.name'),
                render: (_, c) => <Link to={String(c.id)}>{c.name}</Link>,
              },
              {
                title: t('campaigns.list.status'),
                render: (_, c) => (
                  <Tag color={campaignStatusColours[c.status]}>{t(`campaigns.statuses.${c.status}`)}</Tag>
                ),
              },
              { title: t('campaigns.list.channel'), render: (_, c) => labels.channel(c.channel) },
              {
                title: t('campaigns.list.members'),
                align: 'right',
                render: (_, c) => formatCount(c.members ?? c.estimatedMembers ?? 0, language),
              },
              {
                title: t('campaigns.list.messages'),
                render: (_, c) => (
                  <Space size={4} wrap>
                    {Object.entries(c.messages).map(([status, n]) => (
                      <Tooltip key={status} title={labels.status(status)}>
                        <Tag>
                          {labels.status(status)} {formatCount(n, language)}
                        </Tag>
                      </Tooltip>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('campaigns.list.created'),
                render: (_, c) => formatInstant(c.createdAt, store.timeZone, language),
              },
              {
                title: t('campaigns.list.actions'),
                render: (_, c) => (
                  <Space>
                    <CampaignActions campaign={c} />
                    <Button size="small" type="link" onClick={() => navigate(String(c.id))}>
                      {t('campaigns.list.results')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}

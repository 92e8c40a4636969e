import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, formatMoney } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { LoyaltyNav } from '../LoyaltyNav';
import { useGiftPlans } from './api';
import { CreatePlanModal } from './CreatePlanModal';

/** 节日关怀: gift plans per festival or birthday, with their shipping progress. */
export default function GiftListPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const plans = useGiftPlans(store.id);
  const [creating, setCreating] = useState(false);
  const money = (fen: number) => formatMoney(fen, store.currency, language);

  return (
    <>
      <PageHeader
        title={t('gifts.title')}
        subtitle={t('gifts.subtitle')}
        extra={
          can(store.role, 'gifts.manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('gifts.create.button')}
            </Button>
          )
        }
      />
      <LoyaltyNav active="gifts" />
      <Card>
        {plans.isError ? (
          <LoadError title={t('gifts.loadFailed')} error={plans.error} onRetry={() => void plans.refetch()} />
        ) : (
          <Table
            rowKey="id"
            loading={plans.isLoading}
            dataSource={plans.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('gifts.empty') }}
            columns={[
              { title: t('gifts.list.name'), render: (_, p) => <Link to={String(p.id)}>{p.name}</Link> },
              { title: t('gifts.list.occasion'), render: (_, p) => t(`gifts.occasions.${p.occasion}`) },
              { title: t('gifts.list.gift'), render: (_, p) => `${p.giftTitle} (${p.giftSku})` },
              {
                title: t('gifts.list.status'),
                render: (_, p) => (
                  <Tag color={p.status === 'confirmed' ? 'green' : 'default'}>
                    {t(`gifts.statuses.${p.status}`)}
                  </Tag>
                ),
              },
              {
                title: t('gifts.list.recipients'),
                align: 'right',
                render: (_, p) => (p.recipients === null ? '—' : formatCount(p.recipients, language)),
              },
              { title: t('gifts.list.budget'), align: 'right', render: (_, p) => money(p.budget) },
              {
                title: t('gifts.list.shipped'),
                render: (_, p) =>
                  p.recipients ? (
                    <Progress
                      percent={Math.round((p.shipping.shipped / p.recipients) * 100)}
                      size="small"
                      format={() => `${p.shipping.shipped}/${p.recipients}`}
                    />
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        )}
      </Card>
      <CreatePlanModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(id) => {
          setCreating(false);
          navigate(String(id));
        }}
      />
    </>
  );
}

import { PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatCount, formatShare } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { LoyaltyNav } from '../LoyaltyNav';
import { useCouponBatches, useCouponMutations } from './api';
import { CreateBatchModal } from './CreateBatchModal';
import { IssueModal } from './IssueModal';
import { RedeemModal } from './RedeemModal';
import type { CouponBatch } from './types';

/** 优惠券: the batches with what was issued and redeemed; create, issue, redeem by hand, match again. */
export default function CouponListPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const batches = useCouponBatches(store.id);
  const { match } = useCouponMutations(store.id);
  const [creating, setCreating] = useState(false);
  const [redeeming, setRedeeming] = useState(false);
  const [issuing, setIssuing] = useState<CouponBatch | undefined>();
  const mayManage = can(store.role, 'coupons.manage');

  const rematch = () =>
    match.mutate(undefined, {
      onSuccess: (result) => void message.success(t('coupons.match.done', result)),
      onError: notifyError,
    });

  return (
    <>
      <PageHeader
        title={t('coupons.title')}
        subtitle={t('coupons.subtitle')}
        extra={
          mayManage && (
            <>
              <Button icon={<SyncOutlined />} loading={match.isPending} onClick={rematch}>
                {t('coupons.match.button')}
              </Button>
              <Button onClick={() => setRedeeming(true)}>{t('coupons.redeem.button')}</Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('coupons.create.button')}
              </Button>
            </>
          )
        }
      />
      <LoyaltyNav active="coupons" />
      <Card>
        {batches.isError ? (
          <LoadError
            title={t('coupons.loadFailed')}
            error={batches.error}
            onRetry={() => void batches.refetch()}
          />
        ) : (
          <Table
            rowKey="id"
            loading={batches.isLoading}
            dataSource={batches.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('coupons.empty') }}
            columns={[
              { title: t('coupons.list.name'), render: (_, b) => <Link to={String(b.id)}>{b.name}</Link> },
              { title: t('coupons.list.face'), dataIndex: 'faceValue' },
              { title: t('coupons.list.valid'), render: (_, b) => `${b.validFrom} ~ ${b.validTo}` },
              {
                title: t('coupons.list.issued'),
                align: 'right',
                render: (_, b) =>
                  `${formatCount(b.issued, language)} / ${formatCount(b.totalCount, language)}`,
              },
              {
                title: t('coupons.list.redeemed'),
                align: 'right',
                render: (_, b) => formatCount(b.redeemed, language),
              },
              {
                title: t('coupons.list.rate'),
                align: 'right',
                render: (_, b) => (b.issued > 0 ? formatShare(b.redeemed / b.issued, language) : '—'),
              },
              {
                title: t('common.actions'),
                render: (_, b) => (
                  <Space>
                    {mayManage && (
                      <Button size="small" onClick={() => setIssuing(b)} disabled={b.issued >= b.totalCount}>
                        {t('coupons.list.issue')}
                      </Button>
                    )}
                    <Link to={String(b.id)}>{t('coupons.list.report')}</Link>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <CreateBatchModal open={creating} onClose={() => setCreating(false)} />
      <RedeemModal open={redeeming} onClose={() => setRedeeming(false)} />
      <IssueModal batch={issuing} onClose={() => setIssuing(undefined)} />
    </>
  );
}

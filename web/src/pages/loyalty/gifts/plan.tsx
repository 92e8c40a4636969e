import { ArrowLeftOutlined, DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Upload,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ChartOption } from '../../../charts/echarts';
import { EChart } from '../../../components/EChart';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatCount, formatMoney, minorUnitsPerMajor } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { axisStyle, grid, valueAxisStyle } from '../../analytics/charts/common';
import { LoyaltyNav } from '../LoyaltyNav';
import { shippingListUrl, useGiftMutations, useGiftPlan, useGiftPreview, useRecipients } from './api';
import { recipientStatusColours } from './labels';
import { readTrackingFile } from './tracking-file';
import type { GiftPlan, GiftRecipient, RecipientStatus } from './types';

const statuses: readonly RecipientStatus[] = ['planned', 'packed', 'shipped'];
const statusColours: Record<RecipientStatus, string> = {
  planned: '#bfbfbf',
  packed: '#1668dc',
  shipped: '#52c41a',
};

/** Planned, packed and shipped as one stacked bar. */
function progressOption(plan: GiftPlan, names: Record<RecipientStatus, string>): ChartOption {
  return {
    animationDuration: 300,
    grid: { ...grid, top: 32 },
    legend: { top: 0 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, max: plan.recipients ?? 0, ...valueAxisStyle },
    yAxis: { type: 'category', data: [''], ...axisStyle },
    series: statuses.map((status) => ({
      name: names[status],
      type: 'bar' as const,
      stack: 'all',
      barMaxWidth: 32,
      itemStyle: { color: statusColours[status] },
      data: [plan.shipping[status]],
    })),
  };
}

/** A draft's cost against its budget, the budget adjustable, and the confirm that freezes the list. */
function BudgetCard({ plan }: { readonly plan: GiftPlan }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const preview = useGiftPreview(store.id, plan.id, true);
  const { update, confirm } = useGiftMutations(store.id);
  const [budget, setBudget] = useState<number | null>(null);
  const money = (fen: number) => formatMoney(fen, store.currency, language);
  const perMajor = minorUnitsPerMajor(store.currency);
  const mayManage = can(store.role, 'gifts.manage');
  if (preview.isError)
    return (
      <LoadError
        title={t('gifts.plan.previewFailed')}
        error={preview.error}
        onRetry={() => void preview.refetch()}
      />
    );
  const p = preview.data;
  return (
    <Card title={t('gifts.plan.budgetCheck')} loading={preview.isLoading} style={{ marginBottom: 16 }}>
      {p && (
        <>
          <Row gutter={16}>
            <Col span={6}>
              <Statistic title={t('gifts.plan.recipients')} value={formatCount(p.recipients, language)} />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('gifts.plan.withoutAddress')}
                value={formatCount(p.withoutAddress, language)}
              />
            </Col>
            <Col span={6}>
              <Statistic
                title={t('gifts.plan.cost')}
                value={money(p.cost)}
                valueStyle={p.overBudget ? { color: '#cf1322' } : undefined}
              />
            </Col>
            <Col span={6}>
              <Statistic title={t('gifts.plan.budget')} value={money(p.budget)} />
            </Col>
          </Row>
          {p.overBudget && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 16 }}
              message={t('gifts.plan.overBudget', { over: money(p.cost - p.budget) })}
            />
          )}
          {mayManage && plan.status === 'draft' && (
            <Space style={{ marginTop: 16 }} wrap>
              <InputNumber
                aria-label={t('gifts.plan.newBudget')}
                placeholder={t('gifts.plan.newBudget')}
                min={0}
                precision={2}
                value={budget}
                onChange={setBudget}
                style={{ width: 180 }}
              />
              <Button
                disabled={budget === null}
                loading={update.isPending}
                onClick={() =>
                  update.mutate(
                    { id: plan.id, budget: Math.round((budget ?? 0) * perMajor) },
                    { onSuccess: () => void preview.refetch(), onError: notifyError },
                  )
                }
              >
                {t('gifts.plan.saveBudget')}
              </Button>
              <Popconfirm
                title={t('gifts.plan.confirmTitle', { count: p.recipients, cost: money(p.cost) })}
                okText={t('gifts.plan.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() =>
                  confirm.mutate(plan.id, {
                    onSuccess: (done) =>
                      void message.success(t('gifts.plan.confirmed', { count: done.recipients ?? 0 })),
                    onError: notifyError,
                  })
                }
              >
                <Button type="primary" disabled={p.overBudget} loading={confirm.isPending}>
                  {t('gifts.plan.confirm')}
                </Button>
              </Popconfirm>
            </Space>
          )}
        </>
      )}
    </Card>
  );
}

/** The frozen list: status per recipient, packed in bulk, shipped with a tracking number. */
function RecipientsCard({ plan }: { readonly plan: GiftPlan }) {
  const { t } = useTranslation();
  const store = useStore();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<RecipientStatus | 'all'>('all');
  const [selected, setSelected] = useState<number[]>([]);
  const [shipping, setShipping] = useState<GiftRecipient | undefined>();
  const [tracking, setTracking] = useState('');
  const recipients = useRecipients(store.id, plan.id, page, status === 'all' ? undefined : status);
  const { ship } = useGiftMutations(store.id);
  const mayManage = can(store.role, 'gifts.manage');
  const refresh = () => void recipients.refetch();
  const send = (
    updates: { customerId: number; status: RecipientStatus; trackingNo?: string }[],
    done?: () => void,
  ) =>
    ship.mutate(
      { id: plan.id, updates },
      {
        onSuccess: () => {
          refresh();
          done?.();
        },
        onError: notifyError,
      },
    );

  // The warehouse sends the shipping list back with the tracking numbers filled in
  const importTracking = async (file: File) => {
    const rows = readTrackingFile(await file.text());
    if (!rows) {
      void message.error(t('gifts.plan.trackingFileInvalid'));
      return;
    }
    try {
      for (let start = 0; start < rows.updates.length; start += 2_000)
        await ship.mutateAsync({ id: plan.id, updates: rows.updates.slice(start, start + 2_000) });
      refresh();
      void message.success(t('gifts.plan.trackingImported', { count: rows.updates.length }));
      if (rows.badLines.length > 0)
        void message.warning(
          t('gifts.plan.trackingBadLines', { lines: rows.badLines.slice(0, 10).join(', ') }),
        );
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Card
      title={t('gifts.plan.recipientList')}
      extra={
        mayManage && (
          <Space>
            <Upload
              accept=".csv,text/csv"
              showUploadList={false}
              beforeUpload={(file) => {
                void importTracking(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={ship.isPending}>
                {t('gifts.plan.importTracking')}
              </Button>
            </Upload>
            <Button icon={<DownloadOutlined />} href={shippingListUrl(store.id, plan.id, 'csv')} download>
              {t('gifts.plan.exportCsv')}
            </Button>
            <Button icon={<DownloadOutlined />} href={shippingListUrl(store.id, plan.id, 'xlsx')} download>
              {t('gifts.plan.exportXlsx')}
            </Button>
          </Space>
        )
      }
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented
          value={status}
          onChange={(value) => {
            setStatus(value as RecipientStatus | 'all');
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('gifts.plan.all') },
            ...statuses.map((s) => ({ value: s, label: t(`gifts.recipientStatuses.${s}`) })),
          ]}
        />
        {mayManage && (
          <Button
            disabled={selected.length === 0}
            loading={ship.isPending}
            onClick={() =>
              send(
                selected.map((customerId) => ({ customerId, status: 'packed' as const })),
                () => setSelected([]),
              )
            }
          >
            {t('gifts.plan.markPacked', { count: selected.length })}
          </Button>
        )}
      </Space>
      {recipients.data?.masked && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('gifts.plan.masked')} />
      )}
      <Table
        rowKey="customerId"
        size="small"
        loading={recipients.isFetching}
        dataSource={recipients.data?.recipients ?? []}
        rowSelection={
          mayManage
            ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }
            : undefined
        }
        pagination={{
          current: page,
          pageSize: 50,
          total: recipients.data?.total ?? 0,
          onChange: setPage,
          hideOnSinglePage: true,
        }}
        columns={[
          { title: t('gifts.plan.customer'), render: (_, r) => r.nick ?? `#${r.customerId}` },
          { title: t('gifts.plan.name'), dataIndex: 'name' },
          { title: t('gifts.plan.phone'), dataIndex: 'phone' },
          {
            title: t('gifts.plan.address'),
            render: (_, r) => r.address ?? <Tag color="red">{t('gifts.plan.noAddress')}</Tag>,
          },
          {
            title: t('gifts.plan.status'),
            render: (_, r) => (
              <Tag color={recipientStatusColours[r.status]}>{t(`gifts.recipientStatuses.${r.status}`)}</Tag>
            ),
          },
          { title: t('gifts.plan.trackingNo'), render: (_, r) => r.trackingNo ?? '—' },
          ...(mayManage
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, r: GiftRecipient) => (
                    <Button
                      size="small"
                      onClick={() => {
                        setTracking(r.trackingNo ?? '');
                        setShipping(r);
                      }}
                    >
                      {t('gifts.plan.ship')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={shipping !== undefined}
        title={t('gifts.plan.shipTitle', { name: shipping?.name ?? '' })}
        okText={t('gifts.plan.ship')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: tracking.trim().length < 4 }}
        confirmLoading={ship.isPending}
        onCancel={() => setShipping(undefined)}
        onOk={() =>
          shipping &&
          send([{ customerId: shipping.customerId, status: 'shipped', trackingNo: tracking.trim() }], () =>
            setShipping(undefined),
          )
        }
        destroyOnHidden
      >
        <Input
          aria-label={t('gifts.plan.trackingNo')}
          placeholder={t('gifts.plan.trackingNo')}
          value={tracking}
          onChange={(e) => setTracking(e.target.value)}
        />
      </Modal>
    </Card>
  );
}

/** 礼品计划: budget against cost before confirming, then the shipping list and its progress. */
export default function GiftPlanPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const id = Number(useParams().planId);
  const plan = useGiftPlan(store.id, id);
  const option = useMemo(
    () =>
      plan.data?.status === 'confirmed'
        ? progressOption(plan.data, {
            planned: t('gifts.recipientStatuses.planned'),
            packed: t('gifts.recipientStatuses.packed'),
            shipped: t('gifts.recipientStatuses.shipped'),
          })
        : undefined,
    [plan.data, t],
  );
  if (plan.isLoading) return <FullPageSpin />;
  if (plan.isError || !plan.data)
    return <LoadError title={t('gifts.loadFailed')} error={plan.error} onRetry={() => void plan.refetch()} />;
  const p = plan.data;
  return (
    <>
      <PageHeader
        title={p.name}
        subtitle={`${t(`gifts.occasions.${p.occasion}`)} · ${p.giftTitle} (${p.giftSku}) · ${formatMoney(p.unitCost, store.currency, language)}`}
        extra={
          <>
            <Tag color={p.status === 'confirmed' ? 'green' : 'default'}>
              {t(`gifts.statuses.${p.status}`)}
            </Tag>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('..', { relative: 'path' })}>
              {t('gifts.plan.back')}
            </Button>
          </>
        }
      />
      <LoyaltyNav active="gifts" />
      <BudgetCard plan={p} />
      {p.status === 'confirmed' && (
        <>
          <Card title={t('gifts.plan.progress')} style={{ marginBottom: 16 }}>
            {p.greetingsQueued !== null && (
              <Alert
                type="success"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('gifts.plan.greetings', { count: p.greetingsQueued })}
              />
            )}
            {option && <EChart option={option} label={t('gifts.plan.progress')} height={120} />}
          </Card>
          <RecipientsCard plan={p} />
        </>
      )}
    </>
  );
}

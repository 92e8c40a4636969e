import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Progress as Bar,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../api/client';
import { storePath } from '../../../app/sections';
import { EChart } from '../../../components/EChart';
import { LoadError } from '../../../components/LoadError';
import { figureColumn } from '../../../components/table-columns';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatCount, formatDecimal, formatShare } from '../../../format/number';
import { formatDayKey, formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { can } from '../../../session/permissions';
import { useStore } from '../../../session/use-session';
import { useSegmentName } from '../../analytics/components/RfmTab';
import { usePlanMutations } from '../api';
import { useMoney } from '../plan/use-money';
import { WindowFiguresTable } from '../plan/WindowFiguresTable';
import type { Plan } from '../types';
import { type Review, reviewFileUrl, useReview, useReviewActions } from './api';
import { comparisonOption, segmentResponseOption, targetOption } from './charts';

type Figure = Review['target']['figures'][number];
type SegmentRow = Review['segments']['rows'][number];
type Campaign = Review['campaigns'][number];
type EventName = Review['eventName'];

const nameIn = (name: EventName, language: string) => (language === 'en' ? name.en : name.zh);

/**
 * 复盘: whether the target was met, old and new customers by phase, who answered (segments,
 * channels, campaigns), what it cost, what old customers bought, earlier events beside this one,
 * and the event's new customers as an audience with a nurture plan. Exports to XLSX and PDF.
 */
export function ReviewTab({ plan }: { readonly plan: Plan }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const money = useMoney();
  const segmentName = useSegmentName();
  const review = useReview(store.id, plan.id);
  const data = review.data;
  const percent = (share: number | null) => (share === null ? '—' : formatShare(share, language));
  const count = (n: number) => formatCount(n, language);
  const figureText = (f: Pick<Figure, 'key'>, value: number) =>
    f.key.endsWith('Revenue') || f.key === 'revenue' ? money.text(value) : count(value);
  const eventName = (name: EventName) => nameIn(name, language);

  const charts = useMemo(() => {
    if (!data) return undefined;
    const revenueFigures = data.target.figures.filter(
      (f) => f.key.endsWith('Revenue') || f.key === 'revenue',
    );
    return {
      target: targetOption(
        revenueFigures.map((f) => ({
          label: t(`promotionReview.figures.${f.key}`),
          target: money.major(f.target),
          actual: money.major(f.actual),
        })),
        { target: t('promotionReview.target'), actual: t('promotionReview.actual') },
        money.majorText,
      ),
      comparison: comparisonOption(
        data.comparison.map((c) => ({
          label: `${c.year} ${nameIn(c.eventName, language)}`,
          oldRevenue: money.major(c.oldRevenue),
          newRevenue: money.major(c.newRevenue),
          current: c.current,
        })),
        { old: t('promotions.targetsTab.old'), new: t('promotions.targetsTab.new') },
        money.majorText,
      ),
      segments: segmentResponseOption(
        data.segments.rows.map((r) => ({
          label: segmentName('english', r.segment),
          responseRate: r.responseRate,
        })),
        { rate: t('promotionReview.segments.rate') },
        (share) => formatShare(share, language),
      ),
    };
  }, [data, money, t, segmentName, language]);

  if (review.isError) {
    if (isApiError(review.error) && review.error.code === 'promotion.not_started')
      return (
        <Card>
          <Empty description={t('promotionReview.notStarted')} />
        </Card>
      );
    return (
      <Card>
        <LoadError
          title={t('promotionReview.loadFailed')}
          error={review.error}
          onRetry={() => void review.refetch()}
        />
      </Card>
    );
  }
  if (!data || !charts) return <Card loading />;

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Verdict review={data} figureText={figureText} percent={percent} chart={charts.target} />
      </Col>
      <Col span={24}>
        <Lessons plan={plan} />
      </Col>
      <Col span={24}>
        <Card title={t('promotionReview.newOldTitle')}>
          <WindowFiguresTable whole={data.whole} phases={data.phases} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('promotionReview.segments.title')}>
          {data.segments.rows.length === 0 ? (
            <Empty description={t('promotionReview.segments.none')} />
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                {t('promotionReview.segments.asOf', {
                  at: formatInstant(data.segments.asOf, store.timeZone, language),
                })}
              </Typography.Paragraph>
              <EChart option={charts.segments} label={t('promotionReview.segments.chart')} height={300} />
              <Table
                rowKey="segment"
                size="small"
                pagination={false}
                dataSource={data.segments.rows}
                columns={[
                  {
                    key: 'segment',
                    title: t('promotionReview.segments.segment'),
                    render: (_, r) => segmentName('english', r.segment),
                  },
                  figureColumn('customers', t('promotionReview.segments.customers'), (r: SegmentRow) =>
                    count(r.customers),
                  ),
                  figureColumn('buyers', t('promotionReview.segments.buyers'), (r: SegmentRow) =>
                    count(r.buyers),
                  ),
                  figureColumn('rate', t('promotionReview.segments.rate'), (r: SegmentRow) =>
                    percent(r.responseRate),
                  ),
                  figureColumn('revenue', t('promotionReview.segments.revenue'), (r: SegmentRow) =>
                    money.text(r.revenue),
                  ),
                ]}
              />
            </>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Flex vertical gap={16}>
          <Channels review={data} percent={percent} />
          <Costs review={data} />
        </Flex>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('promotionReview.products.title')}>
          <Table
            rowKey="productId"
            size="small"
            pagination={false}
            dataSource={data.products}
            columns={[
              { key: 'title', title: t('promotionReview.products.product'), dataIndex: 'title' },
              figureColumn('buyers', t('promotionReview.products.buyers'), (p: Review['products'][number]) =>
                count(p.buyers),
              ),
              figureColumn('items', t('promotionReview.products.items'), (p: Review['products'][number]) =>
                count(p.items),
              ),
              figureColumn(
                'revenue',
                t('promotionReview.products.revenue'),
                (p: Review['products'][number]) => money.text(p.revenue),
              ),
              figureColumn('share', t('promotionReview.products.share'), (p: Review['products'][number]) =>
                percent(p.share),
              ),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('promotionReview.comparison.title')}>
          <EChart option={charts.comparison} label={t('promotionReview.comparison.title')} height={280} />
          <Table
            rowKey={(c) => `${c.event}-${c.year}`}
            size="small"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={data.comparison}
            columns={[
              {
                key: 'event',
                title: t('promotionReview.comparison.event'),
                render: (_, c) => (
                  <Space size={4}>
                    {`${c.year} ${eventName(c.eventName)}`}
                    {c.current && <Tag color="orange">{t('promotionReview.comparison.thisOne')}</Tag>}
                  </Space>
                ),
              },
              figureColumn(
                'old',
                t('promotionReview.comparison.oldRevenue'),
                (c: Review['comparison'][number]) => money.text(c.oldRevenue),
              ),
              figureColumn(
                'new',
                t('promotionReview.comparison.newRevenue'),
                (c: Review['comparison'][number]) => money.text(c.newRevenue),
              ),
              figureColumn(
                'oldBuyers',
                t('promotionReview.comparison.oldBuyers'),
                (c: Review['comparison'][number]) => count(c.oldBuyers),
              ),
              figureColumn(
                'newBuyers',
                t('promotionReview.comparison.newBuyers'),
                (c: Review['comparison'][number]) => count(c.newBuyers),
              ),
              figureColumn('aov', t('promotionReview.comparison.aov'), (c: Review['comparison'][number]) =>
                c.aov === null ? '—' : money.text(Math.round(c.aov)),
              ),
              figureColumn(
                'ipo',
                t('promotionReview.comparison.itemsPerOrder'),
                (c: Review['comparison'][number]) =>
                  c.itemsPerOrder === null ? '—' : formatDecimal(c.itemsPerOrder, language),
              ),
            ]}
          />
        </Card>
      </Col>
      <Col span={24}>
        <NewCustomers review={data} />
      </Col>
    </Row>
  );
}

/** Met or missed, against which target, each figure's share, the revenue chart, and the exports. */
function Verdict({
  review,
  figureText,
  percent,
  chart,
}: {
  readonly review: Review;
  readonly figureText: (f: Pick<Figure, 'key'>, value: number) => string;
  readonly percent: (share: number | null) => string;
  readonly chart: ReturnType<typeof targetOption>;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const lang = language === 'en' ? 'en' : 'zh-CN';
  const period = review.finished
    ? t('promotionReview.finished', {
        from: formatDayKey(review.window.from, language),
        to: formatDayKey(review.window.to, language),
      })
    : t('promotionReview.running', { through: formatDayKey(review.through, language) });
  return (
    <Card
      title={
        <Space>
          {review.target.met ? (
            <CheckCircleFilled style={{ color: '#52c41a' }} />
          ) : (
            <CloseCircleFilled style={{ color: '#fa8c16' }} />
          )}
          <span data-testid="review-verdict">
            {review.target.met ? t('promotionReview.verdict.met') : t('promotionReview.verdict.missed')}
          </span>
        </Space>
      }
      extra={
        can(store.role, 'data.export') && (
          <Space>
            <Button
              icon={<DownloadOutlined />}
              href={reviewFileUrl(store.id, review.planId, 'xlsx', lang)}
              download
            >
              {t('promotionReview.exportXlsx')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              href={reviewFileUrl(store.id, review.planId, 'pdf', lang)}
              download
            >
              {t('promotionReview.exportPdf')}
            </Button>
          </Space>
        )
      }
    >
      <Alert
        type={review.finished ? 'success' : 'info'}
        showIcon
        title={`${period} · ${t(`promotionReview.verdict.source.${review.target.source}`)}`}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Table<Figure>
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={review.target.figures}
            columns={[
              { key: 'figure', title: '', render: (_, f) => t(`promotionReview.figures.${f.key}`) },
              figureColumn('target', t('promotionReview.target'), (f: Figure) => figureText(f, f.target)),
              figureColumn('actual', t('promotionReview.actual'), (f: Figure) => figureText(f, f.actual)),
              {
                key: 'share',
                title: t('promotionReview.share'),
                width: 180,
                render: (_, f) =>
                  f.share === null ? (
                    '—'
                  ) : (
                    <Bar
                      percent={Math.min(100, f.share * 100)}
                      format={() => percent(f.share)}
                      status={f.met ? 'success' : 'normal'}
                      size="small"
                    />
                  ),
              },
              {
                key: 'met',
                title: '',
                render: (_, f) =>
                  f.met ? (
                    <Tag color="success">{t('promotionReview.met')}</Tag>
                  ) : (
                    <Tag color="warning">{t('promotionReview.notMet')}</Tag>
                  ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={12}>
          <EChart option={chart} label={t('promotionReview.chartTarget')} height={260} />
        </Col>
      </Row>
    </Card>
  );
}

function Channels({
  review,
  percent,
}: {
  readonly review: Review;
  readonly percent: (share: number | null) => string;
}) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const money = useMoney();
  const count = (n: number) => formatCount(n, language);
  if (review.campaigns.length === 0)
    return (
      <Card title={t('promotionReview.channels.title')}>
        <Empty description={t('promotionReview.channels.none')} />
      </Card>
    );
  return (
    <Card title={t('promotionReview.channels.title')}>
      <Table
        rowKey="channel"
        size="small"
        pagination={false}
        dataSource={review.channels}
        columns={[
          { key: 'channel', title: t('promotionReview.channels.channel'), dataIndex: 'channel' },
          figureColumn(
            'campaigns',
            t('promotionReview.channels.campaigns'),
            (c: Review['channels'][number]) => count(c.campaigns),
          ),
          figureColumn('targets', t('promotionReview.channels.targets'), (c: Review['channels'][number]) =>
            count(c.targets),
          ),
          figureColumn(
            'responders',
            t('promotionReview.channels.responders'),
            (c: Review['channels'][number]) => count(c.responders),
          ),
          figureColumn('rate', t('promotionReview.channels.rate'), (c: Review['channels'][number]) =>
            percent(c.responseRate),
          ),
          figureColumn('revenue', t('promotionReview.channels.revenue'), (c: Review['channels'][number]) =>
            money.text(c.revenue),
          ),
          figureColumn('cost', t('promotionReview.channels.cost'), (c: Review['channels'][number]) =>
            money.text(c.cost),
          ),
        ]}
      />
      <Table<Campaign>
        rowKey="campaignId"
        size="small"
        pagination={false}
        style={{ marginTop: 12 }}
        scroll={{ x: 'max-content' }}
        dataSource={review.campaigns}
        columns={[
          {
            key: 'name',
            title: t('promotionReview.channels.campaign'),
            render: (_, c) => (
              <Space size={4}>
                <Link to={`${storePath(store.id, 'campaigns')}/${c.campaignId}`}>{c.name}</Link>
                <Tag>
                  {c.linked ? t('promotionReview.channels.linked') : t('promotionReview.channels.inWindow')}
                </Tag>
              </Space>
            ),
          },
          figureColumn('rate', t('promotionReview.channels.rate'), (c: Campaign) => percent(c.responseRate)),
          figureColumn('controlRate', t('promotionReview.channels.controlRate'), (c: Campaign) =>
            c.control === 0 ? '—' : percent(c.controlResponseRate),
          ),
          {
            key: 'incremental',
            title: t('promotionReview.channels.incremental'),
            align: 'right',
            render: (_, c) =>
              c.incrementalRevenue === null ? '—' : money.text(Math.round(c.incrementalRevenue)),
          },
        ]}
      />
    </Card>
  );
}

function Costs({ review }: { readonly review: Review }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const money = useMoney();
  const roi = (value: number | null) => (value === null ? '—' : formatDecimal(value, language));
  return (
    <Card title={t('promotionReview.cost.title')}>
      <Row gutter={[16, 16]}>
        {(['messages', 'coupons', 'gifts', 'total'] as const).map((key) => (
          <Col key={key} xs={12} md={6}>
            <Statistic title={t(`promotionReview.cost.${key}`)} value={money.text(review.cost[key])} />
          </Col>
        ))}
        <Col xs={12} md={8}>
          <Statistic
            title={t('promotionReview.cost.attributed')}
            value={money.text(review.roi.attributedRevenue)}
          />
        </Col>
        <Col xs={12} md={8}>
          <Statistic title={t('promotionReview.cost.roi')} value={roi(review.roi.roi)} />
        </Col>
        <Col xs={12} md={8}>
          <Statistic
            title={t('promotionReview.cost.incrementalRoi')}
            value={roi(review.roi.incrementalRoi)}
          />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
        {t('promotionReview.cost.roiHint')}
      </Typography.Paragraph>
      {review.coupons.length > 0 && (
        <Table
          rowKey="batchId"
          size="small"
          pagination={false}
          style={{ marginTop: 12 }}
          dataSource={review.coupons}
          columns={[
            { key: 'name', title: t('promotionReview.cost.coupon'), dataIndex: 'name' },
            figureColumn('issued', t('promotionReview.cost.issued'), (c: Review['coupons'][number]) =>
              formatCount(c.issued, language),
            ),
            figureColumn('redeemed', t('promotionReview.cost.redeemed'), (c: Review['coupons'][number]) =>
              formatCount(c.redeemed, language),
            ),
            figureColumn('discount', t('promotionReview.cost.discount'), (c: Review['coupons'][number]) =>
              money.text(c.discount),
            ),
          ]}
        />
      )}
      {review.gifts.length > 0 && (
        <Table
          rowKey="giftPlanId"
          size="small"
          pagination={false}
          style={{ marginTop: 12 }}
          dataSource={review.gifts}
          columns={[
            {
              key: 'name',
              title: t('promotionReview.cost.giftPlan'),
              render: (_, g) => (
                <Link to={`${storePath(store.id, 'loyalty')}/gifts/${g.giftPlanId}`}>{g.name}</Link>
              ),
            },
            {
              key: 'status',
              title: t('promotionReview.cost.giftStatus'),
              render: (_, g) => (
                <Tag color={g.status === 'confirmed' ? 'green' : 'default'}>
                  {t(`promotionReview.cost.giftStatuses.${g.status}`)}
                </Tag>
              ),
            },
            figureColumn('recipients', t('promotionReview.cost.recipients'), (g: Review['gifts'][number]) =>
              formatCount(g.recipients, language),
            ),
            figureColumn('shipped', t('promotionReview.cost.shipped'), (g: Review['gifts'][number]) =>
              formatCount(g.shipped, language),
            ),
            figureColumn('unitCost', t('promotionReview.cost.unitCost'), (g: Review['gifts'][number]) =>
              money.text(g.unitCost),
            ),
            figureColumn('cost', t('promotionReview.cost.giftCost'), (g: Review['gifts'][number]) =>
              money.text(g.cost),
            ),
          ]}
        />
      )}
    </Card>
  );
}

/** What the event taught (复盘总结): written here, shown on the store's later plans. */
function Lessons({ plan }: { readonly plan: Plan }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const notifyError = useNotifyError();
  const mutations = usePlanMutations(store.id, plan.id);
  const editable = can(store.role, 'promotions.manage');
  const [text, setText] = useState(plan.lessons ?? '');
  useEffect(() => setText(plan.lessons ?? ''), [plan.lessons]);
  return (
    <Card title={t('promotionReview.lessons.title')}>
      <Typography.Paragraph type="secondary">{t('promotionReview.lessons.hint')}</Typography.Paragraph>
      {editable ? (
        <Flex vertical gap={8}>
          <Input.TextArea
            aria-label={t('promotionReview.lessons.title')}
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={5_000}
            placeholder={t('promotionReview.lessons.placeholder')}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
          <Flex justify="flex-end">
            <Button
              type="primary"
              loading={mutations.lessons.isPending}
              disabled={text.trim() === (plan.lessons ?? '')}
              onClick={() =>
                mutations.lessons.mutate(text, {
                  onSuccess: () => void message.success(t('promotionReview.lessons.saved')),
                  onError: notifyError,
                })
              }
            >
              {t('promotionReview.lessons.save')}
            </Button>
          </Flex>
        </Flex>
      ) : (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {plan.lessons ?? t('promotionReview.lessons.none')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** The event's new customers: saved as an audience, then the nurture steps as draft campaigns. */
function NewCustomers({ review }: { readonly review: Review }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStore();
  const language = currentLanguage();
  const notifyError = useNotifyError();
  const actions = useReviewActions(store.id, review.planId);
  const editable = can(store.role, 'promotions.manage');
  const { newCustomers, nurture } = review;
  const lang = language === 'en' ? 'en' : 'zh-CN';
  const drafted = nurture.steps.filter((s) => s.campaignId !== null).length;
  return (
    <Card title={t('promotionReview.newCustomers.title')}>
      <Flex wrap gap={12} align="center" style={{ marginBottom: 12 }}>
        <Typography.Text strong data-testid="review-new-customers">
          {t('promotionReview.newCustomers.count', { count: newCustomers.count })}
        </Typography.Text>
        {newCustomers.audienceId !== null ? (
          <Link to={`${storePath(store.id, 'segments')}/${newCustomers.audienceId}`}>
            {t('promotionReview.newCustomers.saved', {
              name: newCustomers.audienceName,
              count: newCustomers.count,
            })}
          </Link>
        ) : (
          editable && (
            <Button
              type="primary"
              loading={actions.audience.isPending}
              onClick={() => actions.audience.mutate(undefined, { onError: notifyError })}
            >
              {t('promotionReview.newCustomers.save', { name: newCustomers.audienceName })}
            </Button>
          )
        )}
        {editable && newCustomers.count > 0 && drafted < nurture.steps.length && (
          <Button
            loading={actions.nurture.isPending}
            onClick={() =>
              actions.nurture.mutate(undefined, {
                onError: notifyError,
                onSuccess: (made) =>
                  void message.success(
                    t('promotionReview.newCustomers.nurtured', { count: made.campaigns.length }),
                  ),
              })
            }
          >
            {t('promotionReview.newCustomers.nurture')}
          </Button>
        )}
      </Flex>
      <Typography.Paragraph type="secondary">
        {nurture.repurchaseFrom === 'lifecycle'
          ? t('promotionReview.newCustomers.repurchaseLifecycle', { days: nurture.repurchaseDays })
          : t('promotionReview.newCustomers.repurchaseDefault', { days: nurture.repurchaseDays })}
      </Typography.Paragraph>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={nurture.steps}
        columns={[
          {
            key: 'day',
            title: t('promotionReview.newCustomers.date'),
            render: (_, s) => (
              <Flex vertical>
                <span>{t('promotionReview.newCustomers.day', { n: s.dayOffset })}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDayKey(s.date, language)}
                </Typography.Text>
              </Flex>
            ),
          },
          { key: 'step', title: t('promotionReview.newCustomers.step'), render: (_, s) => s.title[lang] },
          { key: 'channel', title: t('promotionReview.newCustomers.channel'), dataIndex: 'channel' },
          { key: 'text', title: t('promotionReview.newCustomers.text'), render: (_, s) => s.text[lang] },
          {
            key: 'campaign',
            title: t('promotionReview.newCustomers.campaign'),
            render: (_, s) =>
              s.campaignId === null ? (
                '—'
              ) : (
                <Link to={`${storePath(store.id, 'campaigns')}/${s.campaignId}`}>
                  {t('promotionReview.newCustomers.openCampaign', { id: s.campaignId })}
                </Link>
              ),
          },
        ]}
      />
    </Card>
  );
}

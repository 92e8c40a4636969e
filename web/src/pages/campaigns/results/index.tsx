import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Statistic, Table, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { EChart } from '../../../components/EChart';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, formatDecimal, formatMoney, formatShare } from '../../../format/number';
import { formatDay } from '../../../format/time';
import { trendColor } from '../../../format/trend';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { Panel } from '../../analytics/components/Panel';
import { useCampaign, useCampaignResults } from '../api';
import { CampaignActions } from '../CampaignActions';
import { campaignStatusColours } from '../labels';
import type { CampaignResults, GroupFigures, Interval } from '../types';
import { groupsOption, intervalOption } from './options';

const messageKeys = ['queued', 'sent', 'delivered', 'failed', 'suppressed', 'optedOut'] as const;
const figureKeys = [
  'customers',
  'buyers',
  'orders',
  'revenue',
  'responseRate',
  'revenuePerCustomer',
] as const;

/** 活动效果: messages, target against control, uplift with 95% intervals, cost and ROI, per segment. */
export default function CampaignResultsPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const id = Number(useParams().campaignId);
  const campaign = useCampaign(store.id, id);
  const results = useCampaignResults(store.id, id);
  const money = (fen: number) => formatMoney(fen, store.currency, language);
  const share = (value: number) => formatShare(value, language);
  const currency = store.currency;

  const figure = (key: (typeof figureKeys)[number], group: GroupFigures): string => {
    const value = group[key];
    if (value === null) return '—';
    if (key === 'revenue' || key === 'revenuePerCustomer') return money(value);
    if (key === 'responseRate') return share(value);
    return formatCount(value, language);
  };

  const charts = useMemo(() => {
    const data = results.data;
    if (!data) return undefined;
    const money = (fen: number) => formatMoney(fen, currency, language);
    const share = (value: number) => formatShare(value, language);
    const series = { target: t('campaigns.results.target'), control: t('campaigns.results.control') };
    const pick = (fn: (g: GroupFigures) => number) => ({
      target: [fn(data.target)],
      control: [fn(data.control)],
    });
    return {
      counts: groupsOption(
        [t('campaigns.results.customers'), t('campaigns.results.buyers')],
        series,
        {
          target: [data.target.customers, data.target.buyers],
          control: [data.control.customers, data.control.buyers],
        },
        (v) => formatCount(v, language),
      ),
      rate: groupsOption(
        [t('campaigns.results.responseRate')],
        series,
        pick((g) => g.responseRate ?? 0),
        share,
      ),
      perCustomer: groupsOption(
        [t('campaigns.results.revenuePerCustomer')],
        series,
        pick((g) => g.revenuePerCustomer ?? 0),
        money,
      ),
    };
  }, [results.data, t, language, currency]);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('..', { relative: 'path' })}>
      {t('campaigns.results.back')}
    </Button>
  );
  if (results.isError || campaign.isError)
    return (
      <>
        <PageHeader title={t('campaigns.results.loadFailed')} extra={back} />
        <LoadError
          title={t('campaigns.results.loadFailed')}
          error={results.error ?? campaign.error}
          onRetry={() => void Promise.all([results.refetch(), campaign.refetch()])}
        />
      </>
    );
  const data = results.data;
  const c = campaign.data;
  if (!data || !c) return <FullPageSpin />;

  const groupRows = (['target', 'control'] as const).map((group) => ({ group, figures: data[group] }));
  return (
    <>
      <PageHeader
        title={t('campaigns.results.title', { name: c.name })}
        subtitle={
          <>
            <Tag color={campaignStatusColours[c.status]}>{t(`campaigns.statuses.${c.status}`)}</Tag>
            {t('campaigns.results.window', {
              from: formatDay(data.window.from, store.timeZone, language),
              to: formatDay(data.window.to, store.timeZone, language),
            })}
          </>
        }
        extra={
          <>
            <CampaignActions
              campaign={c}
              onDone={() => void Promise.all([campaign.refetch(), results.refetch()])}
            />
            {back}
          </>
        }
      />
      {!data.window.complete && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('campaigns.results.windowOpen')} />
      )}
      <Panel title={t('campaigns.results.messagesTitle')}>
        <Row gutter={[12, 12]}>
          {messageKeys.map((key) => (
            <Col xs={12} sm={8} xl={4} key={key}>
              <Card size="small" role="group" aria-label={t(`campaigns.results.messages.${key}`)}>
                <Statistic
                  title={t(`campaigns.results.messages.${key}`)}
                  value={formatCount(data.messages[key], language)}
                />
              </Card>
            </Col>
          ))}
        </Row>
      </Panel>
      <Panel title={t('campaigns.results.groupsTitle')}>
        <Table
          rowKey="group"
          size="small"
          pagination={false}
          dataSource={groupRows}
          style={{ marginBottom: 16 }}
          columns={[
            { title: '', render: (_, row) => t(`campaigns.results.${row.group}`) },
            ...figureKeys.map((key) => ({
              title: t(`campaigns.results.${key}`),
              align: 'right' as const,
              render: (_: unknown, row: (typeof groupRows)[number]) => figure(key, row.figures),
            })),
          ]}
        />
        {charts && (
          <Row gutter={16}>
            {(['counts', 'rate', 'perCustomer'] as const).map((key) => (
              <Col xs={24} lg={8} key={key}>
                <EChart
                  option={charts[key]}
                  height={240}
                  label={t('analytics.chartAria', {
                    name: `${t('campaigns.results.groupsTitle')} · ${
                      {
                        counts: t('campaigns.results.customers'),
                        rate: t('campaigns.results.responseRate'),
                        perCustomer: t('campaigns.results.revenuePerCustomer'),
                      }[key]
                    }`,
                  })}
                />
              </Col>
            ))}
          </Row>
        )}
      </Panel>
      <UpliftPanel data={data} money={money} share={share} />
      {data.coupons && (
        <Panel title={t('campaigns.results.couponsTitle', { name: data.coupons.name })}>
          <Row gutter={[12, 12]}>
            {(
              [
                ['couponsIssued', formatCount(data.coupons.issued, language)],
                ['couponsRedeemed', formatCount(data.coupons.redeemed, language)],
                [
                  'couponsRate',
                  data.coupons.issued > 0 ? share(data.coupons.redeemed / data.coupons.issued) : '—',
                ],
                ['couponsRevenue', money(data.coupons.revenue)],
                ['couponsCost', money(data.coupons.cost)],
              ] as const
            ).map(([key, value]) => (
              <Col xs={12} sm={8} xl={4} key={key}>
                <Statistic title={t(`campaigns.results.${key}`)} value={value} />
              </Col>
            ))}
          </Row>
        </Panel>
      )}
      <Panel title={t('campaigns.results.segmentsTitle')}>
        <Table
          rowKey="segment"
          size="small"
          pagination={false}
          dataSource={data.segments}
          columns={[
            { title: t('campaigns.results.segment'), dataIndex: 'segment' },
            {
              title: `${t('campaigns.results.target')} · ${t('campaigns.results.customers')}`,
              align: 'right',
              render: (_, s) => formatCount(s.target.customers, language),
            },
            {
              title: `${t('campaigns.results.target')} · ${t('campaigns.results.responseRate')}`,
              align: 'right',
              render: (_, s) => figure('responseRate', s.target),
            },
            {
              title: `${t('campaigns.results.control')} · ${t('campaigns.results.customers')}`,
              align: 'right',
              render: (_, s) => formatCount(s.control.customers, language),
            },
            {
              title: `${t('campaigns.results.control')} · ${t('campaigns.results.responseRate')}`,
              align: 'right',
              render: (_, s) => figure('responseRate', s.control),
            },
            {
              title: t('campaigns.results.responseUplift'),
              align: 'right',
              render: (_, s) => intervalText(s.responseUplift, share, t),
            },
          ]}
        />
      </Panel>
    </>
  );
}

function intervalText(interval: Interval, format: (v: number) => string, t: TFunction): string {
  if (!interval) return t('campaigns.results.noEstimate');
  return `${format(interval.estimate)} (${t('campaigns.results.range', { low: format(interval.low), high: format(interval.high) })})`;
}

function UpliftPanel({
  data,
  money,
  share,
}: {
  readonly data: CampaignResults;
  readonly money: (fen: number) => string;
  readonly share: (value: number) => string;
}) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const metrics = [
    { key: 'responseRate', interval: data.uplift.responseRate, format: share, minSpan: 0.05 },
    { key: 'revenuePerCustomer', interval: data.uplift.revenuePerCustomer, format: money, minSpan: 1_000 },
    { key: 'incrementalRevenue', interval: data.uplift.incrementalRevenue, format: money, minSpan: 1_000 },
  ] as const;
  return (
    <Panel title={t('campaigns.results.upliftTitle')} hint={t('campaigns.results.upliftHint')}>
      <Row gutter={16}>
        {metrics.map(({ key, interval, format, minSpan }) => (
          <Col xs={24} lg={8} key={key}>
            <Typography.Text strong>{t(`campaigns.results.${key}`)}</Typography.Text>
            <div>
              <Typography.Text type="secondary">{intervalText(interval, format, t)}</Typography.Text>
            </div>
            {interval ? (
              <EChart
                option={intervalOption(
                  t(`campaigns.results.${key}`),
                  interval,
                  format,
                  trendColor('up', language),
                  trendColor('down', language),
                  minSpan,
                )}
                height={110}
                label={t('analytics.chartAria', { name: t(`campaigns.results.${key}`) })}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('campaigns.results.noEstimate')} />
            )}
          </Col>
        ))}
      </Row>
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={12} lg={6}>
          <Statistic title={t('campaigns.results.cost')} value={money(data.cost)} />
        </Col>
        <Col xs={12} lg={6}>
          <Statistic
            title={t('campaigns.results.roi')}
            value={data.roi === null ? '—' : formatDecimal(data.roi, language)}
          />
        </Col>
      </Row>
    </Panel>
  );
}

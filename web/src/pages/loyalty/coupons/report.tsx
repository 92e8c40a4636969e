import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Row, Statistic, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { ChartOption } from '../../../charts/echarts';
import { EChart } from '../../../components/EChart';
import { FullPageSpin } from '../../../components/FullPageSpin';
import { LoadError } from '../../../components/LoadError';
import { PageHeader } from '../../../components/PageHeader';
import { formatCount, formatMoney, formatShare } from '../../../format/number';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { ACCENT, axisStyle, grid, legendStyle, PRIMARY, valueAxisStyle } from '../../analytics/charts/common';
import { LoyaltyNav } from '../LoyaltyNav';
import { useCouponReport } from './api';
import type { CouponReport, RejectReason } from './types';

/** Redemptions (bars) and the redeeming orders' revenue (line) per day. */
function byDayOption(
  report: CouponReport,
  names: { redeemed: string; revenue: string },
  money: (fen: number) => string,
): ChartOption {
  return {
    animationDuration: 300,
    grid: { ...grid, right: 72 },
    legend: legendStyle,
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: report.byDay.map((d) => d.date), ...axisStyle },
    yAxis: [
      { type: 'value', minInterval: 1, ...valueAxisStyle },
      {
        type: 'value',
        ...valueAxisStyle,
        axisLabel: { ...valueAxisStyle.axisLabel, formatter: (v: number) => money(v) },
      },
    ],
    series: [
      {
        name: names.redeemed,
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: PRIMARY },
        data: report.byDay.map((d) => d.redeemed),
      },
      {
        name: names.revenue,
        type: 'line',
        yAxisIndex: 1,
        itemStyle: { color: ACCENT },
        tooltip: { valueFormatter: (v) => money(Number(v)) },
        data: report.byDay.map((d) => d.revenue),
      },
    ],
  };
}

/** 优惠券效果: issued, redeemed, rate, revenue and cost, redemptions by day, rejections by reason. */
export default function CouponReportPage() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const navigate = useNavigate();
  const id = Number(useParams().batchId);
  const report = useCouponReport(store.id, id);
  const money = (fen: number) => formatMoney(fen, store.currency, language);

  const option = useMemo(
    () =>
      report.data &&
      byDayOption(
        report.data,
        { redeemed: t('coupons.report.redeemed'), revenue: t('coupons.report.revenue') },
        (fen) => formatMoney(fen, store.currency, language),
      ),
    [report.data, t, store.currency, language],
  );

  if (report.isLoading) return <FullPageSpin />;
  if (report.isError || !report.data)
    return (
      <LoadError
        title={t('coupons.report.loadFailed')}
        error={report.error}
        onRetry={() => void report.refetch()}
      />
    );
  const data = report.data;
  const rejected = Object.entries(data.rejected).filter(([, n]) => n > 0) as [RejectReason, number][];

  return (
    <>
      <PageHeader
        title={t('coupons.report.title', { name: data.batch.name })}
        subtitle={`${data.batch.faceValue} · ${data.batch.validFrom} ~ ${data.batch.validTo}`}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('..', { relative: 'path' })}>
            {t('coupons.report.back')}
          </Button>
        }
      />
      <LoyaltyNav active="coupons" />
      <Row gutter={[16, 16]}>
        {(
          [
            ['issued', formatCount(data.issued, language)],
            ['redeemed', formatCount(data.redeemed, language)],
            ['rate', data.rate === null ? '—' : formatShare(data.rate, language)],
            ['revenue', money(data.revenue)],
            ['cost', money(data.cost)],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} md={8} lg={4}>
            <Card>
              <Statistic title={t(`coupons.report.${key}`)} value={value} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={8} lg={4}>
          <Card>
            <Statistic
              title={t('coupons.report.rejectedTotal')}
              value={formatCount(
                rejected.reduce((sum, [, n]) => sum + n, 0),
                language,
              )}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={16}>
          <Card title={t('coupons.report.byDay')}>
            {data.byDay.length === 0 || !option ? (
              <Empty description={t('coupons.report.noRedemptions')} />
            ) : (
              <EChart option={option} label={t('coupons.report.byDay')} height={280} />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('coupons.report.rejections')}>
            {rejected.length === 0 ? (
              <Empty description={t('coupons.report.noRejections')} />
            ) : (
              rejected.map(([reason, n]) => (
                <p key={reason}>
                  <Tag color="orange">{t(`coupons.reasons.${reason}`)}</Tag> {formatCount(n, language)}
                </p>
              ))
            )}
          </Card>
        </Col>
      </Row>
      <Card title={t('coupons.report.latest')} style={{ marginTop: 16 }}>
        <Table
          rowKey="id"
          size="small"
          dataSource={data.redemptions}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('coupons.report.noRedemptions') }}
          columns={[
            { title: t('coupons.report.code'), dataIndex: 'code' },
            { title: t('coupons.report.order'), dataIndex: 'orderNumber' },
            {
              title: t('coupons.report.orderedAt'),
              render: (_, r) => formatInstant(r.orderedAt, store.timeZone, language),
            },
            {
              title: t('coupons.report.outcome'),
              render: (_, r) =>
                r.accepted ? (
                  <Tag color="green">{t('coupons.report.accepted')}</Tag>
                ) : (
                  <Tag color="orange">{t(`coupons.reasons.${r.reason ?? 'expired'}`)}</Tag>
                ),
            },
            { title: t('coupons.report.discount'), align: 'right', render: (_, r) => money(r.discount) },
            { title: t('coupons.report.revenue'), align: 'right', render: (_, r) => money(r.revenue) },
            { title: t('coupons.report.source'), render: (_, r) => t(`coupons.sources.${r.source}`) },
          ]}
        />
      </Card>
    </>
  );
}

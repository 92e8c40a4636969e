import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  InputNumber,
  Row,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { LoadError } from '../../../components/LoadError';
import { useNotifyError } from '../../../components/use-notify-error';
import { formatCount, formatShare } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useSegmentName } from '../../analytics/components/RfmTab';
import { usePlanMutations, useTargets } from '../api';
import { historyOption, segmentsOption } from '../charts';
import type { Plan, Targets } from '../types';
import { useMoney } from './use-money';
import { WindowFiguresTable } from './WindowFiguresTable';

type TargetDraft = { oldRevenue: number; newRevenue: number; oldBuyers: number; newBuyers: number };

/** 目标: last year split new/old, earlier years and the trend, the target form, the segments behind it. */
export function TargetsTab({ plan, editable }: { readonly plan: Plan; readonly editable: boolean }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const targets = useTargets(store.id, plan.id);
  const mutations = usePlanMutations(store.id, plan.id);
  const money = useMoney();
  const segmentName = useSegmentName();
  const [draft, setDraft] = useState<TargetDraft | null>(null);
  const [rates, setRates] = useState<Record<string, number | null>>({});

  useEffect(() => {
    if (targets.data) setDraft(targets.data.target ?? targets.data.forecast);
  }, [targets.data]);
  useEffect(() => setRates(plan.responseRates), [plan.responseRates]);

  const history = useMemo(
    () =>
      historyOption(
        (targets.data?.history ?? []).map((h) => ({
          year: h.year,
          oldRevenue: money.major(h.whole.old.revenue),
          newRevenue: money.major(h.whole.new.revenue),
        })),
        { old: t('promotions.targetsTab.old'), new: t('promotions.targetsTab.new') },
        money.majorText,
      ),
    [targets.data, money, t],
  );
  const segments = useMemo(
    () =>
      segmentsOption(
        (targets.data?.segments ?? []).map((s) => ({
          label: segmentName('english', s.segment),
          expectedRevenue: money.major(s.expectedRevenue),
        })),
        money.major(targets.data?.oldRevenueTarget ?? 0),
        {
          expected: t('promotions.targetsTab.expectedSeries'),
          cumulative: t('promotions.targetsTab.cumulativeSeries'),
          target: t('promotions.targetsTab.targetLine'),
        },
        money.majorText,
      ),
    [targets.data, money, t, segmentName],
  );

  if (targets.isError)
    return (
      <Card>
        <LoadError
          title={t('promotions.plan.loadFailed')}
          error={targets.error}
          onRetry={() => void targets.refetch()}
        />
      </Card>
    );
  if (!targets.data) return <Card loading />;
  const data = targets.data;
  const count = (n: number) => formatCount(n, language);
  const lastYearEmpty = data.lastYear.whole.old.orders + data.lastYear.whole.new.orders === 0;
  const figures = ['oldRevenue', 'newRevenue', 'oldBuyers', 'newBuyers'] as const;
  const showFigure = (key: (typeof figures)[number], value: number) =>
    key.endsWith('Revenue') ? money.text(value) : count(value);
  const share = data.oldRevenueTarget > 0 ? data.segmentsRevenue / data.oldRevenueTarget : null;

  const save = () => {
    if (!draft) return;
    const responseRates = Object.fromEntries(
      Object.entries(rates).filter((entry): entry is [string, number] => typeof entry[1] === 'number'),
    );
    mutations.target.mutate(
      { ...draft, responseRates },
      { onSuccess: () => void message.success(t('promotions.targetsTab.saved')), onError: notifyError },
    );
  };

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={t('promotions.targetsTab.lastYear', { year: data.lastYear.year })}>
          {lastYearEmpty && (
            <Alert
              type="info"
              showIcon
              title={t('promotions.targetsTab.noLastYear')}
              style={{ marginBottom: 12 }}
            />
          )}
          <WindowFiguresTable whole={data.lastYear.whole} phases={data.lastYear.phases} />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t('promotions.targetsTab.history')}>
          {data.history.length === 0 ? (
            <Empty description={t('promotions.targetsTab.noHistory')} />
          ) : (
            <EChart option={history} height={260} label={t('promotions.targetsTab.historyLabel')} />
          )}
          <Descriptions
            size="small"
            column={2}
            style={{ marginTop: 12 }}
            items={figures.map((key) => ({
              key,
              label: t(`promotions.targetsTab.${key}`),
              children: (
                <Flex vertical>
                  <span>
                    {t('promotions.targetsTab.trend')} {formatShare(data.trend[key], language)}
                  </span>
                  <span>
                    {t('promotions.targetsTab.forecast')}{' '}
                    <Typography.Text strong data-testid={`forecast-${key}`}>
                      {showFigure(key, data.forecast[key])}
                    </Typography.Text>
                  </span>
                </Flex>
              ),
            }))}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card
          title={t('promotions.targetsTab.target')}
          extra={
            data.target ? (
              <Tag color="green">{t('promotions.targetsTab.targetSet')}</Tag>
            ) : (
              <Tag>{t('promotions.targetsTab.targetNotSet')}</Tag>
            )
          }
        >
          <Typography.Paragraph type="secondary">
            {t('promotions.targetsTab.targetHint')}
          </Typography.Paragraph>
          {draft && (
            <Descriptions
              size="small"
              column={1}
              bordered
              items={figures.map((key) => ({
                key,
                label: t(`promotions.targetsTab.${key}`),
                children: editable ? (
                  <InputNumber
                    aria-label={t(`promotions.targetsTab.${key}`)}
                    min={0}
                    precision={key.endsWith('Revenue') ? 2 : 0}
                    style={{ width: 200 }}
                    value={key.endsWith('Revenue') ? money.major(draft[key]) : draft[key]}
                    onChange={(value) =>
                      setDraft({
                        ...draft,
                        [key]: key.endsWith('Revenue')
                          ? Math.round((value ?? 0) * money.per)
                          : Math.round(value ?? 0),
                      })
                    }
                  />
                ) : (
                  <span data-testid={`target-${key}`}>{showFigure(key, draft[key])}</span>
                ),
              }))}
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('promotions.targetsTab.responseRates')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t('promotions.targetsTab.responseHint')}
          </Typography.Paragraph>
          <Table
            rowKey="segment"
            size="small"
            pagination={false}
            dataSource={data.segments}
            locale={{ emptyText: t('promotions.targetsTab.noSegments') }}
            columns={[
              {
                title: t('promotions.targetsTab.segment'),
                dataIndex: 'segment',
                render: (s: string) => segmentName('english', s),
              },
              {
                title: t('promotions.targetsTab.customers'),
                dataIndex: 'customers',
                align: 'right',
                render: count,
              },
              {
                title: t('promotions.targetsTab.responseRate'),
                key: 'rate',
                render: (_, s) => (
                  <span>
                    {formatShare(s.responseRate, language)}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t(`promotions.targetsTab.responseFrom.${s.responseFrom}`)}
                    </Typography.Text>
                  </span>
                ),
              },
              ...(editable
                ? [
                    {
                      title: t('promotions.targetsTab.override'),
                      key: 'override',
                      render: (_: unknown, s: Targets['segments'][number]) => (
                        <InputNumber
                          size="small"
                          aria-label={`${segmentName('english', s.segment)} ${t('promotions.targetsTab.override')}`}
                          min={0}
                          max={100}
                          precision={1}
                          value={
                            typeof rates[s.segment] === 'number'
                              ? Math.round((rates[s.segment] as number) * 1000) / 10
                              : null
                          }
                          onChange={(value) =>
                            setRates({ ...rates, [s.segment]: value === null ? null : value / 100 })
                          }
                        />
                      ),
                    },
                  ]
                : []),
              {
                title: t('promotions.targetsTab.expectedRevenue'),
                dataIndex: 'expectedRevenue',
                align: 'right',
                render: (fen: number) => money.text(fen),
              },
            ]}
          />
          {editable && (
            <Flex justify="flex-end" style={{ marginTop: 12 }}>
              <Button type="primary" loading={mutations.target.isPending} onClick={save}>
                {t('promotions.targetsTab.save')}
              </Button>
            </Flex>
          )}
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('promotions.targetsTab.segments')}>
          <Typography.Paragraph data-testid="segments-summary">
            {t('promotions.targetsTab.segmentsSummary', {
              sum: money.text(data.segmentsRevenue),
              target: money.text(data.oldRevenueTarget),
              share: share === null ? '—' : formatShare(share, language),
            })}
          </Typography.Paragraph>
          {data.segments.length === 0 ? (
            <Empty description={t('promotions.targetsTab.noSegments')} />
          ) : (
            <EChart option={segments} height={320} label={t('promotions.targetsTab.segmentsLabel')} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

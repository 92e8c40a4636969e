import { Alert, Progress as Bar, Card, Col, Row, Statistic, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { LoadError } from '../../../components/LoadError';
import { formatCount } from '../../../format/number';
import { formatDayKey } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useProgress } from '../api';
import { dailyOption } from '../charts';
import { formatShortDay } from '../dates';
import type { Plan, Progress } from '../types';
import { useMoney } from './use-money';

type PhaseRow = Progress['phases'][number];

/** 进度: revenue and buyers against the target, day by day and by phase; asks again every 30 s. */
export function ProgressTab({ plan }: { readonly plan: Plan }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const progress = useProgress(store.id, plan.id);
  const money = useMoney();
  const data = progress.data;
  const target = data?.target ?? null;

  const option = useMemo(
    () =>
      dailyOption(
        (data?.days ?? []).map((d) => ({
          label: formatShortDay(d.date, language),
          oldRevenue: money.major(d.old.revenue),
          newRevenue: money.major(d.new.revenue),
        })),
        target === null ? null : money.major(target.oldRevenue + target.newRevenue),
        {
          old: t('promotions.progressTab.old'),
          new: t('promotions.progressTab.new'),
          cumulative: t('promotions.progressTab.cumulative'),
          target: t('promotions.progressTab.target'),
        },
        money.majorText,
      ),
    [data, target, money, t, language],
  );

  if (progress.isError)
    return (
      <Card>
        <LoadError
          title={t('promotions.plan.loadFailed')}
          error={progress.error}
          onRetry={() => void progress.refetch()}
        />
      </Card>
    );
  if (!data) return <Card loading />;
  const count = (n: number) => formatCount(n, language);
  const cards = [
    {
      key: 'oldRevenue',
      value: money.text(data.total.old.revenue),
      share: data.total.oldRevenueShare,
      goal: target && money.text(target.oldRevenue),
    },
    {
      key: 'newRevenue',
      value: money.text(data.total.new.revenue),
      share: data.total.newRevenueShare,
      goal: target && money.text(target.newRevenue),
    },
    {
      key: 'oldBuyers',
      value: count(data.total.old.buyers),
      share: data.total.oldBuyersShare,
      goal: target && count(target.oldBuyers),
    },
    {
      key: 'newBuyers',
      value: count(data.total.new.buyers),
      share: data.total.newBuyersShare,
      goal: target && count(target.newBuyers),
    },
  ] as const;
  const side = (key: 'old' | 'new') => ({
    title: t(`promotions.progressTab.${key}`),
    children: [
      {
        key: `${key}-revenue`,
        title: t('promotions.progressTab.revenue'),
        align: 'right' as const,
        render: (p: PhaseRow) => money.text(p[key].revenue),
      },
      {
        key: `${key}-buyers`,
        title: t('promotions.progressTab.buyers'),
        align: 'right' as const,
        render: (p: PhaseRow) => count(p[key].buyers),
      },
      {
        key: `${key}-orders`,
        title: t('promotions.progressTab.ordersColumn'),
        align: 'right' as const,
        render: (p: PhaseRow) => count(p[key].orders),
      },
    ],
  });

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        {data.through === null ? (
          <Alert
            type="info"
            showIcon
            title={t('promotions.progressTab.notStarted', {
              date: formatDayKey(plan.phases[0]?.from ?? '', language),
            })}
          />
        ) : (
          <Typography.Text type="secondary">
            {t('promotions.progressTab.through', { date: formatDayKey(data.through, language) })} ·{' '}
            {t('promotions.progressTab.orders', {
              old: count(data.total.old.orders),
              new: count(data.total.new.orders),
            })}
          </Typography.Text>
        )}
      </Col>
      {cards.map((card) => (
        <Col key={card.key} xs={24} sm={12} xl={6}>
          <Card>
            <Statistic
              title={t(`promotions.progressTab.${card.key}`)}
              value={card.value}
              valueRender={(node) => <span data-testid={`progress-${card.key}`}>{node}</span>}
            />
            <Bar
              percent={card.share === null ? 0 : Math.round(card.share * 1000) / 10}
              status="normal"
              size="small"
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {card.goal
                ? t('promotions.progressTab.ofTarget', { target: card.goal })
                : t('promotions.progressTab.noTarget')}
            </Typography.Text>
          </Card>
        </Col>
      ))}
      <Col span={24}>
        <Card title={t('promotions.progressTab.daily')}>
          <EChart option={option} height={320} label={t('promotions.progressTab.dailyLabel')} />
        </Card>
      </Col>
      <Col span={24}>
        <Card title={t('promotions.progressTab.byPhase')}>
          <Table<PhaseRow>
            rowKey="phase"
            size="small"
            bordered
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={data.phases}
            columns={[
              {
                key: 'phase',
                title: t('promotions.progressTab.phase'),
                render: (p: PhaseRow) => t(`promotions.phases.${p.phase}`),
              },
              {
                key: 'window',
                title: t('promotions.progressTab.window'),
                render: (p: PhaseRow) =>
                  `${formatDayKey(p.from, language)} – ${formatDayKey(p.to, language)}`,
              },
              side('old'),
              side('new'),
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

import { Card, Col, Row, Statistic } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { LoadError } from '../../../components/LoadError';
import { formatCount } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { Panel } from '../../analytics/components/Panel';
import { useMessagingSummary } from '../api';
import { channelOption, dailyOption } from '../charts/summary-options';
import { useMessagingLabels } from '../components/labels-hook';
import { statusList } from '../labels';

/** Counts by status as cards, outcomes per day for 30 days, and messages per channel. */
export function SummaryPanel() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const labels = useMessagingLabels();
  const summary = useMessagingSummary(store.id);
  const data = summary.data;

  const options = useMemo(() => {
    if (!data) return undefined;
    const day = (key: string) => key.slice(5).replace('-', '/');
    return {
      daily: dailyOption(
        data.daily,
        {
          sent: t('messaging.statuses.sent'),
          delivered: t('messaging.statuses.delivered'),
          failed: t('messaging.statuses.failed'),
          suppressed: t('messaging.statuses.suppressed'),
        },
        day,
      ),
      channel: channelOption(data.byChannel, labels.channel, labels.status),
    };
  }, [data, t, labels]);

  if (summary.isError)
    return (
      <Card style={{ marginBottom: 16 }}>
        <LoadError
          title={t('messaging.log.summaryFailed')}
          error={summary.error}
          onRetry={() => void summary.refetch()}
        />
      </Card>
    );

  const figure = (label: string, value: number | undefined, colour?: string) => (
    <Col xs={12} sm={8} md={6} xl={3} key={label}>
      <Card size="small" role="group" aria-label={label} loading={!data}>
        <Statistic
          title={label}
          value={value === undefined ? '' : formatCount(value, language)}
          styles={colour ? { content: { color: colour } } : undefined}
        />
      </Card>
    </Col>
  );
  const colourOf: Partial<Record<string, string>> = { failed: '#cf1322', delivered: '#389e0d' };
  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {statusList.map((status) =>
          figure(
            t(`messaging.statuses.${status}`),
            data ? (data.byStatus[status] ?? 0) : undefined,
            colourOf[status],
          ),
        )}
        {figure(t('messaging.log.suppressions'), data?.suppressions)}
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Panel title={t('messaging.log.dailyTitle')} hint={t('messaging.log.dailyHint')}>
            {options && (
              <EChart
                option={options.daily}
                height={260}
                label={t('analytics.chartAria', { name: t('messaging.log.dailyTitle') })}
              />
            )}
          </Panel>
        </Col>
        <Col xs={24} xl={8}>
          <Panel title={t('messaging.log.channelTitle')}>
            {options && (
              <EChart
                option={options.channel}
                height={260}
                label={t('analytics.chartAria', { name: t('messaging.log.channelTitle') })}
              />
            )}
          </Panel>
        </Col>
      </Row>
    </>
  );
}

import { Col, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { formatMoneyAxis, toMajorUnits } from '../../../format/number';
import { ACCENT, LIGHT } from '../../analytics/charts/common';
import { Panel } from '../../analytics/components/Panel';
import { useFormats } from '../../analytics/use-formats';
import { binsOption } from '../charts/prediction-options';
import type { PredictionsSnapshot } from '../types';

/** How P(alive), next year's purchases and CLV spread over the customers. */
export function Distributions({ snapshot }: { readonly snapshot: PredictionsSnapshot }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const { distributions } = snapshot;
  const customers = t('predictions.charts.customers');
  const options = useMemo(
    () => ({
      // Bounds as whole percentages, the unit in the axis name: `0–10`, `90–100`.
      pAlive: binsOption(distributions.pAlive, (share) => formats.decimal(share * 100, 0), formats, {
        axis: t('predictions.charts.pAliveAxis'),
        customers,
      }),
      expected365: binsOption(
        distributions.expected365,
        (value) => formats.decimal(value, 2),
        formats,
        { axis: t('predictions.charts.expectedAxis'), customers },
        LIGHT,
      ),
      clv: binsOption(
        distributions.clv,
        (fen) => formatMoneyAxis(toMajorUnits(fen, formats.currency), formats.currency, formats.language),
        formats,
        { axis: t('predictions.charts.clvAxis'), customers },
        ACCENT,
      ),
    }),
    [distributions, formats, t, customers],
  );
  const chart = (name: string, option: (typeof options)['pAlive']) => (
    <EChart option={option} height={260} label={t('analytics.chartAria', { name })} />
  );
  return (
    <>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Panel title={t('predictions.charts.pAlive')} hint={t('predictions.charts.pAliveHint')}>
            {chart(t('predictions.charts.pAlive'), options.pAlive)}
          </Panel>
        </Col>
        <Col xs={24} lg={12}>
          <Panel title={t('predictions.charts.expected365')} hint={t('predictions.charts.expected365Hint')}>
            {chart(t('predictions.charts.expected365'), options.expected365)}
          </Panel>
        </Col>
      </Row>
      <Panel
        title={t('predictions.charts.clv')}
        hint={t('predictions.charts.clvHint', { months: snapshot.settings.horizonMonths })}
      >
        {chart(t('predictions.charts.clv'), options.clv)}
      </Panel>
    </>
  );
}

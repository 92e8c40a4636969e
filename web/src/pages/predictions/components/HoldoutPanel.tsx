import { Empty, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { formatDayKey } from '../../../format/time';
import { Figures } from '../../analytics/components/Figures';
import { figureColumn } from '../../analytics/components/figure-column';
import { Panel } from '../../analytics/components/Panel';
import { useFormats } from '../../analytics/use-formats';
import { frequencyLabel, holdoutOption } from '../charts/prediction-options';
import type { HoldoutReport } from '../types';

type HoldoutRow = HoldoutReport['rows'][number];

/** The model fitted without the latest period, against what happened in it. */
export function HoldoutPanel({ holdout }: { readonly holdout: HoldoutReport | null }) {
  const { t } = useTranslation();
  return (
    <Panel title={t('predictions.holdout.title')} hint={t('predictions.holdout.hint')}>
      {holdout ? <Holdout holdout={holdout} /> : <Empty description={t('predictions.holdout.none')} />}
    </Panel>
  );
}

function Holdout({ holdout }: { readonly holdout: HoldoutReport }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const option = useMemo(
    () =>
      holdoutOption(holdout, formats, {
        axis: t('predictions.holdout.axis'),
        actual: t('predictions.holdout.actual'),
        expected: t('predictions.holdout.expected'),
      }),
    [holdout, formats, t],
  );
  const decimal = (value: number) => formats.decimal(value, 2);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('predictions.holdout.summary', {
          calibrationEnd: formatDayKey(holdout.calibrationEnd, formats.language),
          holdoutEnd: formatDayKey(holdout.holdoutEnd, formats.language),
          days: formats.count(holdout.holdoutDays),
          customers: formats.count(holdout.customers),
          expected: formats.decimal(holdout.totalExpected, 1),
          actual: formats.count(holdout.totalActual),
        })}
      </Typography.Paragraph>
      <Figures
        figures={[
          {
            key: 'totalActual',
            label: t('predictions.holdout.totalActual'),
            value: formats.count(holdout.totalActual),
          },
          {
            key: 'totalExpected',
            label: t('predictions.holdout.totalExpected'),
            value: formats.decimal(holdout.totalExpected, 1),
          },
        ]}
      />
      <EChart
        option={option}
        height={300}
        label={t('analytics.chartAria', { name: t('predictions.holdout.title') })}
      />
      <Table<HoldoutRow>
        rowKey="frequency"
        size="small"
        dataSource={holdout.rows}
        pagination={false}
        style={{ marginTop: 16 }}
        columns={[
          {
            key: 'frequency',
            title: t('predictions.holdout.frequency'),
            render: (_, row) => frequencyLabel(row, formats),
          },
          figureColumn<HoldoutRow>('customers', t('predictions.holdout.customers'), (row) =>
            formats.count(row.customers),
          ),
          figureColumn<HoldoutRow>('actual', t('predictions.holdout.actual'), (row) => decimal(row.actual)),
          figureColumn<HoldoutRow>('expected', t('predictions.holdout.expected'), (row) =>
            decimal(row.expected),
          ),
        ]}
      />
    </>
  );
}

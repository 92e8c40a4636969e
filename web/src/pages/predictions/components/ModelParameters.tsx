import { Col, Descriptions, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDayKey } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { figureColumn } from '../../analytics/components/figure-column';
import { Panel } from '../../analytics/components/Panel';
import { useFormats } from '../../analytics/use-formats';
import type { PredictionsSnapshot } from '../types';

interface ParameterRow {
  readonly key: 'r' | 'alpha' | 'a' | 'b' | 'p' | 'q' | 'gamma';
  readonly symbol: string;
  readonly estimate: number;
  readonly standardError: number | null;
}

/** Estimates run from 0.01 to the hundreds: four significant digits read well across them. */
function significant(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumSignificantDigits: 4 }).format(value);
}

function ParameterTable({ rows, unit }: { readonly rows: readonly ParameterRow[]; readonly unit: string }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Table<ParameterRow>
      rowKey="key"
      size="small"
      dataSource={rows}
      pagination={false}
      columns={[
        { key: 'symbol', title: t('predictions.model.parameter'), render: (_, row) => <b>{row.symbol}</b> },
        figureColumn<ParameterRow>('estimate', t('predictions.model.estimate'), (row) =>
          significant(row.estimate, language),
        ),
        figureColumn<ParameterRow>('standardError', t('predictions.model.standardError'), (row) =>
          row.standardError === null ? t('common.none') : significant(row.standardError, language),
        ),
        {
          key: 'meaning',
          title: t('predictions.model.meaning'),
          render: (_, row) => t(`predictions.model.parameters.${row.key}`, { unit }),
        },
      ]}
    />
  );
}

/** Both fits: their parameters with standard errors, and a sentence on what each model says. */
export function ModelParameters({ snapshot }: { readonly snapshot: PredictionsSnapshot }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const language = currentLanguage();
  const { bgnbd, gammaGamma } = snapshot;
  const unit = t(`predictions.model.units.${snapshot.unit}`);
  const converged = (value: boolean) =>
    value ? (
      <Tag color="green">{t('predictions.model.yes')}</Tag>
    ) : (
      <Tag color="red">{t('predictions.model.no')}</Tag>
    );
  const fitFacts = (fit: { logLikelihood: number; converged: boolean; customers: number }) => [
    {
      key: 'logLikelihood',
      label: t('predictions.model.logLikelihood'),
      children: significant(fit.logLikelihood, language),
    },
    { key: 'converged', label: t('predictions.model.converged'), children: converged(fit.converged) },
    {
      key: 'customers',
      label: t('predictions.model.fittedCustomers'),
      children: formats.count(fit.customers),
    },
  ];
  const settings = snapshot.settings;
  return (
    <Panel title={t('predictions.model.title')}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'unit', label: t('predictions.model.unit'), children: unit },
          {
            key: 'calibrationEnd',
            label: t('predictions.model.calibrationEnd'),
            children: formatDayKey(snapshot.calibrationEnd, language),
          },
          {
            key: 'spendCorrelation',
            label: t('predictions.model.spendCorrelation'),
            children:
              snapshot.spendCorrelation === null
                ? t('common.none')
                : formats.decimal(snapshot.spendCorrelation, 2),
          },
          {
            key: 'settings',
            label: t('predictions.model.settings'),
            children: t('predictions.model.settingsValue', {
              months: settings.horizonMonths,
              discount: formats.share(settings.monthlyDiscount),
              margin: formats.share(settings.grossMargin),
            }),
          },
        ]}
      />
      <Row gutter={[24, 16]}>
        <Col xs={24} xl={12} role="group" aria-label={t('predictions.model.bgnbd')}>
          <Typography.Title level={5}>{t('predictions.model.bgnbd')}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('predictions.model.bgnbdExplain', { unit })}
          </Typography.Paragraph>
          <ParameterTable
            unit={unit}
            rows={[
              { key: 'r', symbol: 'r', estimate: bgnbd.r, standardError: bgnbd.standardErrors?.r ?? null },
              {
                key: 'alpha',
                symbol: 'α',
                estimate: bgnbd.alpha,
                standardError: bgnbd.standardErrors?.alpha ?? null,
              },
              { key: 'a', symbol: 'a', estimate: bgnbd.a, standardError: bgnbd.standardErrors?.a ?? null },
              { key: 'b', symbol: 'b', estimate: bgnbd.b, standardError: bgnbd.standardErrors?.b ?? null },
            ]}
          />
          <Descriptions size="small" column={3} style={{ marginTop: 12 }} items={fitFacts(bgnbd)} />
        </Col>
        <Col xs={24} xl={12} role="group" aria-label={t('predictions.model.gammaGamma')}>
          <Typography.Title level={5}>{t('predictions.model.gammaGamma')}</Typography.Title>
          <Typography.Paragraph type="secondary">
            {t('predictions.model.gammaGammaExplain')}
          </Typography.Paragraph>
          {gammaGamma ? (
            <>
              <ParameterTable
                unit={unit}
                rows={[
                  {
                    key: 'p',
                    symbol: 'p',
                    estimate: gammaGamma.p,
                    standardError: gammaGamma.standardErrors?.p ?? null,
                  },
                  {
                    key: 'q',
                    symbol: 'q',
                    estimate: gammaGamma.q,
                    standardError: gammaGamma.standardErrors?.q ?? null,
                  },
                  {
                    key: 'gamma',
                    symbol: 'γ',
                    estimate: gammaGamma.gamma,
                    standardError: gammaGamma.standardErrors?.gamma ?? null,
                  },
                ]}
              />
              <Descriptions size="small" column={3} style={{ marginTop: 12 }} items={fitFacts(gammaGamma)} />
            </>
          ) : (
            <Typography.Text type="warning">{t('predictions.model.gammaGammaSkipped')}</Typography.Text>
          )}
        </Col>
      </Row>
    </Panel>
  );
}

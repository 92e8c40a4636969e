import { Alert, Card, Col, Row, Statistic, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { formatCount } from '../../../format/number';
import { trendColor } from '../../../format/trend';
import { currentLanguage } from '../../../i18n';
import type { TierPreview, TierScheme } from '../types';
import { distributionOption } from './options';

// The live what-if beside the rules: who would move, and the members per tier now against the
// thresholds as typed.

interface WhatIfPanelProps {
  readonly scheme: TierScheme | null;
  readonly preview: TierPreview | undefined;
  readonly invalid: boolean;
  readonly loading: boolean;
}

export function WhatIfPanel({ scheme, preview, invalid, loading }: WhatIfPanelProps) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const option = useMemo(() => {
    const noTier = t('loyalty.tiers.noTier');
    const names = preview
      ? [...preview.tiers.map((tier) => tier.name), noTier]
      : [...(scheme?.tiers ?? []).map((tier) => tier.name), noTier];
    // "Now" per name of the preview's tiers: a tier keeps its id when renamed, so match by id.
    const nowOf = (id: number | null) => scheme?.tiers.find((tier) => tier.id === id)?.members ?? 0;
    const now = preview
      ? [...preview.tiers.map((tier) => nowOf(tier.id)), scheme?.noTier ?? 0]
      : [...(scheme?.tiers ?? []).map((tier) => tier.members), scheme?.noTier ?? 0];
    const proposed = preview ? [...preview.tiers.map((tier) => tier.customers), preview.none] : null;
    return distributionOption(names, now, proposed, {
      now: t('loyalty.tiers.now'),
      proposed: t('loyalty.tiers.proposed'),
    });
  }, [scheme, preview, t]);
  return (
    <Card
      title={t('loyalty.tiers.whatIf')}
      extra={<Typography.Text type="secondary">{t('loyalty.tiers.whatIfHint')}</Typography.Text>}
      loading={loading && !preview}
    >
      {invalid && (
        <Alert
          type="warning"
          showIcon
          title={t('loyalty.tiers.whatIfInvalid')}
          style={{ marginBottom: 12 }}
        />
      )}
      {preview && (
        <Row gutter={16} style={{ marginBottom: 12 }}>
          <Col span={8} role="group" aria-label={t('loyalty.tiers.moveUp')}>
            <Statistic
              title={t('loyalty.tiers.moveUp')}
              value={formatCount(preview.up, language)}
              styles={{ content: { color: trendColor('up', language) } }}
            />
          </Col>
          <Col span={8} role="group" aria-label={t('loyalty.tiers.moveDown')}>
            <Statistic
              title={t('loyalty.tiers.moveDown')}
              value={formatCount(preview.down, language)}
              styles={{ content: { color: trendColor('down', language) } }}
            />
          </Col>
          <Col span={8} role="group" aria-label={t('loyalty.tiers.stay')}>
            <Statistic title={t('loyalty.tiers.stay')} value={formatCount(preview.same, language)} />
          </Col>
        </Row>
      )}
      <Typography.Text strong>{t('loyalty.tiers.distribution')}</Typography.Text>
      <EChart option={option} height={280} label={t('loyalty.tiers.distributionLabel')} />
    </Card>
  );
}

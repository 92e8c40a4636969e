import { InfoCircleOutlined } from '@ant-design/icons';
import { Card, Col, Flex, Row, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDecimal, formatMoney, formatShare } from '../../../../format/number';
import { formatDayKey } from '../../../../format/time';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import type { CustomerPrediction } from '../../../predictions/types';

/** "Top x%" from a CLV percentile (100: the most valuable): 100 is the top 1%, 81 the top 20%. */
export function topPercent(clvPercentile: number): number {
  return Math.min(100, Math.max(1, 101 - clvPercentile));
}

function Figure({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Col span={12}>
      <Flex vertical role="group" aria-label={label}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label}
        </Typography.Text>
        <span style={{ fontSize: 17, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>{value}</span>
      </Flex>
    </Col>
  );
}

/**
 * What the models expect of this customer; nothing before the store's first predictions. The next
 * order date assumes the customer is still active, so its label says so: beside a P(alive) of 2%
 * a bare date would read as a promise.
 */
export function PredictionCard({ prediction }: { readonly prediction: CustomerPrediction | null }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  if (!prediction) return null;
  const purchases = (n: number) =>
    t('customers.profile.prediction.purchases', { n: formatDecimal(n, language, 2) });
  const title = t('customers.profile.prediction.title');
  return (
    <Card
      role="region"
      aria-label={title}
      title={
        <span>
          {title}{' '}
          <Tooltip title={t('customers.profile.prediction.hint')}>
            <InfoCircleOutlined style={{ color: '#bfbfbf', fontSize: 13 }} />
          </Tooltip>
        </span>
      }
    >
      <Row gutter={[16, 16]}>
        <Figure
          label={t('customers.profile.prediction.pAlive')}
          value={formatShare(prediction.pAlive, language)}
        />
        <Figure
          label={t('customers.profile.prediction.nextOrder')}
          value={
            prediction.nextOrderDate === null
              ? t('common.none')
              : formatDayKey(prediction.nextOrderDate, language)
          }
        />
        <Figure
          label={t('customers.profile.prediction.expected30')}
          value={purchases(prediction.expected30)}
        />
        <Figure
          label={t('customers.profile.prediction.expected90')}
          value={purchases(prediction.expected90)}
        />
        <Figure
          label={t('customers.profile.prediction.expected365')}
          value={purchases(prediction.expected365)}
        />
        <Figure
          label={t('customers.profile.prediction.averageValue')}
          value={formatMoney(prediction.averageValue, store.currency, language)}
        />
        <Figure
          label={t('customers.profile.prediction.clv')}
          value={formatMoney(prediction.clv, store.currency, language)}
        />
        <Figure
          label={t('customers.profile.prediction.rank')}
          value={t('customers.profile.prediction.top', { n: topPercent(prediction.clvPercentile) })}
        />
        <Figure
          label={t('customers.profile.prediction.potential')}
          value={t('customers.profile.prediction.potentialValue', {
            value: formatMoney(prediction.potentialValue, store.currency, language),
            n: topPercent(prediction.potentialPercentile),
          })}
        />
      </Row>
    </Card>
  );
}

import { CrownOutlined } from '@ant-design/icons';
import { Card, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatInstant } from '../../../../format/time';
import { trendColor } from '../../../../format/trend';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import { useCustomerTier } from '../../../loyalty/api';

/** The customer's membership tier, its discount, and their moves between tiers; nothing when the store has no tiers. */
export function TierCard({ customerId }: { readonly customerId: number }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const tier = useCustomerTier(store.id, customerId);
  if (!tier.data || (tier.data.tier === null && tier.data.history.length === 0)) return null;
  const { tier: current, history } = tier.data;
  const discountScale = language === 'zh-CN' ? 10 : 1;
  return (
    <Card size="small" title={t('loyalty.profile.title')} aria-label={t('loyalty.profile.title')}>
      <Flex vertical gap={12}>
        {current ? (
          <Flex gap={8} align="center" wrap>
            <Tag icon={<CrownOutlined />} color="gold" style={{ fontSize: 14, padding: '2px 8px' }}>
              {current.name}
            </Tag>
            {current.pricePercent < 100 && (
              <Typography.Text>
                {t('loyalty.profile.discount', { discount: current.pricePercent / discountScale })}
              </Typography.Text>
            )}
            <Typography.Text type="secondary">
              {t('loyalty.profile.since', { time: formatInstant(current.since, store.timeZone, language) })}
            </Typography.Text>
          </Flex>
        ) : (
          <Typography.Text type="secondary">{t('loyalty.profile.none')}</Typography.Text>
        )}
        <Typography.Text strong>{t('loyalty.profile.history')}</Typography.Text>
        <Timeline
          items={history.slice(0, 10).map((change) => ({
            color: trendColor(change.direction, language),
            content: `${formatInstant(change.at, store.timeZone, language)} · ${change.from?.name ?? t('loyalty.tiers.none')} → ${change.to?.name ?? t('loyalty.tiers.none')}`,
          }))}
        />
      </Flex>
    </Card>
  );
}

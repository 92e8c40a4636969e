import { Card, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount, formatMoney } from '../../../../format/number';
import { formatDay } from '../../../../format/time';
import { currentLanguage } from '../../../../i18n';
import { useStore } from '../../../../session/use-session';
import type { CustomerProfile } from '../../types';

/** One key figure: a labelled group, as on the import result and the Overview, found by its label. */
function Figure({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Flex vertical role="group" aria-label={label} style={{ minWidth: 110 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {label}
      </Typography.Text>
      <span
        data-testid="figure-value"
        style={{ fontSize: 20, fontWeight: 600, lineHeight: 1.3, fontVariantNumeric: 'tabular-nums' }}
      >
        {value}
      </span>
    </Flex>
  );
}

/** Who the customer is at a glance: name, nickname, tags and the purchase figures. */
export function ProfileHeader({ profile }: { readonly profile: CustomerProfile }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const day = (at: number | null) =>
    at === null ? t('common.none') : formatDay(at, store.timeZone, language);
  const secondary = profile.nick && profile.name ? profile.name : undefined;
  return (
    <Card style={{ marginBottom: 16 }}>
      <Flex justify="space-between" gap={24} wrap>
        <Flex vertical gap={6} style={{ minWidth: 220 }}>
          {secondary && (
            <Typography.Text type="secondary" aria-label={t('customers.profile.name')}>
              {secondary}
            </Typography.Text>
          )}
          <Flex gap={4} wrap aria-label={t('customers.profile.tags')} role="list">
            {profile.tags.length === 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('customers.profile.noTags')}
              </Typography.Text>
            ) : (
              profile.tags.map((tag) => (
                <Tag key={tag} role="listitem" color="blue" style={{ marginInlineEnd: 0 }}>
                  {tag}
                </Tag>
              ))
            )}
          </Flex>
          {profile.scores && (
            <Flex gap={6} align="center" role="group" aria-label={t('customers.profile.rfm')}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('customers.profile.rfm')}
              </Typography.Text>
              <Tag
                color="purple"
                style={{ marginInlineEnd: 0 }}
                title={t('customers.profile.rfmTitle', {
                  r: profile.scores.r,
                  f: profile.scores.f,
                  m: profile.scores.m,
                  days: profile.scores.recencyDays,
                  date: day(profile.scores.computedAt),
                })}
              >
                {`${profile.scores.r}${profile.scores.f}${profile.scores.m} · ${
                  language === 'en' ? profile.scores.segmentEn : `${profile.scores.segmentCn}客户`
                }`}
              </Tag>
            </Flex>
          )}
        </Flex>
        <Flex gap={28} wrap align="flex-end">
          <Figure
            label={t('customers.profile.figures.orders')}
            value={formatCount(profile.orderCount, language)}
          />
          <Figure
            label={t('customers.profile.figures.spent')}
            value={formatMoney(profile.totalSpent, store.currency, language)}
          />
          <Figure
            label={t('customers.profile.figures.items')}
            value={formatCount(profile.itemCount, language)}
          />
          <Figure label={t('customers.profile.figures.firstOrder')} value={day(profile.firstOrderAt)} />
          <Figure label={t('customers.profile.figures.lastOrder')} value={day(profile.lastOrderAt)} />
        </Flex>
      </Flex>
    </Card>
  );
}

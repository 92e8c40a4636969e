import { Card, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { storePath } from '../../../app/sections';
import { formatInstant } from '../../../format/time';
import { trendColor } from '../../../format/trend';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useRecentTierChanges } from '../api';
import type { TierChange } from '../types';

const THIRTY_DAYS = 30 * 86_400_000;

/** The tier changes of the last 30 days, newest first, each customer a link to their profile. */
export function ChangesTable() {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  // Fixed when the page opens, so the query key stays put.
  const [since] = useState(() => Date.now() - THIRTY_DAYS);
  const changes = useRecentTierChanges(store.id, since);
  const tierName = (tier: TierChange['from']) => tier?.name ?? t('loyalty.tiers.none');
  return (
    <Card title={t('loyalty.tiers.changes')}>
      <Table<TierChange>
        rowKey="id"
        size="small"
        loading={changes.isLoading}
        dataSource={changes.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('loyalty.tiers.changesEmpty') }}
        columns={[
          {
            title: t('loyalty.tiers.customer'),
            render: (_, change) => (
              <Link to={`${storePath(store.id, 'customers')}/${change.customerId}`}>
                #{change.customerId}
              </Link>
            ),
          },
          { title: t('loyalty.tiers.from'), render: (_, change) => tierName(change.from) },
          {
            title: t('loyalty.tiers.to'),
            render: (_, change) => (
              <Tag color={trendColor(change.direction, language)}>
                {change.direction === 'up' ? '↑' : '↓'} {tierName(change.to)}
              </Tag>
            ),
          },
          {
            title: t('loyalty.tiers.reason'),
            render: (_, change) =>
              t(`loyalty.tiers.reasons.${change.reason as 'refresh' | 'apply' | 'scheme'}`, {
                defaultValue: change.reason,
              }),
          },
          {
            title: t('loyalty.tiers.at'),
            render: (_, change) => formatInstant(change.at, store.timeZone, language),
          },
        ]}
      />
    </Card>
  );
}

import { Col, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatCount, formatMoney, formatShare } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import {
  difference,
  lastCompleteMonths,
  monthAverageOrderValue,
  monthRevenue,
  oldRevenueShare,
  relativeChange,
} from '../figures';
import type { Overview } from '../types';
import { KpiCard } from './KpiCard';
import { MonthComparison } from './MonthComparison';

/** The headline figures: sales on the first row, customers on the second. */
export function KpiGrid({ overview }: { readonly overview: Overview }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  const { currency, months } = overview;
  const money = (minor: number) => formatMoney(minor, currency, language, { compact: true });
  const exactMoney = (minor: number) => formatMoney(minor, currency, language);
  const count = (value: number) => formatCount(value, language, { compact: true });
  const exactCount = (value: number) => formatCount(value, language);
  const pair = lastCompleteMonths(months);
  const share = oldRevenueShare(months);

  const compare = (
    pick: (month: (typeof months)[number]) => number | undefined,
    show: (value: number) => string,
    kind: 'relative' | 'points' = 'relative',
  ) => {
    if (!pair) return undefined;
    const last = pick(pair.last);
    const previous = pick(pair.previous);
    const change = kind === 'relative' ? relativeChange(last, previous) : difference(last, previous);
    return (
      <MonthComparison
        month={pair.last.month}
        previousMonth={pair.previous.month}
        value={last === undefined ? t('common.none') : show(last)}
        change={change}
        kind={kind}
      />
    );
  };

  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <KpiCard
            title={t('overview.kpi.revenue')}
            value={money(overview.revenue)}
            exact={exactMoney(overview.revenue)}
            footer={compare(monthRevenue, money)}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <KpiCard
            title={t('overview.kpi.orders')}
            value={count(overview.orders)}
            exact={exactCount(overview.orders)}
            footer={compare((month) => month.orders, count)}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <KpiCard
            title={t('overview.kpi.averageOrderValue')}
            value={money(overview.averageOrderValue)}
            exact={exactMoney(overview.averageOrderValue)}
            footer={compare(monthAverageOrderValue, money)}
          />
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <KpiCard
            title={t('overview.kpi.oldRevenueShare')}
            hint={t('overview.kpi.oldRevenueShareHint')}
            value={share === undefined ? t('common.none') : formatShare(share, language)}
            footer={compare(
              (month) => oldRevenueShare([month]),
              (value) => formatShare(value, language),
              'points',
            )}
          />
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} sm={12} lg={8}>
          <KpiCard
            title={t('overview.kpi.customerCount')}
            value={count(overview.customers)}
            exact={exactCount(overview.customers)}
            footer={t('overview.kpi.prospects', { n: exactCount(overview.customers - overview.buyers) })}
          />
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <KpiCard
            title={t('overview.kpi.buyers')}
            value={count(overview.buyers)}
            exact={exactCount(overview.buyers)}
            footer={
              overview.customers > 0
                ? t('overview.kpi.buyerShareOfCustomers', {
                    share: formatShare(overview.buyers / overview.customers, language),
                  })
                : undefined
            }
          />
        </Col>
        <Col xs={24} sm={24} lg={8}>
          <KpiCard
            title={t('overview.kpi.repeatBuyerShare')}
            hint={t('overview.kpi.repeatBuyerShareHint')}
            value={formatShare(overview.repeatBuyerShare, language)}
            footer={t('overview.kpi.repeatBuyers', { n: exactCount(overview.repeatBuyers) })}
          />
        </Col>
      </Row>
    </>
  );
}

import type { ProductsSnapshot } from './products.js';
import type { RfmSnapshot } from './rfm-refresh.js';
import type {
  CohortsSnapshot,
  LifecycleSnapshot,
  LifecycleState,
  NewOldRow,
  NewOldSnapshot,
  ParetoSnapshot,
} from './schemas.js';

// `laoke analyze` as text: the figures an operator reads first, Chinese and English side by side
// as in the rest of the CLI. Columns line up in a terminal: Chinese characters are two cells wide.

export interface AnalyticsReport {
  readonly rfm: RfmSnapshot | null;
  readonly lifecycle: LifecycleSnapshot | null;
  readonly newOld: NewOldSnapshot | null;
  readonly pareto: ParetoSnapshot | null;
  readonly cohorts: CohortsSnapshot | null;
  readonly products: ProductsSnapshot | null;
}

const width = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! >= 0x2e80 ? 2 : 1), 0);
const padEnd = (text: string, cells: number) => text + ' '.repeat(Math.max(0, cells - width(text)));
const padStart = (text: string, cells: number) => ' '.repeat(Math.max(0, cells - width(text))) + text;

/** A table with the first column left-aligned and the others right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, c) => Math.max(width(h), ...rows.map((r) => width(r[c] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c === 0 ? padEnd(cell, widths[c]!) : padStart(cell, widths[c]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const yuan = (fen: number | null) =>
  fen === null ? '—' : `¥${(fen / 100).toLocaleString('en', { maximumFractionDigits: 0 })}`;
const growth = (value: number | null) =>
  value === null ? '—' : `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
const count = (n: number) => n.toLocaleString('en');

const stateNames: Record<LifecycleState, string> = {
  new: '新客 new',
  active: '活跃 active',
  silent: '沉默 silent',
  churned: '流失 churned',
  won_back: '回流 won back',
};

function newOldTable(rows: readonly NewOldRow[]): string {
  return textTable(
    [
      '期间 period',
      '新客 new',
      '老客 old',
      '新客销售额',
      '老客销售额',
      '老客占比 old share',
      '老客同比 old YoY',
    ],
    rows.map((r) => [
      r.period,
      count(r.newBuyers),
      count(r.oldBuyers),
      yuan(r.newRevenue),
      yuan(r.oldRevenue),
      percent(r.oldRevenueShare),
      growth(r.yoy.oldRevenue),
    ]),
  );
}

export function renderReport(report: AnalyticsReport): string {
  const parts: string[] = [];
  const { rfm, lifecycle, newOld, pareto, cohorts, products } = report;
  if (rfm) {
    parts.push(
      `RFM 分群 segments — ${count(rfm.buyers)} buyers, ${rfm.method === 'quintiles' ? 'quintiles 五分位' : 'thresholds 自定义阈值'}`,
      textTable(
        ['分群 segment', '人数 customers', '占比 share', '销售额占比 revenue', 'R', 'F', 'M'],
        rfm.chinese.map((s) => [
          `${s.segment}客户`,
          count(s.customers),
          percent(rfm.buyers > 0 ? s.customers / rfm.buyers : 0),
          percent(s.revenueShare),
          s.averageR.toFixed(2),
          s.averageF.toFixed(2),
          s.averageM.toFixed(2),
        ]),
      ),
      '',
    );
  }
  if (lifecycle) {
    const c = lifecycle.cycle;
    parts.push(
      `生命周期 lifecycle — as of ${lifecycle.asOf}`,
      `  复购周期 purchase cycle: median ${c.medianDays ?? '—'} days (p25 ${c.p25Days ?? '—'}, p75 ${c.p75Days ?? '—'}, p90 ${c.p90Days ?? '—'}; ${count(c.gaps)} gaps from ${count(c.repeatBuyers)} repeat buyers)`,
      `  活跃期 active ≤ ${lifecycle.thresholds.activeDays} days (${lifecycle.thresholds.activeSource}), 流失 churned > ${lifecycle.thresholds.churnDays} days (${lifecycle.thresholds.churnSource})`,
      `  人均购买 purchases per customer ${lifecycle.purchasesPerCustomer.toFixed(2)}, 件单 items per order ${lifecycle.itemsPerOrder.toFixed(2)}, 潜在客户 potential ${count(lifecycle.potential)}`,
      textTable(
        ['状态 state', '人数 customers', '销售额占比 revenue'],
        lifecycle.states.map((s) => [stateNames[s.state], count(s.customers), percent(s.revenueShare)]),
      ),
      '',
    );
  }
  if (newOld) {
    parts.push('新老客户 new vs old — last 12 months', newOldTable(newOld.months.slice(-12)), '');
    if (newOld.promotions.length > 0) {
      parts.push('大促 promotions', newOldTable(newOld.promotions.slice(-9)), '');
    }
  }
  if (pareto) {
    parts.push(
      '二八定律 80/20',
      `  前20%客户贡献 top 20% of buyers bring ${percent(pareto.top20RevenueShare)} of revenue; 80% of revenue comes from the top ${percent(pareto.customerShareFor80)}`,
      `  核心客户 core list: ${count(pareto.coreCustomers)} customers, ${yuan(pareto.coreRevenue)}`,
      '',
    );
  }
  if (cohorts && cohorts.cohorts.length > 0) {
    const offsets = [1, 2, 3, 6, 12];
    parts.push(
      '首购月份留存 cohorts — retention in month N after the first purchase',
      textTable(
        ['首购 cohort', '人数 customers', ...offsets.map((m) => `M${m}`)],
        cohorts.cohorts
          .slice(-12)
          .map((c) => [
            c.month,
            count(c.customers),
            ...offsets.map((m) => (m < c.retention.length ? percent(c.retention[m]!) : '')),
          ]),
      ),
      '',
    );
  }
  if (products && products.products.length > 0) {
    const top = [...products.products]
      .filter((p) => p.buyers >= products.gatewayMinFirstBuyers)
      .sort((a, b) => (b.repurchaseRate ?? 0) - (a.repurchaseRate ?? 0))
      .slice(0, 10);
    parts.push(
      `商品复购 products — most bought again (at least ${products.gatewayMinFirstBuyers} buyers), within ${products.windowDays} days`,
      textTable(
        [
          '商品 product',
          '购买人数 buyers',
          '复购率 again',
          `${products.windowDays}天内 window`,
          '老客占比 old share',
          '下一件 next',
        ],
        top.map((p) => [
          p.title.length > 24 ? `${p.title.slice(0, 23)}…` : p.title,
          count(p.buyers),
          percent(p.repurchaseRate),
          percent(p.withinWindowRate),
          percent(p.oldRevenueShare),
          p.next[0]
            ? p.next[0].title.length > 16
              ? `${p.next[0].title.slice(0, 15)}…`
              : p.next[0].title
            : '',
        ]),
      ),
      '',
    );
  }
  if (parts.length === 0) return 'No analysis yet: run `laoke analyze --refresh`. / 还没有分析结果。';
  return parts.join('\n');
}

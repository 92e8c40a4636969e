import ExcelJS from 'exceljs';
import type { Actor } from '../audit/actor.js';
import { insertAuditEntry } from '../audit/audit.store.js';
import type { AppContext } from '../context.js';
import { neutralise } from '../shared/spreadsheet.js';
import type { StoreAccess } from '../stores/access.js';
import { type ReviewLanguage, reviewLabels, yuan } from './review-labels.js';
import { resolvePdfFont, reviewPdf } from './review-pdf.js';
import type { Review } from './review-schemas.js';
import { planReview } from './review-service.js';

// The review as a file: XLSX (one sheet per part, money in yuan as numbers with two decimals) or
// PDF (review-pdf.ts). Owners and operators only (data.export); audited before the file is made.

type Cell = string | number | null;
const MONEY = '#,##0.00';
const PERCENT = '0.0%';
const DECIMAL = '0.00';

export interface ReviewFile {
  readonly body: Buffer;
  readonly fileName: string;
  readonly contentType: string;
}

const text = (value: string) => neutralise(value);

/** Adds rows to a sheet; `formats` gives a column's number format (1-based column → format). */
function addRows(sheet: ExcelJS.Worksheet, rows: readonly Cell[][], formats: Record<number, string> = {}) {
  for (const cells of rows) {
    const row = sheet.addRow(cells.map((c) => (typeof c === 'string' ? text(c) : c)));
    for (const [column, format] of Object.entries(formats)) {
      const cell = row.getCell(Number(column));
      if (typeof cell.value === 'number') cell.numFmt = format;
    }
  }
}

function header(sheet: ExcelJS.Worksheet, cells: readonly string[]) {
  sheet.addRow([...cells]).font = { bold: true };
}

/** The workbook of a review, in a language. */
export async function reviewWorkbook(review: Review, language: ReviewLanguage): Promise<Buffer> {
  const l = reviewLabels[language];
  const book = new ExcelJS.Workbook();
  const [overviewName, phasesName, segmentsName, channelsName, productsName, historyName, nurtureName] =
    l.sheets;

  const overview = book.addWorksheet(overviewName);
  addRows(overview, [
    [l.title(review)],
    [l.window, `${review.window.from} – ${review.window.to}`],
    [l.through, review.through],
    [l.targetSource[review.target.source]],
  ]);
  header(overview, l.targetHeader);
  addRows(
    overview,
    review.target.figures.map((f) => {
      const money = f.key.endsWith('Revenue') || f.key === 'revenue';
      return [
        l.figures[f.key],
        money ? yuan(f.target) : f.target,
        money ? yuan(f.actual) : f.actual,
        f.share,
        l.met[f.met ? 1 : 0]!,
      ];
    }),
    { 2: MONEY, 3: MONEY, 4: PERCENT },
  );
  addRows(overview, [[l.overall, null, null, null, l.met[review.target.met ? 1 : 0]!]]);
  overview.addRow([]);
  header(overview, l.sideHeader);
  addRows(
    overview,
    (['old', 'new'] as const).map((side) => {
      const s = review.whole[side];
      return [
        l.sides[side],
        s.buyers,
        s.orders,
        yuan(s.revenue),
        s.items,
        yuan(s.aov),
        s.itemsPerOrder,
        s.ordersPerCustomer,
      ];
    }),
    { 4: MONEY, 6: MONEY, 7: DECIMAL, 8: DECIMAL },
  );
  overview.addRow([]);
  const c = review.cost;
  const r = review.roi;
  addRows(
    overview,
    [
      [l.costRows[0]!, yuan(c.messages)],
      [l.costRows[1]!, yuan(c.coupons)],
      [l.costRows[2]!, yuan(c.gifts)],
      [l.costRows[3]!, yuan(c.total)],
      [l.costRows[4]!, yuan(r.attributedRevenue)],
      [l.costRows[5]!, r.roi],
      [l.costRows[6]!, yuan(r.incrementalRevenue)],
      [l.costRows[7]!, r.incrementalRoi],
      [l.newCustomers, review.newCustomers.count],
    ],
    { 2: MONEY },
  );
  for (const row of [overview.getRow(overview.rowCount - 3), overview.getRow(overview.rowCount - 1)])
    if (typeof row.getCell(2).value === 'number') row.getCell(2).numFmt = PERCENT;
  if (review.lessons !== null) {
    overview.addRow([]);
    header(overview, [l.sections.lessons]);
    addRows(overview, [[review.lessons]]);
  }

  const phases = book.addWorksheet(phasesName);
  header(phases, l.phaseHeader);
  addRows(
    phases,
    review.phases.map((p) => [
      l.phase(p.key),
      p.from,
      p.to,
      p.old.buyers,
      p.old.orders,
      yuan(p.old.revenue),
      p.new.buyers,
      p.new.orders,
      yuan(p.new.revenue),
    ]),
    { 6: MONEY, 9: MONEY },
  );

  const segments = book.addWorksheet(segmentsName);
  addRows(segments, [[l.segmentNote]]);
  header(segments, l.segmentHeader);
  addRows(
    segments,
    review.segments.rows.map((s) => [
      l.segmentName(s.segment),
      s.customers,
      s.buyers,
      s.responseRate,
      s.orders,
      yuan(s.revenue),
      yuan(s.aov),
    ]),
    { 4: PERCENT, 6: MONEY, 7: MONEY },
  );

  const channels = book.addWorksheet(channelsName);
  header(channels, l.channelHeader);
  addRows(
    channels,
    review.channels.map((ch) => [
      ch.channel,
      ch.campaigns,
      ch.targets,
      ch.responders,
      ch.responseRate,
      yuan(ch.revenue),
      yuan(ch.cost),
    ]),
    { 5: PERCENT, 6: MONEY, 7: MONEY },
  );
  channels.addRow([]);
  header(channels, l.campaignHeader);
  addRows(
    channels,
    review.campaigns.map((x) => [
      x.name,
      x.channel,
      x.targets,
      x.responders,
      x.responseRate,
      yuan(x.revenue),
      yuan(x.cost),
      x.control,
      x.controlResponseRate,
      yuan(x.incrementalRevenue),
    ]),
    { 5: PERCENT, 6: MONEY, 7: MONEY, 9: PERCENT, 10: MONEY },
  );
  channels.addRow([]);
  header(channels, l.couponHeader);
  addRows(
    channels,
    review.coupons.map((x) => [x.name, x.issued, x.redeemed, yuan(x.revenue), yuan(x.discount)]),
    { 4: MONEY, 5: MONEY },
  );
  if (review.gifts.length > 0) {
    channels.addRow([]);
    header(channels, l.giftHeader);
    addRows(
      channels,
      review.gifts.map((g) => [
        g.name,
        l.giftStatus[g.status],
        g.recipients,
        g.shipped,
        yuan(g.unitCost),
        yuan(g.cost),
      ]),
      { 5: MONEY, 6: MONEY },
    );
  }

  const products = book.addWorksheet(productsName);
  header(products, l.productHeader);
  addRows(
    products,
    review.products.map((p) => [p.productId, p.title, p.buyers, p.items, yuan(p.revenue), p.share]),
    { 5: MONEY, 6: PERCENT },
  );

  const history = book.addWorksheet(historyName);
  header(history, l.comparisonHeader);
  addRows(
    history,
    review.comparison.map((h) => [
      l.name(h),
      h.year,
      h.from,
      h.to,
      yuan(h.oldRevenue),
      yuan(h.newRevenue),
      h.oldBuyers,
      h.newBuyers,
      yuan(h.aov),
      h.itemsPerOrder,
    ]),
    { 5: MONEY, 6: MONEY, 9: MONEY, 10: DECIMAL },
  );

  const nurture = book.addWorksheet(nurtureName);
  addRows(nurture, [[l.repurchase(review.nurture.repurchaseDays, review.nurture.repurchaseFrom)]]);
  header(nurture, l.nurtureHeader);
  addRows(
    nurture,
    review.nurture.steps.map((s) => [s.title[language], s.dayOffset, s.date, s.channel, s.text[language]]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** The review of a plan as XLSX or PDF; audited as promotion.review_export before it is made. */
export async function exportReview(
  ctx: AppContext,
  access: StoreAccess,
  actor: Actor,
  planId: number,
  options: { readonly format: 'xlsx' | 'pdf'; readonly language: ReviewLanguage },
): Promise<ReviewFile> {
  const review = await planReview(ctx, access, planId);
  // Before the audit entry: without a font there is no file to record.
  const font = options.format === 'pdf' ? resolvePdfFont(ctx.config.pdfFont) : null;
  await insertAuditEntry(
    ctx.database.db,
    access.storeId,
    actor,
    {
      action: 'promotion.review_export',
      subjectType: 'promotion_plan',
      subjectId: planId,
      details: { format: options.format, language: options.language },
    },
    ctx.clock.now(),
  );
  const fileName = `promotion-${review.event}-${review.year}-review.${options.format}`;
  if (options.format === 'xlsx')
    return {
      body: await reviewWorkbook(review, options.language),
      fileName,
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  return {
    body: await reviewPdf(review, options.language, font!),
    fileName,
    contentType: 'application/pdf',
  };
}

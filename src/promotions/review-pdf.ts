import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { LaokeError } from '../shared/errors.js';
import { decimalText, percentText, type ReviewLanguage, reviewLabels, yuanText } from './review-labels.js';
import type { Review } from './review-schemas.js';

// The review as a PDF: title, target table with a bar per figure, new vs old, phases, segments,
// channels, cost and ROI, top products, comparison, nurture plan. Chinese needs a CJK font:
// LAOKE_PDF_FONT, else the Debian paths below; a .ttc (a font collection) needs the face's
// PostScript name, given as "path#Name" or known for the Debian ones.

const knownFonts: readonly { path: string; face: string }[] = [
  { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', face: 'WenQuanYiMicroHei' },
  { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
];

export interface PdfFont {
  readonly path: string;
  readonly face: string | undefined;
}

const missing = (detail: string) =>
  new LaokeError(
    'promotion.pdf_font_missing',
    `No Chinese font for the PDF (${detail}): install fonts-wqy-microhei (apt install fonts-wqy-microhei) or set LAOKE_PDF_FONT to a .ttf/.otf file (a .ttc as path#PostScriptName).`,
  );

/** The CJK font to use: the configured one, else the first Debian font present. */
export function resolvePdfFont(
  configured: string | null,
  exists: (path: string) => boolean = existsSync,
): PdfFont {
  if (configured !== null) {
    const [path, face] = configured.split('#') as [string, string | undefined];
    if (!exists(path)) throw missing(`LAOKE_PDF_FONT ${path} does not exist`);
    const known = knownFonts.find((f) => f.path === path)?.face;
    if (path.toLowerCase().endsWith('.ttc') && !face && !known)
      throw missing(`${path} is a font collection: give its face as ${path}#PostScriptName`);
    return { path, face: face ?? known };
  }
  const found = knownFonts.find((f) => exists(f.path));
  if (!found) throw missing(`none of ${knownFonts.map((f) => f.path).join(', ')}`);
  return found;
}

const PAGE_BOTTOM = 800;
const LEFT = 40;
const WIDTH = 515;

/** Renders the review; the font must come from resolvePdfFont. */
export function reviewPdf(review: Review, language: ReviewLanguage, font: PdfFont): Promise<Buffer> {
  const l = reviewLabels[language];
  const doc = new PDFDocument({ size: 'A4', margin: LEFT, info: { Title: l.title(review) } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (font.face) doc.registerFont('cjk', font.path, font.face);
  else doc.registerFont('cjk', font.path);
  doc.font('cjk');

  const ensure = (height: number) => {
    if (doc.y + height > PAGE_BOTTOM) doc.addPage();
  };
  const section = (title: string) => {
    ensure(60);
    doc.moveDown(0.6).fontSize(13).fillColor('#000').text(title, LEFT, doc.y);
    doc.moveDown(0.2).fontSize(8.5);
  };
  const table = (head: readonly string[], rows: readonly string[][], widths?: readonly number[]) => {
    const w = widths ?? head.map(() => WIDTH / head.length);
    const line = (cells: readonly string[], bold: boolean) => {
      ensure(16);
      const y = doc.y;
      let x = LEFT;
      let bottom = y;
      cells.forEach((cell, i) => {
        doc.fillColor(bold ? '#555' : '#000').text(cell, x, y, { width: w[i]! - 4 });
        bottom = Math.max(bottom, doc.y);
        x += w[i]!;
      });
      doc.x = LEFT;
      doc.y = bottom + 2;
    };
    line(head, true);
    for (const row of rows) line(row, false);
  };

  doc.fontSize(18).text(l.title(review), LEFT, LEFT);
  doc
    .fontSize(9)
    .fillColor('#555')
    .text(`${l.window}: ${review.window.from} – ${review.window.to}    ${l.through}: ${review.through}`);
  doc.text(`${l.targetSource[review.target.source]}    ${l.overall}: ${l.met[review.target.met ? 1 : 0]}`);

  section(l.sections.target);
  const isMoney = (key: string) => key === 'revenue' || key.endsWith('Revenue');
  table(
    l.targetHeader,
    review.target.figures.map((f) => [
      l.figures[f.key],
      isMoney(f.key) ? yuanText(f.target) : String(f.target),
      isMoney(f.key) ? yuanText(f.actual) : String(f.actual),
      percentText(f.share),
      l.met[f.met ? 1 : 0]!,
    ]),
  );
  // A bar per figure: grey the target, green (met) or red (not met) the actual, to the larger's scale.
  ensure(review.target.figures.length * 14 + 10);
  const barTop = doc.y + 4;
  review.target.figures.forEach((f, i) => {
    const scale = Math.max(f.target, f.actual, 1);
    const y = barTop + i * 14;
    doc.fillColor('#000').fontSize(7).text(l.figures[f.key], LEFT, y, { width: 110 });
    doc.rect(LEFT + 115, y, (380 * f.target) / scale, 5).fill('#bbbbbb');
    doc.rect(LEFT + 115, y + 6, (380 * f.actual) / scale, 5).fill(f.met ? '#389e0d' : '#cf1322');
  });
  doc.fillColor('#000').fontSize(8.5);
  doc.x = LEFT;
  doc.y = barTop + review.target.figures.length * 14 + 4;

  section(l.sections.newOld);
  table(
    l.sideHeader,
    (['old', 'new'] as const).map((side) => {
      const s = review.whole[side];
      return [
        l.sides[side],
        String(s.buyers),
        String(s.orders),
        yuanText(s.revenue),
        String(s.items),
        yuanText(s.aov === null ? null : Math.round(s.aov)),
        decimalText(s.itemsPerOrder),
        decimalText(s.ordersPerCustomer),
      ];
    }),
  );

  section(l.sections.phases);
  table(
    l.phaseHeader,
    review.phases.map((p) => [
      l.phase(p.key),
      p.from,
      p.to,
      String(p.old.buyers),
      String(p.old.orders),
      yuanText(p.old.revenue),
      String(p.new.buyers),
      String(p.new.orders),
      yuanText(p.new.revenue),
    ]),
  );

  section(l.sections.segments);
  doc.fontSize(7.5).fillColor('#555').text(l.segmentNote, LEFT, doc.y, { width: WIDTH }).fontSize(8.5);
  table(
    l.segmentHeader,
    review.segments.rows.map((s) => [
      l.segmentName(s.segment),
      String(s.customers),
      String(s.buyers),
      percentText(s.responseRate),
      String(s.orders),
      yuanText(s.revenue),
      yuanText(s.aov === null ? null : Math.round(s.aov)),
    ]),
  );

  section(l.sections.channels);
  table(
    l.channelHeader,
    review.channels.map((c) => [
      c.channel,
      String(c.campaigns),
      String(c.targets),
      String(c.responders),
      percentText(c.responseRate),
      yuanText(c.revenue),
      yuanText(c.cost),
    ]),
  );

  section(l.sections.cost);
  const r = review.roi;
  table(l.costRows, [
    [
      yuanText(review.cost.messages),
      yuanText(review.cost.coupons),
      yuanText(review.cost.gifts),
      yuanText(review.cost.total),
      yuanText(r.attributedRevenue),
      percentText(r.roi),
      yuanText(r.incrementalRevenue === null ? null : Math.round(r.incrementalRevenue)),
      percentText(r.incrementalRoi),
    ],
  ]);
  if (review.gifts.length > 0) {
    doc.moveDown(0.5);
    table(
      l.giftHeader,
      review.gifts.map((g) => [
        g.name,
        l.giftStatus[g.status],
        String(g.recipients),
        String(g.shipped),
        yuanText(g.unitCost),
        yuanText(g.cost),
      ]),
    );
  }

  section(l.sections.products);
  table(
    l.productHeader,
    review.products.map((p) => [
      String(p.productId),
      p.title,
      String(p.buyers),
      String(p.items),
      yuanText(p.revenue),
      percentText(p.share),
    ]),
    [50, 175, 70, 60, 90, 70],
  );

  section(l.sections.comparison);
  table(
    l.comparisonHeader,
    review.comparison.map((h) => [
      l.name(h),
      String(h.year),
      h.from,
      h.to,
      yuanText(h.oldRevenue),
      yuanText(h.newRevenue),
      String(h.oldBuyers),
      String(h.newBuyers),
      yuanText(h.aov === null ? null : Math.round(h.aov)),
      decimalText(h.itemsPerOrder),
    ]),
  );

  section(l.sections.nurture);
  doc.text(
    `${l.newCustomers}: ${review.newCustomers.count} (${review.newCustomers.audienceName})`,
    LEFT,
    doc.y,
  );
  doc.text(l.repurchase(review.nurture.repurchaseDays, review.nurture.repurchaseFrom));
  table(
    l.nurtureHeader,
    review.nurture.steps.map((s) => [
      s.title[language],
      `+${s.dayOffset}`,
      s.date,
      s.channel,
      s.text[language],
    ]),
    [115, 40, 62, 35, 263],
  );
  if (review.lessons !== null) {
    section(l.sections.lessons);
    doc.text(review.lessons, LEFT, doc.y, { width: WIDTH });
  }
  doc.end();
  return done;
}

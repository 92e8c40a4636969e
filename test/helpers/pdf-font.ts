import { resolvePdfFont } from '../../src/promotions/review-pdf.js';

// The review PDF needs a Chinese font (Debian: fonts-wqy-microhei, or LAOKE_PDF_FONT). Without
// one its tests skip with a notice; CI sets LAOKE_REQUIRE_PDF_FONT=1, which makes that a failure.

function fontFound(): boolean {
  try {
    resolvePdfFont(process.env.LAOKE_PDF_FONT ?? null);
    return true;
  } catch {
    return false;
  }
}

const required = process.env.LAOKE_REQUIRE_PDF_FONT === '1';
const found = fontFound();
if (!found && required)
  throw new Error('LAOKE_REQUIRE_PDF_FONT=1 but no Chinese font: apt install fonts-wqy-microhei');
if (!found)
  console.warn(
    '[laoke] no Chinese font for the review PDF (apt install fonts-wqy-microhei): PDF tests are skipped',
  );

/** True when the review PDF's tests cannot run here. */
export const skipPdfTests = !found;

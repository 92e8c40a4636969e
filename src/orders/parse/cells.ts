// Cleaning a cell as exports write it. Taobao wraps order numbers as ="2468…" (or prefixes a tab or
// an apostrophe) so Excel keeps all 19 digits; the wrapper is removed, the digits stay a string.

const EXCEL_TEXT = /^="(.*)"$/s;

export function cleanCell(value: string | undefined): string {
  if (value === undefined) return '';
  let text = value.trim();
  const wrapped = EXCEL_TEXT.exec(text);
  if (wrapped) text = wrapped[1]!.trim();
  if (text.startsWith("'")) text = text.slice(1);
  return text;
}

/** An order number: kept as text, exactly as written (only the export wrapper removed). */
export function cleanOrderNumber(value: string | undefined): string {
  return cleanCell(value).replace(/^\t+/, '');
}

/** Null for empty cells and the usual placeholders for "nothing". */
export function optionalText(value: string | undefined): string | null {
  const text = cleanCell(value);
  return text === '' || text === 'null' || text === 'NULL' || text === '-' || text === '无' ? null : text;
}

const MASKED_PHONE = /\*/;

/** A phone number as given, and whether the marketplace masked it (then it is no identity). */
export function phoneOf(
  value: string | undefined,
): { phone: string; last4: string | null; masked: boolean } | null {
  const text = optionalText(value)?.replace(/[\s-]/g, '');
  if (!text) return null;
  const digits = text.replace(/\D/g, '');
  return {
    phone: text,
    last4: digits.length >= 4 ? digits.slice(-4) : null,
    masked: MASKED_PHONE.test(text),
  };
}

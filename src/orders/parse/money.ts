// Amounts as exports write them: 1299, 1,299.00, ¥1,299.00, ￥1299, $12.5, 1299元, RMB 1299,
// or a number from a spreadsheet cell. Parsed digit by digit into minor units: no floating point
// ever touches money. `null` for an empty cell; an error message for anything else.

export type MoneyParse = { readonly fen: number } | { readonly error: string };

const DECORATION = /^(?:[¥￥$]|RMB|CNY|USD|US\$)\s*|\s*(?:元|RMB|CNY|USD)$/gi;
const AMOUNT = /^(-?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** Parses an amount into minor units with `digits` decimal places (2 for yuan and dollars). */
export function parseMoney(input: string | number, digits = 2): MoneyParse | null {
  if (typeof input === 'number') return fromNumber(input, digits);
  const plain = plainAmount(input, digits);
  if (plain !== undefined) return { fen: plain };
  const text = input.trim();
  if (text === '') return null;
  const bare = text.replace(DECORATION, '').replace(DECORATION, '').replace(/\s+/g, '');
  const match = AMOUNT.exec(bare);
  if (!match) return { error: `"${text}" is not an amount; expected e.g. 1299.00 or ¥1,299.00` };
  const [, sign, whole, fraction = ''] = match;
  if (sign === '-') return { error: `${text} is negative; amounts are never below zero` };
  if (fraction.length > digits && /[1-9]/.test(fraction.slice(digits))) {
    return { error: `${text} has more than ${digits} decimal places` };
  }
  const fen =
    Number(whole!.replaceAll(',', '')) * 10 ** digits +
    Number(fraction.slice(0, digits).padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(fen)) return { error: `${text} is too large` };
  return { fen };
}

/**
 * The common case, digits with up to `digits` decimals (258.00), read without regular
 * expressions: most cells of an export take this path.
 */
function plainAmount(text: string, digits: number): number | undefined {
  let whole = 0;
  let fraction = 0;
  let fractionDigits = -1;
  if (text.length === 0 || text.length > 15) return undefined;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 && fractionDigits < 0) {
      fractionDigits = 0;
      continue;
    }
    if (code < 48 || code > 57) return undefined;
    if (fractionDigits < 0) whole = whole * 10 + (code - 48);
    else {
      if (++fractionDigits > digits) return undefined;
      fraction = fraction * 10 + (code - 48);
    }
  }
  if (fractionDigits === 0) return undefined; // "12." is not plain
  return whole * 10 ** digits + fraction * 10 ** (digits - Math.max(fractionDigits, 0));
}

function fromNumber(value: number, digits: number): MoneyParse {
  if (!Number.isFinite(value)) return { error: `${value} is not an amount` };
  if (value < 0) return { error: `${value} is negative; amounts are never below zero` };
  const scaled = value * 10 ** digits;
  const fen = Math.round(scaled);
  // A spreadsheet stores 12.3 as 12.300000000000001: accept float noise, refuse real extra digits.
  if (Math.abs(scaled - fen) > 1e-6 * Math.max(1, Math.abs(scaled))) {
    return { error: `${value} has more than ${digits} decimal places` };
  }
  return { fen };
}

// What every file Laoke writes for a spreadsheet shares.

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a leading tab or return) gets an
 * apostrophe in front, so an exported "=HYPERLINK(…)" in a customer's name stays text.
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

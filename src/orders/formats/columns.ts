import { cleanCell } from '../parse/cells.js';
import type { Cell } from '../source/types.js';

// Finding columns by their header text, whatever their order; each column may go by several names.

export type ColumnSpec = Readonly<Record<string, readonly string[]>>;

export function normaliseHeader(cell: Cell): string {
  return cleanCell(cell === null ? '' : String(cell))
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Column positions by spec key (-1 when absent); a spec's earlier names win over later ones. */
export function locate<S extends ColumnSpec>(header: readonly Cell[], spec: S): Record<keyof S, number> {
  const names = header.map(normaliseHeader);
  const positions = {} as Record<keyof S, number>;
  for (const key of Object.keys(spec) as (keyof S)[]) {
    const found = spec[key]!.map((name) => names.indexOf(name)).find((index) => index >= 0);
    positions[key] = found ?? -1;
  }
  return positions;
}

/** The spec keys whose columns are missing, by their first (canonical) name. */
export function missingColumns<S extends ColumnSpec>(
  header: readonly Cell[],
  spec: S,
  required: readonly (keyof S)[],
): string[] {
  const positions = locate(header, spec);
  return required.filter((key) => positions[key] < 0).map((key) => spec[key]![0]!);
}

/** The text of a cell ('' for absent columns and empty cells). */
export function text(fields: readonly Cell[], position: number): string {
  if (position < 0) return '';
  const value = fields[position];
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** A cell as it came (numbers and dates from spreadsheets stay typed). */
export function cell(fields: readonly Cell[], position: number): Cell {
  return position < 0 ? null : (fields[position] ?? null);
}

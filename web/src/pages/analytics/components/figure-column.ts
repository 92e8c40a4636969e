import type { ReactNode } from 'react';

/** A right-aligned column of figures: its key, its heading, and what a row shows in it. */
export function figureColumn<Row>(key: string, title: string, text: (row: Row) => ReactNode) {
  return { key, title, align: 'right' as const, render: (_: unknown, row: Row) => text(row) };
}

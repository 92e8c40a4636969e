import type { ColumnType } from 'antd/es/table';
import type { ReactNode } from 'react';

/** A right-aligned column of figures (counts, money, rates): its key, title and how a row shows. */
export function figureColumn<T>(key: string, title: ReactNode, show: (row: T) => ReactNode): ColumnType<T> {
  return { key, title, align: 'right', render: (_, row) => show(row) };
}

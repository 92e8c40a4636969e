import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../../components/EChart';
import { Panel } from '../../analytics/components/Panel';
import { useFormats } from '../../analytics/use-formats';
import { valueMatrixOption, wholePercent } from '../charts/prediction-options';
import type { ValueMatrix as Matrix } from '../types';

/** Consecutive edges as bands: [0, 0.3, 0.7, 1] → [0, 0.3], [0.3, 0.7], [0.7, 1]. */
function bands(edges: readonly number[]): [number, number][] {
  return edges.slice(1).map((to, index) => [edges[index] ?? 0, to]);
}

/** Customers by P(alive) band and CLV percentile band, as a heatmap. */
export function ValueMatrix({ matrix }: { readonly matrix: Matrix }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const option = useMemo(() => {
    // CLV bands are percentiles of the store's customers (100: the most valuable).
    const column = ([from, to]: [number, number]) => {
      if (to >= 100) return t('predictions.matrix.top', { n: 100 - from });
      if (from <= 0) return t('predictions.matrix.bottom', { n: to });
      return t('predictions.matrix.between', { from: 100 - to, to: 100 - from });
    };
    return valueMatrixOption(matrix, formats, {
      rows: bands(matrix.aliveBands).map(
        ([from, to]) => `${wholePercent(from, formats)}–${wholePercent(to, formats)}`,
      ),
      columns: bands(matrix.potentialBands).map(column),
      rowAxis: t('predictions.matrix.rowAxis'),
      columnAxis: t('predictions.matrix.columnAxis'),
    });
  }, [matrix, formats, t]);
  return (
    <Panel title={t('predictions.matrix.title')} hint={t('predictions.matrix.hint')}>
      <EChart
        option={option}
        height={300}
        label={t('analytics.chartAria', { name: t('predictions.matrix.title') })}
      />
    </Panel>
  );
}

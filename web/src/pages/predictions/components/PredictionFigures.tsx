import { useTranslation } from 'react-i18next';
import { Figures } from '../../analytics/components/Figures';
import { useFormats } from '../../analytics/use-formats';
import type { PredictionsSnapshot } from '../types';

/** The headline figures: who is in the model, how many are expected to stay, buy and be worth. */
export function PredictionFigures({ snapshot }: { readonly snapshot: PredictionsSnapshot }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const { totals } = snapshot;
  const purchases = (n: number) => t('predictions.figures.purchases', { n: formats.decimal(n, 1) });
  return (
    <>
      <Figures
        figures={[
          {
            key: 'customers',
            label: t('predictions.figures.customers'),
            value: formats.count(snapshot.customers),
          },
          {
            key: 'repeatBuyers',
            label: t('predictions.figures.repeatBuyers'),
            value: formats.count(snapshot.repeatBuyers),
          },
          // Σ P(alive) is an expected count: a whole number of customers reads as one.
          {
            key: 'alive',
            label: t('predictions.figures.alive'),
            value: formats.count(Math.round(totals.alive)),
          },
          {
            key: 'clvTop20',
            label: t('predictions.figures.clvTop20'),
            value: formats.money(snapshot.clvTop20),
          },
        ]}
      />
      <Figures
        figures={[
          {
            key: 'expected30',
            label: t('predictions.figures.expected30'),
            value: purchases(totals.expected30),
          },
          {
            key: 'expected90',
            label: t('predictions.figures.expected90'),
            value: purchases(totals.expected90),
          },
          {
            key: 'expected365',
            label: t('predictions.figures.expected365'),
            value: purchases(totals.expected365),
          },
          {
            key: 'clv',
            label: t('predictions.figures.clv', { months: snapshot.settings.horizonMonths }),
            value: formats.money(totals.clv),
          },
        ]}
      />
    </>
  );
}

import { useMemo } from 'react';
import { formatMoney, minorUnitsPerMajor } from '../../../format/number';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';

/** Money as the plan pages show it: fen to text, fen to yuan for charts, yuan (from a chart) to text. */
export function useMoney() {
  const store = useStore();
  const language = currentLanguage();
  return useMemo(() => {
    const per = minorUnitsPerMajor(store.currency);
    return {
      per,
      text: (fen: number) => formatMoney(fen, store.currency, language),
      major: (fen: number) => fen / per,
      majorText: (major: number) => formatMoney(Math.round(major * per), store.currency, language),
    };
  }, [store.currency, language]);
}

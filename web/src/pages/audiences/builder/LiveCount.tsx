import { Alert, Card, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../api/error-text';
import { useDebounced } from '../../../components/use-debounced';
import { formatCount } from '../../../format/number';
import { formatInstant } from '../../../format/time';
import { currentLanguage } from '../../../i18n';
import { useStore } from '../../../session/use-session';
import { useLiveCount } from '../api';
import type { AudienceDefinition } from '../types';

// Asks once the user pauses for 400 ms: most counts come from the server's copy in memory, but
// one the database must answer costs a scan of a big store.
const DEBOUNCE_MS = 400;

/** How many customers the definition matches now, and how long the server took to say. */
export function LiveCount({ definition }: { readonly definition: AudienceDefinition }) {
  const { t } = useTranslation();
  const store = useStore();
  const language = currentLanguage();
  const settled = useDebounced(definition, DEBOUNCE_MS);
  const count = useLiveCount(store.id, settled);
  const data = count.data;
  return (
    <Card size="small" role="region" aria-label={t('audiences.count.title')}>
      <Statistic
        title={t('audiences.count.title')}
        value={data ? t('audiences.count.people', { n: formatCount(data.count, language) }) : '—'}
        loading={!data && count.isFetching}
      />
      <Typography.Text type="secondary" data-testid="count-took">
        {count.isFetching || settled !== definition
          ? t('audiences.count.counting')
          : data
            ? t('audiences.count.took', { ms: data.ms })
            : ''}
      </Typography.Text>
      {data && !data.current && (
        // Counted on the copy in memory while the store's data changed (an import, sending…).
        <Typography.Paragraph
          type="secondary"
          style={{ marginTop: 4, marginBottom: 0 }}
          data-testid="count-as-of"
        >
          {t('audiences.count.asOf', { time: formatInstant(data.asOf, store.timeZone, language) })}
        </Typography.Paragraph>
      )}
      {count.isError && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title={t('audiences.count.invalid', {
            message: errorText(count.error, t, language).detail ?? errorText(count.error, t, language).title,
          })}
        />
      )}
    </Card>
  );
}

import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text';
import { currentLanguage } from '../i18n';

interface LoadErrorProps {
  readonly error: unknown;
  readonly onRetry: () => void;
  /** What failed to load, as a heading; the error's own title is the default. */
  readonly title?: string;
  readonly fullPage?: boolean;
}

/** A failed load: what went wrong, in the reader's language, and a way to try again. */
export function LoadError({ error, onRetry, title, fullPage = false }: LoadErrorProps) {
  const { t } = useTranslation();
  const text = errorText(error, t, currentLanguage());
  return (
    <Result
      status="warning"
      title={title ?? text.title}
      subTitle={title ? [text.title, text.detail].filter(Boolean).join(' · ') : text.detail}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      }
      style={fullPage ? { paddingTop: 120 } : undefined}
    />
  );
}

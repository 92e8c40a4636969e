import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/error-text';
import { currentLanguage } from '../i18n';

/** Shows a failed action as a toast: the localised title and, when useful, the specifics. */
export function useNotifyError(): (error: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return (error) => {
    const text = errorText(error, t, currentLanguage());
    void message.error(text.detail ? `${text.title} · ${text.detail}` : text.title, 6);
  };
}

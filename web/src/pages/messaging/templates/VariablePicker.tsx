import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../../i18n';
import { variableKeys, variableToken } from '../labels';

/** The template variables as buttons; a click inserts {姓名} (zh) or {name} (en) at the caret. */
export function VariablePicker({ onInsert }: { readonly onInsert: (token: string) => void }) {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <Flex gap={4} wrap align="center" role="group" aria-label={t('messaging.templates.form.insertVariable')}>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
        {t('messaging.templates.form.insertVariable')}
      </Typography.Text>
      {variableKeys.map((key) => {
        const token = variableToken(key, language);
        return (
          <Button key={key} size="small" onClick={() => onInsert(token)}>
            {token}
          </Button>
        );
      })}
    </Flex>
  );
}

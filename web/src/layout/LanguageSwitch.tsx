import { GlobalOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../components/use-notify-error';
import { currentLanguage, type Language, languages, setLanguage } from '../i18n';
import { type Me, meQueryKey, saveLanguage } from '../session/api';

const nameKeys = { 'zh-CN': 'languages.zhCN', en: 'languages.en' } as const satisfies Record<
  Language,
  string
>;

/**
 * Switches between 简体中文 and English. The choice is remembered in this browser and, when
 * signed in (`saveToAccount`), with the account.
 */
export function LanguageSwitch({ saveToAccount = false }: { readonly saveToAccount?: boolean }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [language],
        items: languages.map((key) => ({ key, label: t(nameKeys[key]), lang: key })),
        onClick: ({ key }) => {
          const chosen = languages.find((language) => language === key);
          if (!chosen) return;
          void setLanguage(chosen);
          if (!saveToAccount) return;
          // The account's language wins when the session loads (SessionGate). A reload of the
          // session still in flight would answer the old choice and switch back, so it is
          // cancelled and the cached session takes the new choice at once.
          void queryClient.cancelQueries({ queryKey: meQueryKey });
          queryClient.setQueryData<Me>(meQueryKey, (me) =>
            me ? { ...me, user: { ...me.user, locale: chosen } } : me,
          );
          saveLanguage(chosen).catch(notifyError);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} title={t('header.language')}>
        {t(nameKeys[language])}
      </Button>
    </Dropdown>
  );
}

import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, type Language, languages, setLanguage } from '../i18n';

const nameKeys = { 'zh-CN': 'languages.zhCN', en: 'languages.en' } as const satisfies Record<
  Language,
  string
>;

/** Switches between 简体中文 and English; the choice is remembered in this browser. */
export function LanguageSwitch() {
  const { t } = useTranslation();
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
          if (chosen) void setLanguage(chosen);
        },
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} title={t('header.language')}>
        {t(nameKeys[language])}
      </Button>
    </Dropdown>
  );
}

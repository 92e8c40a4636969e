import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { queryClient } from './query-client';
import { router } from './router';
import { theme } from './theme';
import { usePrefersReducedMotion } from './use-reduced-motion';

/** Providers: data cache, Ant Design in the chosen language (without motion where the system asks for less), and the routes. */
export function App() {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;
  const reducedMotion = usePrefersReducedMotion();
  const themed = useMemo(
    () => (reducedMotion ? { ...theme, token: { ...theme.token, motion: false } } : theme),
    [reducedMotion],
  );
  return (
    <QueryClientProvider client={queryClient}>
      {/* No space forced into two-character Chinese buttons (登 录): the label reads as written. */}
      <ConfigProvider locale={locale} theme={themed} button={{ autoInsertSpace: false }}>
        <AntdApp>
          <RouterProvider router={router} />
        </AntdApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}

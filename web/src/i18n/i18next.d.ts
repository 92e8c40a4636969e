import 'i18next';
import type { zhCN } from './zh-CN';

// Types `t('overview.kpi.revenue')`: a key missing from the messages is a compile error.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof zhCN };
  }
}

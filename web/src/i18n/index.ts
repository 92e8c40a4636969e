import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { type Language, languages } from './languages';
import { zhCN } from './zh-CN';

export { type Language, languages };

const STORAGE_KEY = 'laoke.language';
const dayjsLocales: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

function isLanguage(value: string | null): value is Language {
  return value !== null && (languages as readonly string[]).includes(value);
}

/** The remembered choice, else the browser's: any Chinese → zh-CN, anything else → en. */
export function initialLanguage(): Language {
  const remembered = readStorage();
  if (isLanguage(remembered)) return remembered;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function readStorage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage disabled (private mode, policies): fall back to the browser language
  }
}

function applyLanguage(language: Language): void {
  dayjs.locale(dayjsLocales[language]);
  document.documentElement.lang = language;
}

export const i18n = i18next.createInstance();

const startLanguage = initialLanguage();
applyLanguage(startLanguage);
void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: startLanguage,
  fallbackLng: 'zh-CN',
  supportedLngs: languages,
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

/** Switches the dashboard's language and remembers it in this browser. */
export async function setLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered, still switched.
  }
  applyLanguage(language);
  await i18n.changeLanguage(language);
}

/** The language in use, narrowed to the ones the dashboard has. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

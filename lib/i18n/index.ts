import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type Locale = 'zh-CN' | 'en';
export type LanguageSetting = Locale | 'auto';
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Picks the UI locale: an explicit choice wins, otherwise the browser's language (any zh-* → zh-CN). */
export function resolveLocale(setting: LanguageSetting, browserLanguage: string | undefined): Locale {
  if (setting !== 'auto') return setting;
  return (browserLanguage ?? '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for one locale. `{name}` placeholders are replaced as plain text. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) => {
    const text = catalog[key] ?? en[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}

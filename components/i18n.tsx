import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { resolveLocale, translator, type LanguageSetting, type Locale, type Translate } from '@/lib/i18n';
import { languageSetting } from '@/lib/settings';

interface I18n {
  locale: Locale;
  t: Translate;
}

function browserLanguage(): string {
  try {
    return browser.i18n.getUILanguage();
  } catch {
    return globalThis.navigator?.language ?? 'en';
  }
}

const initial = resolveLocale('auto', browserLanguage());
const I18nContext = createContext<I18n>({ locale: initial, t: translator(initial) });

/** Follows the language setting live (options page changes apply everywhere at once). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [setting, setSetting] = useState<LanguageSetting | null>(null);
  useEffect(() => {
    let alive = true;
    void languageSetting.getValue().then((v) => alive && setSetting(v));
    const unwatch = languageSetting.watch((v) => setSetting(v));
    return () => {
      alive = false;
      unwatch();
    };
  }, []);
  if (setting === null) return null; // wait for hydration: no flash of the wrong language
  const locale = resolveLocale(setting, browserLanguage());
  return <I18nContext.Provider value={{ locale, t: translator(locale) }}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}

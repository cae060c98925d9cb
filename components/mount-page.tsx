import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, useI18n } from './i18n';
import './page.css';

/** The page's language follows Deskmate's (screen readers, fonts and line breaking use it). */
function DocumentLanguage({ children }: { children: ReactNode }) {
  const { locale } = useI18n();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  return children;
}

/** Mounts an extension page (popup, side panel, options, case page) with i18n. */
export function mountPage(node: ReactNode): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('#root missing');
  createRoot(el).render(
    <StrictMode>
      <I18nProvider>
        <DocumentLanguage>{node}</DocumentLanguage>
      </I18nProvider>
    </StrictMode>,
  );
}

import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from './i18n';
import './page.css';

/** Mounts an extension page (popup, side panel, options) with i18n. */
export function mountPage(node: ReactNode): void {
  const el = document.getElementById('root');
  if (!el) throw new Error('#root missing');
  createRoot(el).render(
    <StrictMode>
      <I18nProvider>{node}</I18nProvider>
    </StrictMode>,
  );
}

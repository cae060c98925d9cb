import { defineContentScript } from 'wxt/utils/define-content-script';
import { send } from '@/lib/messaging/client';
import { disabledHosts, siteMatchIndex } from '@/lib/settings';
import { matchesAny } from '@/lib/sites/match-pattern';

/**
 * The loader: runs on every http(s) page and stays tiny (no React, no Dexie, no zod). It reads
 * the site match index from extension storage and asks the background to inject the overlay
 * only where a site config matches. Single-page consoles are re-checked on URL changes.
 */
export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  async main(ctx) {
    let requested = false;
    const check = async () => {
      if (requested || ctx.isInvalid) return;
      const [disabled, index] = await Promise.all([disabledHosts.getValue(), siteMatchIndex.getValue()]);
      if (disabled.includes(location.host)) return;
      if (!index.some((entry) => matchesAny(entry.matches, location.href))) return;
      requested = true;
      await send('overlay.inject', { reason: 'site' }).catch(() => {
        requested = false;
      });
    };
    await check();
    ctx.addEventListener(window, 'wxt:locationchange', () => void check());
    const unwatchIndex = siteMatchIndex.watch(() => void check());
    const unwatchDisabled = disabledHosts.watch(() => void check());
    ctx.onInvalidated(() => {
      unwatchIndex();
      unwatchDisabled();
    });
  },
});

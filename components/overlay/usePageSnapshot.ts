import { useEffect, useState } from 'react';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { observedAttributes, snapshotPage, type PageSnapshot } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import { pageTimers } from '@/lib/messaging/lifecycle';

const BATCH_MS = 250;

/**
 * What the site config reads from the page, kept current by ONE MutationObserver whose
 * callbacks are batched (rule 5): bursts of mutations cost one snapshot per 250 ms at most.
 * Only runs while `active` (the panel that shows it is open).
 */
export function usePageSnapshot(ctx: ContentScriptContext, config: SiteConfig | null, active: boolean): PageSnapshot | null {
  const [snapshot, setSnapshot] = useState<PageSnapshot | null>(null);
  useEffect(() => {
    if (!config || !active) return;
    const timers = pageTimers(ctx);
    let timer: number | undefined;
    const take = () => {
      timer = undefined;
      setSnapshot(snapshotPage(config, document, location.href));
    };
    take();
    const observer = new MutationObserver(() => {
      timer ??= timers.setTimeout(take, BATCH_MS);
    });
    const attributeFilter = observedAttributes(config);
    observer.observe(document.body, {
      childList: true,
      subtree: true,
      ...(attributeFilter.length ? { attributes: true, attributeFilter } : {}),
    });
    const onLocation = () => take();
    window.addEventListener('wxt:locationchange', onLocation);
    return () => {
      observer.disconnect();
      timers.clearTimeout(timer);
      window.removeEventListener('wxt:locationchange', onLocation);
    };
  }, [ctx, config, active]);
  return snapshot;
}

import { useEffect, useState, type RefObject } from 'react';
import { observedAttributes } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import { detect, type Detection } from '@/lib/sites/teach';
import type { Picks } from './picks';

/** Detection waits for the page to settle, but never longer than MAX_WAIT_MS under constant change. */
const DEBOUNCE_MS = 250;
const MAX_WAIT_MS = 1000;

export type DetectionState = { kind: 'ok'; value: Detection } | { kind: 'invalid' } | null;

/**
 * What the config being taught finds on the page now, detected again whenever the page changes
 * (one MutationObserver, batched: bursts of changes cost one detection; rule 5). `config` is null
 * while the selectors do not parse.
 */
export function useDetection(config: SiteConfig | null, doc: Document, url: string, picks: RefObject<Picks>): DetectionState {
  const [detection, setDetection] = useState<DetectionState>(null);
  useEffect(() => {
    const win = doc.defaultView ?? window;
    let timer = 0;
    let firstAt = 0;
    const pageUrl = () => {
      const href = doc.location?.href;
      return href && href !== 'about:blank' ? href : url;
    };
    const run = () => {
      timer = 0;
      firstAt = 0;
      if (!config) return setDetection({ kind: 'invalid' });
      try {
        setDetection({ kind: 'ok', value: detect(config, doc, pageUrl()) });
      } catch {
        setDetection({ kind: 'invalid' });
      }
    };
    const schedule = () => {
      const now = Date.now();
      firstAt ||= now;
      if (timer) win.clearTimeout(timer);
      timer = win.setTimeout(run, now - firstAt >= MAX_WAIT_MS ? 0 : DEBOUNCE_MS);
    };
    schedule();
    const target = doc.body ?? doc.documentElement;
    const observer = config && target ? new MutationObserver(schedule) : null;
    if (observer && config) {
      const attributeFilter = [
        ...new Set([
          'class',
          ...observedAttributes(config),
          ...(config.selectors.messageSender?.attr ? [config.selectors.messageSender.attr] : []),
        ]),
      ];
      const options = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter };
      observer.observe(target, options);
      // The shadow roots and frame documents the picks are in: a document's observer does not see inside them.
      const roots = new Set(Object.values(picks.current).map((el) => el.getRootNode()));
      for (const r of roots) if (r !== doc && (r.nodeType === 11 || r.nodeType === 9)) observer.observe(r, options);
    }
    return () => {
      observer?.disconnect();
      if (timer) win.clearTimeout(timer);
    };
  }, [config, doc, url, picks]);
  return detection;
}

import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * Content scripts across an extension update or reload (proved by
 * test/e2e/chromium-update.test.mjs).
 *
 * Chrome leaves the old content scripts running in open tabs, cut off from the extension
 * (`runtime.id` is gone, every message throws), and does not inject the new ones. So:
 *  - the background injects the new loader into every open http(s) tab when it is installed or
 *    updated (`reinjectLoaders`);
 *  - the new loader announces itself (`announceLoader`); an overlay that hears it and finds its
 *    own extension context gone shuts down (UI, observers, listeners, chips), and the new loader
 *    brings in a new overlay where a site config matches. WXT itself stops the old loader (same
 *    content-script name).
 * A page can fire the announcement too: it only makes a live overlay check that it is alive.
 * Firefox unloads an add-on's content scripts and injects the new ones itself.
 */
const LOADER_STARTED = 'deskmate:loader-started';

/** The loader, at start: a previous overlay that lost its extension must leave now. */
export function announceLoader(): void {
  document.dispatchEvent(new CustomEvent(LOADER_STARTED));
}

/**
 * The overlay: shuts itself down (through its context) once the extension it belongs to is gone,
 * noticed when a new loader starts or when the agent touches it (the check reads one property).
 */
export function leaveWhenOrphaned(ctx: ContentScriptContext, touched?: EventTarget): void {
  const check = () => {
    // The getter invalidates the context (and runs every onInvalidated) when runtime.id is gone.
    if (ctx.isInvalid) document.removeEventListener(LOADER_STARTED, check);
  };
  document.addEventListener(LOADER_STARTED, check);
  ctx.onInvalidated(() => document.removeEventListener(LOADER_STARTED, check));
  if (touched) {
    for (const type of ['keydown', 'pointerdown', 'focusin']) touched.addEventListener(type, check, { capture: true, signal: ctx.signal });
  }
}

const LOADER_SCRIPT = '/content-scripts/content.js';

/**
 * The background, on install or update (Chromium): the loader into every open http(s) tab and
 * frame, so consoles opened before keep working without a reload. Pages extensions may not
 * touch are skipped. Returns how many tabs got it.
 */
export async function reinjectLoaders(): Promise<number> {
  if (import.meta.env.FIREFOX) return 0;
  const tabs = await browser.tabs.query({ url: ['http://*/*', 'https://*/*'] });
  const done = await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined || tab.discarded
        ? false
        : browser.scripting
            .executeScript({ target: { tabId: tab.id, allFrames: true }, files: [LOADER_SCRIPT] })
            .then(() => true)
            .catch(() => false),
    ),
  );
  return done.filter(Boolean).length;
}

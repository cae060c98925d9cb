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

/** Timeouts and intervals of a content script, cleared when its context is invalidated. */
export interface PageTimers {
  setTimeout(fn: () => void, ms: number): number;
  clearTimeout(id: number | undefined): void;
  setInterval(fn: () => void, ms: number): number;
  clearInterval(id: number | undefined): void;
}

const timersByContext = new WeakMap<ContentScriptContext, PageTimers>();

/**
 * The content script's timers, for the hot path. WXT's `ctx.setTimeout` adds an `abort` listener
 * to the context's signal on every call and never removes it: on a console streaming all day the
 * signal gathers one listener per batch and per keystroke, and since each add scans the ones
 * before it, a timer costs 0.6 ms after 100,000 of them (docs/performance.md). These register one
 * listener per context and forget each timer once it has fired or been cleared. ESLint forbids
 * `ctx.setTimeout`/`ctx.setInterval` (eslint.config.js).
 */
export function pageTimers(ctx: ContentScriptContext): PageTimers {
  const known = timersByContext.get(ctx);
  if (known) return known;
  const timeouts = new Set<number>();
  const intervals = new Set<number>();
  ctx.onInvalidated(() => {
    for (const id of timeouts) window.clearTimeout(id);
    for (const id of intervals) window.clearInterval(id);
    timeouts.clear();
    intervals.clear();
  });
  const timers: PageTimers = {
    setTimeout(fn, ms) {
      const id = window.setTimeout(() => {
        timeouts.delete(id);
        if (ctx.isValid) fn();
      }, ms);
      timeouts.add(id);
      return id;
    },
    clearTimeout(id) {
      if (id === undefined) return;
      timeouts.delete(id);
      window.clearTimeout(id);
    },
    setInterval(fn, ms) {
      const id = window.setInterval(() => {
        if (ctx.isValid) fn();
      }, ms);
      intervals.add(id);
      return id;
    },
    clearInterval(id) {
      if (id === undefined) return;
      intervals.delete(id);
      window.clearInterval(id);
    },
  };
  timersByContext.set(ctx, timers);
  return timers;
}

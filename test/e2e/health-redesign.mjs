// Shared by chromium-health.test.mjs and firefox-health.test.mjs: a console "redeployed" under the
// config that reads it, and the consoles' renames.

/**
 * Runs in the page: what a new build of the console does to the DOM. Once the console's own
 * scripts have run (they keep their references), the classes, attributes and ids in `map` get
 * their new names, on every element rendered from then on too. Passed to page.evaluate, and as an
 * init script so that the redesign survives a reload, as a redeploy does.
 * @param {{ classes?: Record<string, string>, attrs?: Record<string, string>, ids?: Record<string, string> }} map
 */
export function redesign(map) {
  const apply = (root) => {
    const els = root.nodeType === 1 ? [root, ...root.querySelectorAll('*')] : [...root.querySelectorAll('*')];
    for (const el of els) {
      for (const [from, to] of Object.entries(map.classes ?? {})) {
        if (el.classList.contains(from)) {
          el.classList.remove(from);
          el.classList.add(to);
        }
      }
      for (const [from, to] of Object.entries(map.attrs ?? {})) {
        if (el.hasAttribute(from)) {
          el.setAttribute(to, el.getAttribute(from));
          el.removeAttribute(from);
        }
      }
      for (const [from, to] of Object.entries(map.ids ?? {})) if (el.id === from) el.id = to;
    }
  };
  const start = () => {
    apply(document);
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type === 'attributes') apply(r.target);
        else for (const n of r.addedNodes) if (n.nodeType === 1) apply(n);
      }
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class', 'id', ...Object.keys(map.attrs ?? {})],
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}

/** classic-noid (its config.json): messages, the open conversation's id and the reply box get new names. */
export const CLASSIC_REDESIGN = { classes: { message: 'bubble', editor: 'reply-input' }, attrs: { 'data-active-conv': 'data-session' } };
/** The demo workspace (the built-in deskmate-demo config): the same parts. */
export const DEMO_REDESIGN = {
  classes: { msg: 'bubble' },
  attrs: { 'data-active-conv': 'data-session' },
  ids: { 'composer-plain': 'reply-box', 'composer-rich': 'reply-rich' },
};

/** How long ago the test says the console stopped working (beyond the 2-minute grace of lib/sites/health.ts). */
export const BROKEN_FOR_MS = 3 * 60_000;

/**
 * The console works (its health says so); then it is redesigned in place and new messages arrive
 * (each settles the page) until the page has stored since when parts are missing; that time is
 * moved BROKEN_FOR_MS back, nothing else. The caller reloads the page redesigned (its browser's way).
 * @param {{ page: object, siteId: string, map: object, pushMessage: () => void,
 *   stored: (key: string) => Promise<any>, store: (key: string, value: unknown) => Promise<void>,
 *   waitFor: Function, assert: typeof import('node:assert/strict') }} o
 * @returns the healthy entry seen before the redesign
 */
export async function redesignUntilMissing({ page, siteId, map, pushMessage, stored, store, waitFor, assert }) {
  const healthy = await waitFor(
    async () => {
      const h = (await stored('siteHealth'))?.[siteId];
      return h?.lastMatchAt && h.failing.length === 0 ? h : null;
    },
    { timeout: 30000, message: `a healthy first check of ${siteId}` },
  );
  await page.evaluate(redesign, map);
  const key = `siteHealthMissing:${siteId}`;
  const missing = await waitFor(
    async () => {
      await page.evaluate(pushMessage);
      const m = await stored(key);
      return m?.messages ? m : null;
    },
    { timeout: 40000, interval: 1000, message: `the redesigned page storing what is missing (${key})` },
  );
  // Found missing only after the last good read.
  assert.ok(missing.messages.since >= healthy.lastMatchAt, JSON.stringify({ missing, healthy }));
  // The console has been broken for longer than the grace: the time moves back, nothing else.
  await store(key, Object.fromEntries(Object.entries(missing).map(([part, m]) => [part, { ...m, since: m.since - BROKEN_FOR_MS }])));
  return healthy;
}

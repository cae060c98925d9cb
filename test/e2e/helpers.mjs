// Shared helpers for the end-to-end tests: real browsers, the built extension, the demo server.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { chromiumArgs, findChromium, findFirefox, CHROMIUM_HINT, FIREFOX_HINT } from '../../scripts/browsers.mjs';
import { startDemoServer } from '../../scripts/serve-demo.mjs';

export const ROOT = resolve(import.meta.dirname, '../..');
// The "inspect" builds (WXT_INSPECT=1 wxt build): the shipped code with the overlay's shadow root
// open so that tests can read it. The shipped build (closed) is driven by chromium-shipped.test.mjs.
export const CHROME_EXT = join(ROOT, '.output/inspect/chrome-mv3');
export const FIREFOX_EXT = join(ROOT, '.output/inspect/firefox-mv2');
export const CHROME_SHIPPED = join(ROOT, '.output/chrome-mv3');

/** Polls `fn` until it returns a truthy value (or stops throwing); never a fixed sleep. */
export async function waitFor(fn, { timeout = 15000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > end) throw new Error(`Timed out after ${timeout} ms waiting for ${message}${last ? `: ${last.message}` : ''}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Every browser a test starts, closed by the root after() hook below even when the test failed
 * (a suite's own after() normally closed it already) and killed if the process exits anyway, so a
 * failed suite never leaves a browser holding the run open. scripts/e2e.mjs also kills whatever a
 * suite leaves behind once it ends or overruns its time limit.
 */
const liveBrowsers = new Set();
/** Registers a browser: `close()` closes it gracefully, `kill()` (optional) ends its process. */
export function trackBrowser(close, kill = () => {}) {
  const entry = { close, kill };
  liveBrowsers.add(entry);
  return () => liveBrowsers.delete(entry);
}
after(async () => {
  for (const entry of [...liveBrowsers]) {
    const closed = await Promise.race([
      Promise.resolve()
        .then(entry.close)
        .then(
          () => true,
          () => false,
        ),
      new Promise((r) => setTimeout(() => r(false), 10000).unref()),
    ]);
    if (!closed) entry.kill();
    liveBrowsers.delete(entry);
  }
});
process.on('exit', () => {
  for (const entry of liveBrowsers) entry.kill();
});

export function tempProfile(prefix = 'deskmate-profile-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

export async function demoServer() {
  return startDemoServer({ port: 0 });
}

/**
 * Registers the usual suite hooks: the demo server and Chromium with the extension on a fresh
 * profile before the tests, all closed and removed after. Returns an object filled in by `before`.
 */
export function demoWithChromium(options = {}) {
  const env = { server: null, profile: null, browser: null };
  before(async () => {
    env.server = await demoServer();
    env.profile = tempProfile();
    env.browser = await launchChromium(env.profile, options);
  });
  after(async () => {
    await env.browser?.context.close();
    await env.server?.close();
    if (env.profile) removeDir(env.profile);
  });
  return env;
}

/** The same for Firefox ESR: the demo server and Firefox with the add-on installed. */
export function demoWithFirefox() {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await demoServer();
    env.browser = await launchFirefox();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/** Launches Chromium with the built extension on a persistent profile. */
export async function launchChromium(profileDir, { lang = 'zh-CN', extensionDir = CHROME_EXT, args = [] } = {}) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_HINT);
  // Developer mode, as on a developer's machine: without it Chromium blocks an unpacked extension
  // once it reloads (the update test reloads it).
  const prefs = join(profileDir, 'Default', 'Preferences');
  if (!existsSync(prefs)) {
    mkdirSync(dirname(prefs), { recursive: true });
    writeFileSync(prefs, JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    locale: lang,
    args: [...chromiumArgs(extensionDir), `--lang=${lang}`, `--accept-lang=${lang}`, ...args],
    viewport: { width: 1280, height: 800 },
  });
  const untrack = trackBrowser(() => context.close());
  context.once('close', untrack);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
  const extensionId = new URL(worker.url()).host;
  // A fresh profile is usable once the install finished: site configs published, default packs in.
  await waitFor(
    async () => {
      const w = context.serviceWorkers()[0];
      if (!w) return false;
      const got = await w.evaluate(() => chrome.storage.local.get(['siteMatchIndex', 'installedPacks']));
      return (
        Array.isArray(got.siteMatchIndex) &&
        got.siteMatchIndex.length > 0 &&
        got.installedPacks &&
        Object.keys(got.installedPacks).length > 0
      );
    },
    { timeout: 60000, message: 'the install to finish (site configs and default templates)' },
  );
  return { context, extensionId };
}

/** Reads every record of a table of the extension's database, from an extension page. */
export async function readTable(context, extensionId, table) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    return await page.evaluate(
      (name) =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('deskmate');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const db = req.result;
            const tx = db.transaction(name, 'readonly');
            const all = tx.objectStore(name).getAll();
            all.onsuccess = () => {
              resolve(all.result);
              db.close();
            };
            all.onerror = () => reject(all.error);
          };
        }),
      table,
    );
  } finally {
    await page.close();
  }
}

/**
 * Stops the extension's service worker (what Chrome does to an idle MV3 worker) and waits,
 * through CDP's own status events, until it really is stopped.
 */
export async function stopServiceWorkers(context, extensionId) {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const cdp = await context.newCDPSession(page);
    const status = new Map();
    let stopped = false;
    let stopSent = false;
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      for (const v of versions) {
        if (!v.scriptURL.includes(extensionId)) continue;
        status.set(v.versionId, v.runningStatus);
        // Pages that keep sending messages wake the worker at once: seeing it stopped once counts.
        if (stopSent && v.runningStatus === 'stopped') stopped = true;
      }
    });
    await cdp.send('ServiceWorker.enable');
    await waitFor(() => status.size > 0, { message: 'the service worker status' });
    stopSent = true;
    await cdp.send('ServiceWorker.stopAllWorkers');
    await waitFor(() => stopped || [...status.values()].every((s) => s === 'stopped'), { message: 'the service worker to stop' });
    await cdp.detach();
  } finally {
    await page.close();
  }
}

export const FIREFOX_ADDON_ID = 'deskmate@deskmate.local';
/** The add-on's internal UUID, pinned (extensions.webextensions.uuids) so its pages open by URL. */
export const FIREFOX_UUID = '6a1b3c5d-7e9f-4a2b-8c4d-0e1f2a3b4c5d';
export const FIREFOX_PREFS = {
  'intl.locale.requested': 'zh-CN',
  'intl.accept_languages': 'zh-CN',
  'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_UUID }),
};

/**
 * Launches Firefox ESR (puppeteer-core over WebDriver BiDi) in Chinese with the Firefox build
 * installed as a temporary add-on; `prefs` add preferences, `userDataDir` keeps the profile,
 * `acceptInsecureCerts` accepts a local test server's self-signed certificate.
 */
export async function launchFirefox({ prefs = {}, userDataDir, install = true, acceptInsecureCerts = false } = {}) {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error(FIREFOX_HINT);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    timeout: 120000,
    userDataDir,
    acceptInsecureCerts,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...prefs },
  });
  const untrack = trackBrowser(
    () => browser.close(),
    () => browser.process()?.kill('SIGKILL'),
  );
  browser.once('disconnected', untrack);
  // `install: false`: the add-on is already in the profile (a temporary one would not survive a restart).
  if (install) await browser.installExtension(FIREFOX_EXT);
  return browser;
}

/**
 * Opens an extension page (`options.html`, `case.html?id=…`) in a new tab. Firefox ESR 153 refuses
 * WebDriver navigation to moz-extension:// ("not allowed in this context"), so a page script goes
 * to the inspect build's web-accessible bridge page (test/e2e/bridge/e2e.html), which moves on to
 * the page asked for as the extension's own navigation; works on ESR 140 too.
 */
export async function openFirefoxExtensionPage(browser, path = 'options.html') {
  const page = await browser.newPage();
  const target = new URL(path, `moz-extension://${FIREFOX_UUID}/`);
  await page.goto('about:blank');
  await page.evaluate(
    (url) => {
      location.href = url;
    },
    `moz-extension://${FIREFOX_UUID}/e2e.html?to=${encodeURIComponent(path)}`,
  );
  await waitFor(
    () =>
      page.evaluate(
        (pathname) => location.pathname === pathname && document.readyState === 'complete' && !!globalThis.browser?.runtime?.id,
        target.pathname,
      ),
    { timeout: 30000, message: `the extension page ${path}` },
  );
  return page;
}

/** Reads every record of a table of the extension's database in Firefox, from an extension page. */
export async function readFirefoxTable(browser, table) {
  const page = await openFirefoxExtensionPage(browser);
  try {
    return await page.evaluate(
      (name) =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('deskmate');
          req.onerror = () => reject(String(req.error));
          req.onsuccess = () => {
            const all = req.result.transaction(name, 'readonly').objectStore(name).getAll();
            all.onsuccess = () => {
              resolve(all.result);
              req.result.close();
            };
            all.onerror = () => reject(String(all.error));
          };
        }),
      table,
    );
  } finally {
    await page.close();
  }
}

/**
 * Fills what is left of the extension's storage quota from an extension page (Playwright or
 * Puppeteer): random blobs in a database of its own, 1 MB, then 64 kB, then 4 kB chunks, each size
 * until refused. Returns the error names of the three refusals. `freeQuota` deletes it again.
 */
export function fillQuota(page) {
  return page.evaluate(async () => {
    const open = () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('deskmate-e2e-filler', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('blobs', { autoIncrement: true });
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const refused = [];
    // Firefox closes the connection after a refused write: a new one for each chunk size.
    for (const size of [1 << 20, 1 << 16, 1 << 12]) {
      const db = await open();
      for (let i = 0; i < 100000; i++) {
        const bytes = new Uint8Array(size);
        for (let j = 0; j < size; j += 65536) crypto.getRandomValues(bytes.subarray(j, Math.min(size, j + 65536)));
        const error = await new Promise((resolve) => {
          try {
            const tx = db.transaction('blobs', 'readwrite');
            tx.objectStore('blobs').add(new Blob([bytes]));
            tx.oncomplete = () => resolve(null);
            tx.onabort = () => resolve(tx.error?.name ?? 'aborted');
          } catch (e) {
            resolve(e.name);
          }
        });
        if (error) {
          refused.push(error);
          break;
        }
      }
      db.close();
    }
    return refused;
  });
}

export function freeQuota(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.deleteDatabase('deskmate-e2e-filler');
        req.onsuccess = () => resolve(null);
        req.onerror = () => reject(req.error);
      }),
  );
}

/** Writes `<dir>/<name>`: a PNG signature then `size` random bytes (evidence the case page accepts by content). */
export function randomPng(dir, name, size) {
  const body = new Uint8Array(size);
  for (let i = 0; i < size; i += 65536) crypto.getRandomValues(body.subarray(i, Math.min(size, i + 65536)));
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), body]));
  return path;
}

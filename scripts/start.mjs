#!/usr/bin/env node
// `npm start`: build Deskmate, serve the demo workspace on 127.0.0.1 and open the system's
// Chrome/Chromium (or Firefox with --firefox) with Deskmate loaded. Without a display
// (--headless, or no DISPLAY on Linux) it takes a screenshot of the demo with the overlay,
// prints its path and exits.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM_HINT, FIREFOX_HINT, chromiumArgs, findChromium, findFirefox } from './browsers.mjs';
import { startDemoServer } from './serve-demo.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const firefox = args.includes('--firefox');
const headless = args.includes('--headless') || (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY);

function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

const executablePath = firefox ? findFirefox() : findChromium();
if (!executablePath) fail(firefox ? FIREFOX_HINT : CHROMIUM_HINT);

console.log(`Building Deskmate for ${firefox ? 'Firefox' : 'Chrome'}…`);
// The "inspect" build: the shipped code with the overlay's shadow root open, so that this script
// (and you, in DevTools) can read the overlay.
const build = spawnSync('npx', ['wxt', 'build', ...(firefox ? ['-b', 'firefox'] : [])], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, WXT_INSPECT: '1' },
});
if (build.status !== 0) fail('The build failed (see above).');
const extensionDir = join(root, '.output', 'inspect', firefox ? 'firefox-mv2' : 'chrome-mv3');

async function startServer() {
  const preferred = Number(process.env.PORT) || 5174;
  try {
    return await startDemoServer({ port: preferred });
  } catch {
    return startDemoServer({ port: 0 }); // the usual port is taken: any free one
  }
}
const server = await startServer();
const demoUrl = server.url;
console.log(`Demo workspace: ${demoUrl}`);

const shotDir = join(root, '.output', 'screenshots');
const shotPath = join(shotDir, `demo-${firefox ? 'firefox' : 'chromium'}.png`);

// A browser's first start on a cold machine builds its caches (seen: over 20 s): wait long, and say
// what for. DESKMATE_START_TIMEOUT (seconds) changes the limit.
const START_TIMEOUT = (Number(process.env.DESKMATE_START_TIMEOUT) || 120) * 1000;
async function waitFor(what, fn, timeout = START_TIMEOUT) {
  console.log(`Waiting for ${what}…`);
  const end = Date.now() + timeout;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch {
      /* not yet */
    }
    if (Date.now() > end) throw new Error(`Gave up after ${Math.round(timeout / 1000)} s waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

try {
  if (firefox) {
    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless,
      timeout: START_TIMEOUT,
      defaultViewport: { width: 1280, height: 800 },
      // The demo console is Chinese: the headless screenshot shows Deskmate in Chinese too.
      ...(headless ? { extraPrefsFirefox: { 'intl.locale.requested': 'zh-CN', 'intl.accept_languages': 'zh-CN' } } : {}),
    });
    console.log('Firefox started; installing Deskmate…');
    await browser.installExtension(extensionDir);
    const page = (await browser.pages())[0] ?? (await browser.newPage());
    await page.goto(demoUrl);
    if (headless) {
      await waitFor("Deskmate's launcher on the demo page", () => page.$('deskmate-overlay >>> button.dm-launcher'));
      await page.click('#composer-plain');
      await page.keyboard.type('/wl');
      await waitFor('the template picker', () => page.$('deskmate-overlay >>> [role="option"]'));
      mkdirSync(shotDir, { recursive: true });
      await page.screenshot({ path: shotPath });
      await browser.close();
    } else {
      console.log('Firefox is open with Deskmate. Close the browser window to stop.');
      await new Promise((r) => browser.on('disconnected', r));
    }
  } else {
    const { chromium } = await import('playwright-core');
    const profile = join(root, '.output', headless ? 'start-profile-headless' : 'start-profile');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless,
      timeout: START_TIMEOUT,
      // The demo console is Chinese: the headless screenshot shows Deskmate in Chinese too.
      args: [...chromiumArgs(extensionDir), ...(headless ? ['--lang=zh-CN', '--accept-lang=zh-CN'] : [])],
      ...(headless ? { locale: 'zh-CN' } : {}),
      viewport: headless ? { width: 1280, height: 800 } : null,
    });
    // The extension is ready once its service worker finished installing (site configs published).
    await waitFor('Chromium to start and Deskmate to install', async () => {
      const worker = context.serviceWorkers()[0];
      if (!worker) return false;
      const got = await worker.evaluate(() => chrome.storage.local.get('siteMatchIndex'));
      return Array.isArray(got.siteMatchIndex) && got.siteMatchIndex.length > 0;
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(demoUrl);
    if (headless) {
      // Show the picker: the agent types "/" then a few letters of a shortcode.
      await waitFor("Deskmate's launcher on the demo page", () => page.locator('deskmate-overlay .dm-launcher').isVisible());
      await page.locator('#composer-plain').click();
      await page.keyboard.type('/wl');
      await waitFor('the template picker', () => page.locator('deskmate-overlay [role="option"]').first().isVisible());
      mkdirSync(shotDir, { recursive: true });
      await page.screenshot({ path: shotPath });
      await context.close();
    } else {
      console.log('Chromium is open with Deskmate. Close the browser window to stop.');
      await new Promise((r) => context.on('close', r));
    }
  }
  if (headless) console.log(`\n✔ Screenshot of the demo workspace with Deskmate: ${shotPath}`);
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  await server.close();
}

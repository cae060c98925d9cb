#!/usr/bin/env node
// Regenerates docs/screenshots/*.png: every screen of Deskmate in zh-CN, on the demo workspace,
// in real Chromium (playwright-core with the system's Chromium, the built extension loaded with
// --load-extension). Usage:
//   WXT_INSPECT=1 npx wxt build && node scripts/screenshots.mjs [--fonts DIR]
// (the "inspect" build: the shipped code with the overlay's shadow root open, so that the script
// can drive the overlay; it looks the same.)
// --fonts DIR adds a folder of fonts for this browser only (FONTCONFIG_FILE), for machines
// without a Chinese font (the pages ask for PingFang SC / Microsoft YaHei / Noto Sans CJK SC).
/* global chrome, window, indexedDB -- page functions run in the browser */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium, CHROMIUM_HINT } from './browsers.mjs';
import { startDemoServer } from './serve-demo.mjs';

const root = resolve(import.meta.dirname, '..');
const extension = join(root, '.output/inspect/chrome-mv3');
const out = join(root, 'docs/screenshots');
if (!existsSync(join(extension, 'manifest.json'))) {
  console.error('Build the extension first: WXT_INSPECT=1 npx wxt build');
  process.exit(1);
}
const executablePath = findChromium();
if (!executablePath) {
  console.error(CHROMIUM_HINT);
  process.exit(1);
}

const fontsAt = process.argv.indexOf('--fonts');
const env = { ...process.env };
const profile = mkdtempSync(join(tmpdir(), 'deskmate-shots-'));
if (fontsAt > 0 && process.argv[fontsAt + 1]) {
  const conf = join(profile, 'fonts.conf');
  writeFileSync(
    conf,
    `<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>${resolve(process.argv[fontsAt + 1])}</dir><cachedir>${join(profile, 'fc-cache')}</cachedir></fontconfig>`,
  );
  env.FONTCONFIG_FILE = conf;
}

/** Polls `fn` until truthy (never a fixed sleep). */
async function until(fn, what, timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      if (await fn()) return;
    } catch {
      // not yet
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

mkdirSync(out, { recursive: true });
const server = await startDemoServer({ port: 0 });
mkdirSync(join(profile, 'Default'), { recursive: true });
writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ extensions: { ui: { developer_mode: true } } }));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  locale: 'zh-CN',
  env,
  args: [...chromiumArgs(extension), '--lang=zh-CN', '--accept-lang=zh-CN'],
  viewport: { width: 1280, height: 800 },
});
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = new URL(worker.url()).host;
  const url = (path) => `chrome-extension://${id}/${path}`;
  await until(async () => {
    const got = await context.serviceWorkers()[0]?.evaluate(() => chrome.storage.local.get(['siteMatchIndex', 'installedPacks']));
    return got?.siteMatchIndex?.length && got.installedPacks && Object.keys(got.installedPacks).length;
  }, 'the install');

  const shoot = async (page, name) => {
    await page.screenshot({ path: join(out, `${name}.png`) });
    console.log(`docs/screenshots/${name}.png`);
  };

  // The agent's profile, and the demo counted all day (its waits land in the figures at any hour).
  const setup = await context.newPage();
  await setup.goto(url('options.html#general'));
  await setup.evaluate(() =>
    chrome.storage.local.set({ language: 'zh-CN', agentProfile: { agentName: '小林', agentId: '8023', shopName: '悦衣坊' } }),
  );

  // The console: a buyer waits, the 话术 panel is open.
  const demo = await context.newPage();
  await demo.goto(`${server.url}?schedule=off&reset`);
  await demo.locator('body[data-demo-ready="true"]').waitFor();
  const launcher = demo.getByRole('button', { name: '打开客服助手' });
  await launcher.waitFor();
  const [a, b] = await demo.evaluate(() => window.demo.conversations().map((c) => c.id));
  await demo.evaluate((c) => window.demo.switchTo(c), a);
  await until(
    () =>
      worker.evaluate(async (key) => {
        const db = await new Promise((r) => {
          const req = indexedDB.open('deskmate');
          req.onsuccess = () => r(req.result);
        });
        const row = await new Promise((r) => {
          const q = db.transaction('conversations').objectStore('conversations').get(key);
          q.onsuccess = () => r(q.result);
        });
        db.close();
        return !!row;
      }, `deskmate-demo:${a}`),
    'the conversation to attach',
  );
  await demo.evaluate((c) => window.demo.pushCustomerMessage(c, '请问今天能发货吗？'), a);
  await demo.evaluate((c) => window.demo.pushCustomerMessage(c, '在吗'), b);
  await demo.locator('#chat .buyer-name > [data-deskmate-chip]').waitFor({ state: 'attached' });
  await demo.locator('#composer-plain').click();
  await demo.keyboard.type('亲，');
  await launcher.click();
  await demo.getByRole('dialog', { name: '客服助手' }).getByRole('listbox', { name: '话术' }).getByRole('option').first().waitFor();
  await shoot(demo, 'console-quick-phrases');
  await demo.keyboard.press('Escape');

  // The picker on "/" and the service-language lint.
  await demo.locator('#composer-plain').fill('');
  await demo.locator('#composer-plain').click();
  await demo.keyboard.type('/wl');
  await demo.locator('deskmate-overlay').getByRole('listbox', { name: '匹配的话术' }).getByRole('option').first().waitFor();
  await shoot(demo, 'console-picker');
  await demo.keyboard.press('Escape');
  await demo.locator('#composer-plain').fill('');
  await demo.locator('#composer-plain').click();
  await demo.keyboard.type('好的。不是告诉你了，加我微信吧');
  await demo.locator('deskmate-overlay').getByRole('region', { name: '服务用语提醒' }).waitFor();
  await shoot(demo, 'console-lint');

  // The popup and the side panel at their own widths.
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 360, height: 480 });
  await popup.goto(url('popup.html'));
  await popup.getByRole('button', { name: /^等待中/ }).waitFor();
  await shoot(popup, 'popup');
  const panel = await context.newPage();
  await panel.setViewportSize({ width: 400, height: 900 });
  await panel.goto(url('sidepanel.html'));
  await panel.getByRole('button', { name: /^等待中/ }).waitFor();
  await panel.locator('.heatmap').waitFor();
  await shoot(panel, 'sidepanel-overview');
  await panel.getByRole('tab', { name: '周报' }).click();
  await panel.locator('h2, h3').nth(1).waitFor();
  await shoot(panel, 'sidepanel-weekly');

  // The options page, tab by tab.
  for (const tab of ['templates', 'lint', 'sites', 'checklists', 'general']) {
    await setup.goto('about:blank');
    await setup.goto(url(`options.html#${tab}`));
    await setup.locator('[role="tabpanel"] :is(h2, h3, input, button)').first().waitFor();
    await until(async () => !(await setup.getByText('加载中…').count()), 'the tab loaded');
    await shoot(setup, `options-${tab}`);
  }

  // A case page.
  const opened = await setup.evaluate(() =>
    chrome.runtime.sendMessage({
      deskmate: 1,
      type: 'cases.open',
      input: { orderNo: '3859201746682', caseTypeId: 'quality', platform: 'taobao', siteId: 'deskmate-demo', language: 'zh-CN' },
    }),
  );
  if (!opened?.ok) throw new Error(`cases.open: ${JSON.stringify(opened)}`);
  await setup.goto(url(`case.html?id=${encodeURIComponent(opened.value.id)}`));
  await setup.locator('h1').waitFor();
  await shoot(setup, 'case-page');
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}

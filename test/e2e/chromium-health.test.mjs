// End-to-end (issue 13, "Config health"; issue 14 for built-in configs): a configured console
// works, then is redesigned (a new build renames the classes, attributes and ids its config reads,
// test/e2e/health-redesign.mjs), and the agent is told — in the overlay and in the popup, with a
// button that opens Teach mode — while the options list shows each config's last successful read.
// Once for a config the agent imported (classic-noid), once for the built-in demo config.
//
// The 2-minute grace is not waited for: the page stores since when each part has been missing
// (storage.local "siteHealthMissing:<id>", lib/sites/health.ts). The test waits until the
// redesigned page has stored that itself, moves that time BROKEN_FOR_MS back (as if the console had
// been broken that long) and reloads: the new page counts from the stored time and says so at once.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { CLASSIC_REDESIGN, DEMO_REDESIGN, redesign, redesignUntilMissing } from './health-redesign.mjs';
import { demoServer, launchChromium, removeDir, ROOT, tempProfile, waitFor } from './helpers.mjs';

const DIALOG = '教 Deskmate 认识这个网站';

describe('Chromium: config health after a console is redesigned', () => {
  let server;
  let demo;
  let profile;
  let browser;
  let ext; // an extension page, to read and write extension storage

  before(async () => {
    server = await startConsoleServer();
    demo = await demoServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
    const config = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/consoles/classic-noid/config.json'), 'utf8'));
    const file = join(profile, 'classic.json');
    writeFileSync(file, JSON.stringify({ format: 'deskmate/site-configs', version: 1, configs: [config] }));
    ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/options.html#sites`);
    await ext.locator('input[type="file"]').setInputFiles(file);
    await ext.getByRole('status').filter({ hasText: '导入 1 份站点配置' }).waitFor();
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    await demo?.close();
    if (profile) removeDir(profile);
  });

  const stored = (key) => ext.evaluate(async (k) => (await chrome.storage.local.get(k))[k], key);

  /**
   * The console works: the config's health says so. Then it is redesigned in place; new messages
   * arrive (each settles the page) until the page has stored since when parts are missing.
   */
  async function breakConsole(page, siteId, map, pushMessage) {
    const store = (key, value) => ext.evaluate(([k, v]) => chrome.storage.local.set({ [k]: v }), [key, value]);
    const healthy = await redesignUntilMissing({ page, siteId, map, pushMessage, stored, store, waitFor, assert });
    // A redeploy stays: the reloaded page has the new names too.
    await page.addInitScript(redesign, map);
    await page.reload();
    return healthy;
  }

  /** The overlay's warning, and its button opening Teach mode (cancelled again). */
  async function overlayWarns(page, name) {
    await page.getByRole('button', { name: '打开客服助手' }).click();
    const alert = page.getByRole('alert').filter({ hasText: `“${name}”在这个工作台上已找不到消息` });
    await alert.waitFor({ timeout: 30000 });
    assert.match(await alert.innerText(), /回复输入框/);
    await alert.getByRole('button', { name: '重新教一次' }).click();
    const dialog = page.getByRole('dialog', { name: DIALOG });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '取消' }).first().click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** The popup opened over the console tab says the same, and its button opens Teach mode there. */
  async function popupWarns(page, name) {
    const popup = await browser.context.newPage();
    try {
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      // The popup reads the active tab when it opens: the console's, as when the agent clicks the toolbar icon.
      await page.bringToFront();
      await popup.reload();
      const alert = popup.getByRole('alert').filter({ hasText: `“${name}”在这个工作台上已找不到消息` });
      await alert.waitFor({ timeout: 15000 });
      await alert.getByRole('button', { name: '重新教一次' }).click();
    } finally {
      if (!popup.isClosed()) await popup.close();
    }
    const dialog = page.getByRole('dialog', { name: DIALOG });
    await dialog.waitFor({ timeout: 15000 });
    await dialog.getByRole('button', { name: '取消' }).first().click();
    await dialog.waitFor({ state: 'detached' });
  }

  /** The options list: the config's row shows its last successful read, flagged. */
  async function optionsShowLastMatch(name) {
    await ext.goto(`chrome-extension://${browser.extensionId}/options.html#sites`);
    const row = ext.getByRole('row').filter({ hasText: name });
    await row.getByText(/^最近一次成功读取：/).waitFor();
    assert.equal(await row.locator('.badge.warn').filter({ hasText: '最近一次成功读取' }).count(), 1, 'flagged as failing');
  }

  it('a config the agent imported: told in the overlay and the popup, re-teach opens Teach mode, the options list shows the last match', async () => {
    const siteId = 'user-test-classic-noid';
    const name = '测试工作台：经典列表 + 会话（消息无 id、无时间）';
    const page = await browser.context.newPage();
    try {
      await page.goto(`${server.url}classic-noid/index.html?reset`);
      await page.locator('body[data-console-ready="true"]').waitFor();
      const healthy = await breakConsole(page, siteId, CLASSIC_REDESIGN, () => window.console2.pushCustomerMessage('c-1001', '在吗'));
      await page.locator('body[data-console-ready="true"]').waitFor();
      assert.equal(await page.locator('.message').count(), 0, 'the reloaded console is redesigned');
      await overlayWarns(page, name);
      const h = (await stored('siteHealth'))[siteId];
      assert.deepEqual([...h.failing].sort(), ['composer', 'conversation', 'messages'], JSON.stringify(h));
      assert.equal(h.lastMatchAt, healthy.lastMatchAt, 'the last match is the last good read');
      await popupWarns(page, name);
      await optionsShowLastMatch(name);
    } finally {
      await page.close();
    }
  });

  it('a built-in config (the demo workspace) is watched the same way', async () => {
    const siteId = 'deskmate-demo';
    const name = '客服助手演示工作台';
    const page = await browser.context.newPage();
    try {
      await page.goto(`${demo.url}?schedule=off`);
      await page.locator('#messages .msg').first().waitFor();
      await breakConsole(page, siteId, DEMO_REDESIGN, () => window.demo.pushCustomerMessage(window.demo.activeConversation(), '在吗'));
      await page.locator('#messages').waitFor();
      await overlayWarns(page, name);
      await popupWarns(page, name);
      await optionsShowLastMatch(name);
    } finally {
      await page.close();
    }
  });
});

// End-to-end in Firefox ESR (issue 13 "Config health", issue 14 for built-in configs): the same as
// chromium-health.test.mjs — a configured console works, is redesigned (health-redesign.mjs), and
// the overlay says so with a button opening Teach mode; the options list shows the last match.
// Once for a config the agent imported (classic-noid), once for the built-in demo config. The
// grace is not waited for: the time the redesigned page stored is moved back, then the page reloads.
// (The popup's warning is checked in Chromium only: without the "tabs" permission, a popup opened
// by a test and not by the agent's click on the toolbar icon is shown no tab address in Firefox.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { CLASSIC_REDESIGN, DEMO_REDESIGN, redesign, redesignUntilMissing } from './health-redesign.mjs';
import { demoServer, launchFirefox, openFirefoxExtensionPage, ROOT, waitFor } from './helpers.mjs';

describe('Firefox: config health after a console is redesigned', () => {
  let server;
  let demo;
  let browser;
  let ext; // an extension page, to read and write extension storage

  before(async () => {
    server = await startConsoleServer();
    demo = await demoServer();
    browser = await launchFirefox();
    ext = await openFirefoxExtensionPage(browser, 'options.html#sites');
    await ext.evaluate(() => globalThis.browser.storage.local.set({ language: 'zh-CN' }));
    const config = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/consoles/classic-noid/config.json'), 'utf8'));
    const r = await ext.evaluate(
      (c) => globalThis.browser.runtime.sendMessage({ deskmate: 1, type: 'sites.save', input: { config: c } }),
      config,
    );
    assert.equal(r?.ok, true, JSON.stringify(r));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await demo?.close();
  });

  const stored = (key) => ext.evaluate(async (k) => (await globalThis.browser.storage.local.get(k))[k], key);
  const overlayText = (page) => page.evaluate(() => document.querySelector('deskmate-overlay')?.shadowRoot?.textContent ?? '');
  const overlayButton = (page, label) => page.$(`deskmate-overlay >>> button[aria-label="${label}"]`);
  const overlayButtonByText = (page, text) =>
    page.evaluateHandle(
      (t) =>
        Array.from(document.querySelector('deskmate-overlay')?.shadowRoot?.querySelectorAll('button') ?? []).find(
          (b) => b.textContent === t,
        ) ?? null,
      text,
    );

  /** Healthy first; redesigned in place until the page stores what is missing; that time moved back; reloaded redesigned. */
  async function breakConsole(page, siteId, map, pushMessage) {
    const store = (key, value) => ext.evaluate(([k, v]) => globalThis.browser.storage.local.set({ [k]: v }), [key, value]);
    const healthy = await redesignUntilMissing({ page, siteId, map, pushMessage, stored, store, waitFor, assert });
    // A redeploy stays: the reloaded page has the new names too.
    await page.evaluateOnNewDocument(redesign, map);
    // The page reloads itself (puppeteer's reload waits for a load event Firefox's BiDi may not send here).
    await page.evaluate(() => {
      window.beforeReload = true;
      setTimeout(() => location.reload(), 0);
    });
    await waitFor(() => page.evaluate(() => !window.beforeReload && document.readyState === 'complete'), { message: 'the reload' });
    return healthy;
  }

  /** The overlay's warning, and its button opening Teach mode (cancelled again). */
  async function overlayWarns(page, name) {
    await page.bringToFront();
    const open = await waitFor(() => overlayButton(page, '打开客服助手'), { timeout: 15000, message: 'the overlay' });
    await open.click();
    const warning = `“${name}”在这个工作台上已找不到消息`;
    await waitFor(async () => (await overlayText(page)).includes(warning), { timeout: 30000, message: warning });
    assert.match(await overlayText(page), /回复输入框/);
    await (await overlayButtonByText(page, '重新教一次')).asElement().click();
    await waitFor(() => overlayButton(page, '点选：一条顾客消息'), { timeout: 15000, message: 'Teach mode' });
    await (await overlayButton(page, '取消')).click();
    await waitFor(async () => !(await overlayButton(page, '点选：一条顾客消息')), { message: 'Teach mode closed' });
  }

  /** The options list (open since the start: it follows the stored health): the config's row shows its last successful read, flagged. */
  async function optionsShowLastMatch(name) {
    await waitFor(
      () =>
        ext.evaluate(
          (n) =>
            Array.from(document.querySelectorAll('tr')).some(
              (tr) =>
                tr.textContent.includes(n) &&
                Array.from(tr.querySelectorAll('.badge.warn')).some((b) => b.textContent.startsWith('最近一次成功读取：')),
            ),
          name,
        ),
      { timeout: 15000, message: `the last match of ${name} in the options list` },
    );
  }

  it('a config the agent imported: told in the overlay, re-teach opens Teach mode, the options list shows the last match', async () => {
    const siteId = 'user-test-classic-noid';
    const name = '测试工作台：经典列表 + 会话（消息无 id、无时间）';
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}classic-noid/index.html?reset`);
      await waitFor(() => page.$('body[data-console-ready="true"]'), { message: 'console ready' });
      const healthy = await breakConsole(page, siteId, CLASSIC_REDESIGN, () => window.console2.pushCustomerMessage('c-1001', '在吗'));
      // The reloaded console: ready, and redesigned.
      await waitFor(
        () =>
          page.evaluate(
            () =>
              document.body?.dataset.consoleReady === 'true' && !!document.querySelector('.bubble') && !document.querySelector('.message'),
          ),
        { message: 'the reloaded console, redesigned' },
      );
      await overlayWarns(page, name);
      const h = (await stored('siteHealth'))[siteId];
      assert.deepEqual([...h.failing].sort(), ['composer', 'conversation', 'messages'], JSON.stringify(h));
      assert.equal(h.lastMatchAt, healthy.lastMatchAt, 'the last match is the last good read');
      await optionsShowLastMatch(name);
    } finally {
      await page.close();
    }
  });

  it('a built-in config (the demo workspace) is watched the same way', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${demo.url}?schedule=off`);
      await waitFor(() => page.$('#messages .msg'), { message: 'the demo' });
      await breakConsole(page, 'deskmate-demo', DEMO_REDESIGN, () =>
        window.demo.pushCustomerMessage(window.demo.activeConversation(), '在吗'),
      );
      await waitFor(() => page.evaluate(() => !!document.querySelector('#messages .bubble') && !document.querySelector('#messages .msg')), {
        message: 'the reloaded demo, redesigned',
      });
      await overlayWarns(page, '客服助手演示工作台');
      await optionsShowLastMatch('客服助手演示工作台');
    } finally {
      await page.close();
    }
  });
});

// End-to-end: "Teach this site" on a console nobody wrote a config for (hashed class names, the
// sender only in a data attribute): the agent clicks a customer message, their own message and
// the reply box; Deskmate shows what it detects, saves a config, and the timers work there.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { launchChromium, readTable, removeDir, ROOT, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: teach this site', () => {
  let server;
  let profile;
  let browser;

  before(async () => {
    // 127.0.0.2: a host no built-in config matches (the demo's covers 127.0.0.1 and localhost).
    server = await startStaticServer({ mounts: [['/', join(ROOT, 'test/fixtures/teach-console')]], host: '127.0.0.2' });
    profile = tempProfile();
    browser = await launchChromium(profile);
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    removeDir(profile);
  });

  // docs/security.md S2, round 2: teach mode listens on the page's window; a page script's
  // el.click(), dispatched pointer moves and keys (isTrusted false) must not pick anything.
  it("ignores clicks and keys a page script makes while picking; the agent's own click picks", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const reply = await ext.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url: `${url}*` });
      return chrome.runtime.sendMessage({ deskmate: 1, type: 'teach.start', input: { tabId: tab.id } });
    }, server.url);
    assert.equal(reply.ok, true, JSON.stringify(reply));
    await ext.close();
    try {
      const dialog = page.getByRole('dialog', { name: '教 Deskmate 认识这个网站' });
      await dialog.waitFor({ timeout: 15000 });
      await dialog.getByRole('button', { name: '点选：回复输入框' }).click();
      const stop = dialog.getByRole('button', { name: '停止点选：回复输入框' });
      await stop.waitFor();
      const found = await page.evaluate(() => {
        const box = document.querySelector('textarea.Composer_input__e5F6g');
        box.dispatchEvent(new PointerEvent('pointermove', { bubbles: true, composed: true }));
        box.click();
        for (const key of ['ArrowUp', 'Enter', 'Escape']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        return !!box;
      });
      assert.ok(found);
      // The synthetic Escape did not stop picking and nothing was picked …
      assert.equal(await stop.getAttribute('aria-pressed'), 'true');
      assert.equal(await dialog.getByText('已找到回复输入框').count(), 0);
      // … while the agent's own click (trusted, through the browser) does.
      await page.locator('textarea.Composer_input__e5F6g').click();
      await dialog.getByText('已找到回复输入框').waitFor();
    } finally {
      await page.close();
    }
  });

  it('derives a config from three clicks, shows what it detects, saves it, and counts waits there', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    assert.equal(await page.locator('deskmate-overlay').count(), 0, 'no overlay on an unknown site');

    // What the popup's button does: ask the background to open Teach mode in this tab.
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const reply = await ext.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url: `${url}*` });
      return chrome.runtime.sendMessage({ deskmate: 1, type: 'teach.start', input: { tabId: tab.id } });
    }, server.url);
    assert.equal(reply.ok, true, JSON.stringify(reply));
    await ext.close();

    const dialog = page.getByRole('dialog', { name: '教 Deskmate 认识这个网站' });
    await dialog.waitFor({ timeout: 15000 });
    const pick = async (step, target) => {
      await dialog.getByRole('button', { name: `点选：${step}` }).click();
      await page.locator(target).click();
    };
    await pick('一条顾客消息', '#thread li:nth-child(1) span');
    // The agent's messages are on the right, under the panel: move the panel out of the way.
    await dialog.getByRole('button', { name: '把面板移到左侧' }).click();
    await pick('一条你自己发的消息', '#thread li:nth-child(2) span');
    await pick('回复输入框', 'textarea.Composer_input__e5F6g');
    await dialog.getByText('顾客消息 2 条，你的消息 1 条').waitFor();
    await dialog.getByText('已找到回复输入框').waitFor();
    // The page never saw the picking clicks (they are swallowed): its composer did not take focus.
    assert.notEqual(await page.evaluate(() => document.activeElement?.className), 'Composer_input__e5F6g');

    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
    const saved = await waitFor(
      async () => (await readTable(browser.context, browser.extensionId, 'siteConfigs')).find((r) => r.id === 'user-127.0.0.2'),
      {
        message: 'the taught config',
      },
    );
    assert.equal(saved.source, 'user');
    assert.equal(saved.config.verified, false);
    assert.deepEqual(saved.config.matches, ['http://127.0.0.2/*']);
    const selectors = JSON.stringify(saved.config.selectors);
    for (const hashed of ['x8s7d', '3fGh2', 'kPQfY', 'css-1x2y3z', 'q9W8e', 'z7X6y'])
      assert.ok(!selectors.includes(hashed), `no hashed class (${hashed}) in ${selectors}`);

    // Timers now watch this console: a new customer message starts a wait, the reply ends it.
    await page.evaluate(() => window.pushMessage('in', '在吗，急'));
    await waitFor(
      async () => (await readTable(browser.context, browser.extensionId, 'rounds')).some((r) => r.siteId === 'user-127.0.0.2'),
      {
        message: 'a wait on the taught site',
      },
    );
    await page.evaluate(() => window.pushMessage('out', '在的亲，今天就能发'));
    await waitFor(
      async () =>
        (await readTable(browser.context, browser.extensionId, 'rounds')).some((r) => r.siteId === 'user-127.0.0.2' && r.endedAt > 0),
      {
        message: 'the reply to end it',
      },
    );
    await page.close();
  });
});

// End-to-end in Firefox ESR (issue 13): the same as chromium-teach-side.test.mjs — side-only, a
// console where nothing but the layout tells senders apart: a slip reads no sender, one click in
// the sender list corrects it, senders are read by side, the timeline's waits are exact. Picks are
// puppeteer's real clicks (trusted). Then side-avatar/, where the buyer's avatar tells them apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { AUTO_REPLY, makeWaitSeconds, playStandardTimeline, TEMPLATE_REPLY } from '../fixtures/consoles/timelines.mjs';
import { assertWaits, waitForWaits } from './consoles.mjs';
import { launchFirefox, openFirefoxExtensionPage, readFirefoxTable, waitFor } from './helpers.mjs';

describe('Firefox: teaching a console where only the side tells senders apart', () => {
  let server;
  let browser;

  before(async () => {
    server = await startConsoleServer();
    browser = await launchFirefox();
    // This Firefox has no Chinese UI language pack: Deskmate's own language setting chooses zh-CN.
    const ext = await openFirefoxExtensionPage(browser, 'popup.html');
    await ext.evaluate(() => globalThis.browser.storage.local.set({ language: 'zh-CN' }));
    await ext.close();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The overlay's text (the inspect build keeps its shadow root open). */
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
  const overlayShows = (page, text, message = text) => waitFor(async () => (await overlayText(page)).includes(text), { message });

  async function startTeaching(page) {
    const ext = await openFirefoxExtensionPage(browser, 'popup.html');
    try {
      // Without the "tabs" permission Firefox shows no tab URLs: the console is the tab opened just before this one.
      const reply = await ext.evaluate(async () => {
        const me = await globalThis.browser.tabs.getCurrent();
        const tabs = await globalThis.browser.tabs.query({ windowId: me.windowId });
        const tab = tabs.find((x) => x.index === me.index - 1);
        return globalThis.browser.runtime.sendMessage({ deskmate: 1, type: 'teach.start', input: { tabId: tab.id } });
      });
      assert.equal(reply?.ok, true, JSON.stringify(reply));
    } finally {
      await ext.close();
    }
    await page.bringToFront();
    await waitFor(() => overlayButton(page, '点选：一条顾客消息'), { timeout: 15000, message: 'the teach dialog' });
  }

  /** Docks the panel away from the target, starts picking, clicks the target with the mouse (a real click). */
  async function pick(page, step, target) {
    const b = await target.boundingBox();
    const point = { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    const width = await page.evaluate(() => window.innerWidth);
    const dock = await overlayButton(page, point.x < width / 2 ? '把面板移到右侧' : '把面板移到左侧');
    if (dock) await dock.click();
    await (await overlayButton(page, `点选：${step}`)).click();
    await waitFor(() => overlayButton(page, `停止点选：${step}`), { message: `picking ${step}` });
    const again = await target.boundingBox();
    await page.mouse.click(again.x + again.width / 2, again.y + again.height / 2);
    await waitFor(() => overlayButton(page, `重新点选：${step}`), { message: `picked ${step}` });
  }

  /** The message text element showing exactly `text` in the thread. */
  const messageText = async (page, text) =>
    (
      await page.evaluateHandle(
        (t) => Array.from(document.querySelectorAll('._v0s6 ._t3v6')).find((el) => el.textContent === t) ?? null,
        text,
      )
    ).asElement();

  /** The other picks (reply box, title, a conversation), the detection, save. */
  async function finishTeaching(page) {
    await pick(page, '回复输入框', await page.$('.composer textarea.editor'));
    await pick(page, '会话标题（顾客昵称）', await page.$('.chat-header .chat-title'));
    await pick(page, '会话列表中的一个会话', await page.$('.conv-item .conv-name'));
    await overlayShows(page, '顾客消息 2 条，你的消息 1 条');
    await overlayShows(page, '已找到回复输入框');
    await overlayShows(page, '当前会话：c-1001');
    await (await overlayButtonByText(page, '保存')).asElement().click();
    await waitFor(async () => !(await overlayButton(page, '点选：一条顾客消息')), { message: 'the dialog to close' });
  }

  const savedConfig = (id) =>
    waitFor(async () => (await readFirefoxTable(browser, 'siteConfigs')).find((r) => r.id === id), { message: `the taught config ${id}` });

  /** The console's scripted timeline under the taught config: every wait exact. */
  async function playAndCheck(page, url, siteId, name) {
    await page.goto(`${url}?reset`);
    await waitFor(() => page.$('body[data-console-ready="true"]'), { message: 'console ready' });
    await waitFor(async () => (await readFirefoxTable(browser, 'conversations')).some((c) => c.siteId === siteId), {
      timeout: 30000,
      message: `the watcher of ${siteId}`,
    });
    await page.bringToFront();
    const expected = await playStandardTimeline(page, { waitSeconds: makeWaitSeconds() });
    const rounds = await waitForWaits(
      async () => (await readFirefoxTable(browser, 'rounds')).filter((r) => r.siteId === siteId),
      expected,
      name,
    );
    assertWaits(rounds, expected, siteId);
  }

  /** The console at `url`, reset, with an unread conversation and the shop's auto reply on screen. */
  async function openConsole(url) {
    const page = await browser.newPage();
    await page.goto(`${url}?reset`);
    await waitFor(() => page.$('body[data-console-ready="true"]'), { message: 'console ready' });
    await page.evaluate(() => window.console2.pushCustomerMessage('c-1004', '还在吗'));
    await page.evaluate(() => window.console2.pushCustomerMessage('c-1001', '这款有货吗'));
    await page.evaluate((t) => window.console2.pushBotMessage('c-1001', t), AUTO_REPLY);
    return page;
  }

  it('no class, attribute or avatar differs: the sender list shows what is read, one click corrects it, waits exact', async () => {
    const url = `${server.url}side-only/index.html`;
    const siteId = 'user-127.0.0.2-side-only';
    const page = await openConsole(url);
    try {
      await startTeaching(page);

      await pick(page, '一条顾客消息', await messageText(page, '在吗'));
      await pick(page, '一条你自己发的消息', await messageText(page, '这款有货吗'));
      await overlayShows(page, '未识别：在吗', 'no sender read after the slip');
      await (await overlayButton(page, `“${TEMPLATE_REPLY}”是我发的`)).click();
      await overlayShows(page, '顾客：在吗');
      await overlayShows(page, `你：${TEMPLATE_REPLY}`);
      await overlayShows(page, '只有消息在会话中的左右位置能区分顾客和你');
      await overlayShows(page, '顾客：这款有货吗');
      await overlayShows(page, '系统：会话已结束');
      await overlayShows(page, `自动回复：自动回复${AUTO_REPLY}`);

      await finishTeaching(page);
      const saved = await savedConfig(siteId);
      assert.deepEqual(saved.config.selectors.messageSender, {
        side: { left: 'customer', right: 'agent' },
        bot: ['.auto-reply'],
        system: ['.sys-tip'],
      });
      await playAndCheck(page, url, siteId, 'side-only');
    } finally {
      await page.close();
    }
  });

  it("customer messages show the buyer's avatar, the agent's none: senders by the avatar's place; waits exact", async () => {
    const url = `${server.url}side-avatar/index.html`;
    const siteId = 'user-127.0.0.2-side-avatar';
    const page = await openConsole(url);
    try {
      await startTeaching(page);
      await pick(page, '一条顾客消息', await messageText(page, '在吗'));
      await pick(page, '一条你自己发的消息', await messageText(page, TEMPLATE_REPLY));
      await overlayShows(page, '顾客：在吗');
      await overlayShows(page, `你：${TEMPLATE_REPLY}`);
      await finishTeaching(page);
      assert.deepEqual((await savedConfig(siteId)).config.selectors.messageSender, {
        customer: [':has(> div > img):not(.auto-reply):not(.sys-tip)'],
        agent: [':not(:has(> div > img)):not(.auto-reply):not(.sys-tip)'],
        bot: ['.auto-reply'],
        system: ['.sys-tip'],
      });
      await playAndCheck(page, url, siteId, 'side-avatar');
    } finally {
      await page.close();
    }
  });
});

// End-to-end in Firefox ESR (issue 13): the same as chromium-teach-side.test.mjs — side-only, a
// console where nothing but the layout tells senders apart: a slip reads no sender, one click in
// the sender list corrects it, senders are read by side, the timeline's waits are exact. Picks are
// puppeteer's real clicks (trusted).
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

  it('no class, attribute or avatar differs: the sender list shows what is read, one click corrects it, waits exact', async () => {
    const url = `${server.url}side-only/index.html`;
    const siteId = 'user-127.0.0.2-side-only';
    const page = await browser.newPage();
    try {
      await page.goto(`${url}?reset`);
      await waitFor(() => page.$('body[data-console-ready="true"]'), { message: 'console ready' });
      await page.evaluate(() => window.console2.pushCustomerMessage('c-1004', '还在吗'));
      await page.evaluate((t) => window.console2.pushBotMessage('c-1001', t), AUTO_REPLY);
      await startTeaching(page);

      await pick(page, '一条顾客消息', await messageText(page, '在吗'));
      await pick(page, '一条你自己发的消息', await messageText(page, '会话已结束'));
      await overlayShows(page, '未识别：在吗', 'no sender read after the slip');
      await (await overlayButton(page, `“${TEMPLATE_REPLY}”是我发的`)).click();
      await overlayShows(page, '顾客：在吗');
      await overlayShows(page, `你：${TEMPLATE_REPLY}`);
      await overlayShows(page, '只有消息在会话中的左右位置能区分顾客和你');
      assert.ok((await overlayText(page)).includes('未识别：会话已结束'), 'the centred system line is on neither side');

      await pick(page, '回复输入框', await page.$('.composer textarea.editor'));
      await pick(page, '会话标题（顾客昵称）', await page.$('.chat-header .chat-title'));
      await pick(page, '会话列表中的一个会话', await page.$('.conv-item .conv-name'));
      await overlayShows(page, '顾客消息 1 条，你的消息 1 条');
      await overlayShows(page, '已找到回复输入框');
      await overlayShows(page, '当前会话：c-1001');
      await (await overlayButtonByText(page, '保存')).asElement().click();
      await waitFor(async () => !(await overlayButton(page, '点选：一条顾客消息')), { message: 'the dialog to close' });

      const saved = await waitFor(async () => (await readFirefoxTable(browser, 'siteConfigs')).find((r) => r.id === siteId), {
        message: `the taught config ${siteId}`,
      });
      assert.deepEqual(saved.config.selectors.messageSender, { side: { left: 'customer', right: 'agent' }, bot: ['.auto-reply'] });

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
        'side-only',
      );
      assertWaits(rounds, expected, siteId);
    } finally {
      await page.close();
    }
  });
});

// End-to-end in Firefox ESR (issue 13): the same teaching as chromium-teach-consoles.test.mjs —
// the classic console on 127.0.0.1 where the built-in demo config also matches (the taught config
// must win and the page tab must say so), and nested shadow roots with the composer in an iframe —
// each ending with the scripted timeline, waits exact. Picks are puppeteer's real clicks (trusted).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { makeWaitSeconds, playStandardTimeline } from '../fixtures/consoles/timelines.mjs';
import { assertWaits, waitForWaits } from './consoles.mjs';
import { launchFirefox, openFirefoxExtensionPage, readFirefoxTable, ROOT, waitFor } from './helpers.mjs';

describe('Firefox: teaching the test consoles', () => {
  let demoHost;
  let server;
  let browser;

  before(async () => {
    demoHost = await startStaticServer({ mounts: [['/', join(ROOT, 'test/fixtures/consoles')]], host: '127.0.0.1' });
    server = await startConsoleServer();
    browser = await launchFirefox();
    // This Firefox has no Chinese UI language pack: Deskmate's own language setting chooses zh-CN.
    const ext = await openFirefoxExtensionPage(browser, 'popup.html');
    await ext.evaluate(() => globalThis.browser.storage.local.set({ language: 'zh-CN' }));
    await ext.close();
  });
  after(async () => {
    await browser?.close();
    await demoHost?.close();
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

  async function startTeaching(page) {
    const ext = await openFirefoxExtensionPage(browser, 'popup.html');
    try {
      // Without the "tabs" permission Firefox shows no tab URLs: the console is the tab opened
      // just before this one (each page here is opened as a new tab at the end).
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

  /**
   * Docks the panel on the side away from the target, starts picking, clicks the target with the
   * mouse (a real click). A target is an element handle or, where puppeteer cannot place one (an
   * iframe inside a shadow root), its centre in the top frame's viewport `{ point: { x, y } }`.
   */
  async function pick(page, step, target) {
    const point = target.point ?? (await target.boundingBox().then((b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2 })));
    const width = await page.evaluate(() => window.innerWidth);
    const dock = await overlayButton(page, point.x < width / 2 ? '把面板移到右侧' : '把面板移到左侧');
    if (dock) await dock.click();
    await (await overlayButton(page, `点选：${step}`)).click();
    await waitFor(() => overlayButton(page, `停止点选：${step}`), { message: `picking ${step}` });
    await page.mouse.click(point.x, point.y);
    await waitFor(() => overlayButton(page, `重新点选：${step}`), { message: `picked ${step}` });
  }

  async function teach(page, targets) {
    await page.evaluate(() => window.console2.pushCustomerMessage('c-1004', '还在吗'));
    await startTeaching(page);
    await pick(page, '一条顾客消息', await targets.customer());
    await pick(page, '一条你自己发的消息', await targets.agent());
    await pick(page, '回复输入框', await targets.composer());
    await pick(page, '会话标题（顾客昵称）', await targets.title());
    await pick(page, '会话列表中的一个会话', await targets.conversation());
    await waitFor(async () => /顾客消息 [1-9]\d* 条，你的消息 [1-9]\d* 条/.test(await overlayText(page)), { message: 'messages detected' });
    await waitFor(
      async () => (await overlayText(page)).includes('已找到回复输入框') && (await overlayText(page)).includes('当前会话：c-1001'),
      { message: 'composer and conversation' },
    );
    await (await overlayButtonByText(page, '保存')).asElement().click();
    await waitFor(async () => !(await overlayButton(page, '点选：一条顾客消息')), { message: 'the dialog to close' });
  }

  const onScreen = async (page, selector) =>
    (
      await page.evaluateHandle(
        (sel) =>
          Array.from(document.querySelectorAll(sel)).find((el) => {
            const r = el.getBoundingClientRect();
            return r.top > 0 && r.bottom < window.innerHeight;
          }) ?? null,
        selector,
      )
    ).asElement();

  const savedConfig = (id) =>
    waitFor(async () => (await readFirefoxTable(browser, 'siteConfigs')).find((r) => r.id === id), { message: `the taught config ${id}` });

  async function playAndCheck(page, url, siteId, name) {
    await page.goto(`${url}?reset`);
    await waitFor(() => page.$('body[data-console-ready="true"]'), { message: `${name} ready` });
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

  it('classic console on a host the demo config also matches: the taught config wins and switches; waits exact', async () => {
    const url = `${demoHost.url}classic-noid/index.html`;
    const siteId = 'user-127.0.0.1-classic-noid';
    const page = await browser.newPage();
    try {
      await page.goto(`${url}?reset`);
      await waitFor(() => page.$('body[data-console-ready="true"]'), { message: 'console ready' });
      await waitFor(() => page.$('deskmate-overlay'), { timeout: 15000, message: 'the overlay (the demo config matches 127.0.0.1)' });
      await teach(page, {
        customer: () => page.$('.message.customer .content'),
        agent: () => page.$('.message.agent .content'),
        composer: () => page.$('.composer textarea.editor'),
        title: () => page.$('.chat-header .chat-title'),
        conversation: () => page.$('.conv-item .conv-name'),
      });
      const saved = await savedConfig(siteId);
      assert.deepEqual(saved.config.matches, ['http://127.0.0.1/classic-noid/*']);

      await (await overlayButton(page, '打开客服助手')).click();
      const tab = await page.waitForSelector('deskmate-overlay >>> #dm-tab-status');
      await tab.click();
      await waitFor(async () => (await overlayText(page)).includes('正在读取此页面的配置：127.0.0.1（你自己的）'), {
        message: 'the taught config in effect',
      });
      assert.ok((await overlayText(page)).includes('你自己的配置（教会的或导入的）优先于内置配置。'));
      await (await overlayButtonByText(page, '改用 客服助手演示工作台')).asElement().click();
      await waitFor(async () => (await overlayText(page)).includes('正在读取此页面的配置：客服助手演示工作台（内置）'), {
        message: 'the demo config chosen',
      });
      await (await overlayButtonByText(page, '恢复默认（127.0.0.1）')).asElement().click();
      await waitFor(async () => (await overlayText(page)).includes('正在读取此页面的配置：127.0.0.1（你自己的）'), {
        message: 'back to the taught config',
      });

      await playAndCheck(page, url, siteId, 'classic-noid on 127.0.0.1');
      assert.equal((await readFirefoxTable(browser, 'rounds')).filter((r) => r.siteId === 'deskmate-demo').length, 0);
    } finally {
      await page.close();
    }
  });

  it('hashed classes only, recycled rows, the id in the URL hash: senders from the classes that differ, waits exact', async () => {
    const url = `${server.url}virtual-hashed/index.html`;
    const siteId = 'user-127.0.0.2-virtual-hashed';
    const page = await browser.newPage();
    try {
      await page.goto(`${url}?reset`);
      await waitFor(() => page.$('body[data-console-ready="true"]'), { message: 'console ready' });
      await teach(page, {
        // Rows of the virtual list above the fold are out of the viewport: take one on screen.
        customer: () => onScreen(page, '._k2x1 ._t3v6'),
        agent: () => onScreen(page, '._m4c8 ._t3v6'),
        composer: () => page.$('textarea._i9o3'),
        title: () => page.$('._d8f3 ._y5r1'),
        conversation: () => page.$('a._q8m2 ._p4l0'),
      });
      const saved = await savedConfig(siteId);
      assert.deepEqual(saved.config.selectors.messageSender, { customer: ['._k2x1'], agent: ['._m4c8'] });
      await playAndCheck(page, url, siteId, 'virtual-hashed');
    } finally {
      await page.close();
    }
  });

  it('nested shadow roots and a composer in an iframe: picks inside them, waits exact', async () => {
    const url = `${server.url}shadow-iframe/index.html`;
    const siteId = 'user-127.0.0.2-shadow-iframe';
    const page = await browser.newPage();
    try {
      await page.goto(`${url}?reset`);
      await waitFor(() => page.$('body[data-console-ready="true"]'), { message: 'console ready' });
      await teach(page, {
        customer: () => page.$('desk-app >>> chat-thread >>> .msg[data-author-type="customer"] .text'),
        agent: () => page.$('desk-app >>> chat-thread >>> .msg[data-author-type="agent"] .text'),
        composer: async () => ({
          point: await page.evaluate(() => {
            const frame = document
              .querySelector('desk-app')
              .shadowRoot.querySelector('chat-thread')
              .shadowRoot.querySelector('iframe.composer');
            const f = frame.getBoundingClientRect();
            const r = frame.contentDocument.querySelector('textarea#reply').getBoundingClientRect();
            return { x: f.left + frame.clientLeft + r.left + r.width / 2, y: f.top + frame.clientTop + r.top + r.height / 2 };
          }),
        }),
        title: () => page.$('desk-app >>> chat-thread >>> .head .title'),
        conversation: () => page.$('desk-app >>> chat-list >>> .item .name'),
      });
      const saved = await savedConfig(siteId);
      assert.match(saved.config.selectors.message[0], /^desk-app >>> chat-thread >>> /);
      assert.match(saved.config.selectors.composer[0], /^desk-app >>> chat-thread >>> [^>]+ >>> [^>]+$/);
      await playAndCheck(page, url, siteId, 'shadow-iframe');
    } finally {
      await page.close();
    }
  });
});

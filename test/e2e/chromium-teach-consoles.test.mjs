// End-to-end (issue 13): teaching Deskmate on the test consoles (test/fixtures/consoles/) the way
// an agent does — pick a customer message, one of theirs, the reply box, the title and a
// conversation in the list, save — then the console's scripted timeline, whose waits must be
// counted exactly. Consoles:
//  - classic-noid served on 127.0.0.1, where the built-in demo config also matches the host: the
//    taught config must be the one in effect (the overlay's page tab says so and why, and switches);
//  - shadow-iframe: everything inside nested open shadow roots, the composer in a same-origin iframe.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { makeWaitSeconds, playStandardTimeline } from '../fixtures/consoles/timelines.mjs';
import { assertWaits, waitForWaits } from './consoles.mjs';
import { launchChromium, readTable, removeDir, ROOT, tempProfile, waitFor } from './helpers.mjs';

const DIALOG = '教 Deskmate 认识这个网站';

describe('Chromium: teaching the test consoles', () => {
  let demoHost; // the consoles on 127.0.0.1 (the demo config matches that host)
  let server; // the consoles on 127.0.0.2
  let profile;
  let browser;

  before(async () => {
    demoHost = await startStaticServer({ mounts: [['/', join(ROOT, 'test/fixtures/consoles')]], host: '127.0.0.1' });
    server = await startConsoleServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
  });
  after(async () => {
    await browser?.context.close();
    await demoHost?.close();
    await server?.close();
    if (profile) removeDir(profile);
  });

  const ext = (path = 'popup.html') => `chrome-extension://${browser.extensionId}/${path}`;

  /** What the popup's button does: ask the background to open Teach mode in the tab at `url`. */
  async function startTeaching(page, url) {
    const popup = await browser.context.newPage();
    try {
      await popup.goto(ext());
      const reply = await popup.evaluate(async (u) => {
        const [tab] = await chrome.tabs.query({ url: `${u}*` });
        return chrome.runtime.sendMessage({ deskmate: 1, type: 'teach.start', input: { tabId: tab.id } });
      }, url);
      assert.equal(reply.ok, true, JSON.stringify(reply));
    } finally {
      await popup.close();
    }
    const dialog = page.getByRole('dialog', { name: DIALOG });
    await dialog.waitFor({ timeout: 15000 });
    return dialog;
  }

  /** Picks one step: the panel moved out of the way when it covers the target, then the agent's own (trusted) click. */
  async function pick(page, dialog, step, target) {
    const covered = await target.click({ trial: true, timeout: 2000 }).then(
      () => false,
      () => true,
    );
    if (covered) await dialog.getByRole('button', { name: /^把面板移到/ }).click();
    await dialog.getByRole('button', { name: `点选：${step}` }).click();
    await dialog.getByRole('button', { name: `停止点选：${step}` }).waitFor();
    await target.click();
    await dialog.getByRole('button', { name: `重新点选：${step}` }).waitFor();
  }

  async function teach(page, url, targets) {
    // A badge on one conversation while teaching: the list's unread rule is derived from it.
    await page.evaluate(() => window.console2.pushCustomerMessage('c-1004', '还在吗'));
    const dialog = await startTeaching(page, url);
    await pick(page, dialog, '一条顾客消息', targets.customer);
    await pick(page, dialog, '一条你自己发的消息', targets.agent);
    await pick(page, dialog, '回复输入框', targets.composer);
    await pick(page, dialog, '会话标题（顾客昵称）', targets.title);
    await pick(page, dialog, '会话列表中的一个会话', targets.conversation);
    await dialog.getByText(/顾客消息 [1-9]\d* 条，你的消息 [1-9]\d* 条/).waitFor();
    await dialog.getByText('已找到回复输入框').waitFor();
    await dialog.getByText('当前会话：c-1001').waitFor();
    if (targets.warning) await dialog.getByText(targets.warning).waitFor();
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  async function savedConfig(id) {
    return waitFor(async () => (await readTable(browser.context, browser.extensionId, 'siteConfigs')).find((r) => r.id === id), {
      message: `the taught config ${id}`,
    });
  }

  async function playAndCheck(page, url, siteId, name) {
    await page.goto(`${url}?reset`);
    await page.locator('body[data-console-ready="true"]').waitFor();
    await waitFor(async () => (await readTable(browser.context, browser.extensionId, 'conversations')).some((c) => c.siteId === siteId), {
      timeout: 30000,
      message: `the watcher of ${siteId}`,
    });
    const expected = await playStandardTimeline(page, { waitSeconds: makeWaitSeconds() });
    const rounds = await waitForWaits(
      async () => (await readTable(browser.context, browser.extensionId, 'rounds')).filter((r) => r.siteId === siteId),
      expected,
      name,
    );
    assertWaits(rounds, expected, siteId);
  }

  it('classic console on a host the demo config also matches: the taught config wins, the page tab says why and switches, waits exact', async () => {
    const url = `${demoHost.url}classic-noid/index.html`;
    const siteId = 'user-127.0.0.1-classic-noid';
    const page = await browser.context.newPage();
    try {
      await page.goto(`${url}?reset`);
      await page.locator('body[data-console-ready="true"]').waitFor();
      // The built-in demo config matches 127.0.0.1: the overlay is there before any teaching.
      await page.locator('deskmate-overlay').waitFor({ state: 'attached', timeout: 15000 });
      await teach(page, url, {
        customer: page.locator('.message.customer .content').first(),
        agent: page.locator('.message.agent .content').first(),
        composer: page.locator('.composer textarea.editor'),
        title: page.locator('.chat-header .chat-title'),
        conversation: page.locator('.conv-item .conv-name').first(),
      });
      const saved = await savedConfig(siteId);
      assert.equal(saved.source, 'user');
      assert.deepEqual(saved.config.matches, ['http://127.0.0.1/classic-noid/*'], "the console's host and path, not the whole host");
      assert.ok(saved.config.selectors.conversationUnread, `an unread rule: ${JSON.stringify(saved.config.selectors)}`);

      // The page tab: the taught config reads the page, because it is the agent's own.
      await page.getByRole('button', { name: '打开客服助手' }).click();
      await page.getByRole('tab', { name: '当前页面' }).click();
      const panel = page.getByRole('tabpanel');
      await panel.getByText('正在读取此页面的配置：127.0.0.1（你自己的）').waitFor();
      await panel.getByText('你自己的配置（教会的或导入的）优先于内置配置。').waitFor();
      // One click to the built-in one; the choice is kept in extension storage; one click back.
      await panel.getByRole('button', { name: '改用 客服助手演示工作台' }).click();
      await panel.getByText('正在读取此页面的配置：客服助手演示工作台（内置）').waitFor();
      await panel.getByText('这是你为 127.0.0.1 选择的配置。').waitFor();
      const popup = await browser.context.newPage();
      await popup.goto(ext());
      assert.deepEqual((await popup.evaluate(() => chrome.storage.local.get('siteChoices'))).siteChoices, { '127.0.0.1': 'deskmate-demo' });
      await popup.close();
      await panel.getByRole('button', { name: '恢复默认（127.0.0.1）' }).click();
      await panel.getByText('正在读取此页面的配置：127.0.0.1（你自己的）').waitFor();

      await playAndCheck(page, url, siteId, 'classic-noid on 127.0.0.1');
      const demoRounds = (await readTable(browser.context, browser.extensionId, 'rounds')).filter((r) => r.siteId === 'deskmate-demo');
      assert.equal(demoRounds.length, 0, 'the built-in demo config counted nothing here');
    } finally {
      await page.close();
    }
  });

  it('hashed classes only, recycled rows, the id in the URL hash: senders from the classes that differ (with a warning), waits exact', async () => {
    const url = `${server.url}virtual-hashed/index.html`;
    const siteId = 'user-127.0.0.2-virtual-hashed';
    const page = await browser.context.newPage();
    try {
      await page.goto(`${url}?reset`);
      await page.locator('body[data-console-ready="true"]').waitFor();
      await teach(page, url, {
        customer: page.locator('._k2x1 ._t3v6').first(),
        agent: page.locator('._m4c8 ._t3v6').first(),
        composer: page.locator('textarea._i9o3'),
        title: page.locator('._d8f3 ._y5r1'),
        conversation: page.locator('a._q8m2 ._p4l0').first(),
      });
      const saved = await savedConfig(siteId);
      const s = saved.config.selectors;
      assert.deepEqual(s.messageSender, { customer: ['._k2x1'], agent: ['._m4c8'] }, JSON.stringify(s));
      assert.equal(s.conversationItemId?.attr, 'href', JSON.stringify(s));
      await playAndCheck(page, url, siteId, 'virtual-hashed');
    } finally {
      await page.close();
    }
  });

  it('nested shadow roots and a composer in an iframe: every pick is the element clicked, selectors cross with >>>, waits exact', async () => {
    const url = `${server.url}shadow-iframe/index.html`;
    const siteId = 'user-127.0.0.2-shadow-iframe';
    const page = await browser.context.newPage();
    try {
      await page.goto(`${url}?reset`);
      await page.locator('body[data-console-ready="true"]').waitFor();
      // Playwright's CSS locators pierce open shadow roots; the frame locator enters the iframe.
      await teach(page, url, {
        customer: page.locator('chat-thread .msg[data-author-type="customer"] .text').first(),
        agent: page.locator('chat-thread .msg[data-author-type="agent"] .text').first(),
        composer: page.frameLocator('chat-thread iframe.composer').locator('textarea#reply'),
        title: page.locator('chat-thread .head .title'),
        conversation: page.locator('chat-list .item .name').first(),
      });
      const saved = await savedConfig(siteId);
      const s = saved.config.selectors;
      assert.deepEqual(saved.config.matches, ['http://127.0.0.2/shadow-iframe/*']);
      assert.match(s.message[0], /^desk-app >>> chat-thread >>> /, JSON.stringify(s.message));
      assert.match(s.composer[0], /^desk-app >>> chat-thread >>> [^>]+ >>> [^>]+$/, `into the iframe: ${JSON.stringify(s.composer)}`);
      assert.match(s.conversationItem[0], /^desk-app >>> chat-list >>> /, JSON.stringify(s.conversationItem));
      assert.equal(s.messageSender.attr, 'data-author-type');
      await playAndCheck(page, url, siteId, 'shadow-iframe');
    } finally {
      await page.close();
    }
  });
});

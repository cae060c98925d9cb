// End-to-end (issue 13): teaching a console where nothing but the layout tells the senders apart
// (test/fixtures/consoles/side-only/: the same generated class for every message row, no
// attribute, no avatar, no name; the agent's bubbles pushed right by a margin). The agent picks a
// customer message and, by mistake, another customer message as their own: Deskmate reads no sender and says
// so for every message on screen; one click on "是我发的" beside one of the agent's messages
// corrects it, the senders are then read by side (left = customer, right = agent, the bot's row
// named by its class). Saved, the console's scripted timeline must be counted exactly. Then the
// same console with the buyer's avatar beside customer messages (side-avatar/): the avatar's place
// tells the senders apart.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { AUTO_REPLY, makeWaitSeconds, playStandardTimeline, TEMPLATE_REPLY } from '../fixtures/consoles/timelines.mjs';
import { assertWaits, waitForWaits } from './consoles.mjs';
import { launchChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

const DIALOG = '教 Deskmate 认识这个网站';

describe('Chromium: teaching a console where only the side tells senders apart', () => {
  let server;
  let profile;
  let browser;

  before(async () => {
    server = await startConsoleServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    if (profile) removeDir(profile);
  });

  /** What the popup's button does: ask the background to open Teach mode in the tab at `url`. */
  async function startTeaching(page, url) {
    const popup = await browser.context.newPage();
    try {
      await popup.goto(`chrome-extension://${browser.extensionId}/popup.html`);
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

  /** Picks one step: the panel moved out of the way when it covers the target, then a trusted click. */
  async function pick(dialog, step, target) {
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

  /** The other picks (reply box, title, a conversation), the detection, save. */
  async function finishTeaching(page, dialog) {
    await pick(dialog, '回复输入框', page.locator('.composer textarea.editor'));
    await pick(dialog, '会话标题（顾客昵称）', page.locator('.chat-header .chat-title'));
    await pick(dialog, '会话列表中的一个会话', page.locator('.conv-item .conv-name').first());
    await dialog.getByText('顾客消息 2 条，你的消息 1 条').waitFor();
    await dialog.getByText('已找到回复输入框').waitFor();
    await dialog.getByText('当前会话：c-1001').waitFor();
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  const savedConfig = (id) =>
    waitFor(async () => (await readTable(browser.context, browser.extensionId, 'siteConfigs')).find((r) => r.id === id), {
      message: `the taught config ${id}`,
    });

  /** The console's scripted timeline under the taught config: every wait exact. */
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

  /** The console at `url`, reset, with an unread conversation and the shop's auto reply on screen. */
  async function openConsole(url) {
    const page = await browser.context.newPage();
    await page.goto(`${url}?reset`);
    await page.locator('body[data-console-ready="true"]').waitFor();
    // A badge on one conversation while teaching: the list's unread rule is derived from it.
    await page.evaluate(() => window.console2.pushCustomerMessage('c-1004', '还在吗'));
    // Another customer message, and the shop's auto reply (on the agent's side): its row's class names the bot.
    await page.evaluate(() => window.console2.pushCustomerMessage('c-1001', '这款有货吗'));
    await page.evaluate((t) => window.console2.pushBotMessage('c-1001', t), AUTO_REPLY);
    return page;
  }

  const messageText = (page, t) =>
    page
      .locator('._v0s6 ._t3v6')
      .filter({ hasText: new RegExp(`^${t}$`) })
      .first();

  it('no class, attribute or avatar differs: the sender list shows what is read, one click corrects it, sides are read per message, waits exact', async () => {
    const url = `${server.url}side-only/index.html`;
    const siteId = 'user-127.0.0.2-side-only';
    const page = await openConsole(url);
    try {
      const dialog = await startTeaching(page, url);
      // The customer's "在吗", then — a slip — another customer message as "mine": nothing tells them apart.
      await pick(dialog, '一条顾客消息', messageText(page, '在吗'));
      await pick(dialog, '一条你自己发的消息', messageText(page, '这款有货吗'));
      await dialog.getByText('未识别：在吗').waitFor();
      await dialog.getByText(`未识别：${TEMPLATE_REPLY}`).waitFor();

      // One click: the template reply is mine. Now the sides tell them apart, for every message.
      await dialog.getByRole('button', { name: `“${TEMPLATE_REPLY}”是我发的` }).click();
      await dialog.getByText('顾客：在吗').waitFor();
      await dialog.getByText('顾客：这款有货吗').waitFor();
      await dialog.getByText(`你：${TEMPLATE_REPLY}`).waitFor();
      await dialog.getByText(/只有消息在会话中的左右位置能区分顾客和你/).waitFor();
      // The centred system line and the bot's row (on the agent's side) are named by their classes.
      await dialog.getByText('系统：会话已结束').waitFor();
      await dialog.getByText(`自动回复：自动回复${AUTO_REPLY}`).waitFor();

      await finishTeaching(page, dialog);
      const saved = await savedConfig(siteId);
      const s = saved.config.selectors;
      assert.deepEqual(
        s.messageSender,
        { side: { left: 'customer', right: 'agent' }, bot: ['.auto-reply'], system: ['.sys-tip'] },
        JSON.stringify(s),
      );
      assert.ok(!JSON.stringify(s.messageSender).includes('_'), 'no generated class in the sender rule');

      // The timeline: waits counted exactly, the bot's reply (on the agent's side) ends none.
      await playAndCheck(page, url, siteId, 'side-only');
    } finally {
      await page.close();
    }
  });

  it("customer messages show the buyer's avatar, the agent's none: senders by the avatar's place, not a class; waits exact", async () => {
    const url = `${server.url}side-avatar/index.html`;
    const siteId = 'user-127.0.0.2-side-avatar';
    const page = await openConsole(url);
    try {
      const dialog = await startTeaching(page, url);
      await pick(dialog, '一条顾客消息', messageText(page, '在吗'));
      await pick(dialog, '一条你自己发的消息', messageText(page, TEMPLATE_REPLY));
      await dialog.getByText('顾客：在吗').waitFor();
      await dialog.getByText(`你：${TEMPLATE_REPLY}`).waitFor();
      await dialog.getByText(`自动回复：自动回复${AUTO_REPLY}`).waitFor();
      await finishTeaching(page, dialog);
      const s = (await savedConfig(siteId)).config.selectors;
      assert.deepEqual(
        s.messageSender,
        {
          customer: [':has(> div > img):not(.auto-reply):not(.sys-tip)'],
          agent: [':not(:has(> div > img)):not(.auto-reply):not(.sys-tip)'],
          bot: ['.auto-reply'],
          system: ['.sys-tip'],
        },
        JSON.stringify(s),
      );
      await playAndCheck(page, url, siteId, 'side-avatar');
    } finally {
      await page.close();
    }
  });
});

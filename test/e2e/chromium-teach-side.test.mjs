// End-to-end (issue 13): teaching a console where nothing but the layout tells the senders apart
// (test/fixtures/consoles/side-only/: the same generated class for every message row, no
// attribute, no avatar, no name; the agent's bubbles pushed right by a margin). The agent picks a
// customer message and, by mistake, a system line as their own: Deskmate reads no sender and says
// so for every message on screen; one click on "是我发的" beside one of the agent's messages
// corrects it, the senders are then read by side (left = customer, right = agent, the bot's row
// named by its class). Saved, the console's scripted timeline must be counted exactly.
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

  it('no class, attribute or avatar differs: the sender list shows what is read, one click corrects it, sides are read per message, waits exact', async () => {
    const url = `${server.url}side-only/index.html`;
    const siteId = 'user-127.0.0.2-side-only';
    const page = await browser.context.newPage();
    try {
      await page.goto(`${url}?reset`);
      await page.locator('body[data-console-ready="true"]').waitFor();
      // A badge on one conversation while teaching: the list's unread rule is derived from it.
      await page.evaluate(() => window.console2.pushCustomerMessage('c-1004', '还在吗'));
      // The shop's auto reply on screen (on the agent's side): its row's class names the bot.
      await page.evaluate((t) => window.console2.pushBotMessage('c-1001', t), AUTO_REPLY);
      const dialog = await startTeaching(page, url);
      const text = (t) =>
        page
          .locator('._v0s6 ._t3v6')
          .filter({ hasText: new RegExp(`^${t}$`) })
          .first();

      // The customer's "在吗", then — a slip — the centred system line as "mine".
      await pick(dialog, '一条顾客消息', text('在吗'));
      await pick(dialog, '一条你自己发的消息', text('会话已结束'));
      await dialog.getByText('未识别：在吗').waitFor();
      await dialog.getByText(`未识别：${TEMPLATE_REPLY}`).waitFor();

      // One click: the template reply is mine. Now the sides tell them apart, for every message.
      await dialog.getByRole('button', { name: `“${TEMPLATE_REPLY}”是我发的` }).click();
      await dialog.getByText('顾客：在吗').waitFor();
      await dialog.getByText(`你：${TEMPLATE_REPLY}`).waitFor();
      await dialog.getByText(/只有消息在会话中的左右位置能区分顾客和你/).waitFor();
      assert.equal(await dialog.getByText('未识别：会话已结束').count(), 1, 'the centred system line is on neither side');
      await dialog.getByText(`自动回复：自动回复${AUTO_REPLY}`.slice(0, 5 + 30)).waitFor();

      await pick(dialog, '回复输入框', page.locator('.composer textarea.editor'));
      await pick(dialog, '会话标题（顾客昵称）', page.locator('.chat-header .chat-title'));
      await pick(dialog, '会话列表中的一个会话', page.locator('.conv-item .conv-name').first());
      await dialog.getByText('顾客消息 1 条，你的消息 1 条').waitFor();
      await dialog.getByText('已找到回复输入框').waitFor();
      await dialog.getByText('当前会话：c-1001').waitFor();
      await dialog.getByRole('button', { name: '保存' }).click();
      await dialog.waitFor({ state: 'detached' });

      const saved = await waitFor(
        async () => (await readTable(browser.context, browser.extensionId, 'siteConfigs')).find((r) => r.id === siteId),
        {
          message: `the taught config ${siteId}`,
        },
      );
      const s = saved.config.selectors;
      assert.deepEqual(s.messageSender, { side: { left: 'customer', right: 'agent' }, bot: ['.auto-reply'] }, JSON.stringify(s));
      assert.ok(!JSON.stringify(s.messageSender).includes('_'), 'no generated class in the sender rule');

      // The timeline: waits counted exactly, the bot's reply (on the agent's side) ends none.
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
        'side-only',
      );
      assertWaits(rounds, expected, siteId);
    } finally {
      await page.close();
    }
  });
});

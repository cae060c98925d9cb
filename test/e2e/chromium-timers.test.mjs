// End-to-end: reply timers on the demo workspace in real Chromium. Scripted customer and agent
// messages at known times produce exactly the expected waits; history at load creates nothing;
// a reload, a stopped service worker and a second tab in the middle lose and duplicate nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoWithChromium, readTable, stopServiceWorkers, waitFor } from './helpers.mjs';

const SITE = 'deskmate-demo';

describe('Chromium: reply timers', () => {
  const env = demoWithChromium();

  const table = (name) => readTable(env.browser.context, env.browser.extensionId, name);
  const openConsole = async (query = '') => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}?schedule=off${query}`);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    await page.getByRole('button', { name: '打开客服助手' }).waitFor({ timeout: 15000 });
    return page;
  };
  const active = (page) => page.evaluate(() => window.demo.activeConversation());
  const tsOf = (page, id) => page.locator(`[data-msg-id="${id}"]`).getAttribute('data-ts').then(Number);
  /** The counting chip's label inside its own shadow root, beside `anchor` (a CSS selector). */
  const chipText = (page, anchor) =>
    page.evaluate((sel) => {
      const host = document.querySelector(sel)?.querySelector('[data-deskmate-chip]') ?? document.querySelector(sel)?.nextElementSibling;
      const label = host?.hasAttribute('data-deskmate-chip') ? host.shadowRoot?.querySelector('span[role="timer"]') : null;
      return label ? { text: label.textContent, level: label.dataset.level, name: label.getAttribute('aria-label') } : null;
    }, anchor);

  it('creates nothing from the history shown at load', async () => {
    const page = await openConsole('&reset');
    const conv = await active(page);
    // The watcher has reported the history once it knows the conversation.
    await waitFor(async () => (await table('conversations')).some((c) => c.id === `${SITE}:${conv}`), {
      message: 'the conversation to be seen',
    });
    assert.deepEqual(await table('rounds'), [], 'no reply events from history');
    assert.deepEqual(await table('messageEvents'), [], 'no message events from history');
    const stored = (await table('conversations')).find((c) => c.id === `${SITE}:${conv}`);
    assert.equal(stored.waitingSince, 0);
    assert.equal(stored.buyerName, undefined, 'buyer names are not stored');
    await page.close();
  });

  it('counts one wait from the first customer message to the human reply, across a reload, a stopped worker and a second tab', async () => {
    let page = await openConsole();
    const conv = await active(page);
    const key = `${SITE}:${conv}`;

    const q1 = await page.evaluate((c) => window.demo.pushCustomerMessage(c, '在吗？我的快递到哪了'), conv);
    const startedAt = await tsOf(page, q1);
    await waitFor(async () => (await table('rounds')).some((r) => r.conversationKey === key && r.startedAt === startedAt), {
      message: 'the wait to start',
    });

    // The chip counts in the list and in the header.
    await waitFor(async () => (await chipText(page, `#conversation-list [data-conv-id="${conv}"]`))?.text?.startsWith('0:0'), {
      message: 'the list chip',
    });
    const header = await waitFor(() => chipText(page, '#chat .chat-header .buyer-name'), { message: 'the header chip' });
    assert.equal(header.level, 'ok');
    assert.match(header.name, /^已等待 \d+:\d\d$/);

    // More customer messages and the shop bot's auto reply stay in the same wait.
    await page.evaluate((c) => window.demo.pushCustomerMessage(c, '急用，麻烦快点'), conv);
    await page.evaluate((c) => window.demo.pushBotMessage(c, '亲，客服马上为您服务'), conv);
    await waitFor(async () => (await table('messageEvents')).filter((m) => m.conversationKey === key).length === 3, {
      message: 'three live messages recorded',
    });

    // A reload in the middle: history is not re-counted, the wait resumes with the right time.
    await page.reload();
    await page.locator('body[data-demo-ready="true"]').waitFor();
    const resumed = await waitFor(() => chipText(page, '#chat .chat-header .buyer-name'), { message: 'the chip after reload' });
    const [m, s] = resumed.text.split(':').map(Number);
    assert.ok(m * 60 + s >= Math.floor((Date.now() - startedAt) / 1000) - 2, `elapsed resumes from the stored start (${resumed.text})`);

    // The service worker is stopped, and a second tab of the same console opens.
    await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    const second = await openConsole();
    await waitFor(() => chipText(second, '#chat .chat-header .buyer-name'), { message: 'the chip in the second tab' });

    // A customer message arrives while the worker is stopped; then the agent replies in tab 1.
    await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    await page.evaluate((c) => window.demo.pushCustomerMessage(c, '还在吗'), conv);
    const reply = await page.evaluate(() => window.demo.sendAgentMessage('亲，您的包裹已到达杭州转运中心，预计明天送达~'));
    const endedAt = await tsOf(page, reply);
    await waitFor(async () => (await table('rounds')).some((r) => r.conversationKey === key && r.endedAt > 0), {
      message: 'the wait to end',
    });

    const rounds = (await table('rounds')).filter((r) => r.conversationKey === key);
    assert.equal(rounds.length, 1, 'one wait');
    assert.equal(rounds[0].startedAt, startedAt);
    assert.ok(Math.abs(rounds[0].endedAt - endedAt) <= 300, 'ended by the human reply (±300 ms)');
    assert.equal(rounds[0].profile, 'taobao');
    const events = (await table('messageEvents')).filter((e) => e.conversationKey === key);
    assert.deepEqual(events.map((e) => e.sender).sort(), ['agent', 'bot', 'customer', 'customer', 'customer'], 'every live message once');
    assert.ok(
      events.every((e) => !('text' in e)),
      'no message text stored',
    );

    // The chips go away in both tabs.
    await waitFor(async () => (await chipText(page, '#chat .chat-header .buyer-name')) === null, { message: 'the chip to go (tab 1)' });
    await waitFor(async () => (await chipText(second, '#chat .chat-header .buyer-name')) === null, { message: 'the chip to go (tab 2)' });
    await second.close();
    await page.close();
    page = null;
  });

  it('counts a message that arrived in another conversation while it was not on screen', async () => {
    const attachedSince = Date.now();
    const page = await openConsole();
    const list = await page.evaluate(() => window.demo.conversations().map((c) => c.id));
    const current = await active(page);
    // The watcher has attached (it reported this page's conversation) before the message arrives.
    await waitFor(async () => (await table('conversations')).some((c) => c.id === `${SITE}:${current}` && c.updatedAt >= attachedSince), {
      message: 'the watcher to attach',
    });
    const other = list.find((id) => id !== current);
    const q = await page.evaluate((c) => window.demo.pushCustomerMessage(c, '这个有现货吗'), other);
    await page.evaluate((c) => window.demo.switchTo(c), other);
    const startedAt = await tsOf(page, q);
    await waitFor(async () => (await table('rounds')).some((r) => r.conversationKey === `${SITE}:${other}` && r.startedAt === startedAt), {
      message: 'the wait from a message newer than the attach time',
    });
    await page.close();
  });
});

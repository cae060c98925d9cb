// End-to-end in Firefox ESR: the reply timers on the demo workspace — a customer message starts a
// wait (the chip counts in the header and the list), the agent's reply ends it; history shown at
// load never starts one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoWithFirefox, waitFor } from './helpers.mjs';

describe('Firefox: reply timers', () => {
  const env = demoWithFirefox();

  const chip = (page, anchor) =>
    page.evaluate((sel) => {
      const el = document.querySelector(sel);
      const host =
        el?.querySelector(':scope > [data-deskmate-chip]') ??
        (el?.nextElementSibling?.hasAttribute('data-deskmate-chip') ? el.nextElementSibling : null);
      const label = host?.shadowRoot?.querySelector('[role="timer"]');
      return label ? { text: label.textContent, level: label.dataset.level } : null;
    }, anchor);

  it('counts a wait from the customer message to the human reply, and nothing from history', async () => {
    const { browser, server } = env;
    const page = await browser.newPage();
    await page.goto(`${server.url}?schedule=off&reset`);
    await waitFor(() => page.$('deskmate-overlay >>> button.dm-launcher'), { message: 'the overlay' });
    const conv = await page.evaluate(() => window.demo.activeConversation());
    // History on screen (including customers who wrote last) gives no chip.
    assert.equal(await chip(page, '#chat .chat-header .buyer-name'), null);

    await page.evaluate((c) => window.demo.pushCustomerMessage(c, '在吗？'), conv);
    const header = await waitFor(() => chip(page, '#chat .chat-header .buyer-name'), { message: 'the header chip' });
    assert.match(header.text, /^\d+:\d\d$/);
    assert.equal(header.level, 'ok');
    await waitFor(() => chip(page, `#conversation-list [data-conv-id="${conv}"]`), { message: 'the list chip' });
    // A bot reply then the human one (that bots never end a wait is proven in the unit and Chromium tests).
    await page.evaluate((c) => window.demo.pushBotMessage(c, '亲，客服马上来~'), conv);
    await page.evaluate(() => window.demo.sendAgentMessage('在的亲，请问有什么可以帮您？'));
    await waitFor(async () => (await chip(page, '#chat .chat-header .buyer-name')) === null, {
      message: 'the chip to go after the human reply',
    });
    await page.close();
  });
});

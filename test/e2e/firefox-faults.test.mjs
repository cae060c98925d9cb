// Fault injection in Firefox ESR: three tabs of the same console report the same messages at once;
// each is recorded exactly once, none is lost. (The service-worker stops of the Chromium test do
// not apply: the Firefox build's background is a persistent MV2 page.)
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoWithFirefox, readFirefoxTable, waitFor } from './helpers.mjs';

describe('Firefox: three tabs of one console', () => {
  const env = demoWithFirefox();

  it('counts each message once across three tabs', async () => {
    const { browser, server } = env;
    const tabs = [];
    for (let i = 0; i < 3; i++) {
      const page = await browser.newPage();
      await page.goto(`${server.url}?schedule=off${i === 0 ? '&reset' : ''}`);
      await waitFor(() => page.$('deskmate-overlay >>> button.dm-launcher'), { message: `the overlay in tab ${i + 1}` });
      tabs.push(page);
    }
    const conv = await tabs[0].evaluate(() => window.demo.activeConversation());
    const key = `deskmate-demo:${conv}`;
    await waitFor(async () => (await readFirefoxTable(browser, 'conversations')).some((c) => c.id === key), {
      message: 'the watcher to attach',
    });
    const senders = ['customer', 'customer', 'agent', 'customer', 'bot', 'agent', 'customer', 'agent'];
    for (let i = 0; i < senders.length; i++) {
      // Every tab shows the same message (as a real console's server would push it to each).
      await Promise.all(
        tabs.map((page) =>
          page.evaluate(
            ([c, s, n]) =>
              s === 'customer'
                ? window.demo.pushCustomerMessage(c, `问题 ${n}`)
                : s === 'bot'
                  ? window.demo.pushBotMessage(c, `自动回复 ${n}`)
                  : window.demo.sendAgentMessage(`回复 ${n}`),
            [conv, senders[i], i],
          ),
        ),
      );
    }
    const events = await waitFor(
      async () => {
        const all = (await readFirefoxTable(browser, 'messageEvents')).filter((e) => e.conversationKey === key);
        return all.length >= senders.length ? all : null;
      },
      { timeout: 30000, message: 'every message recorded' },
    );
    assert.deepEqual(events.map((e) => e.sender).sort(), [...senders].sort(), 'each message exactly once');
    const rounds = await waitFor(
      async () => {
        const r = (await readFirefoxTable(browser, 'rounds')).filter((x) => x.conversationKey === key);
        return r.length >= 3 && r.every((x) => x.endedAt > 0) ? r : null;
      },
      { message: 'three answered waits' },
    );
    assert.equal(rounds.length, 3, 'c c a | c b a | c a → three waits, none doubled');
    await Promise.all(tabs.map((p) => p.close()));
  });
});

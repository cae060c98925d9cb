// End-to-end: reply timers on consoles unlike the demo (issue 12), each with its own site config
// imported as an agent would (Options → 站点 → 导入), playing the same one-minute timeline:
// five waits answered after 2, 3, 5 and 12 s and one still open, an auto reply that must not count,
// history at load that must not count, a buyer who writes in a conversation that is not open (seen
// only as the list's unread badge). Consoles (test/fixtures/consoles/): no message ids or times
// with repeated texts, a virtualised thread of recycled rows with hashed classes and the id in the
// URL hash, nested shadow roots with a composer in an iframe, list items with unread, preview, time
// and last sender.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CONSOLES, startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { makeWaitSeconds, playStandardTimeline } from '../fixtures/consoles/timelines.mjs';
import { launchChromium, readTable, removeDir, ROOT, tempProfile, waitFor } from './helpers.mjs';

/** How far a recorded time may be from the page's own time of the message (batching, messaging). */
const START_TOLERANCE_MS = 1500;

describe('Chromium: reply timers on consoles unlike the demo', () => {
  let server;
  let profile;
  let browser;

  before(async () => {
    server = await startConsoleServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
    const configs = CONSOLES.map((name) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/consoles', name, 'config.json'), 'utf8')));
    const file = join(profile, 'consoles.json');
    writeFileSync(file, JSON.stringify({ format: 'deskmate/site-configs', version: 1, configs }));
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#sites`);
    await options.locator('input[type="file"]').setInputFiles(file);
    await options.getByRole('status').filter({ hasText: `导入 ${configs.length} 份站点配置` }).waitFor();
    await options.close();
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    if (profile) removeDir(profile);
  });

  for (const name of CONSOLES) {
    it(`${name}: every wait exactly once, at the page's times; auto replies and history count for nothing`, async () => {
      const siteId = `user-test-${name}`;
      const page = await browser.context.newPage();
      try {
        await page.goto(`${server.url}${name}/index.html?reset`);
        await page.locator('body[data-console-ready="true"]').waitFor();
        // The watcher attached: the open conversation is known to the background.
        await waitFor(async () => (await readTable(browser.context, browser.extensionId, 'conversations')).some((c) => c.siteId === siteId), {
          timeout: 30000,
          message: `the watcher on ${name}`,
        });
        const expected = await playStandardTimeline(page, { waitSeconds: makeWaitSeconds() });
        let last = [];
        const rounds = await waitFor(
          async () => {
            last = (await readTable(browser.context, browser.extensionId, 'rounds')).filter((r) => r.siteId === siteId);
            return last.length >= expected.length && last.filter((r) => r.endedAt > 0).length >= expected.filter((w) => w.endedAt > 0).length ? last : null;
          },
          { timeout: 20000, message: `${expected.length} waits on ${name}` },
        ).catch((e) => {
          const show = (list) => JSON.stringify(list.map((w) => [w.conversationId ?? w.conversationKey, w.startedAt - expected[0].startedAt, w.endedAt ? w.endedAt - expected[0].startedAt : 0]));
          throw new Error(`${e.message}\n expected ${show(expected)}\n got      ${show(last)}`);
        });
        // Waits of different buyers that start within a few ms of each other may be recorded in
        // either order: each conversation's waits are compared in their own order.
        const byConversation = (a, b) => a.conversationId.localeCompare(b.conversationId) || a.startedAt - b.startedAt;
        expected.sort(byConversation);
        const got = rounds.map((r) => ({ conversationId: r.conversationKey.slice(siteId.length + 1), startedAt: r.startedAt, endedAt: r.endedAt })).sort(byConversation);
        assert.deepEqual(
          got.map((w) => [w.conversationId, w.endedAt > 0]),
          expected.map((w) => [w.conversationId, w.endedAt > 0]),
          'the same waits in each conversation, answered or open',
        );
        for (let i = 0; i < expected.length; i++) {
          const [e, g] = [expected[i], got[i]];
          assert.ok(Math.abs(g.startedAt - e.startedAt) <= START_TOLERANCE_MS, `wait ${i + 1} (${e.conversationId}) starts at the buyer's message: ${g.startedAt - e.startedAt} ms off`);
          if (e.endedAt) {
            const want = (e.endedAt - e.startedAt) / 1000;
            const have = (g.endedAt - g.startedAt) / 1000;
            assert.ok(Math.abs(have - want) <= START_TOLERANCE_MS / 1000, `wait ${i + 1} (${e.conversationId}) lasted ${have.toFixed(1)} s, the page says ${want.toFixed(1)} s`);
          }
        }
      } finally {
        await page.close();
      }
    });
  }
});

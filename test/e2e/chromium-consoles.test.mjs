// End-to-end: reply timers on consoles unlike the demo, each with its own site config imported as an
// agent would (Options → 站点 → 导入), playing the same one-minute timeline
// (test/fixtures/consoles/timelines.mjs): waits answered after 2, 3, 5 and 12 s and one still open,
// an auto reply that must not count, history at load that must not count, buyers who write in a
// conversation that is not open (seen only as the list's unread badge). Consoles: no message ids or
// times with repeated texts; a virtualised thread of recycled rows with hashed classes and the id in
// the URL hash; nested shadow roots with a composer in an iframe; list items with unread, preview,
// time and last sender.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { makeWaitSeconds, playStandardTimeline } from '../fixtures/consoles/timelines.mjs';
import { assertWaits, CONSOLES, consoleConfigs, waitForWaits } from './consoles.mjs';
import { launchChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: reply timers on consoles unlike the demo', () => {
  let server;
  let profile;
  let browser;

  before(async () => {
    server = await startConsoleServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
    const configs = consoleConfigs();
    const file = join(profile, 'consoles.json');
    writeFileSync(file, JSON.stringify({ format: 'deskmate/site-configs', version: 1, configs }));
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#sites`);
    await options.locator('input[type="file"]').setInputFiles(file);
    await options
      .getByRole('status')
      .filter({ hasText: `导入 ${configs.length} 份站点配置` })
      .waitFor();
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
        await waitFor(
          async () => (await readTable(browser.context, browser.extensionId, 'conversations')).some((c) => c.siteId === siteId),
          {
            timeout: 30000,
            message: `the watcher on ${name}`,
          },
        );
        const expected = await playStandardTimeline(page, { waitSeconds: makeWaitSeconds() });
        const rounds = await waitForWaits(
          async () => (await readTable(browser.context, browser.extensionId, 'rounds')).filter((r) => r.siteId === siteId),
          expected,
          name,
        );
        assertWaits(rounds, expected, siteId);
      } finally {
        await page.close();
      }
    });
  }
});

// End-to-end in Firefox ESR: the same consoles and timeline as chromium-consoles.test.mjs (nested
// shadow roots, recycled rows, id-less repeated texts, list-only buyers), configs saved from the
// options page, waits read from the add-on's database.
import { after, before, describe, it } from 'node:test';
import { startConsoleServer } from '../fixtures/consoles/serve.mjs';
import { makeWaitSeconds, playStandardTimeline } from '../fixtures/consoles/timelines.mjs';
import { assertWaits, CONSOLES, consoleConfigs, waitForWaits } from './consoles.mjs';
import { launchFirefox, openFirefoxExtensionPage, readFirefoxTable, waitFor } from './helpers.mjs';

describe('Firefox: reply timers on consoles unlike the demo', () => {
  let server;
  let browser;

  before(async () => {
    server = await startConsoleServer();
    browser = await launchFirefox();
    const options = await openFirefoxExtensionPage(browser, 'options.html#sites');
    for (const config of consoleConfigs()) {
      const r = await options.evaluate(
        (c) => globalThis.browser.runtime.sendMessage({ deskmate: 1, type: 'sites.save', input: { config: c } }),
        config,
      );
      if (!r?.ok) throw new Error(`saving ${config.id}: ${JSON.stringify(r)}`);
    }
    await options.close();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const name of CONSOLES) {
    it(`${name}: every wait exactly once, at the page's times`, async () => {
      const siteId = `user-test-${name}`;
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}${name}/index.html?reset`);
        await waitFor(() => page.$('body[data-console-ready="true"]'), { message: `${name} ready` });
        await waitFor(async () => (await readFirefoxTable(browser, 'conversations')).some((c) => c.siteId === siteId), {
          timeout: 30000,
          message: `the watcher on ${name}`,
        });
        const expected = await playStandardTimeline(page, { waitSeconds: makeWaitSeconds() });
        const rounds = await waitForWaits(
          async () => (await readFirefoxTable(browser, 'rounds')).filter((r) => r.siteId === siteId),
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

// End-to-end in Firefox ESR: the same consoles rebuilt from public evidence and the same timeline
// as chromium-real-consoles.test.mjs, read with the BUILT-IN configs at the consoles' real
// addresses (network.dns.localDomains sends the host names to a local HTTPS server).
import { after, before, describe, it } from 'node:test';
import { firefoxPrefsFor, startRealConsoleServer } from '../fixtures/real-consoles/serve.mjs';
import { makeWaitSeconds, playStandardTimeline } from '../fixtures/consoles/timelines.mjs';
import { waitForWaits } from './consoles.mjs';
import { assertRealWaits, expectedFor, REAL_CONSOLE_IDS } from './real-consoles.mjs';
import { launchFirefox, readFirefoxTable, waitFor } from './helpers.mjs';

describe('Firefox: built-in configs on consoles rebuilt from public evidence', () => {
  let server;
  let browser;

  before(async () => {
    server = await startRealConsoleServer();
    // Reading the add-on's database opens and closes a tab each time, after which Firefox may keep
    // the console in a background tab, whose timers it slows to one per second 30 s after load:
    // the tracker's 250 ms batch would then see replies up to a second late. Agents reply in the
    // tab in front, so background throttling is turned off here.
    const prefs = { ...firefoxPrefsFor(server.hosts), 'dom.min_background_timeout_value': 4, 'dom.timeout.enable_budget_timer_throttling': false };
    browser = await launchFirefox({ prefs, acceptInsecureCerts: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const siteId of REAL_CONSOLE_IDS) {
    it(`${siteId}: every wait exactly once at the page's times`, async () => {
      const page = await browser.newPage();
      try {
        await page.goto(`${server.urlOf(siteId)}?reset#/`);
        await waitFor(() => page.$('body[data-console-ready="true"]'), { message: `${siteId} ready` });
        await waitFor(async () => (await readFirefoxTable(browser, 'conversations')).some((c) => c.siteId === siteId), {
          timeout: 30000,
          message: `the built-in ${siteId} config attached`,
        });
        // Reading the database opened and closed an extension tab: the console is the tab in front
        // again (a background tab's timers are throttled to once a second).
        await page.bringToFront();
        const expected = expectedFor(siteId, await playStandardTimeline(page, { waitSeconds: makeWaitSeconds() }));
        const rounds = await waitForWaits(async () => (await readFirefoxTable(browser, 'rounds')).filter((r) => r.siteId === siteId), expected, siteId);
        assertRealWaits(rounds, expected, siteId);
      } finally {
        await page.close();
      }
    });
  }
});

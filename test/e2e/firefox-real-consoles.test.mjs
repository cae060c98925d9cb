// End-to-end in Firefox ESR: the same consoles rebuilt from public evidence and the same timeline
// as chromium-real-consoles.test.mjs, read with the BUILT-IN configs at the consoles' real
// addresses (network.dns.localDomains sends the host names to a local HTTPS server).
import { after, before, describe, it } from 'node:test';
import { firefoxPrefsFor, REAL_CONSOLES, startRealConsoleServer } from '../fixtures/real-consoles/serve.mjs';
import { makeWaitSeconds, playStandardTimeline } from '../fixtures/consoles/timelines.mjs';
import { waitForWaits } from './consoles.mjs';
import { assertRealWaits, attachedTo, expectedFor, playColleagueReply, REAL_CONSOLE_NAMES, roundsOf } from './real-consoles.mjs';
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
    const prefs = {
      ...firefoxPrefsFor(server.hosts),
      'dom.min_background_timeout_value': 4,
      'dom.timeout.enable_budget_timer_throttling': false,
    };
    browser = await launchFirefox({ prefs, acceptInsecureCerts: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const name of REAL_CONSOLE_NAMES) {
    const { siteId } = REAL_CONSOLES[name];
    it(`${name} (${siteId}): every wait exactly once at the page's times`, async () => {
      const page = await browser.newPage();
      try {
        await page.goto(server.urlOf(name));
        await waitFor(() => page.$('body[data-console-ready="true"]'), { message: `${name} ready` });
        await waitFor(async () => attachedTo(name, siteId, await readFirefoxTable(browser, 'conversations')), {
          timeout: 30000,
          message: `the built-in ${siteId} config attached`,
        });
        // Reading the database opened and closed an extension tab: the console is the tab in front
        // again (a background tab's timers are throttled to once a second).
        await page.bringToFront();
        const expected = expectedFor(name, await playStandardTimeline(page, { waitSeconds: makeWaitSeconds() }));
        const rounds = await waitForWaits(async () => roundsOf(name, siteId, await readFirefoxTable(browser, 'rounds')), expected, name);
        assertRealWaits(rounds, expected, siteId);
      } finally {
        await page.close();
      }
    });
  }

  if (REAL_CONSOLE_NAMES.includes('chatwoot')) {
    it('chatwoot: another agent’s reply, drawn on the left like the customer’s, ends the wait', async () => {
      const page = await browser.newPage();
      try {
        await page.goto(server.urlOf('chatwoot'));
        await waitFor(() => page.$('body[data-console-ready="true"]'), { message: 'chatwoot ready' });
        const expected = await playColleagueReply(page, {
          waitSeconds: makeWaitSeconds(),
          watching: async (key) => {
            await waitFor(
              async () =>
                (await readFirefoxTable(browser, 'conversations')).some((c) => c.siteId === 'chatwoot' && c.conversationId === key),
              {
                timeout: 30000,
                message: `chatwoot follows ${key}`,
              },
            );
            await page.bringToFront();
          },
        });
        const key = `chatwoot:${expected[0].conversationId}`;
        const rounds = await waitForWaits(
          async () => (await readFirefoxTable(browser, 'rounds')).filter((r) => r.conversationKey === key),
          expected,
          'chatwoot',
        );
        assertRealWaits(rounds, expected, 'chatwoot');
      } finally {
        await page.close();
      }
    });
  }
});

// End-to-end: reply timers with the BUILT-IN configs on consoles rebuilt from public evidence
// (test/fixtures/real-consoles/), opened at their real addresses (host names mapped to a local
// HTTPS server), nothing imported: the standard one-minute timeline (test/fixtures/consoles/
// timelines.mjs) — waits exact, the shop robot's replies not counted, a buyer who writes in a
// conversation that is not open timed from the list's waiting badge.
import { after, before, describe, it } from 'node:test';
import { chromiumArgsFor, REAL_CONSOLES, startRealConsoleServer } from '../fixtures/real-consoles/serve.mjs';
import { makeWaitSeconds, playStandardTimeline } from '../fixtures/consoles/timelines.mjs';
import { waitForWaits } from './consoles.mjs';
import { assertRealWaits, attachedTo, expectedFor, playColleagueReply, REAL_CONSOLE_NAMES, roundsOf } from './real-consoles.mjs';
import { launchChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: built-in configs on consoles rebuilt from public evidence', () => {
  let server;
  let profile;
  let browser;

  before(async () => {
    server = await startRealConsoleServer();
    profile = tempProfile();
    browser = await launchChromium(profile, { args: chromiumArgsFor(server.hosts) });
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    if (profile) removeDir(profile);
  });

  for (const name of REAL_CONSOLE_NAMES) {
    const { siteId } = REAL_CONSOLES[name];
    it(`${name} (${siteId}): every wait exactly once at the page's times; robot replies and history count for nothing`, async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(server.urlOf(name));
        await page.locator('body[data-console-ready="true"]').waitFor();
        await waitFor(async () => attachedTo(name, siteId, await readTable(browser.context, browser.extensionId, 'conversations')), {
          timeout: 30000,
          message: `the built-in ${siteId} config attached`,
        });
        // Reading the database opened and closed an extension tab: the console is the tab in front
        // again (a background tab's timers are throttled to once a second).
        await page.bringToFront();
        const expected = expectedFor(name, await playStandardTimeline(page, { waitSeconds: makeWaitSeconds() }));
        const rounds = await waitForWaits(
          async () => roundsOf(name, siteId, await readTable(browser.context, browser.extensionId, 'rounds')),
          expected,
          name,
        );
        assertRealWaits(rounds, expected, siteId);
      } finally {
        await page.close();
      }
    });
  }

  if (REAL_CONSOLE_NAMES.includes('chatwoot')) {
    it('chatwoot: another agent’s reply, drawn on the left like the customer’s, ends the wait', async () => {
      const page = await browser.context.newPage();
      try {
        await page.goto(server.urlOf('chatwoot'));
        await page.locator('body[data-console-ready="true"]').waitFor();
        const expected = await playColleagueReply(page, {
          waitSeconds: makeWaitSeconds(),
          watching: async (key) => {
            await waitFor(
              async () =>
                (await readTable(browser.context, browser.extensionId, 'conversations')).some(
                  (c) => c.siteId === 'chatwoot' && c.conversationId === key,
                ),
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
          async () => (await readTable(browser.context, browser.extensionId, 'rounds')).filter((r) => r.conversationKey === key),
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

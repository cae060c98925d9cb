// The shipped build (`npm run build` / `npm run zip`, not the "inspect" build the other tests
// read): the overlay's shadow root is closed, so a page script sees only an empty host, while the
// agent gets the same working overlay — checked through the accessibility tree (what a screen
// reader gets) and real keystrokes: "/" opens the picker, Enter inserts into the console's field.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CHROME_SHIPPED, demoWithChromium, waitFor } from './helpers.mjs';

describe('Chromium: the shipped build', () => {
  const env = demoWithChromium({ extensionDir: CHROME_SHIPPED });

  it("the overlay the page loads carries no schema library: validation is the background's job (docs/performance.md)", () => {
    // One value import of a zod schema from content-side code (a sender-kind list taken from
    // lib/sites/schema.ts) put all of zod and the site-config schema back into the overlay: +27 kB gzip.
    const overlay = readFileSync(join(CHROME_SHIPPED, 'content-scripts/overlay.js'), 'utf8');
    assert.doesNotMatch(overlay, /ZodObject|ZodError/, 'zod is bundled into the overlay');
  });

  it('hides the overlay from page scripts (closed shadow root) and still works for the agent', async () => {
    const { browser, server } = env;
    const page = await browser.context.newPage();
    await page.goto(`${server.url}?schedule=off&reset`);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    await page.locator('deskmate-overlay').waitFor({ state: 'attached', timeout: 15000 });
    // What a page script can reach.
    const seen = await page.evaluate(() => {
      const host = document.querySelector('deskmate-overlay');
      return { shadowRoot: host.shadowRoot, children: host.childElementCount, text: host.textContent };
    });
    assert.deepEqual(seen, { shadowRoot: null, children: 0, text: '' }, 'the page sees an empty host');

    // What the agent gets: the accessibility tree includes the closed root.
    const cdp = await browser.context.newCDPSession(page);
    const ax = async (role, name) => {
      const { nodes } = await cdp.send('Accessibility.getFullAXTree');
      return nodes.filter(
        (n) => n.role?.value === role && (typeof name === 'string' ? n.name?.value === name : name.test(n.name?.value ?? '')),
      );
    };
    await waitFor(async () => (await ax('button', '打开客服助手')).length === 1, { message: 'the launcher in the accessibility tree' });

    await page.locator('#composer-plain').click();
    await page.keyboard.type('/');
    await waitFor(async () => (await ax('listbox', '匹配的话术')).length === 1, { message: 'the picker' });
    await page.keyboard.type('cmtj');
    await waitFor(async () => (await ax('option', /^尺码推荐/)).length > 0, { message: 'the template option' });
    await page.keyboard.press('Enter');
    await waitFor(async () => (await page.locator('#composer-plain').inputValue()).startsWith('请您告诉我身高'), {
      message: 'the insertion',
    });
    assert.equal(await page.evaluate(() => document.querySelector('deskmate-overlay').shadowRoot), null);
    await cdp.detach();
    await page.close();
  });
});

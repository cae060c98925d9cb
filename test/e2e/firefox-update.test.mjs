// Fault injection in Firefox ESR: the add-on is updated (installed again over itself) while a
// console is open. Firefox unloads the old content scripts (their DOM stays behind) and injects
// the new ones: exactly one working overlay, one picker, chips from the new version only.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoWithFirefox, FIREFOX_EXT, readFirefoxTable, waitFor } from './helpers.mjs';

describe('Firefox: add-on updated while a console is open', () => {
  const env = demoWithFirefox();

  const chipCount = (page) => page.evaluate(() => document.querySelectorAll('[data-deskmate-chip]').length);

  it('leaves one working overlay and no stale chips', async () => {
    const { browser, server } = env;
    const page = await browser.newPage();
    await page.goto(`${server.url}?schedule=off&reset`);
    await waitFor(() => page.$('deskmate-overlay >>> button.dm-launcher'), { message: 'the overlay' });
    const conv = await page.evaluate(() => window.demo.activeConversation());
    const key = `deskmate-demo:${conv}`;
    await waitFor(async () => (await readFirefoxTable(browser, 'conversations')).some((c) => c.id === key), {
      message: 'the watcher to attach',
    });
    // A waiting customer: chips in the list and the header.
    await page.evaluate((c) => window.demo.pushCustomerMessage(c, '在吗？'), conv);
    await waitFor(async () => (await chipCount(page)) === 2, { message: 'two chips' });
    await page.evaluate(() => document.querySelector('deskmate-overlay').setAttribute('data-test-generation', 'old'));

    await browser.installExtension(FIREFOX_EXT); // the same add-on id: an update
    await waitFor(async () => (await page.$$('deskmate-overlay[data-test-generation="old"]')).length === 0, {
      timeout: 20000,
      message: 'the old overlay to go',
    });
    await waitFor(() => page.$('deskmate-overlay >>> button.dm-launcher'), { timeout: 20000, message: 'the new overlay' });
    assert.equal((await page.$$('deskmate-overlay')).length, 1, 'one overlay');
    await waitFor(async () => (await chipCount(page)) === 2, { message: 'the chips, once' });
    // The chips are alive (the new version's): the human reply takes them away.
    await page.evaluate(() => window.demo.sendAgentMessage('在的亲'));
    await waitFor(async () => (await chipCount(page)) === 0, { message: 'the chips to go after the reply' });

    // "/" opens one picker and a template goes in once.
    await page.click('#composer-plain');
    await page.keyboard.type('/');
    await waitFor(() => page.$('deskmate-overlay >>> [role="listbox"]'), { message: 'the picker' });
    assert.equal((await page.$$('deskmate-overlay >>> [role="listbox"]')).length, 1, 'one picker');
    await page.keyboard.type('cmtj');
    await waitFor(async () => (await page.$eval('deskmate-overlay >>> [role="option"]', (o) => o.textContent))?.startsWith('尺码推荐'), {
      message: 'the template',
    });
    await page.keyboard.press('Enter');
    await waitFor(async () => (await page.$eval('#composer-plain', (t) => t.value)).startsWith('请您告诉我身高'), {
      message: 'the insertion',
    });
    assert.equal((await page.$eval('#composer-plain', (t) => t.value)).split('请您告诉我身高').length - 1, 1, 'inserted once');
    await page.close();
  });
});

// End-to-end in Firefox ESR (puppeteer-core over WebDriver BiDi): the same smoke test as in
// Chromium, on the Firefox (MV2) build.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoServer, launchFirefox, waitFor } from './helpers.mjs';

describe('Firefox: overlay and data that survives', () => {
  let server;
  let browser;
  const title = `售后物流 e2e ${Date.now()}`;

  before(async () => {
    server = await demoServer();
    browser = await launchFirefox();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // The overlay lives in an open shadow root: pierce it.
  const inOverlay = (page, selector) => page.$(`deskmate-overlay >>> ${selector}`);
  const waitInOverlay = (page, selector, message) => waitFor(() => inOverlay(page, selector), { message });
  const overlayText = (page) => page.evaluate(() => document.querySelector('deskmate-overlay')?.shadowRoot?.textContent ?? '');

  it('shows the overlay, saves a template through messaging, and keeps it across a reload', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}?schedule=off`);
    const launcher = await waitInOverlay(page, 'button.dm-launcher', 'the overlay launcher');
    assert.equal(await page.$$eval('deskmate-overlay', (els) => els.length), 1);
    await launcher.click();
    await waitInOverlay(page, '[role="dialog"]', 'the panel');
    await (await waitInOverlay(page, 'button.dm-new', 'the "+ 新建" button')).click();

    const fill = async (label, value) => {
      const el = await waitInOverlay(page, `form label:has(> span) ${label}`, label);
      await el.type(value);
    };
    await fill('input[type="text"]', title);
    const textarea = await waitInOverlay(page, 'form textarea', 'the body field');
    await textarea.type('亲，您的包裹正在路上，物流单号 {{物流单号}}');
    const save = await waitInOverlay(page, 'form button[type="submit"]', 'the save button');
    await save.click();
    await waitFor(async () => (await overlayText(page)).includes(`“${title}”`), { message: 'the saved status' });

    await page.reload();
    const again = await waitInOverlay(page, 'button.dm-launcher', 'the launcher after reload');
    await again.click();
    await waitFor(async () => (await overlayText(page)).includes(title), { message: 'the template after reload' });
    await page.close();
  });
});

// Fault injection: the extension is updated (new version on disk, then reloaded, as the Web Store
// does) while a console is open. The old content scripts are cut off from the extension; the
// background brings the new loader into the open tab, the old overlay leaves, the new one takes
// over: one overlay, one picker, each message recorded once, chips back.
import assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CHROME_EXT, demoWithChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: extension updated while a console is open', () => {
  // A copy of the build: the test writes the "next version" over it.
  const extDir = tempProfile('deskmate-ext-');
  cpSync(CHROME_EXT, extDir, { recursive: true });
  const env = demoWithChromium({ extensionDir: extDir });
  after(() => removeDir(extDir));

  // The newest worker of the extension (Playwright keeps the stopped one's handle in the list).
  const worker = () =>
    env.browser.context
      .serviceWorkers()
      .filter((w) => w.url().includes(env.browser.extensionId))
      .at(-1);

  /** The next version lands on disk and the extension reloads (what an update does). */
  const update = async (version) => {
    const manifestPath = join(extDir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    assert.notEqual(manifest.version, version);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, version }));
    await worker()
      .evaluate(() => chrome.runtime.reload())
      .catch(() => undefined); // the worker dies answering
    await waitFor(async () => (await worker()?.evaluate(() => chrome.runtime.getManifest().version)) === version, {
      timeout: 30000,
      message: `version ${version} to run`,
    });
  };

  it('hands the open console over to the new version: one overlay, one picker, nothing doubled or lost', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}?schedule=off&reset`);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    const overlay = page.locator('deskmate-overlay');
    await overlay.getByRole('button', { name: '打开客服助手' }).waitFor();
    const conv = await page.evaluate(() => window.demo.activeConversation());
    const key = `deskmate-demo:${conv}`;
    await waitFor(async () => (await readTable(env.browser.context, env.browser.extensionId, 'conversations')).some((c) => c.id === key), {
      message: 'the watcher to attach',
    });
    await page.evaluate(() => document.querySelector('deskmate-overlay').setAttribute('data-test-generation', 'old'));

    await update('99.0.0');

    // The old overlay left; exactly one new one is there, without reloading the page.
    await waitFor(async () => (await page.locator('deskmate-overlay[data-test-generation="old"]').count()) === 0, {
      message: 'the old overlay to leave',
    });
    await overlay.getByRole('button', { name: '打开客服助手' }).waitFor({ timeout: 20000 });
    assert.equal(await overlay.count(), 1, 'one overlay');

    // A customer message now: recorded once, chip shown once.
    await page.evaluate((c) => window.demo.pushCustomerMessage(c, '更新以后还在吗？'), conv);
    const events = await waitFor(
      async () => {
        const all = (await readTable(env.browser.context, env.browser.extensionId, 'messageEvents')).filter(
          (e) => e.conversationKey === key && e.sender === 'customer',
        );
        return all.length > 0 ? all : null;
      },
      { timeout: 20000, message: 'the message recorded by the new version' },
    );
    assert.equal(events.length, 1, 'recorded once');
    await waitFor(async () => (await page.locator('#chat .chat-header [data-deskmate-chip]').count()) === 1, {
      message: 'one header chip',
    });

    // "/" opens one picker (the old loader is stopped), and a template goes in once.
    await page.locator('#composer-plain').click();
    await page.keyboard.type('/');
    const listbox = overlay.getByRole('listbox', { name: '匹配的话术' });
    await listbox.waitFor();
    assert.equal(await page.getByRole('listbox', { name: '匹配的话术' }).count(), 1, 'one picker');
    await page.keyboard.type('cmtj');
    await waitFor(async () => (await overlay.getByRole('option').first().textContent())?.startsWith('尺码推荐'), {
      message: 'the template',
    });
    await page.keyboard.press('Enter');
    await waitFor(async () => (await page.locator('#composer-plain').inputValue()).startsWith('请您告诉我身高'), {
      message: 'the insertion',
    });
    const value = await page.locator('#composer-plain').inputValue();
    assert.equal(value.split('请您告诉我身高').length - 1, 1, `inserted once: ${value}`);
    await page.close();
  });

  it('takes away an overlay the new version would not bring (a page without a site config), and the trigger still works once', async () => {
    const page = await env.browser.context.newPage();
    await page.route('http://plain.example/**', (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: '<!doctype html><title>备注</title><textarea id="note" aria-label="备注"></textarea>',
      }),
    );
    await page.goto('http://plain.example/');
    const overlay = page.locator('deskmate-overlay');
    const listbox = page.getByRole('listbox', { name: '匹配的话术' });
    const note = page.getByLabel('备注');
    // Here the overlay only exists because the agent typed the trigger.
    await note.click();
    await page.keyboard.type('/');
    await listbox.waitFor();
    await page.keyboard.press('Escape');
    await listbox.waitFor({ state: 'detached' });
    await note.fill('');
    assert.equal(await overlay.count(), 1);

    await update('99.0.1');
    await waitFor(async () => (await overlay.count()) === 0, { message: 'the cut-off overlay to leave' });

    // The trigger brings in exactly one overlay from the new version, with one picker.
    await note.click();
    await page.keyboard.type('/');
    await listbox.waitFor({ timeout: 20000 });
    assert.equal(await overlay.count(), 1, 'one overlay');
    assert.equal(await listbox.count(), 1, 'one picker');
    await page.keyboard.type('cmtj');
    await waitFor(async () => (await overlay.getByRole('option').first().textContent())?.startsWith('尺码推荐'), {
      message: 'the template',
    });
    await page.keyboard.press('Enter');
    await waitFor(async () => (await note.inputValue()).startsWith('请您告诉我身高'), { message: 'the insertion' });
    assert.equal((await note.inputValue()).split('请您告诉我身高').length - 1, 1, 'inserted once');
    await page.close();
  });
});

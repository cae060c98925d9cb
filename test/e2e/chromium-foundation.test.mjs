// End-to-end: the built extension in real headless Chromium on the demo workspace.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoWithChromium, launchChromium, readTable, stopServiceWorkers, waitFor } from './helpers.mjs';

describe('Chromium: overlay and data that survives', () => {
  const env = demoWithChromium();
  const title = `欢迎语 e2e ${Date.now()}`;

  const openDemo = async (context) => {
    const page = await context.newPage();
    await page.goto(`${env.server.url}?schedule=off`);
    return page;
  };
  const launcher = (page) => page.getByRole('button', { name: '打开客服助手' });
  const templateList = (page) => page.getByRole('listbox', { name: '话术' });

  it('shows the overlay on the demo workspace, in a shadow root, with the site recognised', async () => {
    const page = await openDemo(env.browser.context);
    await launcher(page).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('deskmate-overlay').count(), 1, 'exactly one overlay host');
    await launcher(page).click();
    const dialog = page.getByRole('dialog', { name: '客服助手' });
    await dialog.waitFor();
    await page.getByRole('tab', { name: '当前页面' }).click();
    await dialog.getByText('站点：客服助手演示工作台').waitFor();
    const convId = await page.locator('#chat').getAttribute('data-active-conv');
    await dialog.getByText('已识别当前会话').waitFor();
    // The internal conversation id is not shown to the agent.
    assert.equal(await dialog.getByText(convId).count(), 0);
    // Escape closes the panel and gives focus back to the launcher.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await page.close();
  });

  it('writes a template through messaging into IndexedDB', async () => {
    const page = await openDemo(env.browser.context);
    await launcher(page).click();
    await page.getByRole('button', { name: '新建话术' }).click();
    await page.getByLabel('标题').fill(title);
    await page.getByLabel('快捷码').fill('e2ehy');
    await page.getByLabel('内容').fill('您好，{{买家|亲}}，欢迎光临~');
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `已保存“${title}”` })
      .waitFor();
    await templateList(page).getByText(title).waitFor();
    const rows = await readTable(env.browser.context, env.browser.extensionId, 'templates');
    const row = rows.find((r) => r.title === title);
    assert.ok(row, 'the template is in the extension origin IndexedDB');
    assert.equal(row.shortcode, 'e2ehy');
    assert.equal(row.body, '您好，{{买家|亲}}，欢迎光临~');
    await page.close();
  });

  it('keeps the record across a page reload', async () => {
    const page = await openDemo(env.browser.context);
    await page.reload();
    await launcher(page).click();
    await templateList(page).getByText(title).waitFor();
    await page.close();
  });

  it('keeps the record across a service-worker stop, and the overlay reconnects', async () => {
    const page = await openDemo(env.browser.context);
    await launcher(page).click();
    await templateList(page).getByText(title).waitFor();
    await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    // A new write and read wake the worker up again.
    await page.getByRole('button', { name: '新建话术' }).click();
    await page.getByLabel('标题').fill(`${title} 2`);
    await page.getByLabel('内容').fill('请稍等');
    await page.getByRole('button', { name: '保存' }).click();
    await templateList(page).getByText(`${title} 2`).waitFor();
    await templateList(page).getByText(title, { exact: true }).waitFor();
    await page.close();
  });

  it('keeps everything across a browser restart on the same profile', async () => {
    await env.browser.context.close();
    env.browser = await launchChromium(env.profile); // the suite's after() closes this one
    const page = await openDemo(env.browser.context);
    await launcher(page).click();
    await templateList(page).getByText(title, { exact: true }).waitFor();
    await templateList(page).getByText(`${title} 2`).waitFor();
    const rows = await readTable(env.browser.context, env.browser.extensionId, 'templates');
    assert.deepEqual(
      rows
        .map((r) => r.title)
        .filter((t) => t.startsWith(title))
        .sort(),
      [title, `${title} 2`],
    );
    await page.close();
  });

  it('stays out of pages no site config matches', async () => {
    const page = await env.browser.context.newPage();
    await page.route('http://shop.unmatched.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>x</title><p>hello</p>' }),
    );
    await page.goto('http://shop.unmatched.test/');
    await page.waitForLoadState('load');
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(undefined))));
    assert.equal(await page.locator('deskmate-overlay').count(), 0);
    await page.close();
  });

  it('leaves a site at once when the agent switches Deskmate off there, and comes back', async () => {
    const page = await openDemo(env.browser.context);
    await launcher(page).waitFor();
    const host = new URL(env.server.url).host;
    const ext = await env.browser.context.newPage();
    await ext.goto(`chrome-extension://${env.browser.extensionId}/options.html#sites`);
    await ext.evaluate((h) => chrome.storage.local.set({ disabledHosts: [h] }), host);
    await waitFor(async () => (await page.locator('deskmate-overlay').count()) === 0, { message: 'the overlay to leave' });
    await page.reload();
    await page.waitForLoadState('load');
    await page.evaluate(() => new Promise((r) => requestIdleCallback(() => r(undefined))));
    assert.equal(await page.locator('deskmate-overlay').count(), 0, 'stays off after a reload');
    await ext.getByRole('button', { name: '重新启用' }).click();
    await launcher(page).waitFor();
    await ext.close();
    await page.close();
  });
});

// End-to-end: site configs in options (list, import validated whole, counting numbers), and what
// a wait past its target does: the chip turns red, the toolbar badge counts it, a notification
// fires from an alarm; the human reply clears them.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoServer, launchChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: site configs and late waits', () => {
  let server;
  let profile;
  let browser;
  let files;

  before(async () => {
    server = await demoServer();
    profile = tempProfile();
    files = tempProfile('deskmate-files-');
    browser = await launchChromium(profile);
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    removeDir(profile);
    removeDir(files);
  });

  const options = async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#sites`);
    await page.getByRole('heading', { name: '站点配置' }).first().waitFor();
    return page;
  };
  /** Reads an extension API value from an extension page (badge text, notifications). */
  const extensionValue = async (fn) => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
      return await page.evaluate(fn);
    } finally {
      await page.close();
    }
  };

  it('lists the built-in configs with their status', async () => {
    const page = await options();
    const table = page.getByRole('table');
    await table.getByRole('rowheader', { name: /Chatwoot/ }).waitFor();
    for (const name of ['客服助手演示工作台', '咚咚', '拼多多', '飞鸽', 'Zendesk'])
      await table.getByRole('rowheader', { name: new RegExp(name) }).waitFor();
    const zendesk = table.getByRole('row', { name: /Zendesk/ });
    await zendesk.getByText('依据公开资料').waitFor();
    await table
      .getByRole('row', { name: /客服助手演示工作台/ })
      .getByText('已验证')
      .waitFor();
    assert.equal(await table.getByRole('rowheader', { name: /千牛/ }).count(), 0);
    await page.getByText(/千牛：桌面客户端/).waitFor();
    await page.close();
  });

  it("agrees with the worker's selector check: Chromium accepts the corpus' valid selectors and throws on the invalid ones", async () => {
    const corpus = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/selectors/corpus.json'), 'utf8'));
    const page = await options();
    const verdicts = await page.evaluate(
      (list) =>
        list.map((s) => {
          try {
            document.createDocumentFragment().querySelector(s);
            return true;
          } catch {
            return false;
          }
        }),
      [...corpus.valid, ...corpus.invalid],
    );
    await page.close();
    const browserSays = new Map([...corpus.valid, ...corpus.invalid].map((s, i) => [s, verdicts[i]]));
    for (const s of corpus.valid) assert.equal(browserSays.get(s), true, `Chromium accepts ${s}`);
    // Pseudo-elements parse in a browser but never match an element: the worker refuses them on purpose.
    for (const s of corpus.invalid.filter((x) => !x.includes('::'))) {
      // An unclosed attribute or argument at the end is closed by CSS's own error recovery in some engines.
      if (browserSays.get(s)) assert.match(s, /[[(]/, `Chromium accepts ${s}, which the worker refuses`);
    }
  });

  it('refuses a malformed import, naming the field, and writes nothing', async () => {
    const page = await options();
    const before = await readTable(browser.context, browser.extensionId, 'siteConfigs');
    const bad = join(files, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'deskmate/site-configs',
        version: 1,
        configs: [
          { format: 'deskmate/site-config', version: 1, id: 'ok-one', name: 'OK', matches: ['https://ok.example/*'], selectors: {} },
          {
            format: 'deskmate/site-config',
            version: 1,
            id: 'bad-one',
            name: 'Bad',
            matches: ['https://bad.example/*'],
            selectors: { message: ['li[['] },
          },
        ],
      }),
    );
    await page.locator('input[type="file"]').setInputFiles(bad);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /configs\.1\.selectors\.message\.0/);
    const after = await readTable(browser.context, browser.extensionId, 'siteConfigs');
    assert.equal(after.length, before.length, 'nothing written');
    await page.close();
  });

  it('imports a config with a short reply target; a wait past it turns the chip red, sets the badge and notifies; the reply clears them', async () => {
    const page = await options();
    const demo = (await readTable(browser.context, browser.extensionId, 'siteConfigs')).find((r) => r.id === 'deskmate-demo').config;
    const file = join(files, 'demo-fast.json');
    writeFileSync(file, JSON.stringify({ ...demo, counting: { targetSec: 4 } }));
    await page.locator('input[type="file"]').setInputFiles(file);
    await page.getByRole('status').filter({ hasText: '导入 1 份站点配置' }).waitFor();
    await page
      .getByRole('row', { name: /客服助手演示工作台/ })
      .getByText('目标 4 秒')
      .waitFor();
    await page.close();

    const console_ = await browser.context.newPage();
    await console_.goto(`${server.url}?schedule=off`);
    await console_.locator('body[data-demo-ready="true"]').waitFor();
    await console_.getByRole('button', { name: '打开客服助手' }).waitFor();
    const conv = await console_.evaluate(() => window.demo.activeConversation());
    await waitFor(
      async () => (await readTable(browser.context, browser.extensionId, 'conversations')).some((c) => c.id === `deskmate-demo:${conv}`),
      {
        message: 'the watcher to attach',
      },
    );
    await console_.evaluate((c) => window.demo.pushCustomerMessage(c, '人呢？'), conv);
    const level = () =>
      console_.evaluate(
        () =>
          document.querySelector('#chat .buyer-name > [data-deskmate-chip]')?.shadowRoot?.querySelector('[role="timer"]')?.dataset.level ??
          null,
      );
    await waitFor(async () => (await level()) === 'warn', { message: 'amber from half the target' });
    await waitFor(async () => (await level()) === 'late', { message: 'red at the target' });
    await waitFor(async () => (await extensionValue(() => chrome.action.getBadgeText({}))) === '1', {
      message: 'the badge to count the late wait',
    });
    const notes = await waitFor(
      async () => {
        const all = await extensionValue(() => chrome.notifications.getAll());
        return Object.keys(all).length ? all : null;
      },
      { message: 'a notification' },
    );
    // One notification, named opaquely: no conversation id (a buyer's nickname on some consoles)
    // in the browser's notification or alarm names (docs/security.md S17).
    assert.equal(Object.keys(notes).length, 1);
    assert.ok(!Object.keys(notes).some((id) => id.includes(conv)), JSON.stringify(notes));
    const alarms = await extensionValue(() => chrome.alarms.getAll());
    assert.ok(!alarms.some((a) => a.name.includes(conv)), JSON.stringify(alarms));

    await console_.evaluate(() => window.demo.sendAgentMessage('抱歉久等了，马上为您处理'));
    await waitFor(async () => (await extensionValue(() => chrome.action.getBadgeText({}))) === '', { message: 'the badge to clear' });
    await waitFor(async () => (await level()) === null, { message: 'the chip to go' });
    await console_.close();
  });
});

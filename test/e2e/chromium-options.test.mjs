// End-to-end: the options page's template library in real Chromium — edit, import (导入),
// duplicates, bad files, export, 10,000 templates, and live updates in the picker.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoServer, launchChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: options page template library', () => {
  let server;
  let profile;
  let browser;
  let options;
  const files = mkdtempSync(join(tmpdir(), 'deskmate-files-'));

  before(async () => {
    server = await demoServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
    options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByRole('list', { name: '话术库' }).getByRole('listitem').first().waitFor();
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    removeDir(profile);
    removeDir(files);
  });

  const count = async () => (await readTable(browser.context, browser.extensionId, 'templates')).length;
  const importFile = async (name, content) => {
    const path = join(files, name);
    writeFileSync(path, content);
    const chooser = options.waitForEvent('filechooser');
    await options.getByRole('button', { name: '导入' }).click();
    await (await chooser).setFiles(path);
  };

  it('creates a template with a live preview, and the picker on an open page finds it at once', async () => {
    const demo = await browser.context.newPage();
    await demo.goto(`${server.url}?schedule=off`);
    await demo.locator('deskmate-overlay').getByRole('button', { name: '打开客服助手' }).waitFor();

    await options.getByRole('button', { name: '新建话术' }).click();
    const form = options.getByRole('form', { name: '新建话术' });
    await form.getByLabel('标题').fill('发货提醒');
    await form.getByLabel('快捷码').fill('fhtx');
    await form.getByLabel('目录').fill('售前/常见咨询');
    await form.getByLabel('内容').fill('{{买家|亲}}，您的订单{{订单号}}已发货~');
    await form.getByText('林晓雨，您的订单3859201746682已发货~').waitFor(); // the preview, as text
    await form.getByRole('button', { name: '保存' }).click();
    await options.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await options.getByRole('form', { name: '编辑话术' }).getByLabel('标题').waitFor();

    await demo.locator('#composer-plain').click();
    await demo.keyboard.type('/fhtx');
    await waitFor(async () => (await demo.locator('deskmate-overlay').getByRole('option').first().textContent())?.startsWith('发货提醒'), {
      message: 'the new template in the picker',
    });
    await demo.keyboard.press('Enter');
    await waitFor(async () => (await demo.locator('#composer-plain').inputValue()) === '林晓雨，您的订单3859201746682已发货~');
    await demo.close();
  });

  it('refuses a CSV with a bad row, naming the row and field, and writes nothing', async () => {
    const before = await count();
    await importFile('bad.csv', 'folder,shortcode,title,body\n售后,ok1,好的,内容\n售后,ok2,,没有标题\n');
    const alert = options.getByRole('alert');
    await alert.getByText('bad.csv 未导入任何内容').waitFor();
    await alert.getByText('第 3 行，标题：为空').waitFor();
    assert.equal(await count(), before);
  });

  it('refuses a file that is not UTF-8 or has the wrong format tag', async () => {
    const before = await count();
    await importFile('gbk.csv', Buffer.from([0x66, 0x6f, 0x6c, 0x64, 0x65, 0x72, 0x0a, 0xc4, 0xe3, 0xba, 0xc3, 0xff]));
    await options
      .getByRole('alert')
      .getByText(/不是 UTF-8 文本/)
      .waitFor();
    await importFile('other.json', JSON.stringify({ format: 'briskine', version: 1, templates: [] }));
    await options.getByRole('alert').getByText('format: 必须是 "deskmate/templates"').waitFor();
    assert.equal(await count(), before);
  });

  it('asks what to do with duplicates and updates when told to', async () => {
    const before = await count();
    const pack = {
      format: 'deskmate/templates',
      version: 1,
      templates: [
        { title: '请稍等', body: '请您稍等一下，我马上查（新版）', shortcode: 'qd' },
        { title: '全新话术', body: '新的', shortcode: 'qxhs' },
      ],
    };
    await importFile('update.json', JSON.stringify(pack));
    await options.getByText('update.json 中共 2 条话术，其中 1 条与现有话术重复').waitFor();
    await options.getByLabel('更新现有话术').check();
    await options.getByRole('button', { name: '导入 2 条话术' }).click();
    await options.getByRole('status').filter({ hasText: '新增 1 条，更新 1 条，跳过 0 条' }).waitFor();
    const rows = await readTable(browser.context, browser.extensionId, 'templates');
    assert.equal(rows.length, before + 1);
    assert.equal(rows.find((r) => r.shortcode === 'qd').body, '请您稍等一下，我马上查（新版）');
  });

  it('exports JSON and CSV that import back unchanged', async () => {
    const download = options.waitForEvent('download');
    await options.getByRole('button', { name: '导出 JSON' }).click();
    const json = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    const rows = await readTable(browser.context, browser.extensionId, 'templates');
    assert.equal(json.format, 'deskmate/templates');
    assert.equal(json.templates.length, rows.length);
    const csvDownload = options.waitForEvent('download');
    await options.getByRole('button', { name: '导出 CSV' }).click();
    const csv = readFileSync(await (await csvDownload).path(), 'utf8');
    assert.ok(csv.startsWith('\ufefffolder,shortcode,title,body\r\n'));
    // Re-importing the export changes nothing (every row is a duplicate, updated to itself).
    await importFile('roundtrip.csv', csv);
    await options.getByLabel('更新现有话术').check();
    await options.getByRole('button', { name: `导入 ${rows.length} 条话术` }).click();
    await options
      .getByRole('status')
      .filter({ hasText: `新增 0 条，更新 ${rows.length} 条` })
      .waitFor();
    const after = await readTable(browser.context, browser.extensionId, 'templates');
    const key = (r) => [r.folder, r.shortcode ?? '', r.title, r.body].join('\u0000');
    assert.deepEqual(after.map(key).sort(), rows.map(key).sort());
  });

  it('imports 10,000 templates with progress, and the list stays usable', async () => {
    const before = await count();
    const header = 'folder,shortcode,title,body\n';
    const lines = Array.from({ length: 10000 }, (_, i) => `批量/组${i % 50},b${i},批量话术${i},"第${i}条内容，含逗号, 和换行\n第二行"`);
    await importFile('big.csv', header + lines.join('\n') + '\n');
    await options.getByRole('status').filter({ hasText: '新增 10000 条' }).waitFor({ timeout: 60000 });
    assert.equal(await count(), before + 10000);
    await options.getByRole('searchbox', { name: '搜索话术' }).fill('b9999');
    await options.getByRole('listitem').filter({ hasText: '批量话术9999' }).waitFor();
  });

  it('deletes selected templates; a deleted default template stays deleted', async () => {
    await options.getByRole('searchbox', { name: '搜索话术' }).fill('hyy');
    await options.getByLabel('选择“欢迎语”').check();
    options.once('dialog', (d) => d.accept());
    await options.getByRole('button', { name: '删除所选' }).click();
    await waitFor(
      async () =>
        !(await readTable(browser.context, browser.extensionId, 'templates')).some((r) => r.builtinId === 'builtin.presale.welcome'),
    );
    const removed = await options.evaluate(() => chrome.storage.local.get('removedBuiltins'));
    assert.deepEqual(removed.removedBuiltins, ['builtin.presale.welcome']);
  });
});

// Fault injection in Firefox ESR: storage runs out. Firefox's quota comes from a preference
// (dom.quotaManager.temporaryStorage.fixedLimit: 50 MB overall gives the add-on 10 MB), and a
// filler database in the add-on's origin takes the rest. Adding evidence then fails with a clear
// message, nothing of the batch is written, earlier data stays; after space is freed the same
// evidence goes in. (Small writes such as a template can still land in free database pages in
// Firefox; the overlay's storage-full message is proven in Chromium, chromium-storage-full.)
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  fillQuota,
  freeQuota,
  launchFirefox,
  openFirefoxExtensionPage,
  randomPng,
  readFirefoxTable,
  removeDir,
  tempProfile,
  waitFor,
} from './helpers.mjs';

const FULL = /存储空间已满/;

describe('Firefox: storage full', () => {
  let browser;
  let files;

  before(async () => {
    browser = await launchFirefox({ prefs: { 'dom.quotaManager.temporaryStorage.fixedLimit': 50 * 1024 } });
    files = tempProfile('deskmate-ff-files-');
  });
  after(async () => {
    await browser?.close();
    if (files) removeDir(files);
  });

  const addFiles = async (page, paths) => {
    // The first item's "为“…”添加文件" button chooses the item; the file input then takes the files.
    await page.evaluate(() => [...document.querySelectorAll('button')].find((b) => /^为“.*”添加文件$/.test(b.textContent ?? ''))?.click());
    const input = await page.$('input[type="file"]');
    await input.uploadFile(...paths);
  };
  const text = (page, selector) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent).join(' | '), selector);

  it('refuses evidence with a clear message, keeps what was there, and takes it once space is freed', async () => {
    const ext = await openFirefoxExtensionPage(browser);
    // This Firefox has no Chinese UI language pack: Deskmate's own language setting chooses zh-CN.
    await ext.evaluate(() => globalThis.browser.storage.local.set({ language: 'zh-CN' }));
    const opened = await ext.evaluate(() =>
      globalThis.browser.runtime.sendMessage({
        deskmate: 1,
        type: 'cases.open',
        input: { orderNo: '3859201746682', caseTypeId: 'quality', platform: 'taobao', siteId: 'deskmate-demo', language: 'zh-CN' },
      }),
    );
    assert.ok(opened.ok, JSON.stringify(opened));
    const page = await openFirefoxExtensionPage(browser, `case.html?id=${encodeURIComponent(opened.value.id)}`);
    await waitFor(() => page.$('h1'), { message: 'the case page' });
    await addFiles(page, [randomPng(files, 'before.png', 4096)]);
    await waitFor(async () => (await text(page, '[role="status"]')).includes('已添加 1 个文件'), { message: 'the first file saved' });

    const refused = await fillQuota(ext);
    assert.deepEqual(refused, ['QuotaExceededError', 'QuotaExceededError', 'QuotaExceededError'], 'the filler ran into the quota');

    const batch = [randomPng(files, 'invoice.png', 1 << 20), randomPng(files, 'parcel.png', 1 << 20)];
    await addFiles(page, batch);
    await waitFor(async () => FULL.test(await text(page, '[role="alert"]')), { message: 'the storage-full message on the case page' });
    assert.deepEqual(
      (await readFirefoxTable(browser, 'attachments')).map((a) => a.name),
      ['before.png'],
      'nothing of the refused batch',
    );

    await freeQuota(ext);
    await addFiles(page, batch);
    await waitFor(async () => (await text(page, '[role="status"]')).includes('已添加 2 个文件'), {
      message: 'the batch saved once space is free',
    });
    assert.deepEqual((await readFirefoxTable(browser, 'attachments')).map((a) => a.name).sort(), [
      'before.png',
      'invoice.png',
      'parcel.png',
    ]);
    await Promise.all([page.close(), ext.close()]);
  });
});

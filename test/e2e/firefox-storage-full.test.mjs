// Fault injection in Firefox ESR: storage runs out. Firefox's quota comes from a preference
// (dom.quotaManager.temporaryStorage.fixedLimit: 50 MB overall gives the add-on 10 MB), and a
// filler database in the add-on's origin takes the rest. Adding evidence then fails with a clear
// message, nothing of the batch is written, earlier data stays; after space is freed the same
// evidence goes in. (Small writes such as a template can still land in free database pages in
// Firefox; the overlay's storage-full message is proven in Chromium, chromium-storage-full.)
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { findFirefox, FIREFOX_HINT } from '../../scripts/browsers.mjs';
import { FIREFOX_EXT, FIREFOX_PREFS, openFirefoxExtensionPage, readFirefoxTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

const FULL = /存储空间已满/;

describe('Firefox: storage full', () => {
  let browser;
  let files;

  before(async () => {
    const executablePath = findFirefox();
    if (!executablePath) throw new Error(FIREFOX_HINT);
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      extraPrefsFirefox: { ...FIREFOX_PREFS, 'dom.quotaManager.temporaryStorage.fixedLimit': 50 * 1024 },
    });
    await browser.installExtension(FIREFOX_EXT);
    files = tempProfile('deskmate-ff-files-');
  });
  after(async () => {
    await browser?.close();
    if (files) removeDir(files);
  });

  /** A PNG signature then `size` random bytes (the case page checks content, not the name). */
  const pngOf = (name, size) => {
    const body = new Uint8Array(size);
    for (let i = 0; i < size; i += 65536) crypto.getRandomValues(body.subarray(i, Math.min(size, i + 65536)));
    const path = join(files, name);
    writeFileSync(path, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), body]));
    return path;
  };
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
      globalThis.browser.runtime.sendMessage({ deskmate: 1, type: 'cases.open', input: { orderNo: '3859201746682', caseTypeId: 'quality', platform: 'taobao', siteId: 'deskmate-demo', language: 'zh-CN' } }),
    );
    assert.ok(opened.ok, JSON.stringify(opened));
    const page = await openFirefoxExtensionPage(browser, `case.html?id=${encodeURIComponent(opened.value.id)}`);
    await waitFor(() => page.$('h1'), { message: 'the case page' });
    await addFiles(page, [pngOf('before.png', 4096)]);
    await waitFor(async () => (await text(page, '[role="status"]')).includes('已添加 1 个文件'), { message: 'the first file saved' });

    const refused = await ext.evaluate(async () => {
      const open = () =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('deskmate-e2e-filler', 1);
          req.onupgradeneeded = () => req.result.createObjectStore('blobs', { autoIncrement: true });
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      const out = [];
      // Firefox closes the connection after a refused write: a new one for each chunk size.
      for (const size of [1 << 20, 1 << 16, 1 << 12]) {
        const db = await open();
        for (let i = 0; i < 1000; i++) {
          const bytes = new Uint8Array(size);
          for (let j = 0; j < size; j += 65536) crypto.getRandomValues(bytes.subarray(j, Math.min(size, j + 65536)));
          const error = await new Promise((res) => {
            try {
              const tx = db.transaction('blobs', 'readwrite');
              tx.objectStore('blobs').add(new Blob([bytes]));
              tx.oncomplete = () => res(null);
              tx.onabort = () => res(tx.error?.name ?? 'aborted');
            } catch (e) {
              res(e.name);
            }
          });
          if (error) {
            out.push(error);
            break;
          }
        }
        db.close();
      }
      return out;
    });
    assert.deepEqual(refused, ['QuotaExceededError', 'QuotaExceededError', 'QuotaExceededError'], 'the filler ran into the quota');

    const batch = [pngOf('invoice.png', 1 << 20), pngOf('parcel.png', 1 << 20)];
    await addFiles(page, batch);
    await waitFor(async () => FULL.test(await text(page, '[role="alert"]')), { message: 'the storage-full message on the case page' });
    assert.deepEqual((await readFirefoxTable(browser, 'attachments')).map((a) => a.name), ['before.png'], 'nothing of the refused batch');

    await ext.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const req = indexedDB.deleteDatabase('deskmate-e2e-filler');
          req.onsuccess = () => resolve(null);
          req.onerror = () => reject(req.error);
        }),
    );
    await addFiles(page, batch);
    await waitFor(async () => (await text(page, '[role="status"]')).includes('已添加 2 个文件'), { message: 'the batch saved once space is free' });
    assert.deepEqual((await readFirefoxTable(browser, 'attachments')).map((a) => a.name).sort(), ['before.png', 'invoice.png', 'parcel.png']);
    await Promise.all([page.close(), ext.close()]);
  });
});

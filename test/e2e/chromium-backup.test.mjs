// End-to-end: all data in one file and back, in real Chromium (real IndexedDB Blobs): a backup
// from one profile restored into a fresh one gives the same records and the same file bytes.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { launchChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

const send = (page, type, input) =>
  page.evaluate(([t, i]) => chrome.runtime.sendMessage({ deskmate: 1, type: t, input: i }), [type, input]);

describe('Chromium: backup and restore of all data', () => {
  const profiles = [];
  let files;
  before(() => {
    files = tempProfile('deskmate-files-');
  });
  after(() => {
    for (const p of profiles) removeDir(p);
    removeDir(files);
  });

  it('restores templates, cases and evidence files byte for byte into a fresh profile', async () => {
    profiles.push(tempProfile());
    const one = await launchChromium(profiles[0]);
    const page = await one.context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`chrome-extension://${one.extensionId}/options.html#general`);
    assert.equal((await send(page, 'templates.save', { title: '备份测试', body: '亲，备份里的话术~', shortcode: 'bfcs' })).ok, true);
    const opened = await send(page, 'cases.open', {
      orderNo: '3859201746682',
      caseTypeId: 'quality',
      platform: 'taobao',
      siteId: 'deskmate-demo',
      language: 'zh-CN',
      startedAt: Date.now(),
      startSource: 'agent',
    });
    assert.equal(opened.ok, true, JSON.stringify(opened));
    const bytes = [...readFileSync(join(import.meta.dirname, '../../public/icon/128.png'))];
    // A real Blob in the extension's IndexedDB, as the case page stores evidence.
    await page.evaluate(
      ([caseId, data]) =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('deskmate');
          req.onsuccess = () => {
            const tx = req.result.transaction('attachments', 'readwrite');
            tx.objectStore('attachments').put({
              id: 'att-e2e',
              caseId,
              itemId: 'purchase-invoice',
              name: '发票.png',
              type: 'image/png',
              size: data.length,
              sourceUrl: '',
              createdAt: 1,
              blob: new Blob([new Uint8Array(data)], { type: 'image/png' }),
            });
            tx.oncomplete = () => resolve(null);
            tx.onerror = () => reject(tx.error);
          };
        }),
      [opened.value.id, bytes],
    );
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '备份全部数据' }).click()]);
    const file = join(files, 'backup.json');
    writeFileSync(file, readFileSync(await download.path()));
    const before = {
      templates: await readTable(one.context, one.extensionId, 'templates'),
      cases: await readTable(one.context, one.extensionId, 'cases'),
    };
    await one.context.close();

    profiles.push(tempProfile());
    const two = await launchChromium(profiles[1]);
    const p2 = await two.context.newPage();
    p2.on('dialog', (d) => void d.accept());
    await p2.goto(`chrome-extension://${two.extensionId}/options.html#general`);
    await p2.getByRole('button', { name: '从备份恢复' }).waitFor();
    await p2.locator('#backup-heading ~ div input[type="file"]').setInputFiles(file);
    await p2.getByRole('status').filter({ hasText: '已恢复' }).waitFor();
    const after = {
      templates: await readTable(two.context, two.extensionId, 'templates'),
      cases: await readTable(two.context, two.extensionId, 'cases'),
    };
    assert.deepEqual(after.cases, before.cases);
    assert.deepEqual(after.templates.map((t) => t.id).sort(), before.templates.map((t) => t.id).sort());
    const restored = await p2.evaluate(
      () =>
        new Promise((resolve) => {
          const req = indexedDB.open('deskmate');
          req.onsuccess = () => {
            const get = req.result.transaction('attachments').objectStore('attachments').get('att-e2e');
            get.onsuccess = async () =>
              resolve({ type: get.result.blob.type, bytes: [...new Uint8Array(await get.result.blob.arrayBuffer())] });
          };
        }),
    );
    assert.equal(restored.type, 'image/png');
    assert.deepEqual(restored.bytes, bytes);
    // The restored open case is scheduled again (its reminders are alarms in the new profile).
    // (One rolling alarm for every case's next reminder or deadline, S17; only this case is open here.)
    const deadlineAt = after.cases.find((c) => c.id === opened.value.id).deadlineAt;
    await waitFor(
      async () => (await p2.evaluate(() => chrome.alarms.getAll())).some((a) => a.name === 'case-next' && a.scheduledTime <= deadlineAt),
      {
        message: 'the case alarm',
      },
    );
    await two.context.close();
  });
});

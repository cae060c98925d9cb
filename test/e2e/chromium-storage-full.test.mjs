// Fault injection: storage runs out. Chromium's quota for the extension follows the disk its
// profile is on, so the profile lives on a small tmpfs (mounting needs root, as .ci/run has);
// a filler database in the extension's origin then takes the rest. Without root or passwordless
// sudo the test reports itself skipped, with the reason. Adding evidence and saving
// a template must then fail with a clear message, leave nothing half-written and keep what was
// there; once space is freed the same actions work.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { demoServer, fillQuota, freeQuota, launchChromium, randomPng, readTable, removeDir, tempProfile } from './helpers.mjs';

const FULL = /存储空间已满/;

/** Runs a mount command as root: directly, or through passwordless sudo. */
function asRoot(cmd, args) {
  if (process.getuid?.() === 0) execFileSync(cmd, args, { stdio: 'pipe' });
  else execFileSync('sudo', ['-n', cmd, ...args], { stdio: 'pipe' });
}

function mountSmallDisk(dir, size) {
  try {
    asRoot('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'deskmate-e2e', dir]);
    return null;
  } catch (err) {
    return String(err.stderr || err.message).trim();
  }
}

describe('Chromium: storage full', () => {
  let server;
  let mountPoint;
  let mountProblem = null;
  let browser;
  let files;

  before(async () => {
    server = await demoServer();
    mountPoint = tempProfile('deskmate-small-disk-');
    mountProblem = mountSmallDisk(mountPoint, '160m');
    if (mountProblem) return;
    browser = await launchChromium(join(mountPoint, 'profile'));
    files = tempProfile('deskmate-files-');
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    if (!mountProblem) asRoot('umount', [mountPoint]);
    removeDir(mountPoint);
    if (files) removeDir(files);
  });

  it('refuses evidence and a new template with a clear message, keeps what was there, and works again once space is freed', async (t) => {
    if (mountProblem) {
      t.skip(`needs a small tmpfs for the profile (mount as root): ${mountProblem}`);
      return;
    }
    const { context, extensionId } = browser;
    mkdirSync(files, { recursive: true });
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    const opened = await ext.evaluate(() =>
      chrome.runtime.sendMessage({
        deskmate: 1,
        type: 'cases.open',
        input: { orderNo: '3859201746682', caseTypeId: 'quality', platform: 'taobao', siteId: 'deskmate-demo' },
      }),
    );
    assert.ok(opened.ok, JSON.stringify(opened));
    const caseId = opened.value.id;

    // Evidence saved while there is room.
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/case.html?id=${caseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const addTo = page.getByRole('button', { name: /^为“.*”添加文件$/ }).first();
    await addTo.click();
    await page.locator('input[type="file"]').setInputFiles(randomPng(files, 'before.png', 4096));
    await page.getByRole('status').filter({ hasText: '已添加 1 个文件' }).waitFor();
    const caseBefore = (await readTable(context, extensionId, 'cases')).find((c) => c.id === caseId);

    // The disk runs out.
    const refused = await fillQuota(ext);
    assert.deepEqual(refused, ['QuotaExceededError', 'QuotaExceededError', 'QuotaExceededError'], 'the filler ran into the quota');

    // Two more files at once: refused as a whole, in words.
    const batch = [randomPng(files, 'invoice.png', 2 << 20), randomPng(files, 'parcel.png', 2 << 20)];
    await addTo.click();
    await page.locator('input[type="file"]').setInputFiles(batch);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), FULL);
    const attachments = await readTable(context, extensionId, 'attachments');
    assert.deepEqual(
      attachments.map((a) => a.name),
      ['before.png'],
      'nothing of the refused batch, the earlier file kept',
    );
    assert.deepEqual(
      (await readTable(context, extensionId, 'cases')).find((c) => c.id === caseId),
      caseBefore,
      'the case untouched',
    );

    // A template saved from the overlay on a console: the background's refusal reaches the page as the same message.
    const demo = await context.newPage();
    await demo.goto(`${server.url}?schedule=off`);
    const overlay = demo.locator('deskmate-overlay');
    await overlay.getByRole('button', { name: '打开客服助手' }).click();
    const templatesBefore = (await readTable(context, extensionId, 'templates')).length;
    // Random CJK text (Chromium compresses large values; this does not compress), under the 20,000 limit.
    const body = Array.from({ length: 19000 }, () => String.fromCharCode(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');
    await overlay.getByRole('button', { name: '新建话术' }).click();
    await overlay.getByLabel('标题').fill('存储满时的话术');
    await overlay.getByLabel('内容').fill(body);
    await overlay.getByRole('button', { name: '保存' }).click();
    await overlay
      .getByRole('alert')
      .filter({ hasText: /存储空间已满：.*这次的内容没有保存/ })
      .waitFor();
    assert.equal((await readTable(context, extensionId, 'templates')).length, templatesBefore, 'no template written');

    // Reply events cannot be stored either: the side panel says recording has stopped.
    const conv = await demo.evaluate(() => window.demo.activeConversation());
    await demo.evaluate((c) => window.demo.pushCustomerMessage(c, '还有空间吗？'), conv);
    const panel = await context.newPage();
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    const notice = panel.getByRole('alert').filter({ hasText: /存储空间已满.*回复计时和指标暂停记录/ });
    await notice.waitFor({ timeout: 20000 });

    // Space freed: the same files go in.
    await freeQuota(ext);
    await addTo.click();
    await page.locator('input[type="file"]').setInputFiles(batch);
    await page.getByRole('status').filter({ hasText: '已添加 2 个文件' }).waitFor();
    assert.deepEqual((await readTable(context, extensionId, 'attachments')).map((a) => a.name).sort(), [
      'before.png',
      'invoice.png',
      'parcel.png',
    ]);
    // The next message is stored and the notice goes.
    await demo.evaluate((c) => window.demo.pushCustomerMessage(c, '现在呢？'), conv);
    await notice.waitFor({ state: 'detached', timeout: 20000 });
    await Promise.all([demo.close(), page.close(), ext.close(), panel.close()]);
  });
});

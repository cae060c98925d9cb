// End-to-end: evidence checklists on the demo workspace's refund page in real Chromium. Open the
// case, tick items, capture the tab; reload and restart the service worker: the case is intact;
// export the package and check its contents; a due-soon case fires its notification; bad files
// are refused with a clear message and nothing is written.
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeFileSync, ftruncateSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { demoServer, launchChromium, readTable, removeDir, stopServiceWorkers, tempProfile, waitFor } from './helpers.mjs';

const ORDER = '3860417752913'; // a demo order with a refund dispute (its type is read from the page)

describe('Chromium: evidence checklists and deadlines', () => {
  let server;
  let profile;
  let files;
  let browser;
  let orderNo;
  let caseId;

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

  const table = (name) => readTable(browser.context, browser.extensionId, name);
  const openRefund = async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}refund.html?order=${ORDER}`);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    await page.getByRole('button', { name: '打开客服助手' }).click();
    return page;
  };

  it('opens the case for the order on the refund page, with the dispute type the page shows', async () => {
    const page = await openRefund();
    orderNo = await page.locator('#order-no').getAttribute('data-order-no');
    const disputeText = await page.locator('#dispute-type').textContent();
    const dialog = page.getByRole('dialog', { name: '客服助手' });
    // The panel opens on the order's case tab.
    await dialog.getByRole('tab', { name: '案件', selected: true }).waitFor();
    const form = dialog.getByRole('form', { name: '建立案件' });
    assert.equal(await form.getByLabel('纠纷类型').locator('option:checked').textContent(), disputeText);
    // The platform has not stepped in on this page: the start is asked for, not taken as "now".
    const start = form.getByLabel('平台介入时间');
    assert.equal(await start.inputValue(), '');
    await form.getByText(/请填写平台介入时间/).waitFor();
    // A start that is not a time is refused with a message, and nothing is written.
    await start.fill('昨天下午');
    await form.getByRole('button', { name: '建立案件' }).click();
    await dialog.getByRole('alert').filter({ hasText: '“昨天下午”不是可识别的时间' }).waitFor();
    assert.equal((await table('cases')).length, 0, 'nothing written');
    await start.fill('昨天 10:00');
    await form.getByRole('button', { name: '建立案件' }).click();
    const section = dialog.getByRole('region', { name: `订单 ${orderNo} 的${disputeText}案件` });
    await section.waitFor();
    await section.getByText(/剩余/).first().waitFor();
    await section.getByText('平台介入时间，由你填写：').waitFor();
    const cases = await table('cases');
    assert.equal(cases.length, 1);
    caseId = cases[0].id;
    assert.equal(cases[0].orderNo, orderNo);
    assert.equal(cases[0].startSource, 'agent');
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    yesterday.setHours(10, 0, 0, 0);
    assert.equal(cases[0].startedAt, yesterday.getTime(), 'yesterday 10:00, local time');
    assert.equal(cases[0].deadlineAt - cases[0].startedAt, 48 * 3600_000, 'the 48 h evidence rule');
    await page.close();
  });

  it('ticks items, notes one, captures the tab; a reload and a stopped worker keep it all', async () => {
    let page = await openRefund();
    const dialog = page.getByRole('dialog', { name: '客服助手' });
    const items = dialog
      .getByRole('list')
      .filter({ has: page.getByRole('checkbox') })
      .first();
    const boxes = items.getByRole('checkbox');
    await boxes.first().waitFor();
    const names = await boxes.evaluateAll((els) => els.map((e) => e.labels[0].textContent));
    await items.getByRole('checkbox', { name: names[0], exact: true }).check();
    await items.getByRole('checkbox', { name: names[1], exact: true }).check();
    await waitFor(async () => (await table('cases'))[0].items.filter((i) => i.done).length === 2, { message: 'two items done' });
    const note = dialog.getByLabel(`“${names[0]}”备注`);
    await note.fill('发票原件已拍照，含发票专用章');
    await note.blur();
    await waitFor(async () => (await table('cases'))[0].items[0].note === '发票原件已拍照，含发票专用章', { message: 'the note saved' });

    await dialog.getByRole('button', { name: `截取当前页面作为证据：${names[1]}` }).click();
    await dialog
      .getByRole('status')
      .filter({ hasText: `已截图保存为“${names[1]}”的证据` })
      .waitFor();
    const shots = await table('attachments');
    assert.equal(shots.length, 1);
    assert.equal(shots[0].type, 'image/png');
    assert.ok(shots[0].sourceUrl.includes(`refund.html?order=${ORDER}`));
    assert.ok(shots[0].size > 1000);

    await page.reload();
    await stopServiceWorkers(browser.context, browser.extensionId);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    await page.getByRole('button', { name: '打开客服助手' }).click();
    const again = page.getByRole('dialog', { name: '客服助手' });
    await again.getByRole('checkbox', { name: names[0], exact: true }).waitFor();
    assert.equal(await again.getByRole('checkbox', { name: names[0], exact: true }).isChecked(), true);
    assert.equal(await again.getByRole('checkbox', { name: names[1], exact: true }).isChecked(), true);
    assert.equal(await again.getByLabel(`“${names[0]}”备注`).inputValue(), '发票原件已拍照，含发票专用章');
    assert.equal((await table('cases')).length, 1, 'the same case, not a second one');
    await page.close();
    page = null;
  });

  it('refuses a 200 MB file and a non-image renamed .png, writing nothing; exports the package', async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/case.html?id=${caseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const big = join(files, 'huge-scan.png');
    const fd = openSync(big, 'w');
    ftruncateSync(fd, 200 * 1024 * 1024);
    closeSync(fd);
    const fake = join(files, 'invoice.png');
    writeFileSync(fake, 'MZ this is an executable, not a picture');
    const before = (await table('attachments')).length;
    const firstAdd = page.getByRole('button', { name: /^为“.*”添加文件$/ }).first();
    for (const file of [big, fake]) {
      await firstAdd.click();
      await page.locator('input[type="file"]').setInputFiles(file);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), file === big ? /huge-scan\.png/ : /invoice\.png/);
    }
    assert.equal((await table('attachments')).length, before, 'nothing written');

    const good = join(files, 'photo.png');
    writeFileSync(good, readFileSync(join(import.meta.dirname, '../../public/icon/128.png')));
    await firstAdd.click();
    await page.locator('input[type="file"]').setInputFiles(good);
    await page.getByRole('status').filter({ hasText: '已添加 1 个文件' }).waitFor();
    await page.getByRole('img', { name: 'photo.png' }).waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '导出证据包（zip）' }).click()]);
    const zip = unzipSync(new Uint8Array(readFileSync(await download.path())));
    const names = Object.keys(zip);
    assert.ok(names.includes('summary.txt'), names.join(', '));
    assert.ok(names.includes('case.json'));
    const pngs = names.filter((n) => n.endsWith('.png'));
    assert.equal(pngs.length, 2, 'the capture and the photo');
    const summary = strFromU8(zip['summary.txt']);
    assert.ok(summary.includes(orderNo));
    assert.ok(summary.includes('发票原件已拍照，含发票专用章'));
    const json = JSON.parse(strFromU8(zip['case.json']));
    assert.equal(json.format, 'deskmate/evidence-package');
    await page.close();
  });

  it('fires the reminder notification of a case due soon, and counts it in the badge', async () => {
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/popup.html`);
    const c = (await table('cases'))[0];
    // Move the start so that the 30-minute reminder is 3 s away.
    const hours = (c.deadlineAt - c.startedAt) / 3600_000;
    const deadline = Date.now() + 30 * 60_000 + 3000;
    const reply = await ext.evaluate(
      ([id, startedAt]) => chrome.runtime.sendMessage({ deskmate: 1, type: 'cases.update', input: { id, startedAt } }),
      [c.id, Math.round(deadline - hours * 3600_000)],
    );
    assert.equal(reply.ok, true, JSON.stringify(reply));
    await waitFor(async () => (await ext.evaluate(() => chrome.action.getBadgeText({}))) === '1', {
      message: 'the badge to count the case due soon',
    });
    const notes = await waitFor(
      async () => {
        const all = await ext.evaluate(() => chrome.notifications.getAll());
        return Object.keys(all).find((k) => k.startsWith('case-next:'));
      },
      { timeout: 20000, message: 'the 30-minute reminder' },
    );
    // One rolling alarm for all cases; the notification's name is opaque (no case id, S17).
    assert.ok(!notes.includes(c.id), notes);
    await ext.close();
  });
});

describe('Chromium: checklist definitions in options', () => {
  let profile;
  let files;
  let browser;
  before(async () => {
    profile = tempProfile();
    files = tempProfile('deskmate-files-');
    browser = await launchChromium(profile);
  });
  after(async () => {
    await browser?.context.close();
    removeDir(profile);
    removeDir(files);
  });

  it('shows the shipped case types, refuses a malformed definitions file naming the field, and writes nothing', async () => {
    const page = await browser.context.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.goto(`chrome-extension://${browser.extensionId}/options.html#checklists`);
    await page.getByRole('heading', { name: '证据清单与期限' }).waitFor();
    await page.getByRole('button', { name: '质量问题', exact: true }).waitFor();
    const bad = join(files, 'checklists.json');
    writeFileSync(
      bad,
      JSON.stringify({
        format: 'deskmate/checklists',
        version: 1,
        language: 'zh-CN',
        platforms: [{ id: 'taobao', name: '淘宝' }],
        deadlineRules: [{ id: 'r1', title: '举证', start: 'platformIntervened', hours: 48 }],
        caseTypes: [
          {
            id: 't1',
            title: '质量问题',
            kind: 'dispute',
            description: '买家称商品有质量问题',
            deadlineRule: 'nope',
            items: [{ id: 'i1', title: '进货发票', guidance: '须有发票专用章', required: true }],
          },
        ],
        uploadLimits: {},
      }),
    );
    await page.locator('input[type="file"]').setInputFiles(bad);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /caseTypes\.0\.deadlineRule/);
    const stored = await page.evaluate(() => chrome.storage.local.get('customChecklists'));
    assert.equal(stored.customChecklists ?? null, null, 'nothing written');
    await page.close();
  });
});

// End-to-end: the template picker on the demo workspace in real Chromium — trigger, filter,
// keyboard, mouse, fill-in fields, IME composition, undo, usage records.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoServer, launchChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: template picker on the demo workspace', () => {
  let server;
  let profile;
  let browser;
  let page;

  before(async () => {
    server = await demoServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
    // The agent's profile fills {{客服}}, {{工号}} and {{店铺}}.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#general`);
    await options.getByLabel('客服昵称').fill('小林');
    await options.getByLabel('工号').fill('8023');
    await options.getByLabel('店铺名称').fill('悦衣坊');
    // The profile saves itself as it is typed (no 保存 button).
    await options.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await waitFor(
      async () => (await options.evaluate(() => chrome.storage.local.get('agentProfile'))).agentProfile?.shopName === '悦衣坊',
      { message: 'the profile saved' },
    );
    await options.close();
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    removeDir(profile);
  });

  const overlay = () => page.locator('deskmate-overlay');
  const listbox = () => overlay().getByRole('listbox', { name: '匹配的话术' });
  const options = () => overlay().getByRole('option');
  const textarea = () => page.locator('#composer-plain');
  const quillText = () => page.evaluate(() => window.demoQuill.getText().replace(/\n$/, ''));

  const fresh = async () => {
    await page?.close();
    page = await browser.context.newPage();
    await page.goto(`${server.url}?schedule=off&reset`);
    await overlay().getByRole('button', { name: '打开客服助手' }).waitFor();
  };

  it('opens on "/" at the start of the field, filters by shortcode, pinyin and title, and inserts with Enter', async () => {
    await fresh();
    await textarea().click();
    await page.keyboard.type('/');
    await listbox().waitFor();
    await page.keyboard.type('hyy');
    await waitFor(async () => (await options().first().textContent())?.startsWith('欢迎语'), { message: 'shortcode match first' });
    assert.equal(await options().first().getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await textarea().inputValue()).startsWith('您好林晓雨'), { message: 'the rendered template' });
    assert.equal(await textarea().inputValue(), '您好林晓雨，欢迎光临悦衣坊~我是客服小林，很高兴为您服务😊 请问有什么可以帮到您？');
    await listbox().waitFor({ state: 'detached' });
    // The page's own app sees the text: its send button sends it.
    await page.getByRole('button', { name: '发送' }).click();
    await page.locator('#messages .msg[data-sender="agent"]').last().getByText('您好林晓雨，欢迎光临悦衣坊').waitFor();
  });

  it('finds by full pinyin and Chinese title, moves with arrows, inserts with Tab, and records the use', async () => {
    await fresh();
    await textarea().click();
    await page.keyboard.type('亲 /qingshao');
    await waitFor(async () => (await options().first().textContent())?.includes('请稍等'), { message: 'pinyin match' });
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await waitFor(async () => (await options().count()) > 0);
    for (let i = 0; i < 'qingsh'.length; i++) await page.keyboard.press('Backspace');
    await page.keyboard.type('物流');
    await waitFor(async () => (await options().count()) >= 2, { message: 'title matches' });
    const second = (await options().nth(1).locator('.dm-opt-title').textContent()) ?? '';
    await page.keyboard.press('ArrowDown');
    assert.equal(await options().nth(1).getAttribute('aria-selected'), 'true');
    await page.keyboard.press('Tab');
    await listbox().waitFor({ state: 'detached' });
    const value = await textarea().inputValue();
    assert.ok(value.startsWith('亲 ') && !value.includes('/物流'), `query replaced: ${value}`);
    const templates = await readTable(browser.context, browser.extensionId, 'templates');
    const used = templates.find((t) => t.title === second);
    await waitFor(
      async () => {
        const uses = await readTable(browser.context, browser.extensionId, 'templateUses');
        return uses.some((u) => u.templateId === used.id && u.siteId === 'deskmate-demo' && u.chars > 0 && !('text' in u));
      },
      { message: 'the usage record' },
    );
    // The dashboard shows it among the most used, with the typing time it saved.
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    await panel.getByRole('list', { name: '本周最常用' }).getByText(second).waitFor();
    await panel.getByText(/本周约节省 \d+ 分钟打字（\d+ 字）/).waitFor();
    await panel.close();
  });

  it('Esc closes and leaves the text as typed; no trigger inside a word', async () => {
    await fresh();
    await textarea().click();
    await page.keyboard.type('/hyy');
    await listbox().waitFor();
    await page.keyboard.press('Escape');
    await listbox().waitFor({ state: 'detached' });
    assert.equal(await textarea().inputValue(), '/hyy');
    await page.keyboard.type(' 和/或');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    assert.equal(await listbox().count(), 0);
  });

  it('asks for fill-in fields (Tab between them, Enter inserts) and never leaves a blank', async () => {
    await fresh();
    await textarea().click();
    await page.keyboard.type('/bbjs'); // 宝贝介绍: {{?商品名}} and {{?卖点}}
    await waitFor(async () => (await options().first().textContent())?.startsWith('宝贝介绍'));
    await page.keyboard.press('Enter');
    const form = overlay().getByRole('dialog', { name: /插入前请填写/ });
    await form.waitFor();
    await page.keyboard.type('羽绒服');
    await page.keyboard.press('Tab');
    await page.keyboard.type('轻薄保暖');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await textarea().inputValue()).startsWith('这款羽绒服是'), { message: 'filled template' });
    assert.ok((await textarea().inputValue()).includes('主要特点：轻薄保暖。'));
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-plain', 'the field keeps focus');
  });

  it('ignores Enter and typing while an IME composition is active', async () => {
    await fresh();
    await textarea().click();
    await page.keyboard.type('/');
    await listbox().waitFor();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'wu', selectionStart: 2, selectionEnd: 2 });
    // Enter during composition (the IME's own confirm key) must not insert anything.
    await page.evaluate(() => {
      const ta = document.getElementById('composer-plain');
      ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', keyCode: 229, bubbles: true, cancelable: true, isComposing: true }));
    });
    assert.equal(await listbox().count(), 1);
    assert.equal(await textarea().inputValue(), '/wu');
    await cdp.send('Input.insertText', { text: '物流' }); // commit
    await waitFor(async () => (await options().first().textContent())?.includes('物流'), { message: 'committed text filters' });
    assert.equal(await textarea().inputValue(), '/物流');
    await cdp.detach();
  });

  it('opens on "、" (the "/" key in Chinese punctuation mode)', async () => {
    await fresh();
    await textarea().click();
    // As a Chinese IME delivers it: a keydown the IME processes (key "Process", keyCode 229), then
    // the committed "、" (the picker needs that real keypress: docs/security.md S1).
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Process', code: 'Slash', windowsVirtualKeyCode: 229 });
    await cdp.send('Input.insertText', { text: '、' });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Process', code: 'Slash', windowsVirtualKeyCode: 229 });
    await cdp.detach();
    await page.keyboard.type('qd');
    await waitFor(async () => (await options().first().textContent())?.startsWith('请稍等'));
  });

  it('inserts into the Quill rich editor, multi-line, with undo', async () => {
    await fresh();
    await page.locator('#composer-rich .ql-editor').click();
    await page.keyboard.type('/ddqr'); // 订单确认: several lines, {{订单号}} from the page
    await waitFor(async () => (await options().first().textContent())?.startsWith('订单确认'));
    await page.keyboard.press('Enter');
    await overlay()
      .getByRole('dialog', { name: /插入前请填写/ })
      .waitFor();
    await page.keyboard.type('羽绒服 M码');
    await page.keyboard.press('Tab');
    await page.keyboard.type('林晓雨 杭州');
    await page.keyboard.press('Enter');
    await waitFor(async () => (await quillText()).includes('订单号：3859201746682'), { message: 'Quill model has the text' });
    const lines = (await quillText()).split('\n');
    assert.ok(lines.length >= 4, `line breaks kept: ${JSON.stringify(lines)}`);
    assert.ok(!(await quillText()).includes('/ddqr'));
    await page.keyboard.press('Control+z');
    await waitFor(async () => !(await quillText()).includes('订单号'), { message: 'undo removes the insertion' });
  });

  it('clicking an option with the mouse inserts it and keeps focus in the field', async () => {
    await fresh();
    await textarea().click();
    await page.keyboard.type('/');
    await listbox().waitFor();
    await page.keyboard.type('xxhz');
    await waitFor(async () => (await options().first().textContent())?.startsWith('谢谢您的合作'));
    await options().first().click();
    await waitFor(async () => (await textarea().inputValue()) === '谢谢您的合作与耐心，祝您生活愉快！', { message: 'inserted by click' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-plain');
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await textarea().inputValue()) === '/xxhz', { message: 'undo restores what was typed' });
  });

  it('the keyboard command opens a picker with its own search box and inserts at the caret', async () => {
    await fresh();
    await textarea().click();
    await page.keyboard.type('亲，');
    // What the browser's command (Alt+. by default) makes the background send to the tab.
    const ext = await browser.context.newPage();
    await ext.goto(`chrome-extension://${browser.extensionId}/options.html#general`);
    await ext.evaluate(async (url) => {
      const [tab] = await chrome.tabs.query({ url: url + '*' });
      await chrome.tabs.sendMessage(tab.id, { type: 'picker.open' });
    }, server.url);
    await ext.close();
    await page.bringToFront();
    const search = overlay().getByRole('combobox', { name: '搜索话术' });
    await search.waitFor();
    await waitFor(async () => (await page.evaluate(() => document.activeElement?.tagName)) === 'DESKMATE-OVERLAY', {
      message: 'focus in the search box',
    });
    await page.keyboard.type('xxhz');
    await waitFor(async () => (await options().first().textContent())?.startsWith('谢谢您的合作'));
    await page.keyboard.press('Enter');
    await waitFor(async () => (await textarea().inputValue()) === '亲，谢谢您的合作与耐心，祝您生活愉快！', {
      message: 'inserted at the caret',
    });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-plain');
  });
});

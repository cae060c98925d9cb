// End-to-end: the service-language lint beside the demo's composers, in real Chromium.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { demoServer, launchChromium, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: service-language lint', () => {
  let server;
  let profile;
  let browser;
  let page;

  before(async () => {
    server = await demoServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
    page = await browser.context.newPage();
    await page.goto(`${server.url}?schedule=off`);
    await page.locator('deskmate-overlay').getByRole('button', { name: '打开客服助手' }).waitFor();
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    removeDir(profile);
  });

  const region = () => page.locator('deskmate-overlay').getByRole('region', { name: '服务用语提醒' });

  it('flags a forbidden phrase while typing, with the reason, and fixes it in one click', async () => {
    const ta = page.locator('#composer-plain');
    await ta.click();
    await page.keyboard.type('好的。不是告诉你了，怎么还不明白？');
    await region().getByText('不是告诉你了', { exact: true }).waitFor();
    assert.equal(await ta.inputValue(), '好的。不是告诉你了，怎么还不明白？', 'lint never changes text by itself');
    // The buyer's latest message stays readable: the popover does not cover it.
    const box = await region().boundingBox();
    const last = await page.locator('#messages .msg').last().boundingBox();
    assert.ok(box && last, 'both on screen');
    assert.ok(
      box.y >= last.y + last.height || box.y + box.height <= last.y,
      `popover ${JSON.stringify(box)} clear of the latest message ${JSON.stringify(last)}`,
    );
    await region().getByRole('button', { name: '替换为标准用语' }).first().click();
    await waitFor(async () => !(await ta.inputValue()).includes('不是告诉你了'), { message: 'the fix' });
    const value = await ta.inputValue();
    assert.ok(value.startsWith('好的。') && value.length > 6, value);
    await region().waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-plain');
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await ta.inputValue()).includes('不是告诉你了'), { message: 'undo brings the original back' });
  });

  it('flags off-platform contact in the Quill editor and records flags without any text', async () => {
    await page.locator('#composer-rich .ql-editor').click();
    await page.keyboard.type('亲，加我微信聊吧');
    await region().getByText('微信', { exact: true }).waitFor();
    await region().getByRole('button', { name: '替换为标准用语' }).first().click();
    await waitFor(async () => !(await page.evaluate(() => window.demoQuill.getText())).includes('微信'), {
      message: 'fixed in the Quill model',
    });
    // The fixed text is checked again: nothing left to flag, the popover goes.
    await region().waitFor({ state: 'detached' });
    const events = await waitFor(async () => {
      const rows = await readTable(browser.context, browser.extensionId, 'lintEvents');
      return rows.some((r) => r.kind === 'fixed' && r.ruleId === 'offplatform.wechat') && rows;
    });
    assert.ok(events.some((r) => r.kind === 'shown' && r.ruleId === 'forbidden.already-told'));
    for (const r of events) assert.deepEqual(Object.keys(r).sort(), ['at', 'id', 'kind', 'ruleId', 'siteId']);
  });

  it('shows every rule a sentence breaks, not only the first', async () => {
    const ta = page.locator('#composer-plain');
    await ta.click();
    await ta.fill('');
    await page.keyboard.type('这不是我们的问题，你加我微信');
    const sentence = region().getByRole('listitem', { name: '这句话触犯 2 条规则' });
    await sentence.getByText('不是我们的问题', { exact: true }).waitFor();
    await sentence.getByText('微信', { exact: true }).waitFor();
    assert.equal(await sentence.getByRole('button', { name: '替换为标准用语' }).count(), 2);
    await ta.fill('');
    await region().waitFor({ state: 'detached' });
  });

  it('lets the agent add a rule in options; a bad regex is named and nothing is saved', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#lint`);
    const form = options.getByRole('form', { name: '添加规则' });
    await form.getByLabel('规则 id').fill('mine.bad');
    await form.getByLabel('正则表达式（可选）').fill('微信(?!号)'); // lookahead: not linear-time (lib/sites/safe-regex.ts)
    await form.getByLabel('提醒原因').fill('测试');
    await form.getByLabel('建议说法（把标准用语写在“…”中即可一键替换）').fill('“您好”');
    await form.getByRole('button', { name: '添加规则' }).click();
    await form
      .getByRole('alert')
      .getByText(/^正则表达式：使用了前瞻断言/)
      .waitFor();
    assert.equal((await options.evaluate(() => chrome.storage.local.get('lintRules'))).lintRules, undefined, 'nothing saved');

    await form.getByLabel('正则表达式（可选）').fill('');
    await form.getByLabel('规则 id').fill('mine.pricey');
    await form.getByLabel('短语（用逗号分隔）').fill('你买不起');
    await form.getByRole('button', { name: '添加规则' }).click();
    await options.getByRole('status').filter({ hasText: '规则已保存' }).waitFor();
    await options.close();

    // A fresh demo tab (a tab left in the background has its animation frames throttled).
    await page.close();
    page = await browser.context.newPage();
    await page.goto(`${server.url}?schedule=off`);
    const ta = page.locator('#composer-plain');
    await ta.click();
    await ta.fill('');
    await page.keyboard.type('这款你买不起。');
    await region().getByText('你买不起', { exact: true }).waitFor();
    await region().getByRole('button', { name: '替换为标准用语' }).click();
    await waitFor(async () => (await ta.inputValue()) === '您好', { message: 'custom rule fix' });
  });
});

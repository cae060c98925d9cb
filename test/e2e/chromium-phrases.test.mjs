// End-to-end: the overlay's 话术 tab as an agent's quick-phrase panel (千牛's 快捷短语) — search with
// the picker's index, folders, click or Enter inserts into the field the agent last typed in at its
// caret, the true count, "+ 新建" quick add; and the picker's bare "/" list.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoWithChromium, readTable, waitFor } from './helpers.mjs';

describe('Chromium: the 话术 quick-phrase panel', () => {
  const env = demoWithChromium();
  const overlay = (page) => page.locator('deskmate-overlay');

  it('searches, filters by folder, counts truly, and inserts at the caret by Enter and by click', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}?schedule=off&reset`);
    const ta = page.locator('#composer-plain');
    await ta.click();
    await page.keyboard.type('亲，');
    await overlay(page).getByRole('button', { name: '打开客服助手' }).click();
    const dialog = page.getByRole('dialog', { name: '客服助手' });
    const list = dialog.getByRole('listbox', { name: '话术' });
    await list.getByRole('option').first().waitFor();

    // The true count: every template this site may use, not the first 50.
    const templates = await readTable(env.browser.context, env.browser.extensionId, 'templates');
    const inScope = templates.filter((t) => !t.deletedAt && (!t.sites?.length || t.sites.includes('deskmate-demo')));
    assert.ok(inScope.length > 50, `more than 50 templates (${inScope.length})`);
    await dialog
      .getByRole('status')
      .filter({ hasText: `共 ${inScope.length} 条话术` })
      .waitFor();

    // Search by shortcode (the picker's index), Enter inserts at the caret; focus returns to the field.
    const search = dialog.getByRole('combobox', { name: '搜索话术（标题、快捷码、拼音）' });
    await search.fill('xxhz');
    await waitFor(async () => (await list.getByRole('option').first().textContent())?.startsWith('谢谢您的合作'), {
      message: 'the shortcode match first',
    });
    assert.equal(await search.getAttribute('aria-activedescendant'), await list.getByRole('option').first().getAttribute('id'));
    await search.press('Enter');
    await waitFor(async () => (await ta.inputValue()) === '亲，谢谢您的合作与耐心，祝您生活愉快！', { message: 'inserted at the caret' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'composer-plain');
    assert.ok(await dialog.isVisible(), 'the panel stays open for the next phrase');

    // A folder narrows the list; a click inserts too (where the caret is now: the end).
    await search.fill('');
    // From the keyboard (the overlay ignores the synthetic events selectOption would send).
    const folderSelect = dialog.getByRole('combobox', { name: '目录' });
    await folderSelect.focus();
    for (let i = 0; i < 12 && (await folderSelect.inputValue()) !== '通用'; i++) await page.keyboard.press('ArrowDown');
    assert.equal(await folderSelect.inputValue(), '通用');
    const general = inScope.filter((t) => t.folder === '通用' || t.folder.startsWith('通用/'));
    await waitFor(async () => (await dialog.locator('.dm-tpl-foot [role="status"]').textContent()) === `共 ${general.length} 条话术`, {
      message: `共 ${general.length} 条话术`,
    }).catch(async (e) => {
      throw new Error(`${e.message}; shown: ${await dialog.locator('.dm-tpl-foot [role="status"]').textContent()}`);
    });
    const folders = await list.getByRole('option').evaluateAll((els) => els.length);
    assert.equal(folders, general.length);
    await search.fill('感谢表扬');
    await list.getByRole('option', { name: /感谢表扬/ }).click();
    await waitFor(async () => (await ta.inputValue()).endsWith('谢谢您的认可，这是我们应该做的😊'), { message: 'inserted by click' });
    assert.equal(await ta.inputValue(), '亲，谢谢您的合作与耐心，祝您生活愉快！谢谢您的认可，这是我们应该做的😊');
    // Undo in the page's field takes the last insertion back (the editor's own history).
    await page.keyboard.press('Control+z');
    await waitFor(async () => (await ta.inputValue()) === '亲，谢谢您的合作与耐心，祝您生活愉快！', { message: 'undo' });

    // "+ 新建": a compact form in place of the list, then back.
    await dialog.getByRole('button', { name: '新建话术' }).click();
    const form = dialog.getByRole('form', { name: '新建话术' });
    await form.getByLabel('标题').fill('面板新建');
    await form.getByLabel('内容').fill('面板里新建的话术');
    await form.getByRole('button', { name: '保存' }).click();
    await dialog.getByRole('status').filter({ hasText: '已保存“面板新建”' }).waitFor();
    await folderSelect.focus();
    await page.keyboard.press('Home');
    assert.equal(await folderSelect.inputValue(), '', 'all folders');
    await search.fill('面板新建');
    await list.getByRole('option', { name: /面板新建/ }).waitFor();
    await page.close();
  });

  it('asks the agent to pick a field first when none was focused', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}?schedule=off&reset`);
    await overlay(page).getByRole('button', { name: '打开客服助手' }).click();
    const dialog = page.getByRole('dialog', { name: '客服助手' });
    await dialog.getByRole('listbox', { name: '话术' }).getByRole('option').first().click();
    await dialog.getByRole('status').filter({ hasText: '先点一下聊天输入框，再选话术' }).waitFor();
    await page.close();
  });

  it('lists a few rows on a bare "/" and keeps the preview readable', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}?schedule=off&reset`);
    // The overlay is on the page (a "/" typed before it attached opens nothing: it was not there yet).
    await overlay(page).getByRole('button', { name: '打开客服助手' }).waitFor();
    await page.locator('#composer-plain').click();
    await page.keyboard.type('/');
    const listbox = overlay(page).getByRole('listbox', { name: '匹配的话术' });
    await listbox.getByRole('option').first().waitFor();
    const rows = await listbox.getByRole('option').count();
    assert.ok(rows > 0 && rows <= 8, `a sensible number of rows (${rows})`);
    // The active option is announced (the page's field cannot point into the overlay's shadow root).
    const first = (await listbox.getByRole('option').first().locator('.dm-opt-title').textContent()) ?? '';
    await overlay(page)
      .getByRole('status')
      .filter({ hasText: `${first}，第 1 条，共 ${rows} 条` })
      .waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowDown');
    await overlay(page)
      .getByRole('status')
      .filter({ hasText: `，第 2 条，共 ${rows} 条` })
      .waitFor({ state: 'attached' });
    const preview = overlay(page).locator('.dm-preview');
    const box = await preview.boundingBox();
    assert.ok(box && box.height >= 38, `the preview has room for more than one line (${box?.height})`);
    await page.close();
  });
});

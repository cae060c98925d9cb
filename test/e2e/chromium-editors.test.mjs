// End-to-end: insertion into REAL editors (React-controlled textarea/input, contenteditable,
// Lexical, Slate, Draft.js, TipTap/ProseMirror, Quill 2), checked in each editor's own MODEL,
// with line breaks, {{cursor}}, undo, open shadow roots and same-origin iframes.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildEditorFixtures, startEditorFixtureServer } from './editor-fixtures.mjs';
import { launchChromium, removeDir, tempProfile, waitFor } from './helpers.mjs';

const MULTI = '第一行\n第二行{{cursor}}\n第三行';
const PACK = {
  format: 'deskmate/templates',
  version: 1,
  templates: [
    { title: '单行测试', shortcode: 'oneline', body: '谢谢您的耐心等待！' },
    { title: '多行测试', shortcode: 'mline', body: MULTI },
  ],
};

const CASES = [
  ['textarea', 'none'],
  ['input', 'none'],
  ['contenteditable', 'none'],
  ['lexical', 'none'],
  ['slate', 'none'],
  ['draft', 'none'],
  ['tiptap', 'none'],
  ['quill', 'none'],
  ['textarea', 'shadow'],
  ['contenteditable', 'shadow'],
  ['lexical', 'shadow'],
  ['textarea', 'iframe'],
  ['contenteditable', 'iframe'],
  ['lexical', 'iframe'],
  ['tiptap', 'iframe'],
];

describe('Chromium: insertion into real editors', () => {
  let server;
  let profile;
  let browser;

  before(async () => {
    await buildEditorFixtures();
    server = await startEditorFixtureServer();
    profile = tempProfile();
    browser = await launchChromium(profile);
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const file = join(profile, 'editor-tests.json');
    writeFileSync(file, JSON.stringify(PACK));
    const chooser = options.waitForEvent('filechooser');
    await options.getByRole('button', { name: '导入' }).click();
    await (await chooser).setFiles(file);
    await options.getByRole('status').filter({ hasText: '新增 2 条' }).waitFor();
    await options.close();
  });
  after(async () => {
    await browser?.context.close();
    await server?.close();
    removeDir(profile);
  });

  const open = async (kind, wrap) => {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}index.html?editor=${kind}${wrap === 'none' ? '' : `&wrap=${wrap}`}`);
    await page.waitForFunction(() => window.fixture?.ready === true);
    // Click into the editor as an agent would (focus through the iframe / shadow root).
    await pickerFrame(page, wrap).locator('[data-fixture-editor]').click();
    return page;
  };
  const model = (page) => page.evaluate(() => window.fixture.getModelText());
  const caret = (page) => page.evaluate(() => window.fixture.getCaretOffset());
  // The picker renders in the overlay of the frame that holds the editor.
  const pickerFrame = (page, wrap) => (wrap === 'iframe' ? page.frameLocator('iframe') : page);
  const firstOption = (page, wrap) => pickerFrame(page, wrap).locator('deskmate-overlay').getByRole('option').first();

  for (const [kind, wrap] of CASES) {
    it(`${kind}${wrap === 'none' ? '' : ` in ${wrap === 'shadow' ? 'an open shadow root' : 'a same-origin iframe'}`}: "/shortcode" + Enter lands in the model, with line breaks, caret at {{cursor}}, undo`, async () => {
      const page = await open(kind, wrap);
      try {
        await page.keyboard.type('亲 ');
        await waitFor(async () => (await model(page)).replace(/\u00a0/g, ' ') === '亲 ', {
          message: 'the editor took the first keystrokes',
        });
        await page.keyboard.type('/oneline');
        await waitFor(async () => (await firstOption(page, wrap).textContent())?.startsWith('单行测试'), { message: 'the picker' });
        await page.keyboard.press('Enter');
        await waitFor(async () => (await model(page)) === '亲 谢谢您的耐心等待！', {
          message: `single line in the ${kind} model (got ${JSON.stringify(await model(page))})`,
        });

        if (kind === 'textarea' || kind === 'input') {
          // The page's React app sees the value: its own send button sends it.
          await pickerFrame(page, wrap).getByRole('button', { name: '发送' }).click();
          assert.deepEqual(await page.evaluate(() => window.fixture.sent), ['亲 谢谢您的耐心等待！']);
          await page.evaluate(() => window.fixture.setModelText(''));
        } else await page.evaluate(() => window.fixture.setModelText(''));
        await waitFor(async () => (await model(page)) === '', { message: 'an empty editor' });
        await pickerFrame(page, wrap).locator('[data-fixture-editor]').click();

        await page.keyboard.type('/mline');
        await waitFor(async () => (await firstOption(page, wrap).textContent())?.startsWith('多行测试'), { message: 'the picker again' });
        await page.keyboard.press('Enter');
        const expected = kind === 'input' ? '第一行 第二行 第三行' : '第一行\n第二行\n第三行';
        await waitFor(async () => (await model(page)) === expected, {
          message: `multi-line in the ${kind} model (got ${JSON.stringify(await model(page))})`,
        });
        await waitFor(async () => (await caret(page)) === 7, { message: `caret at {{cursor}} (got ${await caret(page)})` });

        // The caret is where the agent keeps typing.
        await page.keyboard.type('呀');
        const typed = kind === 'input' ? '第一行 第二行呀 第三行' : '第一行\n第二行呀\n第三行';
        await waitFor(async () => (await model(page)) === typed, {
          message: `typing at the caret (got ${JSON.stringify(await model(page))})`,
        });

        await page.keyboard.press('Control+z');
        if (!(await model(page)).includes('第一行')) return; // the editor grouped our typing with the insertion
        await page.keyboard.press('Control+z');
        await waitFor(async () => !(await model(page)).includes('第一行'), {
          message: `undo removes the insertion (got ${JSON.stringify(await model(page))})`,
        });
      } finally {
        await page.close();
      }
    });
  }
});

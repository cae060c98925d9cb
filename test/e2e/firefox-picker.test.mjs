// End-to-end in Firefox ESR: the picker inserts into a React-controlled textarea, a plain
// contenteditable and a rich editor (Quill), read from each editor's model.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildEditorFixtures, startEditorFixtureServer } from './editor-fixtures.mjs';
import { launchFirefox, waitFor } from './helpers.mjs';

const WELCOME = '谢谢您的合作与耐心，祝您生活愉快！';

describe('Firefox: template picker in real editors', () => {
  let server;
  let browser;

  before(async () => {
    await buildEditorFixtures();
    server = await startEditorFixtureServer();
    browser = await launchFirefox();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const optionTitles = (page) =>
    page.evaluate(() =>
      Array.from(document.querySelector('deskmate-overlay')?.shadowRoot?.querySelectorAll('[role="option"] .dm-opt-title') ?? []).map(
        (e) => e.textContent,
      ),
    );

  for (const kind of ['textarea', 'contenteditable', 'quill']) {
    it(`${kind}: "/xxhz" + Enter lands in the editor's model; multi-line keeps its lines`, async () => {
      const page = await browser.newPage();
      try {
        await page.goto(`${server.url}index.html?editor=${kind}`);
        await waitFor(() => page.evaluate(() => window.fixture?.ready === true), { message: 'the fixture' });
        // The overlay is there once the site config matched (127.0.0.1 is the demo's config).
        await waitFor(() => page.$('deskmate-overlay'), { message: 'the overlay' });
        await page.click('[data-fixture-editor]');
        await page.keyboard.type('/xxhz');
        await waitFor(async () => (await optionTitles(page))[0] === '谢谢您的合作', { message: 'the picker' });
        await page.keyboard.press('Enter');
        const model = () => page.evaluate(() => window.fixture.getModelText());
        await waitFor(async () => (await model()) === WELCOME, { message: `text in the ${kind} model` });

        await page.evaluate(() => window.fixture.setModelText(''));
        await page.keyboard.type('/hfwj');
        await waitFor(async () => (await optionTitles(page))[0]?.startsWith('回访问卷'), { message: 'the picker again' });
        await page.keyboard.press('Enter');
        await waitFor(async () => (await model()).split('\n').length >= 5 && (await model()).startsWith('为了更好地为您服务'), {
          message: `multi-line in the ${kind} model`,
        });
        assert.ok(!(await model()).includes('/hfwj'));
      } finally {
        await page.close();
      }
    });
  }

  // docs/security.md S1, round 2: a page's document.execCommand('insertText', false, '/') makes
  // input events but no keydown; the picker needs the agent's own keypress.
  it("a page's execCommand('insertText', '/') opens no picker; the agent's '/' does", async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${server.url}index.html?editor=textarea`);
      await waitFor(() => page.evaluate(() => window.fixture?.ready === true), { message: 'the fixture' });
      await waitFor(() => page.$('deskmate-overlay'), { message: 'the overlay' });
      const result = await page.evaluate(async () => {
        const box = document.querySelector('[data-fixture-editor]');
        box.focus();
        let trusted = null;
        box.addEventListener('input', (e) => (trusted = e.isTrusted), { once: true });
        const done = document.execCommand('insertText', false, '/');
        // The loader reacts within a task and a frame: look after both.
        await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const picker = !!document.querySelector('deskmate-overlay')?.shadowRoot?.querySelector('[role="listbox"]');
        return { done, trusted, picker, value: box.value };
      });
      assert.equal(result.done, true, JSON.stringify(result));
      assert.equal(result.value, '/', 'the page typed its "/"');
      assert.equal(result.picker, false, `no picker (input event trusted: ${result.trusted})`);
      await page.evaluate(() => window.fixture.setModelText(''));
      await page.click('[data-fixture-editor]');
      await page.keyboard.type('/xxhz');
      await waitFor(async () => (await optionTitles(page))[0] === '谢谢您的合作', { message: "the agent's own trigger" });
      await page.keyboard.press('Escape');
    } finally {
      await page.close();
    }
  });
});

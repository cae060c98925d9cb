// `npm run bench` section 3: latencies in real Chromium with the extension, on the editor
// fixtures (test/e2e/editor-fixtures.mjs): the trigger key to the picker painted, Enter to the
// text in the editor's model. Timestamps are taken on the page, before any content script listens.

const EDITORS = ['textarea', 'contenteditable', 'lexical', 'slate', 'draft', 'tiptap', 'quill'];

/**
 * @param {import('playwright-core').BrowserContext} context Chromium with the inspect build loaded
 * @param {{ url: string }} server the editor fixtures' server
 * @param {(name: string, value: number, budget: number, unit: string, how: string) => void} record
 */
export async function benchEditors(context, server, record) {
  for (const kind of EDITORS) {
    const page = await context.newPage();
    // Stamp keystrokes before any content script listens (the picker stops the keys it handles).
    await page.addInitScript(() => {
      window.__bench = {};
      window.addEventListener('keydown', (e) => (window.__bench[e.key] = performance.now()), true);
    });
    await page.goto(`${server.url}index.html?editor=${kind}`);
    await page.waitForFunction(() => window.fixture?.ready === true);
    await page.waitForSelector('deskmate-overlay', { state: 'attached' });
    const triggers = [];
    const inserts = [];
    for (let i = 0; i < 8; i++) {
      await page.evaluate(() => window.fixture.setModelText(''));
      await page.locator('[data-fixture-editor]').click();
      // Page-side probes: time from the keydown to the listbox painted / to the text in the model.
      await page.evaluate(() => {
        const host = document.querySelector('deskmate-overlay');
        window.__bench = {};
        new MutationObserver(() => {
          if (!window.__bench.picker && host.shadowRoot.querySelector('[role="option"]'))
            requestAnimationFrame(() => (window.__bench.picker ??= performance.now()));
        }).observe(host.shadowRoot, { subtree: true, childList: true });
      });
      await page.keyboard.type('/');
      await page.waitForFunction(() => window.__bench.picker);
      triggers.push(await page.evaluate(() => window.__bench.picker - window.__bench['/']));
      await page.keyboard.type('xxhz');
      await page.waitForFunction(
        () =>
          document.querySelector('deskmate-overlay').shadowRoot.querySelector('[role="option"] .dm-opt-title')?.textContent ===
          '谢谢您的合作',
      );
      await page.evaluate(() => {
        const editor = document.querySelector('[data-fixture-editor]');
        const check = () => {
          if (!window.__bench.model && window.fixture.getModelText().includes('谢谢您的合作与耐心'))
            window.__bench.model = performance.now();
        };
        new MutationObserver(check).observe(editor, { subtree: true, childList: true, characterData: true });
        editor.addEventListener('input', check);
      });
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.__bench.model || window.fixture.getModelText().includes('谢谢您的合作与耐心'));
      await page.waitForFunction(() => window.__bench.model);
      inserts.push(await page.evaluate(() => window.__bench.model - window.__bench.Enter));
    }
    const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    record(`trigger keystroke → picker painted (${kind})`, median(triggers), 50, 'ms', 'median of 8, page-side timestamps');
    record(
      `Enter → text in the editor's model (${kind})`,
      median(inserts),
      kind === 'textarea' ? 16 : 50,
      'ms',
      'median of 8, page-side timestamps',
    );
    await page.close();
  }
}

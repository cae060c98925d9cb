#!/usr/bin/env node
// `npm run bench`: measures the budgets of docs/performance.md on this machine and prints each
// figure beside its budget with PASS/OVER; writes the same figures to .output/bench/latest.json
// (and a timestamped copy) for comparison between runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, CHROMIUM_HINT, findChromium } from './browsers.mjs';

const root = resolve(import.meta.dirname, '..');
const results = [];
const record = (name, value, budget, unit, how) => results.push({ name, value: Math.round(value * 100) / 100, budget, unit, pass: value <= budget, how });

// 1. Search over 10,000 templates (the content script's code, run in Node).
const out = join(tmpdir(), `deskmate-search-bench-${process.pid}.mjs`);
await build({
  entryPoints: [join(root, 'test/bench/search.bench.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: out,
  alias: { '@': root },
  logLevel: 'silent',
});
const search = (await import(out)).run();
record('template search, median (10,000 templates)', search.searchMedianMs, 1, 'ms', 'every prefix of 11 queries × 30 rounds');
record('template search, p95 (10,000 templates)', search.searchP95Ms, 3, 'ms', 'same runs');
record('search index build (10,000 templates)', search.indexBuildMs, 300, 'ms', 'median of 5 builds');

// 2. Content-script sizes.
const executablePath = findChromium();
if (!executablePath) {
  console.error(CHROMIUM_HINT);
  process.exit(1);
}
const b = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore' });
if (b.status !== 0) throw new Error('wxt build failed');
const ext = join(root, '.output/chrome-mv3');
const gz = (f) => gzipSync(readFileSync(join(ext, f))).length / 1024;
record('content script on an idle page (loader), gzip', gz('content-scripts/content.js'), 60, 'kB', '.output/chrome-mv3/content-scripts/content.js');
record('overlay + picker, loaded on demand, gzip', gz('content-scripts/overlay.js'), 150, 'kB', '.output/chrome-mv3/content-scripts/overlay.js');

// 3. Latencies in real Chromium with the extension, on the editor fixtures.
const { buildEditorFixtures, startEditorFixtureServer } = await import('../test/e2e/editor-fixtures.mjs');
await buildEditorFixtures();
const server = await startEditorFixtureServer();
const profile = join(tmpdir(), `deskmate-bench-${process.pid}`);
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [...chromiumArgs(ext), '--lang=zh-CN', '--accept-lang=zh-CN'],
  locale: 'zh-CN',
});
try {
  for (const kind of ['textarea', 'contenteditable', 'lexical', 'slate', 'draft', 'tiptap', 'quill']) {
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
      await page.waitForFunction(() => document.querySelector('deskmate-overlay').shadowRoot.querySelector('[role="option"] .dm-opt-title')?.textContent === '谢谢您的合作');
      await page.evaluate(() => {
        const editor = document.querySelector('[data-fixture-editor]');
        const check = () => {
          if (!window.__bench.model && window.fixture.getModelText().includes('谢谢您的合作与耐心')) window.__bench.model = performance.now();
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
    record(`Enter → text in the editor's model (${kind})`, median(inserts), kind === 'textarea' ? 16 : 50, 'ms', 'median of 8, page-side timestamps');
    await page.close();
  }
} finally {
  await context.close();
  await server.close();
}

const width = Math.max(...results.map((r) => r.name.length));
console.log('\nDeskmate performance budgets (this machine)\n');
for (const r of results) console.log(`${r.pass ? 'PASS' : 'OVER'}  ${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit}   budget ${r.budget} ${r.unit}`);
const dir = join(root, '.output/bench');
mkdirSync(dir, { recursive: true });
const report = { at: new Date().toISOString(), node: process.version, results };
writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2));
writeFileSync(join(dir, `${report.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
console.log(`\nFigures written to ${join(dir, 'latest.json')}`);

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
const record = (name, value, budget, unit, how) =>
  results.push({ name, value: Math.round(value * 100) / 100, budget, unit, pass: value <= budget, how });

// `npm run bench -- timers` runs only the sections whose name is given (templates, editors, timers).
const only = process.argv.slice(2);
const want = (section) => only.length === 0 || only.includes(section);

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
const search = want('templates') ? (await import(out)).run() : null;
if (search) {
  record('template search, median (10,000 templates)', search.searchMedianMs, 1, 'ms', 'every prefix of 11 queries × 30 rounds');
  record('template search, p95 (10,000 templates)', search.searchP95Ms, 3, 'ms', 'same runs');
  record('search index build (10,000 templates)', search.indexBuildMs, 300, 'ms', 'median of 5 builds');
}

// 1b. Dashboard aggregation and the evidence package (the same library code, in Node).
const bundle = async (entry, name, alias = {}) => {
  const file = join(tmpdir(), `deskmate-${name}-bench-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: file,
    alias: { '@': root, ...alias },
    logLevel: 'silent',
  });
  return import(file);
};
if (want('timers')) {
  const m = (await bundle('test/bench/metrics.bench.ts', 'metrics')).run();
  record(
    'dashboard figures, 28 days × 200,000 waits (summary + daily + histogram + heatmap)',
    m.summarizeMs + m.dailyMs + m.histogramMs + m.heatmapMs,
    100,
    'ms',
    'test/bench/metrics.bench.ts, medians of 11 after warm-up',
  );
  record('dashboard summary per console, 4 consoles × 50,000 waits', m.summarizeBySiteMs, 100, 'ms', 'summarizeBySite, median of 11');
}
if (want('templates')) {
  const i = await (
    await bundle('test/bench/import.bench.ts', 'import', {
      'wxt/browser': join(root, 'test/bench/browser-shim.ts'),
      '@wxt-dev/browser': join(root, 'test/bench/browser-shim.ts'),
    })
  ).run();
  record(
    'import of 10,000 templates (CSV: decode, validate whole, plan, write)',
    i.importMs,
    10000,
    'ms',
    'test/bench/import.bench.ts in Node with fake-indexeddb, median of 3',
  );
}
if (want('cases')) {
  const p = await (await bundle('test/bench/package.bench.ts', 'package')).run();
  record(
    `evidence package export, ${Math.round(p.packageMB)} MB`,
    p.exportMs,
    2000,
    'ms',
    'test/bench/package.bench.ts: 10 × 2 MB images + summary, zip built with fflate, median',
  );
}

// 2. Content-script sizes.
const executablePath = findChromium();
if (!executablePath) {
  console.error(CHROMIUM_HINT);
  process.exit(1);
}
// Sizes of the shipped build; the browser runs use the "inspect" build (the same code with the
// overlay's shadow root open, which the page-side probes below read).
for (const inspect of ['', '1']) {
  const b = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'ignore', env: { ...process.env, WXT_INSPECT: inspect } });
  if (b.status !== 0) throw new Error(`wxt build failed${inspect ? ' (inspect)' : ''}`);
}
const shipped = join(root, '.output/chrome-mv3');
const ext = join(root, '.output/inspect/chrome-mv3');
const gz = (f) => gzipSync(readFileSync(join(shipped, f))).length / 1024;
record(
  'content script on an idle page (loader), gzip',
  gz('content-scripts/content.js'),
  60,
  'kB',
  '.output/chrome-mv3/content-scripts/content.js',
);
record(
  'overlay + picker, loaded on demand, gzip',
  gz('content-scripts/overlay.js'),
  150,
  'kB',
  '.output/chrome-mv3/content-scripts/overlay.js',
);

// 3. Latencies in real Chromium with the extension, on the editor fixtures.
const { buildEditorFixtures, startEditorFixtureServer } = await import('../test/e2e/editor-fixtures.mjs');
await buildEditorFixtures();
const server = want('editors') ? await startEditorFixtureServer() : null;
const profile = join(tmpdir(), `deskmate-bench-${process.pid}`);
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: [...chromiumArgs(ext), '--lang=zh-CN', '--accept-lang=zh-CN'],
  locale: 'zh-CN',
});
try {
  for (const kind of server ? ['textarea', 'contenteditable', 'lexical', 'slate', 'draft', 'tiptap', 'quill'] : []) {
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
} finally {
  await context.close();
  await server?.close();
}

// 4. Reply timers: page overhead under a stream, long tasks, recording round trip.
if (want('timers')) {
  const { startStaticServer } = await import('./static-server.mjs');
  const stream = await startStaticServer({ mounts: [['/', join(root, 'test/bench/stream')]] });
  const STREAM_MS = 15000;
  /**
   * One run of the streaming page with a CPU profile: script time is attributed to the nearest
   * frame with a URL (natives such as appendChild count for the script that called them), so
   * Deskmate's content scripts and the page's own code are measured in the same run.
   */
  // The same console in nested open shadow roots (?shape=shadow), served under its own host so
  // that only the bench's config for it (selectors crossing the roots with `>>>`) matches.
  const SHADOW_URL = 'http://shadow.bench.example/';
  const runStream = async (context, withExtension, shadow = false) => {
    const page = await context.newPage();
    const pageUrl = shadow ? SHADOW_URL : stream.url;
    if (shadow) {
      await page.route(`${SHADOW_URL}**`, (route) => {
        const file = new URL(route.request().url()).pathname.slice(1) || 'index.html';
        route.fulfill({
          contentType: file.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8',
          body: readFileSync(join(root, 'test/bench/stream', file.replace(/[^\w.-]/g, ''))),
        });
      });
      await page.goto(`${SHADOW_URL}index.html?shape=shadow`);
    } else await page.goto(`${stream.url}index.html`);
    await page.waitForSelector('body[data-demo-ready="true"]');
    if (withExtension) await page.waitForSelector('deskmate-overlay', { state: 'attached', timeout: 15000 });
    await page.evaluate(() => new Promise((r) => setTimeout(r, 2000))); // attach-time work is over
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name).value;
    const before = await metric('ScriptDuration');
    await cdp.send('Profiler.start');
    await page.evaluate((ms) => window.startStream(ms), STREAM_MS);
    await page.evaluate(() => new Promise((r) => setTimeout(r, 600))); // the last batch
    const { profile } = await cdp.send('Profiler.stop');
    const script = (await metric('ScriptDuration')) - before;
    // The JS heap of the tab (page and content scripts share one V8 isolate), after a full GC.
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize: heap } = await cdp.send('Runtime.getHeapUsage');
    await page.close();
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const owner = new Map();
    const ownerOf = (id) => {
      if (owner.has(id)) return owner.get(id);
      const url = nodes.get(id).callFrame.url;
      const o = url.startsWith('chrome-extension://')
        ? 'deskmate'
        : url.startsWith(pageUrl)
          ? 'page'
          : parent.has(id)
            ? ownerOf(parent.get(id))
            : 'other';
      owner.set(id, o);
      return o;
    };
    const time = { deskmate: 0, page: 0, other: 0 };
    let run = 0;
    let longest = 0;
    // Where Deskmate's time goes (DESKMATE_BENCH_TOP=1 prints it): self time by function, with
    // natives counted for the nearest Deskmate frame above them.
    const byFunction = new Map();
    const nameOf = (id) => {
      let n = nodes.get(id);
      while (n && !n.callFrame.url.startsWith('chrome-extension://') && parent.has(n.id)) n = nodes.get(parent.get(n.id));
      const f = n.callFrame;
      return `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
    };
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const o = ownerOf(id);
      time[o] += dt;
      run = o === 'deskmate' ? run + dt : 0;
      longest = Math.max(longest, run);
      if (o === 'deskmate' && process.env.DESKMATE_BENCH_TOP) {
        const name = nameOf(id);
        byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
      }
    });
    if (process.env.DESKMATE_BENCH_TOP && withExtension) {
      console.log('Deskmate self time by function (ms):');
      for (const [name, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 15))
        console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
    }
    return { script, time, longest, heap };
  };
  /** A quiet page with a text field (no site config matches): the loader alone; JS heap after a full GC. */
  const idleHeap = async (context) => {
    const page = await context.newPage();
    // Served under a host no site config matches (the demo config takes all of 127.0.0.1).
    const html = readFileSync(join(root, 'test/bench/stream/idle.html'), 'utf8');
    await page.route('http://idle.example/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html }));
    await page.goto('http://idle.example/');
    await page.waitForSelector('textarea');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 1000))); // document_idle has passed
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await page.close();
    return usedSize;
  };
  const plainProfile = join(tmpdir(), `deskmate-bench-plain-${process.pid}`);
  const extProfile = join(tmpdir(), `deskmate-bench-ext-${process.pid}`);
  const plain = await chromium.launchPersistentContext(plainProfile, {
    executablePath,
    headless: true,
    args: chromiumArgs(ext).filter((a) => !a.includes('extension')),
  });
  const withExt = await chromium.launchPersistentContext(extProfile, { executablePath, headless: true, args: [...chromiumArgs(ext)] });
  try {
    const worker = withExt.serviceWorkers()[0] ?? (await withExt.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    // Two runs; the page without Deskmate is run alongside so that both see the same machine.
    // The config of the nested-shadow console, saved as an agent would import it.
    const options = await withExt.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const shadowConfig = JSON.parse(readFileSync(join(root, 'test/bench/stream/shadow-config.json'), 'utf8'));
    const saved = await options.evaluate(
      (config) => chrome.runtime.sendMessage({ deskmate: 1, type: 'sites.save', input: { config } }),
      shadowConfig,
    );
    if (!saved?.ok) throw new Error(`bench: the shadow console's config was refused: ${JSON.stringify(saved)}`);
    await options.close();
    const runs = { plain: [], ext: [] };
    const shadowRuns = { plain: [], ext: [] };
    const idle = { plain: [], ext: [] };
    for (let i = 0; i < 2; i++) {
      runs.plain.push(await runStream(plain, false));
      runs.ext.push(await runStream(withExt, true));
    }
    for (let i = 0; i < 2; i++) {
      shadowRuns.plain.push(await runStream(plain, false, true));
      shadowRuns.ext.push(await runStream(withExt, true, true));
    }
    for (let i = 0; i < 5; i++) {
      idle.plain.push(await idleHeap(plain));
      idle.ext.push(await idleHeap(withExt));
    }
    // The shadow runs measured real work only if the timers saw the thread through the roots.
    const check = await withExt.newPage();
    await check.goto(`chrome-extension://${extensionId}/options.html`);
    const seenInShadow = await check.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('deskmate');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const get = req.result.transaction('conversations').objectStore('conversations').index('siteId').count('user-bench-shadow');
            get.onsuccess = () => resolve(get.result);
          };
        }),
    );
    await check.close();
    if (!seenInShadow)
      throw new Error('bench: the timers recorded nothing on the nested-shadow console; its overhead figure would mean nothing');
    const sum = (xs) => xs.reduce((a, b) => a + b, 0);
    const deskmate = sum(runs.ext.map((r) => r.time.deskmate));
    const own = sum(runs.ext.map((r) => r.time.page));
    record(
      'page overhead: Deskmate scripting ÷ page scripting, 5,000 msgs + 20/s',
      (deskmate / own) * 100,
      3,
      '%',
      'CPU profile of the same run, self time attributed to Deskmate content scripts vs the page, 2 × 15 s',
    );
    const shadowDeskmate = sum(shadowRuns.ext.map((r) => r.time.deskmate));
    const shadowOwn = sum(shadowRuns.ext.map((r) => r.time.page));
    record(
      'page overhead, the same console in nested shadow roots (selectors with >>>)',
      (shadowDeskmate / shadowOwn) * 100,
      3,
      '%',
      "as above, the thread and list each in an open shadow root inside the app's; 2 × 15 s",
    );
    const MB = 1024 * 1024;
    const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    record(
      'JS heap of the loader, idle page (with − without Deskmate)',
      Math.max(0, median(idle.ext) - median(idle.plain)) / MB,
      1,
      'MB',
      'test/bench/stream/idle.html served as http://idle.example/ (no site config), full GC, Runtime.getHeapUsage of the tab, median of 5 each, same page with and without the extension',
    );
    record(
      'JS heap of the content scripts on the console after the stream (with − without)',
      Math.max(0, median(runs.ext.map((r) => r.heap)) - median(runs.plain.map((r) => r.heap))) / MB,
      8,
      'MB',
      'the stream page after 5,000 + 300 messages: loader, overlay (React), timers; full GC, Runtime.getHeapUsage of the tab, with vs without Deskmate',
    );
    record(
      'longest uninterrupted Deskmate script run during the stream',
      Math.max(...runs.ext.map((r) => r.longest), ...shadowRuns.ext.map((r) => r.longest)),
      50,
      'ms',
      'consecutive CPU-profile samples inside Deskmate code (a long task caused by Deskmate)',
    );

    // Recording one message event end to end (extension page → service worker → Dexie → reply).
    const page = await withExt.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const times = await page.evaluate(async () => {
      const out = [];
      for (let i = 0; i < 300; i++) {
        const t0 = performance.now();
        const reply = await chrome.runtime.sendMessage({
          deskmate: 1,
          type: 'timers.observe',
          input: {
            siteId: 'bench',
            conversationId: `c-${i % 20}`,
            profile: 'taobao',
            attachedAt: 0,
            messages: [{ id: `m-${i}`, sender: i % 2 ? 'agent' : 'customer', at: Date.now(), live: true }],
          },
        });
        if (!reply?.ok) throw new Error(JSON.stringify(reply));
        out.push(performance.now() - t0);
      }
      return out.slice(20).sort((a, b) => a - b);
    });
    record(
      'recording one message event, p95 (round trip)',
      times[Math.floor(times.length * 0.95)],
      5,
      'ms',
      '280 sequential timers.observe from an extension page, after 20 warm-up',
    );
    await page.close();
  } finally {
    await plain.close();
    await withExt.close();
    await stream.close();
  }
}

const width = Math.max(...results.map((r) => r.name.length));
console.log('\nDeskmate performance budgets (this machine)\n');
for (const r of results)
  console.log(
    `${r.pass ? 'PASS' : 'OVER'}  ${r.name.padEnd(width)}  ${String(r.value).padStart(8)} ${r.unit}   budget ${r.budget} ${r.unit}`,
  );
const dir = join(root, '.output/bench');
mkdirSync(dir, { recursive: true });
const report = { at: new Date().toISOString(), node: process.version, results };
writeFileSync(join(dir, 'latest.json'), JSON.stringify(report, null, 2));
writeFileSync(join(dir, `${report.at.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
console.log(`\nFigures written to ${join(dir, 'latest.json')}`);

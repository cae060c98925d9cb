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
import { benchEditors } from './bench/editors.mjs';
import { benchStream } from './bench/stream.mjs';

const root = resolve(import.meta.dirname, '..');
const results = [];
const record = (name, value, budget, unit, how) =>
  results.push({ name, value: Math.round(value * 100) / 100, budget, unit, pass: value <= budget, how });

// `npm run bench -- timers` runs only the sections whose name is given (templates, editors, timers).
const only = process.argv.slice(2);
const want = (section) => only.length === 0 || only.includes(section);

// 1. Library code run in Node: each test/bench/*.bench.ts bundled with esbuild, then imported.
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

// Search over 10,000 templates (the content script's code).
const search = want('templates') ? (await bundle('test/bench/search.bench.ts', 'search')).run() : null;
if (search) {
  record('template search, median (10,000 templates)', search.searchMedianMs, 1, 'ms', 'every prefix of 11 queries × 30 rounds');
  record('template search, p95 (10,000 templates)', search.searchP95Ms, 3, 'ms', 'same runs');
  record('search index build (10,000 templates)', search.indexBuildMs, 300, 'ms', 'median of 5 builds');
}

// Dashboard aggregation, the import and the evidence package.
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

// 3. Latencies in real Chromium with the extension, on the editor fixtures (bench/editors.mjs).
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
  if (server) await benchEditors(context, server, record);
} finally {
  await context.close();
  await server?.close();
}

// 4. Reply timers: page overhead under a stream, long tasks, recording round trip (bench/stream.mjs).
if (want('timers')) await benchStream({ root, ext, executablePath, record });

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

#!/usr/bin/env node
// Editor fixture pages for the end-to-end tests: one page mounting one REAL editor library
// (textarea, input, contenteditable, Lexical, Slate, Draft.js, Tiptap, Quill), chosen by
// `index.html?editor=<kind>[&wrap=shadow|iframe]`. Sources: test/fixtures/editors/ (see its README).
//
//   import { buildEditorFixtures, startEditorFixtureServer } from './editor-fixtures.mjs';
//   await buildEditorFixtures();                       // -> .output/editor-fixtures/
//   const { url, close } = await startEditorFixtureServer(); // url: http://127.0.0.1:PORT/
//   await page.goto(`${url}index.html?editor=lexical`);
//
//   node test/e2e/editor-fixtures.mjs                  // build + serve on http://127.0.0.1:5175/
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startStaticServer } from '../../scripts/static-server.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC_DIR = path.join(ROOT, 'test/fixtures/editors');
export const EDITOR_FIXTURES_DIR = path.join(ROOT, '.output/editor-fixtures');

/** Editor kinds served by the fixture page (`?editor=<kind>`). */
export const EDITOR_KINDS = ['textarea', 'input', 'contenteditable', 'lexical', 'slate', 'draft', 'tiptap', 'quill'];

/** Files copied verbatim next to the bundle: [source, name in the output folder]. */
const STATIC_FILES = [
  [path.join(SRC_DIR, 'index.html'), 'index.html'],
  [path.join(SRC_DIR, 'fixture.css'), 'fixture.css'],
  [path.join(ROOT, 'node_modules/quill/dist/quill.snow.css'), 'quill.snow.css'],
  [path.join(ROOT, 'node_modules/draft-js/dist/Draft.css'), 'Draft.css'],
];

/**
 * Makes every `import 'lexical'` resolve to the copy @lexical/rich-text itself uses. package.json
 * pins lexical 0.53.0 but @lexical/* 0.52.0, so npm nests a lexical 0.52 under each @lexical/*
 * package; bundling several copies breaks Lexical (each copy has its own active-editor state and
 * node classes). One copy, of the version the @lexical/* packages were built against, is used.
 */
function singleLexical() {
  return {
    name: 'single-lexical',
    setup(b) {
      let resolved;
      b.onResolve({ filter: /^lexical$/ }, async (args) => {
        if (args.pluginData?.singleLexical) return undefined;
        if (!resolved) {
          const richText = await b.resolve('@lexical/rich-text', {
            kind: 'import-statement',
            resolveDir: SRC_DIR,
          });
          if (richText.errors.length) return { errors: richText.errors };
          const result = await b.resolve('lexical', {
            kind: args.kind,
            resolveDir: path.dirname(richText.path),
            pluginData: { singleLexical: true },
          });
          if (result.errors.length) return { errors: result.errors };
          resolved = result;
        }
        return { path: resolved.path, sideEffects: resolved.sideEffects };
      });
    },
  };
}

/** Bundles the fixture page into .output/editor-fixtures/ (index.html, fixture.js + chunks, CSS). */
export async function buildEditorFixtures() {
  await rm(EDITOR_FIXTURES_DIR, { recursive: true, force: true });
  await mkdir(EDITOR_FIXTURES_DIR, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { fixture: path.join(SRC_DIR, 'src/main.ts') },
    outdir: EDITOR_FIXTURES_DIR,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120', 'firefox128'],
    minify: false,
    sourcemap: 'linked',
    jsx: 'automatic',
    define: {
      'process.env.NODE_ENV': '"production"',
      // Draft.js and fbjs read `global`.
      global: 'globalThis',
    },
    plugins: [singleLexical()],
    logLevel: 'warning',
  });
  await Promise.all(STATIC_FILES.map(([from, name]) => copyFile(from, path.join(EDITOR_FIXTURES_DIR, name))));
  return { dir: EDITOR_FIXTURES_DIR };
}

/**
 * Serves .output/editor-fixtures/ (build it first) on 127.0.0.1.
 * @param {{ port?: number }} [options] port 0 (default) picks a free one
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startEditorFixtureServer({ port = 0 } = {}) {
  try {
    await stat(path.join(EDITOR_FIXTURES_DIR, 'index.html'));
  } catch {
    throw new Error(`${EDITOR_FIXTURES_DIR} is not built: call buildEditorFixtures() first.`);
  }
  return startStaticServer({ mounts: [['/', EDITOR_FIXTURES_DIR]], port });
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);

if (invokedDirectly) {
  const started = Date.now();
  await buildEditorFixtures();
  const { url, close } = await startEditorFixtureServer({ port: Number(process.env.PORT || 5175) });
  console.log(`Editor fixtures built in ${Date.now() - started} ms (${EDITOR_FIXTURES_DIR})`);
  console.log(`Serving: ${url}  (e.g. ${url}index.html?editor=lexical&wrap=shadow)`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

#!/usr/bin/env node
// `npm run test:e2e`: builds the extension for Chrome and Firefox, then runs the end-to-end
// tests in real browsers. Never skips Chromium silently: without it, this fails with a hint.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROMIUM_HINT, FIREFOX_HINT, findChromium, findFirefox } from './browsers.mjs';

const root = resolve(import.meta.dirname, '..');
const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!findChromium()) {
  console.error(`\n✖ End-to-end tests need Chromium. ${CHROMIUM_HINT}\n`);
  process.exit(1);
}
const firefox = findFirefox();
const requireFirefox = process.env.CI === 'true' || process.env.DESKMATE_REQUIRE_FIREFOX === '1';
if (!firefox && requireFirefox) {
  console.error(`\n✖ End-to-end tests need Firefox here. ${FIREFOX_HINT}\n`);
  process.exit(1);
}

// The shipped builds (web-ext lint checks the Firefox one; chromium-shipped drives the Chrome one)
// and the "inspect" builds the other tests read (the overlay's shadow root open).
run('npx', ['wxt', 'build']);
run('npx', ['wxt', 'build', '-b', 'firefox']);
run(process.execPath, ['scripts/lint-firefox.mjs', '--no-build']);
run('npx', ['wxt', 'build'], { WXT_INSPECT: '1' });
run('npx', ['wxt', 'build', '-b', 'firefox'], { WXT_INSPECT: '1' });

const only = process.argv.slice(2);
const files = readdirSync(join(root, 'test/e2e'))
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => firefox || !f.startsWith('firefox-'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .map((f) => join('test/e2e', f));
if (!firefox) console.warn(`\n⚠ Firefox end-to-end tests NOT run: ${FIREFOX_HINT}\n`);

run(process.execPath, ['--test', '--test-concurrency=1', ...files]);

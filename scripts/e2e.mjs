#!/usr/bin/env node
// `npm run test:e2e`: builds the extension for Chrome and Firefox, then runs the end-to-end
// tests in real browsers. Never skips Chromium silently: without it, this fails with a hint.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
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

// Each suite runs in its own process group with a time limit; whatever it leaves running (a
// browser a failed test did not close) is killed when it ends, so the run always ends and names
// the suite that overran. DESKMATE_E2E_SUITE_TIMEOUT (seconds) changes the limit.
const limitSec = Number(process.env.DESKMATE_E2E_SUITE_TIMEOUT) || 480;
const results = [];
// Stopped itself (Ctrl+C, a CI timeout): the running suite and its browsers stop too.
let running = null;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (running) {
      killGroup(running.pid);
      killMarked(running.marker);
    }
    process.exit(130);
  });
}
for (const file of files) {
  const name = basename(file, '.test.mjs');
  const marker = `${process.pid}-${name}`;
  const tap = join(tmpdir(), `deskmate-e2e-${marker}.tap`);
  const started = Date.now();
  const child = spawn(
    process.execPath,
    [
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      file,
    ],
    { cwd: root, stdio: 'inherit', detached: true, env: { ...process.env, DESKMATE_E2E_SUITE: marker } },
  );
  running = { pid: child.pid, marker };
  let overran = false;
  const timer = setTimeout(() => {
    overran = true;
    console.error(`\n✖ ${name} overran its ${limitSec} s limit: stopping it and every browser it started.\n`);
    killGroup(child.pid);
  }, limitSec * 1000);
  const code = await new Promise((r) => child.once('exit', (c, signal) => r(c ?? (signal ? 1 : 0))));
  clearTimeout(timer);
  running = null;
  killGroup(child.pid);
  const leftover = killMarked(marker);
  if (leftover) console.warn(`⚠ ${name} left ${leftover} process(es) running (a browser not closed): killed.`);
  const counts = readCounts(tap);
  rmSync(tap, { force: true });
  results.push({ name, code, overran, seconds: Math.round((Date.now() - started) / 1000), ...counts });
}

console.log('\nEnd-to-end suites:');
for (const r of results) {
  const state = r.overran ? 'OVERRAN' : r.code === 0 && r.fail === 0 ? 'ok' : 'FAILED';
  console.log(
    `  ${state.padEnd(8)} ${r.name.padEnd(28)} ${String(r.pass).padStart(3)} passed ${String(r.fail).padStart(3)} failed ${String(r.skip).padStart(3)} skipped  ${r.seconds} s`,
  );
}
const total = (k) => results.reduce((n, r) => n + r[k], 0);
const failedSuites = results.filter((r) => r.overran || r.code !== 0 || r.fail > 0);
// A suite that crashed or overran counts at least one failure even when its TAP said nothing.
const failed = Math.max(total('fail'), failedSuites.length ? failedSuites.reduce((n, r) => n + Math.max(r.fail, 1), 0) : 0);
console.log(`e2e: ${total('pass')} passed, ${failed} failed, ${total('skip')} skipped`);
process.exit(failedSuites.length || results.length === 0 ? 1 : 0);

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Kills every process whose environment carries this suite's marker (Linux: /proc); returns how many. */
function killMarked(marker) {
  if (process.platform !== 'linux') return 0;
  const needle = `DESKMATE_E2E_SUITE=${marker}\0`;
  let n = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let env;
    try {
      env = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (!env.includes(needle)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      n++;
    } catch {
      /* gone meanwhile */
    }
  }
  return n;
}

/** Pass/fail/skip counts from a suite's TAP summary ("# pass 3"). */
function readCounts(file) {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    /* the suite died before writing */
  }
  const count = (k) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  return { pass: count('pass'), fail: count('fail') + count('cancelled'), skip: count('skipped') + count('todo') };
}

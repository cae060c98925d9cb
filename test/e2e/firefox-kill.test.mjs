// Fault injection in Firefox ESR: the browser is killed (SIGKILL, not closed) while templates are
// being written; restarted on the same profile, the database opens and every acknowledged write is
// there. A temporary add-on does not survive a restart, so this test installs the build into the
// profile itself (an unsigned XPI in <profile>/extensions, which ESR allows with
// xpinstall.signatures.required=false) and pins the add-on's internal UUID so that its pages and
// database can be opened by URL.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { zipSync } from 'fflate';
import {
  FIREFOX_ADDON_ID,
  FIREFOX_EXT,
  launchFirefox,
  openFirefoxExtensionPage,
  readFirefoxTable,
  removeDir,
  tempProfile,
  waitFor,
} from './helpers.mjs';

/** The Firefox build as an XPI (a zip of the build folder) in the profile's extensions folder. */
function installIntoProfile(profile) {
  const files = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(FIREFOX_EXT, path)] = new Uint8Array(readFileSync(path));
    }
  };
  walk(FIREFOX_EXT);
  mkdirSync(join(profile, 'extensions'), { recursive: true });
  writeFileSync(join(profile, 'extensions', `${FIREFOX_ADDON_ID}.xpi`), zipSync(files));
}

/** Firefox on `profile`, with the add-on the profile holds (installIntoProfile), unsigned. */
const launch = (profile) => launchFirefox({ userDataDir: profile, install: false, prefs: { 'xpinstall.signatures.required': false } });

describe('Firefox: browser killed during writes', () => {
  const profile = tempProfile('deskmate-ff-profile-');
  after(() => removeDir(profile));

  it('keeps every acknowledged write after a SIGKILL', async () => {
    installIntoProfile(profile);
    const first = await launch(profile);
    const page = await openFirefoxExtensionPage(first);
    // Writes go on in the page; each acknowledged one is listed there.
    await page.evaluate(() => {
      window.acked = [];
      void (async () => {
        for (let i = 0; i < 100000; i++) {
          const r = await globalThis.browser.runtime.sendMessage({
            deskmate: 1,
            type: 'templates.save',
            input: { title: `崩溃测试 ${i}`, body: `第 ${i} 条` },
          });
          if (r?.ok) window.acked.push(`崩溃测试 ${i}`);
        }
      })();
    });
    // What the test reads was acknowledged before the kill (more may be, after the read).
    const acked = await waitFor(
      async () => {
        const list = await page.evaluate(() => [...window.acked]);
        return list.length >= 40 ? list : null;
      },
      { timeout: 30000, message: 'some acknowledged writes' },
    );
    const proc = first.process();
    proc.kill('SIGKILL');
    await new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', r)));
    await first.disconnect().catch(() => undefined);

    const again = await launch(profile);
    try {
      const titles = new Set((await readFirefoxTable(again, 'templates')).map((t) => t.title));
      const missing = acked.filter((t) => !titles.has(t));
      assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged writes lost`);
    } finally {
      await again.close();
    }
  });
});

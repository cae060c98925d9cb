// Fault injection: the browser is killed (SIGKILL, not closed) while templates are being written;
// restarted on the same profile, the database opens and every write that was acknowledged is there.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/browsers.mjs';
import { CHROME_EXT, launchChromium, trackBrowser, readTable, removeDir, tempProfile, waitFor } from './helpers.mjs';

describe('Chromium: browser killed during writes', () => {
  const profile = tempProfile();
  after(() => removeDir(profile));

  it('keeps every acknowledged write after a SIGKILL', async () => {
    // Chromium started by hand (so that it can be killed), driven over CDP.
    const proc = spawn(
      findChromium(),
      [...chromiumArgs(CHROME_EXT), '--headless=new', `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const untrack = trackBrowser(
      () => proc.kill('SIGKILL'),
      () => proc.kill('SIGKILL'),
    );
    proc.once('exit', untrack);
    let stderr = '';
    proc.stderr.on('data', (d) => (stderr += d));
    const ws = await waitFor(() => /DevTools listening on (ws:\/\/\S+)/.exec(stderr)?.[1], { message: 'the DevTools endpoint' });
    const cdp = await chromium.connectOverCDP(ws);
    const context = cdp.contexts()[0];
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15000 }));
    const extensionId = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    // Writes go on in the page; each acknowledged one is reported to the test at once.
    const acknowledged = [];
    await page.exposeFunction('ack', (title) => acknowledged.push(title));
    void page
      .evaluate(async () => {
        for (let i = 0; i < 100000; i++) {
          const r = await chrome.runtime.sendMessage({
            deskmate: 1,
            type: 'templates.save',
            input: { title: `崩溃测试 ${i}`, body: `第 ${i} 条` },
          });
          if (r?.ok) await window.ack(`崩溃测试 ${i}`);
        }
      })
      .catch(() => undefined); // the page dies with the browser
    await waitFor(() => acknowledged.length >= 40, { timeout: 30000, message: 'some acknowledged writes' });
    proc.kill('SIGKILL');
    await new Promise((r) => proc.once('exit', r));
    const acked = [...acknowledged];

    const again = await launchChromium(profile);
    try {
      const titles = new Set((await readTable(again.context, again.extensionId, 'templates')).map((t) => t.title));
      const missing = acked.filter((t) => !titles.has(t));
      assert.deepEqual(missing, [], `${missing.length} of ${acked.length} acknowledged writes lost`);
    } finally {
      await again.context.close();
    }
  });
});

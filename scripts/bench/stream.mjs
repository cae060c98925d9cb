// `npm run bench` section 4, reply timers: Deskmate's share of the page's scripting under a
// streaming console (plain and in nested shadow roots), long tasks, the heap it adds, and the
// round trip of recording one message event.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs } from '../browsers.mjs';
import { startStaticServer } from '../static-server.mjs';
import { attribute } from './profile.mjs';

/**
 * @param {{ root: string, ext: string, executablePath: string, record: Function }} options
 *   the repository, the unpacked inspect build, Chromium, and where figures go
 */
export async function benchStream({ root, ext, executablePath, record }) {
  const stream = await startStaticServer({ mounts: [['/', join(root, 'test/bench/stream')]] });
  const STREAM_MS = 15000;
  // The same console in nested open shadow roots (?shape=shadow), served under its own host so
  // that only the bench's config for it (selectors crossing the roots with `>>>`) matches.
  const SHADOW_URL = 'http://shadow.bench.example/';
  /** One run of the streaming page with a CPU profile (profile.mjs attributes its time). */
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
    const { time, longest } = attribute(profile, pageUrl, withExtension);
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
    /** Deskmate's scripting as a share of the page's own over the runs, in percent. */
    const overhead = (list) => (sum(list.map((r) => r.time.deskmate)) / sum(list.map((r) => r.time.page))) * 100;
    record(
      'page overhead: Deskmate scripting ÷ page scripting, 5,000 msgs + 20/s',
      overhead(runs.ext),
      3,
      '%',
      'CPU profile of the same run, self time attributed to Deskmate content scripts vs the page, 2 × 15 s',
    );
    record(
      'page overhead, the same console in nested shadow roots (selectors with >>>)',
      overhead(shadowRuns.ext),
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

// Fault injection in real Chromium: the service worker stopped again and again while three tabs
// of the same console report the same messages (each counted exactly once, nothing lost), and a
// hostile page (fake window.chrome, a throwing MutationObserver, a mutation flood, a buyer name
// full of HTML): nothing executes, nothing breaks.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { demoWithChromium, readTable, ROOT, stopServiceWorkers, waitFor } from './helpers.mjs';

describe('Chromium: fault injection', () => {
  const env = demoWithChromium();
  let hostile;
  before(async () => {
    hostile = await startStaticServer({ mounts: [['/', join(ROOT, 'test/fixtures/hostile')]] });
  });
  after(async () => {
    await hostile?.close();
  });

  it('counts each message once across three tabs while the service worker is stopped repeatedly', async () => {
    const tabs = [];
    for (let i = 0; i < 3; i++) {
      const page = await env.browser.context.newPage();
      await page.goto(`${env.server.url}?schedule=off${i === 0 ? '&reset' : ''}`);
      await page.locator('body[data-demo-ready="true"]').waitFor();
      await page.getByRole('button', { name: '打开客服助手' }).waitFor();
      tabs.push(page);
    }
    const conv = await tabs[0].evaluate(() => window.demo.activeConversation());
    const key = `deskmate-demo:${conv}`;
    await waitFor(async () => (await readTable(env.browser.context, env.browser.extensionId, 'conversations')).some((c) => c.id === key), {
      message: 'attach',
    });
    // The same conversation moves on in every tab (as a real console's server would show it).
    const senders = ['customer', 'customer', 'agent', 'customer', 'bot', 'agent', 'customer', 'agent', 'customer', 'agent'];
    for (let i = 0; i < senders.length; i++) {
      for (const page of tabs) {
        await page.evaluate(
          ([c, s, n]) =>
            s === 'customer'
              ? window.demo.pushCustomerMessage(c, `问题 ${n}`)
              : s === 'bot'
                ? window.demo.pushBotMessage(c, `自动回复 ${n}`)
                : window.demo.sendAgentMessage(`回复 ${n}`),
          [conv, senders[i], i],
        );
      }
      if (i % 3 === 2) await stopServiceWorkers(env.browser.context, env.browser.extensionId);
    }
    const events = await waitFor(
      async () => {
        const all = (await readTable(env.browser.context, env.browser.extensionId, 'messageEvents')).filter(
          (e) => e.conversationKey === key,
        );
        return all.length === senders.length ? all : null;
      },
      { timeout: 30000, message: 'every message recorded' },
    );
    assert.deepEqual(events.map((e) => e.sender).sort(), [...senders].sort(), 'each message exactly once');
    const rounds = await waitFor(
      async () => {
        const r = (await readTable(env.browser.context, env.browser.extensionId, 'rounds')).filter((x) => x.conversationKey === key);
        return r.length === 4 && r.every((x) => x.endedAt > 0) ? r : null;
      },
      { message: 'four answered waits' },
    );
    assert.equal(rounds.length, 4, 'c c a | c b a | c a | c a → four waits, none doubled');
    for (const page of tabs) await page.close();
  });

  it('keeps working on a hostile page, and nothing the page shows is executed', async () => {
    const page = await env.browser.context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(hostile.url);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    await page.getByRole('button', { name: '打开客服助手' }).waitFor({ timeout: 15000 });
    // A page script faking the trigger (and keys) gets nothing: no picker, no template in its field.
    await page.evaluate(() => {
      const box = document.querySelector('#composer-plain');
      box.focus();
      box.value = '/';
      box.dispatchEvent(new InputEvent('beforeinput', { inputType: 'insertText', data: '/', bubbles: true, composed: true }));
      box.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data: '/', bubbles: true, composed: true }));
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    // (The gate itself is unit-tested in after-edit.test.ts; here: the field keeps exactly what the page wrote.)
    assert.equal(await page.locator('#composer-plain').inputValue(), '/');
    await page.locator('#composer-plain').fill('');
    // S1, round 2: execCommand('insertText') makes *trusted* beforeinput/input events, but no
    // keydown: the picker must not open, in the plain or the rich composer. The loader reacts
    // within a task and a frame; the page waits for both before looking.
    const opened = await page.evaluate(async () => {
      const results = [];
      for (const sel of ['#composer-plain', '#composer-rich .ql-editor']) {
        const box = document.querySelector(sel);
        if (!box) continue;
        box.focus();
        const trusted = [];
        const seen = (e) => trusted.push(e.isTrusted);
        box.addEventListener('input', seen, { once: true });
        document.execCommand('insertText', false, '/');
        await new Promise((r) => setTimeout(r, 0));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        const listbox = document.querySelector('deskmate-overlay')?.shadowRoot?.querySelector('[role="listbox"]');
        results.push({ sel, inputTrusted: trusted[0], picker: !!listbox });
      }
      return results;
    });
    assert.ok(opened.length >= 1, JSON.stringify(opened));
    for (const r of opened) {
      assert.equal(r.inputTrusted, true, `${r.sel}: execCommand's input event is trusted (the attack's premise)`);
      assert.equal(r.picker, false, `${r.sel}: a page's execCommand('insertText', '/') opens no picker`);
    }
    await page.locator('#composer-plain').fill('');
    // The picker opens in the page's composer despite the flood.
    await page.locator('#composer-plain').click();
    await page.keyboard.type('/');
    await page.locator('deskmate-overlay').getByRole('listbox').waitFor();
    await page.keyboard.press('Escape');
    // The timers watch the console despite the page's broken MutationObserver.
    await waitFor(
      async () =>
        (await readTable(env.browser.context, env.browser.extensionId, 'conversations')).some((c) => c.id === 'deskmate-demo:h-1'),
      {
        message: 'the watcher to attach',
      },
    );
    await page.evaluate(() => window.pushMessage('customer', '在吗'));
    await waitFor(
      async () =>
        (await readTable(env.browser.context, env.browser.extensionId, 'rounds')).some((r) => r.conversationKey === 'deskmate-demo:h-1'),
      {
        message: 'a wait on the hostile page',
      },
    );
    const chip = await waitFor(
      () =>
        page.evaluate(
          () =>
            document.querySelector('.buyer-name > [data-deskmate-chip]')?.shadowRoot?.querySelector('[role="timer"]')?.textContent ?? null,
        ),
      { message: 'the chip' },
    );
    assert.match(chip, /^\d+:\d\d$/);
    // Page script cannot drive the overlay: a synthetic click on the launcher does nothing.
    await page.evaluate(() => document.querySelector('deskmate-overlay').shadowRoot.querySelector('button.dm-launcher').click());
    assert.equal(await page.getByRole('dialog', { name: '客服助手' }).count(), 0, 'a page-made click does not open the panel');
    // The overlay's page tab shows the buyer name as text.
    await page.getByRole('button', { name: '打开客服助手' }).click();
    await page.getByRole('tab', { name: '当前页面' }).click();
    await page.locator('deskmate-overlay').getByText('买家：<img src=x onerror="window.__pwned=(window.__pwned||0)+1">小美').waitFor();
    assert.equal(await page.evaluate(() => window.__pwned ?? 0), 0, 'no markup from the page ever ran');
    assert.equal(await page.evaluate(() => window.__chromeCalls), 0, "Deskmate never touches the page's window.chrome");
    assert.deepEqual(
      errors.filter((e) => !e.includes('no observers here')),
      [],
    );
    await page.close();
  });
});

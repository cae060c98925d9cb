// End-to-end: who is waiting at a glance — "等待中 N · 超时 M" at the top of the popup and the side
// panel, clickable to the conversation; the header chip inline (the header does not jump); the
// launcher on the window's edge, movable by pointer and keyboard, its place kept.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoWithChromium, readTable, waitFor } from './helpers.mjs';

describe('Chromium: waiting at a glance, header chip, launcher', () => {
  const env = demoWithChromium();
  const url = (path) => `chrome-extension://${env.browser.extensionId}/${path}`;

  it('counts who waits in the popup and the side panel, and a click opens that conversation', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}?schedule=off&reset`);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    await page.getByRole('button', { name: '打开客服助手' }).waitFor();
    const [a, b, c3] = await page.evaluate(() => window.demo.conversations().map((c) => c.id));
    await page.evaluate((c) => window.demo.switchTo(c), a);
    await waitFor(
      async () =>
        (await readTable(env.browser.context, env.browser.extensionId, 'conversations')).some((c) => c.id === `deskmate-demo:${a}`),
      { message: 'attach' },
    );
    const headerHeight = () => page.locator('#chat .chat-header').evaluate((el) => el.getBoundingClientRect().height);
    const before = await headerHeight();
    // The open conversation's buyer asks: its chip sits inline in the header, which keeps its height.
    await page.evaluate((c) => window.demo.pushCustomerMessage(c, '请问发货了吗'), a);
    await page.locator('#chat .buyer-name > [data-deskmate-chip]').waitFor({ state: 'attached' });
    assert.equal(await headerHeight(), before, 'the header does not jump when a wait starts');
    // The agent turns to another buyer: a still waits.
    await page.evaluate((c) => window.demo.switchTo(c), b);
    await waitFor(() => page.evaluate((c) => document.querySelector('#chat').dataset.activeConv === c, b), { message: 'b open' });
    // A third buyer writes in a conversation that is not open: the list's unread badge is all the
    // console shows of it, and it is a wait too (the demo config reads the list, docs/site-config.md).
    const waitsOf = async () =>
      (await readTable(env.browser.context, env.browser.extensionId, 'conversations'))
        .filter((c) => c.waitingSince > 0)
        .map((c) => c.conversationId)
        .sort();
    await page.evaluate((c) => window.demo.pushCustomerMessage(c, '在吗'), c3);
    await waitFor(async () => (await waitsOf()).join() === [a, c3].sort().join(), {
      message: 'a wait in the conversation that is not open',
    });

    for (const path of ['popup.html', 'sidepanel.html']) {
      const ext = await env.browser.context.newPage();
      await ext.goto(url(path));
      await waitFor(async () => (await ext.locator('.waiting-summary').textContent()) === '等待中 2 · 超时 0', {
        message: 'the count',
        timeout: 10000,
      }).catch(async (e) => {
        throw new Error(`${e.message}: ${await ext.locator('main').textContent()}`);
      });
      await ext.close();
    }
    // The click brings the console's tab forward and opens a's conversation from the list.
    const popup = await env.browser.context.newPage();
    await popup.goto(url('popup.html'));
    await popup.getByRole('button', { name: '等待中 2 · 超时 0' }).click();
    await waitFor(() => page.evaluate((c) => document.querySelector('#chat').dataset.activeConv === c, a), {
      message: 'the longest wait opened in the console',
    });
    await waitFor(() => page.evaluate(() => document.visibilityState === 'visible'), { message: 'the console tab in front' });
    await popup.close().catch(() => undefined);
    await page.close();
  });

  it('keeps the launcher on the edge, moves it with Alt+arrows and by dragging, and remembers where', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}?schedule=off&reset`);
    const launcher = page.getByRole('button', { name: '打开客服助手' });
    await launcher.waitFor();
    const box = async () => {
      const r = await launcher.boundingBox();
      return { left: r.x, right: 1280 - (r.x + r.width), bottom: 800 - (r.y + r.height), width: r.width };
    };
    const first = await box();
    assert.ok(first.right < 1 && first.width < 48, `a slim tab on the right edge: ${JSON.stringify(first)}`);
    assert.ok(first.bottom > 100, 'away from the bottom corner (send buttons)');
    await launcher.focus();
    await page.keyboard.press('Alt+ArrowUp');
    await waitFor(async () => (await box()).bottom > first.bottom + 20, { message: 'moved up' });
    await page.keyboard.press('Alt+ArrowLeft');
    await waitFor(async () => (await box()).left < 1, { message: 'on the left edge' });
    const moved = await box();
    // Dragging it back to the right edge, lower down; the drag does not open the panel.
    const r = await launcher.boundingBox();
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await page.mouse.down();
    await page.mouse.move(1200, 500, { steps: 5 });
    await page.mouse.up();
    await waitFor(async () => (await box()).right < 1, { message: 'dragged to the right edge' });
    assert.equal(await page.getByRole('dialog', { name: '客服助手' }).count(), 0, 'a drag is not a click');
    const dropped = await box();
    assert.ok(Math.abs(dropped.bottom - moved.bottom) > 20, 'at the height it was dropped');
    // Kept in the extension's storage: a reload (and any other page) puts it back there.
    await page.reload();
    await launcher.waitFor();
    await waitFor(
      async () => {
        const again = await box();
        return again.right < 1 && Math.abs(again.bottom - dropped.bottom) < 2;
      },
      { message: 'the same place after a reload' },
    );
    assert.equal(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.toLowerCase().includes('launcher')).length),
      0,
      'nothing in the page storage',
    );
    // It still opens the panel.
    await launcher.click();
    await page.getByRole('dialog', { name: '客服助手' }).waitFor();
    await page.close();
  });
});

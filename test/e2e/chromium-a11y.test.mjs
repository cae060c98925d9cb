// End-to-end: axe-core (a dev dependency) on every screen of the extension in real Chromium, in
// zh-CN and in en — the popup, the side panel (each view), the options page (each tab), the case
// page, the overlay (each tab, in its shadow root) and the picker. No serious or critical violation
// (colour contrast, names, roles) is allowed; the font reaches the text (14 px, not Chrome's 75 %).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { demoWithChromium, waitFor } from './helpers.mjs';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe in the page (evaluated through the DevTools protocol, so the extension pages' CSP does
 * not stop it). `within` limits it to a shadow root: axe's shadow selectors are arrays, every
 * selector but the last names a shadow host.
 */
async function serious(page, within) {
  await page.evaluate(`${AXE}\n;0`);
  const violations = await page.evaluate(async (include) => {
    const result = await window.axe.run(include ? { include } : document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary?.split('\n').slice(1, 2).join(' ')}`),
      }));
  }, within ?? null);
  return violations;
}

const describeAll = (violations) => violations.map((v) => `${v.id} (${v.impact}):\n    ${v.nodes.join('\n    ')}`).join('\n  ');

describe('Chromium: accessibility of every screen (axe-core)', () => {
  const env = demoWithChromium();
  const url = (path) => `chrome-extension://${env.browser.extensionId}/${path}`;

  for (const lang of ['zh-CN', 'en']) {
    it(`has no serious or critical violation on the extension pages (${lang})`, async () => {
      const page = await env.browser.context.newPage();
      await page.goto(url('options.html'));
      await page.evaluate((l) => chrome.storage.local.set({ language: l }), lang);
      const caseId = await page.evaluate(async (language) => {
        const r = await chrome.runtime.sendMessage({
          deskmate: 1,
          type: 'cases.open',
          input: { orderNo: '3859201746682', caseTypeId: 'quality', platform: 'taobao', siteId: 'deskmate-demo', language },
        });
        if (!r.ok) throw new Error(JSON.stringify(r));
        return r.value.id;
      }, lang);
      const screens = [
        ['popup', 'popup.html', null],
        ['side panel: overview', 'sidepanel.html', null],
        ['side panel: weekly', 'sidepanel.html', lang === 'en' ? 'Weekly report' : '周报'],
        ...['templates', 'lint', 'sites', 'checklists', 'general'].map((tab) => [`options #${tab}`, `options.html#${tab}`, null]),
        ['case page', `case.html?id=${encodeURIComponent(caseId)}`, null],
      ];
      const failures = [];
      for (const [name, path, tab] of screens) {
        await page.goto('about:blank');
        await page.goto(url(path));
        await page.locator('h1').first().waitFor();
        await waitFor(() => page.evaluate((l) => document.documentElement.lang === l, lang), { message: `${name} in ${lang}` });
        if (tab) await page.getByRole('tab', { name: tab }).click();
        // Settled: nothing still loading.
        await waitFor(async () => !(await page.getByText(lang === 'en' ? /Loading/ : /加载中/).count()), { message: `${name} loaded` });
        const font = await page.evaluate(() => {
          const s = getComputedStyle(document.querySelector('main') ?? document.body);
          return { size: s.fontSize, family: s.fontFamily };
        });
        assert.equal(font.size, '14px', `${name}: 14 px text`);
        assert.match(font.family, /PingFang SC/, `${name}: the CJK-first stack`);
        const found = await serious(page);
        if (found.length) failures.push(`${name}:\n  ${describeAll(found)}`);
      }
      await page.close();
      assert.equal(failures.length, 0, failures.join('\n'));
    });

    it(`has no serious or critical violation in the overlay and the picker (${lang})`, async () => {
      const setup = await env.browser.context.newPage();
      await setup.goto(url('options.html'));
      await setup.evaluate((l) => chrome.storage.local.set({ language: l }), lang);
      await setup.close();
      const page = await env.browser.context.newPage();
      await page.goto(`${env.server.url}?schedule=off&reset`);
      await page.locator('body[data-demo-ready="true"]').waitFor();
      const en = lang === 'en';
      const launcher = page.getByRole('button', { name: en ? 'Open Deskmate' : '打开客服助手' });
      await launcher.waitFor();
      // A buyer waits: the counting chips (shadow hosts of their own) are checked too.
      const conv = await page.evaluate(() => window.demo.conversations()[0].id);
      await page.evaluate((c) => window.demo.switchTo(c), conv);
      await page.evaluate((c) => window.demo.pushCustomerMessage(c, '在吗'), conv);
      await page.locator('[data-deskmate-chip]').first().waitFor({ state: 'attached' });
      const failures = [];
      const within = ['deskmate-overlay', '[data-deskmate-chip]'];
      const before = await serious(page, within);
      if (before.length) failures.push(`launcher:\n  ${describeAll(before)}`);
      await launcher.click();
      const dialog = page.getByRole('dialog', { name: en ? 'Deskmate' : '客服助手' });
      await dialog.waitFor();
      for (const tab of en ? ['Templates', 'Cases', 'This page'] : ['话术', '案件', '当前页面']) {
        const t = dialog.getByRole('tab', { name: tab });
        if (!(await t.count())) {
          failures.push(`overlay: no tab named ${tab}`);
          continue;
        }
        await t.click();
        await waitFor(async () => (await t.getAttribute('aria-selected')) === 'true', { message: `${tab} selected` });
        await waitFor(async () => !(await dialog.getByText(en ? /Loading/ : /加载中/).count()), { message: `${tab} loaded` });
        const found = await serious(page, within);
        if (found.length) failures.push(`overlay ${tab}:\n  ${describeAll(found)}`);
      }
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      // The picker on a bare "/".
      await page.locator('#composer-plain').click();
      await page.keyboard.type('/');
      const listbox = page.locator('deskmate-overlay').getByRole('listbox');
      await listbox.waitFor();
      await waitFor(async () => (await listbox.getByRole('option').count()) > 0, { message: 'the picker lists templates' });
      const found = await serious(page, within);
      if (found.length) failures.push(`picker:\n  ${describeAll(found)}`);
      await page.close();
      assert.equal(failures.length, 0, failures.join('\n'));
    });
  }

  it('is usable from the keyboard: focus enters the panel and follows the tabs; the options page follows its hash', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(url('options.html'));
    await page.evaluate(() => chrome.storage.local.set({ language: 'zh-CN' }));
    await page.goto(`${env.server.url}?schedule=off&reset`);
    const launcher = page.getByRole('button', { name: '打开客服助手' });
    await launcher.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '客服助手' });
    const focusedTab = () => page.evaluate(() => document.querySelector('deskmate-overlay').shadowRoot.activeElement?.textContent);
    await waitFor(async () => (await focusedTab()) === '话术', { message: 'focus on the selected tab' });
    await page.keyboard.press('ArrowRight');
    await waitFor(async () => (await focusedTab()) === '案件', { message: 'focus follows →' });
    assert.equal(await dialog.getByRole('tab', { name: '案件' }).getAttribute('aria-selected'), 'true');
    await page.keyboard.press('End');
    await waitFor(async () => (await focusedTab()) === '当前页面', { message: 'End' });
    await page.keyboard.press('Home');
    await waitFor(async () => (await focusedTab()) === '话术', { message: 'Home' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await focusedTab(), '客服助手', 'focus back on the launcher');

    await page.goto(url('options.html#templates'));
    await page.getByRole('tab', { name: '话术库', selected: true }).waitFor();
    await page.evaluate(() => {
      location.hash = '#general';
    });
    await page.getByRole('tab', { name: '通用', selected: true }).waitFor();
    await page.getByRole('heading', { name: '界面语言' }).waitFor();
    await page.close();
  });

  it('options: human rule titles, short site buttons, the platform’s own counting fields, a profile that saves itself, one Tab stop for folders', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(url('options.html#lint'));
    await page.evaluate(() => chrome.storage.local.set({ language: 'zh-CN' }));
    await page.getByRole('checkbox', { name: '启用 站外引流：微信' }).waitFor();
    await page.getByText('站外引流：微信', { exact: true }).waitFor();

    await page.goto(url('options.html#sites'));
    const edit = page.getByRole('button', { name: '客服助手演示工作台 的计时规则' });
    assert.equal((await edit.textContent())?.trim(), '计时规则', 'the visible label does not repeat the site name');
    const badge = page.locator('.sites-table .badge').first();
    assert.equal(await badge.evaluate((el) => getComputedStyle(el).whiteSpace), 'nowrap');
    await edit.click();
    const form = page.getByRole('form', { name: '计时规则' });
    // The demo counts as Taobao: its cap, not JD's or Douyin's session gap, nor the help-desk clock.
    await form.getByLabel('平均响应每轮封顶（秒，淘宝）').waitFor();
    assert.equal(await form.getByLabel(/多少秒内再次咨询算同一会话/).count(), 0);
    await form.getByLabel('平台规则').selectOption('jd');
    await form.getByLabel(/多少秒内再次咨询算同一会话/).waitFor();
    assert.equal(await form.getByLabel('平均响应每轮封顶（秒，淘宝）').count(), 0);

    await page.goto(url('options.html#general'));
    const profile = page.getByRole('region', { name: '客服资料' });
    await page.getByLabel('客服昵称').fill('小周');
    await page.getByRole('status').filter({ hasText: '已保存' }).waitFor();
    await waitFor(async () => (await page.evaluate(() => chrome.storage.local.get('agentProfile'))).agentProfile?.agentName === '小周', {
      message: 'saved without a button',
    });
    assert.equal(await profile.getByRole('button').count(), 0, 'no 保存 button');

    await page.goto(url('options.html#templates'));
    const nav = page.getByRole('navigation', { name: '目录' });
    await nav.getByRole('button').nth(3).waitFor();
    const stops = await nav.getByRole('button').evaluateAll((els) => els.filter((b) => b.tabIndex === 0).length);
    assert.equal(stops, 1, 'the folders are one Tab stop');
    await nav.getByRole('button').first().focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(
      await page.evaluate(
        () => document.activeElement?.closest('nav') !== null && document.activeElement !== document.querySelector('nav button'),
      ),
      true,
      '↓ moves to the next folder',
    );
    await page.close();
  });

  it('side panel: the heatmap fills the panel with weekday names on one line at 400 and 1280 px; dates in one format', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(url('options.html'));
    await page.evaluate(() => chrome.storage.local.set({ language: 'zh-CN' }));
    for (const width of [400, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(url('sidepanel.html'));
      const heatmap = page.locator('table.heatmap');
      await heatmap.waitFor();
      const { table, main, rows } = await heatmap.evaluate((el) => ({
        table: el.getBoundingClientRect().width,
        main: el.closest('figure').getBoundingClientRect().width,
        rows: [...el.querySelectorAll('tbody th')].map((th) => th.getBoundingClientRect().height),
      }));
      assert.ok(table >= Math.min(main, 900) - 2, `${width} px: the heatmap takes the width (${table} of ${main})`);
      assert.ok(
        rows.every((h) => h < 24),
        `${width} px: weekday names on one line (${rows})`,
      );
    }
    await page.getByRole('tab', { name: '周报' }).click();
    // The week's label uses the agent's language's date format (not the browser's, nor ISO).
    await page
      .getByText(/^\d{4}\/\d{2}\/\d{2} 所在周$/)
      .first()
      .waitFor();
    const days = await page.locator('table.report tbody th[scope="row"]').allTextContents();
    const dated = days.filter((d) => /^\d{4}\D\d{2}\D\d{2}$/.test(d));
    for (const d of dated) assert.match(d, /^\d{4}\/\d{2}\/\d{2}$/, 'zh-CN dates as 2026/11/30');
    await page.close();
  });
});

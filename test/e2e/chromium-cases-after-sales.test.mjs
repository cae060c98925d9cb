// End-to-end: a dispute whose platform intervention was 30 h ago on the demo's refund page. The
// case's deadline counts from the intervention the page shows (site config disputeStartedAt), so
// about 18 h are left, as the platform's own countdown says; the after-sales record is filled in
// the overlay; closing needs a chosen outcome; the weekly report's exports hold the four tables.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { demoWithChromium, readTable, waitFor } from './helpers.mjs';

const ORDER = '3861129904457'; // quality dispute, the platform stepped in 30 h before the page loaded
const H = 3600_000;

/**
 * Picks an option of a select in the overlay with the keyboard: the overlay ignores untrusted
 * events (docs/security.md, S2), so Playwright's selectOption, which synthesises them, cannot.
 */
async function choose(select, label) {
  const labels = await select.locator('option').allTextContents();
  const target = labels.indexOf(label);
  assert.ok(target >= 0, `no option "${label}" in ${labels.join(', ')}`);
  await select.focus();
  const current = labels.indexOf(await select.locator('option:checked').textContent());
  for (let i = current; i < target; i++) await select.press('ArrowDown');
  for (let i = current; i > target; i--) await select.press('ArrowUp');
  await waitFor(async () => (await select.locator('option:checked').textContent()) === label, { message: `"${label}" chosen` });
}

describe('Chromium: dispute deadline from the page, after-sales record and weekly tables', () => {
  const env = demoWithChromium();
  const table = (name) => readTable(env.browser.context, env.browser.extensionId, name);
  let caseId;

  it('dates the deadline from the intervention time the page shows: about 18 h left', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}refund.html?order=${ORDER}`);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    const intervened = Date.parse(await page.locator('#intervened-at').getAttribute('datetime'));
    assert.ok(Math.abs(Date.now() - intervened - 30 * H) < 5 * 60_000, 'the demo intervened 30 h ago');
    await page.getByRole('button', { name: '打开客服助手' }).click();
    const dialog = page.getByRole('dialog', { name: '客服助手' });
    const form = dialog.getByRole('form', { name: '建立案件' });
    await form.waitFor();
    assert.equal(await form.getByLabel('纠纷类型').locator('option:checked').textContent(), '质量问题');
    // The start comes from the page, and says so; the agent could still change it.
    await form.getByText('平台介入时间，页面读取').waitFor();
    assert.notEqual(await form.getByLabel('平台介入时间').inputValue(), '');
    await form.getByRole('button', { name: '建立案件' }).click();

    const section = dialog.getByRole('region', { name: `订单 ${ORDER} 的质量问题案件` });
    await section.waitFor();
    // 48 h (Taobao evidence rule) − 30 h = 18 h, less the seconds the test took.
    await section.getByText(/^剩余(17小时5\d分钟|18小时)$/).waitFor();
    await section.getByText('平台介入时间，页面读取：').waitFor();
    const [c] = await table('cases');
    caseId = c.id;
    assert.equal(c.startedAt, intervened, 'the exact intervention time');
    assert.equal(c.startSource, 'page');
    assert.equal(c.deadlineAt - c.startedAt, 48 * H);
    const left = c.deadlineAt - Date.now();
    assert.ok(left > 17.5 * H && left <= 18 * H, `≈18 h left (${(left / H).toFixed(2)} h)`);
    // The platform's own countdown on the page agrees.
    assert.equal(Date.parse(await page.locator('#evidence-countdown').getAttribute('data-deadline')), c.deadlineAt);

    // The checklist reads: every title in full beside its checkbox, guidance one click away.
    const items = section.getByRole('list', { name: '质量问题' });
    const first = items.getByRole('listitem').first();
    const box = await first.getByRole('checkbox').boundingBox();
    const label = await first.locator('.case-item-head label').boundingBox();
    assert.ok(box.width < 30, `a checkbox, not a column (${box.width}px)`);
    assert.ok(label.x > box.x + box.width - 1 && Math.abs(label.y - box.y) < 12, 'the title beside its checkbox');
    assert.ok(label.width > 150, `the title has the row (${label.width}px)`);
    await first.getByText('合格要求').click();
    await first.locator('.guidance').waitFor();

    // The after-sales record, from the overlay: the cause is prefilled from the case type.
    await section.getByText('售后记录', { exact: true }).click();
    const record = section.getByRole('form', { name: '售后记录' });
    assert.equal(await record.getByLabel('原因').locator('option:checked').textContent(), '质量问题');
    await record.getByLabel('商品').fill('男士羽绒服 YR-2388 黑色 L');
    await choose(record.getByLabel('退款路径'), '④ 已收货退货');
    await record.getByLabel('退款金额（元）').fill('abc');
    await record.getByRole('button', { name: '保存售后记录' }).click();
    await section.getByRole('alert').filter({ hasText: '“退款金额（元）”：“abc”不是金额' }).waitFor();
    assert.equal((await table('cases'))[0].details.items, undefined, 'nothing written');
    await record.getByLabel('退款金额（元）').fill('459');
    await record.getByLabel('补发快递公司').fill('顺丰');
    await record.getByLabel('补发运单号').fill('SF1402938475620');
    await record.getByLabel('补发货款（元）').fill('129.5');
    await record.getByLabel('补发快递费（元）').fill('12');
    await record.getByRole('button', { name: '保存售后记录' }).click();
    await section.getByRole('status').filter({ hasText: '售后记录已保存' }).waitFor();
    await section.getByLabel('回访发现的问题').fill('拉链批次问题，换货后满意');
    await section.getByRole('button', { name: '记录回访' }).click();
    await section.getByRole('list', { name: '回访' }).getByText('拉链批次问题，换货后满意').waitFor();
    await choose(section.getByLabel('评价涉及'), '商品：批次');
    await section.getByLabel('解释内容').fill('该批次拉链已更换供应商');
    await section.getByRole('button', { name: '记录评价解释' }).click();
    await section
      .getByRole('list', { name: '评价解释' })
      .getByText(/该批次拉链已更换供应商/)
      .waitFor();
    const d = (await table('cases'))[0].details;
    assert.equal(d.refundCents, 45900);
    assert.equal(d.refundPath, 4);
    assert.equal(d.reshipAmountCents, 12950);
    assert.equal(d.reshipFeeCents, 1200);
    assert.equal(d.visits.length, 1);
    assert.equal(d.reviews[0].cause, 'batch');
    await page.close();
  });

  it('closes the case only with a chosen outcome', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`chrome-extension://${env.browser.extensionId}/case.html?id=${caseId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByText('平台介入时间，页面读取：').waitFor();
    const close = page.getByRole('button', { name: '结案' });
    assert.equal(await page.getByLabel('案件结果').inputValue(), '', 'no outcome chosen for the agent');
    assert.equal(await close.isDisabled(), true);
    await page.getByLabel('案件结果').selectOption({ label: '已退款' });
    await close.click();
    await waitFor(async () => (await table('cases'))[0].status === 'closed', { message: 'the case closed' });
    assert.equal((await table('cases'))[0].outcome, 'refunded');
    await page.close();
  });

  it('the weekly report shows the dispute by its title and exports the four after-sales tables', async () => {
    const panel = await env.browser.context.newPage();
    await panel.goto(`chrome-extension://${env.browser.extensionId}/sidepanel.html`);
    // The dashboard's KPIs: path ④ completed, self-completed (refunded), a dispute (the platform stepped in).
    const tile = (name) =>
      panel
        .locator('.tile')
        .filter({ has: panel.getByText(name, { exact: true }) })
        .locator('strong');
    await waitFor(async () => (await tile('退款自主完结率').textContent()) === '100.0%', { message: 'self-completion 1/1' });
    assert.equal(await tile('退款纠纷率').textContent(), '100.0%');
    assert.match(await tile('④ 已收货退货 退款完结时长').textContent(), /^1天6小时$/);
    await panel.getByRole('tab', { name: '周报' }).click();
    await panel.getByText('质量问题 ×1').waitFor();
    const returns = panel.getByRole('table', { name: '退换货：商品与原因' });
    await returns.getByRole('row', { name: '男士羽绒服 YR-2388 黑色 L 质量问题 1 0 459.00' }).waitFor();
    await panel
      .getByRole('table', { name: '重发件' })
      .getByRole('row', { name: /SF1402938475620 129\.50 12\.00/ })
      .waitFor();

    const [json] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: '导出 JSON' }).click()]);
    const report = JSON.parse(readFileSync(await json.path(), 'utf8'));
    assert.equal(report.format, 'deskmate/weekly-report');
    assert.deepEqual(
      report.afterSales.tables.map((x) => x.id),
      ['returns', 'visits', 'reshipments', 'reviews'],
    );
    const byId = Object.fromEntries(report.afterSales.tables.map((x) => [x.id, x]));
    assert.deepEqual(byId.returns.rows, [['男士羽绒服 YR-2388 黑色 L', '质量问题', 1, 0, '459.00']]);
    assert.equal(byId.visits.rows[0][3], '拉链批次问题，换货后满意');
    assert.deepEqual(byId.reshipments.rows[0].slice(1), [ORDER, '顺丰', 'SF1402938475620', '129.50', '12.00']);
    assert.deepEqual(byId.reviews.rows, [['商品：批次', 1, 0, `${ORDER}: 该批次拉链已更换供应商`]]);
    assert.deepEqual(report.cases.byTypeTitle, { 质量问题: 1 });

    const [csv] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: '导出周报（CSV）' }).click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    for (const needle of [
      '退换货：商品与原因',
      '男士羽绒服 YR-2388 黑色 L,质量问题,1,0,459.00',
      '老客户回访（本周 1 次，上周 0 次）',
      '重发件',
      'SF1402938475620,129.50,12.00',
      '评价解释：按问题分类',
      '商品：批次,1,0',
    ])
      assert.ok(text.includes(needle), `the CSV holds "${needle}"`);
    await panel.close();
  });
});

// End-to-end: scripted customer and agent messages at known delays on the demo workspace produce
// exactly the expected waits, the side panel's figures follow from them, and the export holds
// events without message text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { demoWithChromium, readTable, waitFor } from './helpers.mjs';

const SITE = 'deskmate-demo';

/** The dashboard's own formatting of seconds (components/dashboard/ReplyDashboard.tsx, zh-CN). */
const secs = (v) => (v < 60 ? `${v.toFixed(v < 10 ? 1 : 0)} 秒` : `${Math.floor(v / 60)} 分 ${Math.round(v % 60)} 秒`);

describe('Chromium: reply metrics dashboard', () => {
  const env = demoWithChromium();

  it('counts scripted waits exactly and shows the figures they make', async () => {
    // The demo counts as Taobao (counted hours 08:00–23:00): at night its waits would fall outside
    // every rate. As an agent on a night shift would, count the demo all day, so that the figures
    // below are the same at any hour and in any time zone. (That waits outside counted hours are
    // excluded is proved with chosen times in test/unit/metrics-summary.test.ts.)
    const options = await env.browser.context.newPage();
    await options.goto(`chrome-extension://${env.browser.extensionId}/options.html#sites`);
    await options.getByRole('button', { name: '客服助手演示工作台 的计时规则' }).click();
    const form = options.getByRole('form', { name: '计时规则' });
    await form.getByLabel('统计开始（时:分）').fill('00:00');
    await form.getByLabel('统计结束（时:分）').fill('24:00');
    await form.getByRole('button', { name: '保存' }).click();
    await waitFor(
      async () =>
        (await readTable(env.browser.context, env.browser.extensionId, 'siteConfigs')).some(
          (c) => c.id === SITE && c.config.counting?.hours?.to === '24:00',
        ),
      { message: 'the demo counted all day' },
    );
    await options.close();

    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.url}?schedule=off&reset`);
    await page.locator('body[data-demo-ready="true"]').waitFor();
    await page.getByRole('button', { name: '打开客服助手' }).waitFor();
    const [a, b] = await page.evaluate(() => window.demo.conversations().map((c) => c.id));
    await page.evaluate((c) => window.demo.switchTo(c), a);
    await waitFor(
      async () => (await readTable(env.browser.context, env.browser.extensionId, 'conversations')).some((c) => c.id === `${SITE}:${a}`),
      { message: 'attach' },
    );
    const ts = (id) =>
      page.evaluate(
        (m) =>
          window.demo
            .conversations()
            .flatMap((c) => c.messages)
            .find((x) => x.id === m).ts,
        id,
      );
    const chipSec = () =>
      page.evaluate(() =>
        Number(
          document.querySelector('#chat .buyer-name > [data-deskmate-chip]')?.shadowRoot?.querySelector('[role="timer"]')?.dataset
            .elapsedSec ?? -1,
        ),
      );

    // Wait 1: the customer asks, the agent answers once the chip has counted 2 s.
    const q1 = await page.evaluate((c) => window.demo.pushCustomerMessage(c, '请问什么时候发货？'), a);
    await waitFor(async () => (await chipSec()) >= 2, { message: 'two seconds of waiting' });
    const r1 = await page.evaluate(() => window.demo.sendAgentMessage('亲，今天下午四点前发出~'));
    // Wait 2: asked again; the shop bot's auto reply does not answer it; the agent does after 1 s.
    await waitFor(async () => (await chipSec()) === -1, { message: 'the first wait to end' });
    const q2 = await page.evaluate((c) => window.demo.pushCustomerMessage(c, '能发顺丰吗'), a);
    await page.evaluate((c) => window.demo.pushBotMessage(c, '亲，默认发中通哦'), a);
    await waitFor(async () => (await chipSec()) >= 1, { message: 'one second of waiting' });
    const r2 = await page.evaluate(() => window.demo.sendAgentMessage('可以的，补5元运费即可'));
    // Wait 3: another buyer asks and is still waiting.
    const q3 = await page.evaluate((c) => window.demo.pushCustomerMessage(c, '在吗'), b);
    await page.evaluate((c) => window.demo.switchTo(c), b);

    const rounds = await waitFor(
      async () => {
        const all = await readTable(env.browser.context, env.browser.extensionId, 'rounds');
        return all.length === 3 && all.filter((r) => r.endedAt > 0).length === 2 ? all : null;
      },
      { message: 'three waits, two answered' },
    );
    const expected = [
      [await ts(q1), await ts(r1)],
      [await ts(q2), await ts(r2)],
      [await ts(q3), 0],
    ];
    const got = rounds.sort((x, y) => x.startedAt - y.startedAt).map((r) => [r.startedAt, r.endedAt]);
    for (let i = 0; i < 3; i++) {
      assert.ok(Math.abs(got[i][0] - expected[i][0]) <= 300, `wait ${i + 1} starts at the question`);
      assert.ok(Math.abs(got[i][1] - expected[i][1]) <= 300, `wait ${i + 1} ends at the human reply`);
    }
    const d1 = (got[0][1] - got[0][0]) / 1000;
    const d2 = (got[1][1] - got[1][0]) / 1000;
    assert.ok(d1 >= 2 && d2 >= 1);

    const panel = await env.browser.context.newPage();
    await panel.goto(`chrome-extension://${env.browser.extensionId}/sidepanel.html`);
    const tile = (name) =>
      panel
        .locator('.tile')
        .filter({ has: panel.getByText(name, { exact: true }) })
        .locator('strong');
    await waitFor(async () => (await tile('接待量（日均）').textContent()) === '2', { message: 'two consultations' });
    assert.equal(await tile('响应率（按等待）').textContent(), '66.7%');
    assert.equal(await tile('及时回复率').textContent(), '66.7%');
    // First response: the first wait of each conversation today that was answered (only a's).
    assert.equal(await tile('首次响应（平均）').textContent(), secs(d1));
    // Taobao's average (平响): each round capped at 600 s, the unanswered one counts 600 s.
    assert.equal(await tile('平均响应').textContent(), secs((d1 + d2 + 600) / 3));
    const headline = panel.locator('.headline');
    assert.equal(await headline.getByLabel('3分钟响应率（淘宝）').textContent(), '66.7%');
    await headline.getByText('2 / 3').waitFor();
    await headline.getByText(/淘宝\/天猫规则：按轮次统计.*180 秒内回复的轮次.*封顶 600 秒.*00:00–24:00/).waitFor();
    await panel.getByRole('img', { name: '响应时长分布' }).waitFor();
    await panel.getByRole('table', { name: '按星期和小时的等待次数' }).waitFor();

    // Export: JSON with the documented format, events without message text or buyer names.
    const [download] = await Promise.all([panel.waitForEvent('download'), panel.getByRole('button', { name: '导出 JSON' }).click()]);
    const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(json.format, 'deskmate/metrics');
    assert.equal(json.version, 1);
    assert.equal(json.events.length, 3);
    assert.deepEqual(
      json.events.map((e) => e.outcome),
      ['answered', 'answered', 'unanswered'],
    );
    const text = JSON.stringify(json);
    for (const forbidden of ['请问什么时候发货', '能发顺丰吗', '在吗', '默认发中通'])
      assert.ok(!text.includes(forbidden), `no message text (${forbidden})`);
    const buyers = await page.evaluate(() => window.demo.conversations().map((c) => c.buyer));
    for (const name of buyers) assert.ok(!text.includes(name), `no buyer name (${name})`);

    // The weekly report shows this week against the last.
    await panel.getByRole('tab', { name: '周报' }).click();
    const week = panel.getByRole('table', { name: '本周与上周对比' });
    await week.getByRole('row', { name: /接待量合计 2 0/ }).waitFor();
    await panel.close();
    await page.close();
  });
});

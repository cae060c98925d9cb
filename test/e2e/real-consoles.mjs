// Shared by the Chromium and Firefox suites of the consoles rebuilt from public evidence
// (test/fixtures/real-consoles/): which consoles, how the timeline's conversations are keyed on
// each, and the check of the recorded waits against the built-in config's site id.
import { assertWaits, describeWaits } from './consoles.mjs';

/**
 * Per console (test/fixtures/real-consoles/serve.mjs): the conversation key its built-in config
 * reads for the timeline's c-100N, and whether its list shows a waiting buyer (拼多多's "已等待…"
 * badge, 飞鸽's and Chatwoot's unread counts, 咚咚's new preview and time in a row that is not
 * open). Zendesk's tickets have no such list here: a buyer who writes in a conversation the agent
 * never opens is not timed there (docs/site-config.md), so that wait is not expected.
 */
const BUYERS = { 'c-1001': '林晓雨', 'c-1002': '王建国', 'c-1003': '陈思琪', 'c-1004': '张浩然' };
export const CONSOLES = {
  pinduoduo: { key: (id) => `7${id.slice(2)}`, listWaits: true },
  dongdong: { key: (id) => `jd_c${id.slice(2)}imcustomer10086`, listWaits: true },
  feige: { key: (id) => BUYERS[id], listWaits: true },
  'feige-rebuilt-frame': { key: (id) => `${BUYERS[id]}B`, listWaits: true },
  zendesk: { key: (id) => id.slice(2), listWaits: false },
  chatwoot: { key: (id) => BUYERS[id], listWaits: true },
};

/** All of them, or those named in DESKMATE_REAL_CONSOLES (comma-separated) when debugging one. */
export const REAL_CONSOLE_NAMES = Object.keys(CONSOLES).filter(
  (n) => !process.env.DESKMATE_REAL_CONSOLES || process.env.DESKMATE_REAL_CONSOLES.split(',').includes(n),
);

/** The timeline's waits as the built-in config must record them on console `name`. */
export function expectedFor(name, waits) {
  const c = CONSOLES[name];
  const opened = new Set(waits.filter((w) => w.endedAt > 0).map((w) => w.conversationId));
  return waits.filter((w) => c.listWaits || opened.has(w.conversationId)).map((w) => ({ ...w, conversationId: c.key(w.conversationId) }));
}

/** The watcher attached to console `name`: the background knows its open conversation (c-1001). */
export function attachedTo(name, siteId, conversations) {
  return conversations.some((c) => c.siteId === siteId && c.conversationId === CONSOLES[name].key('c-1001'));
}

/** The rounds recorded on console `name` (two consoles may share a config: 飞鸽's variants). */
export function roundsOf(name, siteId, rounds) {
  const keys = new Set(Object.keys(BUYERS).map((id) => `${siteId}:${CONSOLES[name].key(id)}`));
  return rounds.filter((r) => r.siteId === siteId && keys.has(r.conversationKey));
}

/** assertWaits, and on failure both lists of waits (ms from the first expected start). */
export function assertRealWaits(rounds, expected, siteId) {
  try {
    assertWaits(rounds, expected, siteId);
  } catch (e) {
    const got = rounds.map((r) => ({
      conversationId: r.conversationKey.slice(siteId.length + 1),
      startedAt: r.startedAt,
      endedAt: r.endedAt,
    }));
    e.message += `\n expected ${describeWaits(expected, expected[0].startedAt)}\n got      ${describeWaits(got, expected[0].startedAt)}`;
    throw e;
  }
  if (process.env.DESKMATE_E2E_SHOW_WAITS) {
    const got = rounds.map((r) => ({
      conversationId: r.conversationKey.slice(siteId.length + 1),
      startedAt: r.startedAt,
      endedAt: r.endedAt,
    }));
    console.log(
      `${siteId}\n expected ${describeWaits(expected, expected[0].startedAt)}\n got      ${describeWaits(got, expected[0].startedAt)}`,
    );
  }
}

/**
 * Chatwoot only (test/fixtures/real-consoles/chatwoot/): another agent of the team answers. Their
 * reply is drawn on the LEFT like the customer's, in the agent colour: it ends the wait like the
 * agent's own. Played in c-1004, which the standard timeline leaves alone. `watching()` resolves
 * once the extension follows the conversation that was opened.
 * @returns {Promise<{ conversationId: string, startedAt: number, endedAt: number }[]>} the wait expected
 */
export async function playColleagueReply(page, { waitSeconds, watching }) {
  const call = (method, ...args) => page.evaluate(([m, a]) => window.console2[m](...a), [method, args]);
  await call('switchTo', 'c-1004');
  await watching(CONSOLES.chatwoot.key('c-1004'));
  const startedAt = await call('pushCustomerMessage', 'c-1004', '请问可以开发票吗？');
  await waitSeconds(3, startedAt);
  const endedAt = await page.evaluate((text) => window.chatwootTest.pushColleagueMessage('c-1004', text), '可以的，下单时填写抬头即可');
  return [{ conversationId: CONSOLES.chatwoot.key('c-1004'), startedAt, endedAt }];
}

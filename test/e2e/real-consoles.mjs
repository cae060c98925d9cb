// Shared by the Chromium and Firefox suites of the consoles rebuilt from public evidence
// (test/fixtures/real-consoles/): which consoles, how the timeline's conversations are keyed on
// each, and the check of the recorded waits against the built-in config's site id.
import { assertWaits, describeWaits } from './consoles.mjs';

/**
 * Per console: the conversation key its built-in config reads for the timeline's c-100N, and
 * whether its list shows a waiting buyer (拼多多's "已等待…" badge). 咚咚 documents no unread
 * badge or last sender: a buyer who writes in a conversation the agent never opens is not timed
 * there (docs/site-config.md), so that wait is not expected.
 */
export const CONSOLES = {
  'pinduoduo-chat': { key: (id) => `7${id.slice(2)}`, listWaits: true },
  'jd-dongdong': { key: (id) => `jd_c${id.slice(2)}imcustomer10086`, listWaits: false },
};

export const REAL_CONSOLE_IDS = Object.keys(CONSOLES);

/** The timeline's waits as the built-in config `siteId` must record them. */
export function expectedFor(siteId, waits) {
  const c = CONSOLES[siteId];
  const opened = new Set(waits.filter((w) => w.endedAt > 0).map((w) => w.conversationId));
  return waits.filter((w) => c.listWaits || opened.has(w.conversationId)).map((w) => ({ ...w, conversationId: c.key(w.conversationId) }));
}

/** assertWaits, and on failure both lists of waits (ms from the first expected start). */
export function assertRealWaits(rounds, expected, siteId) {
  try {
    assertWaits(rounds, expected, siteId);
  } catch (e) {
    const got = rounds.map((r) => ({ conversationId: r.conversationKey.slice(siteId.length + 1), startedAt: r.startedAt, endedAt: r.endedAt }));
    e.message += `\n expected ${describeWaits(expected, expected[0].startedAt)}\n got      ${describeWaits(got, expected[0].startedAt)}`;
    throw e;
  }
  if (process.env.DESKMATE_E2E_SHOW_WAITS) {
    const got = rounds.map((r) => ({ conversationId: r.conversationKey.slice(siteId.length + 1), startedAt: r.startedAt, endedAt: r.endedAt }));
    console.log(`${siteId}\n expected ${describeWaits(expected, expected[0].startedAt)}\n got      ${describeWaits(got, expected[0].startedAt)}`);
  }
}

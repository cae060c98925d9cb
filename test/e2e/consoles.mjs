// Shared by the Chromium and Firefox e2e suites of the test consoles (test/fixtures/consoles/):
// their site configs, and the check that recorded waits match what the page says happened.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLES } from '../fixtures/consoles/serve.mjs';
import { ROOT, waitFor } from './helpers.mjs';

export { CONSOLES };

/** How far a recorded time may be from the page's own time of the message (batching, messaging). */
export const START_TOLERANCE_MS = 1500;

/** The site config of each test console, as an agent would import it. */
export function consoleConfigs() {
  return CONSOLES.map((name) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/consoles', name, 'config.json'), 'utf8')));
}

/**
 * Polls `readRounds` until the timeline's waits are all recorded (the answered ones answered);
 * on timeout, says what was expected and what was recorded.
 */
export async function waitForWaits(readRounds, expected, name) {
  let last = [];
  const complete = (rounds) =>
    rounds.length >= expected.length && rounds.filter((r) => r.endedAt > 0).length >= expected.filter((w) => w.endedAt > 0).length;
  return waitFor(
    async () => {
      last = await readRounds();
      return complete(last) ? last : null;
    },
    { timeout: 20000, message: `${expected.length} waits on ${name}` },
  ).catch((e) => {
    throw new Error(
      `${e.message}\n expected ${describeWaits(expected, expected[0].startedAt)}\n got      ${describeWaits(last, expected[0].startedAt)}`,
    );
  });
}

/** A readable line of waits relative to the first expected start (for failure messages). */
export function describeWaits(list, origin) {
  return JSON.stringify(list.map((w) => [w.conversationId ?? w.conversationKey, w.startedAt - origin, w.endedAt ? w.endedAt - origin : 0]));
}

/**
 * The recorded rounds of `siteId` are exactly the expected waits: the same waits in each
 * conversation (waits of different buyers starting within a few ms may be recorded in either
 * order), each starting at the buyer's message and lasting as long as the page says.
 */
export function assertWaits(rounds, expected, siteId) {
  const byConversation = (a, b) => a.conversationId.localeCompare(b.conversationId) || a.startedAt - b.startedAt;
  const want = [...expected].sort(byConversation);
  const got = rounds
    .map((r) => ({ conversationId: r.conversationKey.slice(siteId.length + 1), startedAt: r.startedAt, endedAt: r.endedAt }))
    .sort(byConversation);
  assert.deepEqual(
    got.map((w) => [w.conversationId, w.endedAt > 0]),
    want.map((w) => [w.conversationId, w.endedAt > 0]),
    `the same waits in each conversation, answered or open\n expected ${describeWaits(want, expected[0].startedAt)}\n got      ${describeWaits(got, expected[0].startedAt)}`,
  );
  for (let i = 0; i < want.length; i++) {
    const [e, g] = [want[i], got[i]];
    assert.ok(
      Math.abs(g.startedAt - e.startedAt) <= START_TOLERANCE_MS,
      `a wait in ${e.conversationId} starts at the buyer's message: ${g.startedAt - e.startedAt} ms off`,
    );
    if (e.endedAt) {
      const [should, did] = [(e.endedAt - e.startedAt) / 1000, (g.endedAt - g.startedAt) / 1000];
      assert.ok(
        Math.abs(did - should) <= START_TOLERANCE_MS / 1000,
        `a wait in ${e.conversationId} lasted ${did.toFixed(1)} s, the page says ${should.toFixed(1)} s`,
      );
    }
  }
}

import { describe, expect, it } from 'vitest';
import demo from '@/lib/sites/configs/deskmate-demo.json';
import {
  CHECK_EVERY_MS,
  checkHealth,
  HEALTH_GRACE_MS,
  healthMonitor,
  type MissingParts,
  parseMissing,
  REPORT_EVERY_MS,
} from '@/lib/sites/health';
import { parseSiteConfig, type SiteConfig } from '@/lib/sites/schema';

// Config health: the agent is told when a console's config stops finding what it needs for a
// while (a redesign), not while a page loads or between conversations.

const config = (() => {
  const r = parseSiteConfig(demo);
  if (!r.ok) throw new Error(r.errors.join('; '));
  return r.value as SiteConfig;
})();

function page(html: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${html}</body></html>`, 'text/html');
}

const healthy = `<section id="chat" data-active-conv="c-1"><ol id="messages"><li class="msg" data-msg-id="m1" data-sender="customer"><span class="msg-text">在吗</span></li></ol></section><textarea id="composer-plain"></textarea>`;
// The console after a redesign: same messages, new markup.
const redesigned = `<div class="thread"><div class="bubble in">在吗</div></div><div contenteditable="true"></div>`;

describe('config health', () => {
  it('checks each part the config has: messages, senders, conversation id, composer', () => {
    expect(checkHealth(config, page(healthy), 'c-1')).toEqual({ messages: true, senders: true, conversation: true, composer: true });
    expect(checkHealth(config, page(redesigned), null)).toEqual({ messages: false, senders: true, conversation: false, composer: false });
    // Messages whose sender no rule reads: the senders fail.
    const unknown = healthy.replace('data-sender="customer"', 'data-sender="buyer-v2"');
    expect(checkHealth(config, page(unknown), 'c-1').senders).toBe(false);
    // A config without a part never fails it.
    const noComposer = { ...config, selectors: { ...config.selectors, composer: undefined } };
    expect(checkHealth(noComposer, page(redesigned), null).composer).toBeNull();
  });

  it('reports a part only after it has found nothing for the grace period, and reports it once', () => {
    const t0 = 1_000_000;
    const m = healthMonitor(t0);
    const ok = { messages: true, senders: true, conversation: true, composer: true };
    const broken = { messages: false, senders: true, conversation: false, composer: true };
    expect(m.update(ok, t0)).toEqual({ failing: [], lastMatchAt: t0 });
    expect(m.update(ok, t0 + 1000)).toBeNull(); // nothing new: no message, no write
    expect(m.update(broken, t0 + 2000)).toBeNull(); // a page between conversations
    expect(m.update(broken, t0 + 1000 + HEALTH_GRACE_MS - 1)).toBeNull();
    expect(m.update(broken, t0 + 1000 + HEALTH_GRACE_MS)).toEqual({ failing: ['messages', 'conversation'], lastMatchAt: t0 + 1000 });
    expect(m.update(broken, t0 + 5 * HEALTH_GRACE_MS)).toBeNull();
    // Found again: the warning goes.
    expect(m.update(ok, t0 + 6 * HEALTH_GRACE_MS)).toEqual({ failing: [], lastMatchAt: t0 + 6 * HEALTH_GRACE_MS });
  });

  it('a healthy console refreshes its last match at most every REPORT_EVERY_MS', () => {
    const m = healthMonitor(0);
    const ok = { messages: true, senders: true, conversation: true, composer: true };
    expect(m.update(ok, 1)).not.toBeNull();
    let reports = 0;
    for (let at = 2; at < 3 * REPORT_EVERY_MS; at += 5000) if (m.update(ok, at)) reports++;
    expect(reports).toBe(2);
  });

  it('is checked at most every CHECK_EVERY_MS however often the console settles, and well within the grace', () => {
    const monitor = healthMonitor(0);
    const t0 = 1_000_000;
    let checks = 0;
    for (let t = t0; t < t0 + 60_000; t += 250) if (monitor.due(t)) checks++; // four settles a second for a minute
    expect(checks).toBe(Math.ceil(60_000 / CHECK_EVERY_MS));
    expect(CHECK_EVERY_MS * 4).toBeLessThanOrEqual(HEALTH_GRACE_MS);
  });

  it('a page that never had the parts is told after the grace period from attaching', () => {
    const m = healthMonitor(0);
    const none = { messages: false, senders: true, conversation: false, composer: false };
    expect(m.update(none, 10)).toEqual({ failing: [], lastMatchAt: null });
    expect(m.update(none, HEALTH_GRACE_MS)).toEqual({ failing: ['messages', 'conversation', 'composer'], lastMatchAt: null });
  });

  it('keeps since when parts are missing, so a reload of a redesigned console does not start the grace again', () => {
    const t0 = 5_000_000;
    const stored: MissingParts[] = [];
    const broken = { messages: false, senders: true, conversation: true, composer: true };
    const ok = { messages: true, senders: true, conversation: true, composer: true };
    const first = healthMonitor(t0, { persist: (m) => stored.push(m) });
    expect(first.update(ok, t0)).toEqual({ failing: [], lastMatchAt: t0 });
    expect(stored).toEqual([]); // nothing missing: nothing written
    first.update(broken, t0 + 60_000);
    expect(stored.at(-1)).toEqual({ messages: { since: t0, seen: t0 + 60_000 } });
    // The agent reloads a minute later: the new page counts from the stored time, not from its own start.
    const reloaded = healthMonitor(t0 + 65_000);
    reloaded.restore(parseMissing(JSON.parse(JSON.stringify(stored.at(-1)))), t0 + 65_000);
    expect(reloaded.update(broken, t0 + 66_000)).toEqual({ failing: [], lastMatchAt: null });
    expect(reloaded.update(broken, t0 + HEALTH_GRACE_MS)).toEqual({ failing: ['messages'], lastMatchAt: null });
    // Found again: the stored time goes.
    const after = healthMonitor(t0, { persist: (m) => stored.push(m) });
    after.restore({ messages: { since: t0, seen: t0 + 60_000 } }, t0 + 61_000);
    after.update(ok, t0 + 62_000);
    expect(stored.at(-1)).toEqual({});
  });

  it('a stored time last seen longer ago than the grace is not trusted (the part may have come back meanwhile)', () => {
    const t0 = 5_000_000;
    const m = healthMonitor(t0 + 10 * HEALTH_GRACE_MS);
    m.restore({ messages: { since: t0, seen: t0 + 1000 } }, t0 + 10 * HEALTH_GRACE_MS);
    const broken = { messages: false, senders: true, conversation: true, composer: true };
    expect(m.update(broken, t0 + 10 * HEALTH_GRACE_MS + 1000)).toEqual({ failing: [], lastMatchAt: null });
    expect(m.update(broken, t0 + 11 * HEALTH_GRACE_MS)).toEqual({ failing: ['messages'], lastMatchAt: null });
  });

  it('reads only what it writes from storage', () => {
    expect(parseMissing(null)).toEqual({});
    expect(parseMissing('x')).toEqual({});
    expect(parseMissing({ messages: { since: '1', seen: 2 }, composer: { since: 1, seen: 2 }, other: { since: 1, seen: 2 } })).toEqual({
      composer: { since: 1, seen: 2 },
    });
  });
});

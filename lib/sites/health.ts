import { queryAll, queryFirst, senderOf } from './extract';
import type { SiteConfig } from './schema';

// Config health (docs/site-config.md, "When a config stops working"): on every configured console,
// built-in or taught, the page checks after each settled batch of changes whether the config still
// finds messages, their senders, the conversation id and the composer. A part missing for longer
// than HEALTH_GRACE_MS (the console was redesigned, not merely loading or between conversations)
// is reported; the background keeps, per config, the parts failing and the last time everything
// was found, written only when that changes (or the last match moves by REPORT_EVERY_MS).

export const healthParts = ['messages', 'senders', 'conversation', 'composer'] as const;
export type HealthPart = (typeof healthParts)[number];

/** How long a part may be missing before the agent is told. */
export const HEALTH_GRACE_MS = 2 * 60_000;
/** How often a still-healthy console refreshes its "last match" in storage at most. */
export const REPORT_EVERY_MS = 10 * 60_000;
/**
 * Checks run at most this often: a check queries every message item, and a console streaming
 * messages settles several times a second (docs/performance.md: checking on every settle tripled
 * Deskmate's cost on a streaming console). Far below the grace, so a failure is still seen in time.
 */
export const CHECK_EVERY_MS = 15_000;
/** Messages looked at for senders (the first ones on screen are enough to tell). */
const SENDER_SAMPLE = 20;

export interface SiteHealth {
  /** Parts of the config that found nothing for longer than the grace period. */
  failing: HealthPart[];
  /** The last time every part the config has found something (epoch ms), null before the first. */
  lastMatchAt: number | null;
}

/** What each part of the config finds on the page now (null: the config has no such part). */
export function checkHealth(config: SiteConfig, doc: Document, conversationId: string | null): Record<HealthPart, boolean | null> {
  const s = config.selectors;
  const items = s.message ? queryAll(doc, s.message) : [];
  return {
    messages: s.message ? items.length > 0 : null,
    // No messages on screen (an empty conversation): senders cannot be judged, so they are not failing.
    senders: s.messageSender
      ? items.length === 0
        ? true
        : items.slice(0, SENDER_SAMPLE).some((el) => senderOf(config, el) !== null)
      : null,
    conversation: s.activeConversation ? conversationId !== null : null,
    composer: s.composer ? queryFirst(doc, s.composer) !== null : null,
  };
}

/**
 * Turns checks into reports: a part fails once it has found nothing for HEALTH_GRACE_MS since it
 * last did (or since the page attached). `update` returns what to report, or null when nothing
 * changed enough to be worth a message.
 */
export function healthMonitor(attachedAt: number, grace = HEALTH_GRACE_MS) {
  const lastOk: Partial<Record<HealthPart, number>> = {};
  let reported: SiteHealth | null = null;
  let reportedAt = 0;
  let lastMatchAt: number | null = null;
  let checkedAt = -Infinity;
  return {
    /** Whether a check is due now (the first always is); true marks it as done. */
    due(now: number): boolean {
      if (now - checkedAt < CHECK_EVERY_MS) return false;
      checkedAt = now;
      return true;
    },
    update(check: Record<HealthPart, boolean | null>, now: number): SiteHealth | null {
      let all = true;
      const failing: HealthPart[] = [];
      for (const part of healthParts) {
        const ok = check[part];
        if (ok === null) continue;
        if (ok) lastOk[part] = now;
        else {
          all = false;
          if (now - (lastOk[part] ?? attachedAt) >= grace) failing.push(part);
        }
      }
      if (all) lastMatchAt = now;
      const next: SiteHealth = { failing, lastMatchAt };
      const changed =
        !reported ||
        reported.failing.join() !== failing.join() ||
        (lastMatchAt !== null && (reported.lastMatchAt === null || lastMatchAt - reportedAt >= REPORT_EVERY_MS));
      if (!changed) return null;
      reported = next;
      reportedAt = now;
      return next;
    },
  };
}

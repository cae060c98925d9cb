import { queryAll, queryFirst, senderOf } from './extract';
import type { SiteConfig } from './schema';

// Config health (docs/site-config.md, "When a config stops working"): on every configured console,
// built-in or taught, the page checks after each settled batch of changes whether the config still
// finds messages, their senders, the conversation id and the composer. A part missing for longer
// than HEALTH_GRACE_MS (the console was redesigned, not merely loading or between conversations)
// is reported; the background keeps, per config, the parts failing and the last time everything
// was found, written only when that changes (or the last match moves by REPORT_EVERY_MS).
// Time is stored, not counted: since when each part has been missing is kept in extension storage
// (missingKey), so a reload or a second tab of a redesigned console does not start the grace again.

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

/** Per part found missing: since when (epoch ms) and the last check that saw it missing. */
export type MissingParts = Partial<Record<HealthPart, { since: number; seen: number }>>;

/** The extension-storage key (storage.local) of one config's missing parts, written by its console pages. */
export const missingKey = (siteId: string): string => `siteHealthMissing:${siteId}`;

/** The stored missing parts, when they are what this module writes (anything else reads as none). */
export function parseMissing(value: unknown): MissingParts {
  const out: MissingParts = {};
  if (!value || typeof value !== 'object') return out;
  for (const part of healthParts) {
    const v = (value as Record<string, unknown>)[part] as { since?: unknown; seen?: unknown } | undefined;
    if (v && Number.isFinite(v.since) && Number.isFinite(v.seen)) out[part] = { since: Number(v.since), seen: Number(v.seen) };
  }
  return out;
}

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
 * Turns checks into reports: a part fails once it has found nothing for `grace` since it last did
 * (or since the page attached, or since the time stored by an earlier page: see `restore`).
 * `update` returns what to report, or null when nothing changed enough to be worth a message;
 * `persist` receives the missing parts whenever they change (each check while a part is missing).
 */
export function healthMonitor(
  attachedAt: number,
  { grace = HEALTH_GRACE_MS, persist }: { grace?: number; persist?: (missing: MissingParts) => void } = {},
) {
  const lastOk: Partial<Record<HealthPart, number>> = {};
  let missing: MissingParts = {};
  let reported: SiteHealth | null = null;
  let reportedAt = 0;
  let lastMatchAt: number | null = null;
  let checkedAt = -Infinity;
  return {
    /**
     * What earlier pages of this config stored: a part seen missing within the grace period before
     * `now` has been missing since its stored time (a part seen missing longer ago may have come
     * back meanwhile: it starts afresh).
     */
    restore(stored: MissingParts, now: number): void {
      for (const part of healthParts) {
        const m = stored[part];
        if (m && !missing[part] && lastOk[part] === undefined && m.since <= now && now - m.seen <= grace) missing[part] = m;
      }
    },
    /** Whether a check is due now (the first always is); true marks it as done. */
    due(now: number): boolean {
      if (now - checkedAt < CHECK_EVERY_MS) return false;
      checkedAt = now;
      return true;
    },
    update(check: Record<HealthPart, boolean | null>, now: number): SiteHealth | null {
      let all = true;
      let dirty = false;
      const failing: HealthPart[] = [];
      for (const part of healthParts) {
        const ok = check[part];
        if (ok === null) continue;
        if (ok) {
          lastOk[part] = now;
          if (missing[part]) {
            missing = { ...missing };
            delete missing[part];
            dirty = true;
          }
        } else {
          all = false;
          const since = missing[part]?.since ?? lastOk[part] ?? attachedAt;
          missing = { ...missing, [part]: { since, seen: now } };
          dirty = true;
          if (now - since >= grace) failing.push(part);
        }
      }
      if (dirty) persist?.(missing);
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

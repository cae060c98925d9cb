import type { DeskmateDB } from '@/lib/db/database';
import type { ConversationRecord } from '@/lib/db/records';
import type { CountingProfileKind, SenderKind } from '@/lib/sites/schema';

// The background side of the reply timers (rule 4: times are stored, never counted). Content
// scripts report the messages they see; this decides which ones are events, de-duplicates them
// by identity (reloads, conversation switches, several tabs of one console all report the same
// message) and keeps each conversation's open wait and the rounds (reply events) in Dexie.

export interface ObservedMessage {
  /** The site's message id, or a hash of what the page shows when it has none. */
  id: string;
  sender: SenderKind;
  /** The console's timestamp of the message (epoch ms), or null when the page shows none. */
  at: number | null;
  /** Seen arriving while the page was watched (not history rendered at load or on a switch). */
  live: boolean;
}

export interface ObserveBatch {
  siteId: string;
  conversationId: string;
  profile: CountingProfileKind;
  /** When this page's watcher attached (epoch ms): history older than this never creates events. */
  attachedAt: number;
  messages: ObservedMessage[];
}

export interface ObserveResult {
  /** Messages recorded as new events (the rest were history or already known). */
  recorded: number;
  waitingSince: number;
  /** True when a wait started or ended (the badge and alarms need updating). */
  changed: boolean;
}

/** Live page timestamps are trusted when close to now; otherwise the moment it was seen counts. */
const MAX_CLOCK_SKEW_MS = 10 * 60_000;
/**
 * A conversation watched this recently (a reload, a tab switch, a worker restart ago) resumes:
 * messages newer than what was last seen count even if they arrived in the gap. After a longer
 * absence (the browser was closed overnight) only messages newer than the attach time count.
 */
export const RESUME_WINDOW_MS = 10 * 60_000;

export function conversationKey(siteId: string, conversationId: string): string {
  return `${siteId}:${conversationId}`;
}

export async function recordObserved(db: DeskmateDB, batch: ObserveBatch, now = Date.now()): Promise<ObserveResult> {
  const key = conversationKey(batch.siteId, batch.conversationId);
  return db.transaction('rw', [db.conversations, db.messageEvents, db.rounds], async () => {
    const existing = await db.conversations.get(key);
    const conv: ConversationRecord = existing ?? {
      id: key,
      siteId: batch.siteId,
      conversationId: batch.conversationId,
      waitingSince: 0,
      lastCustomerAt: 0,
      lastAgentAt: 0,
      updatedAt: now,
    };
    // What this conversation's state was when any watcher last saw it (across sessions).
    const watermark = existing && existing.updatedAt >= now - RESUME_WINDOW_MS ? (existing.seenUntil ?? 0) : 0;
    const ids = batch.messages.map((m) => `${key}:${m.id}`);
    const known = await db.messageEvents.bulkGet(ids);
    const fresh: { id: string; sender: SenderKind; at: number }[] = [];
    let seenUntil = existing?.seenUntil ?? 0;
    batch.messages.forEach((m, i) => {
      if (m.at !== null) seenUntil = Math.max(seenUntil, Math.min(m.at, now));
      if (known[i]) return;
      let at: number;
      if (m.live) at = m.at !== null && Math.abs(m.at - now) <= MAX_CLOCK_SKEW_MS ? m.at : now;
      else if (m.at !== null && (m.at > batch.attachedAt || (watermark > 0 && m.at > watermark)) && m.at <= now + MAX_CLOCK_SKEW_MS) at = m.at;
      else return; // history: never an event
      fresh.push({ id: ids[i]!, sender: m.sender, at });
    });
    fresh.sort((a, b) => a.at - b.at);
    let changed = false;
    for (const m of fresh) {
      if (m.sender === 'customer') {
        conv.lastCustomerAt = Math.max(conv.lastCustomerAt, m.at);
        if (!conv.waitingSince) {
          conv.waitingSince = m.at;
          await db.rounds.add({ conversationKey: key, siteId: batch.siteId, profile: batch.profile, startedAt: m.at, endedAt: 0 });
          changed = true;
        }
      } else if (m.sender === 'agent') {
        conv.lastAgentAt = Math.max(conv.lastAgentAt, m.at);
        if (conv.waitingSince && m.at >= conv.waitingSince) {
          const open = await db.rounds.where({ conversationKey: key }).filter((r) => r.endedAt === 0).toArray();
          for (const r of open) await db.rounds.update(r.id!, { endedAt: Math.max(m.at, r.startedAt) });
          conv.waitingSince = 0;
          changed = true;
        }
      }
      // bot and system messages never start or end a wait (they are kept only for de-duplication).
    }
    if (fresh.length) await db.messageEvents.bulkPut(fresh.map((m) => ({ id: m.id, conversationKey: key, sender: m.sender, at: m.at })));
    conv.seenUntil = seenUntil;
    conv.updatedAt = now;
    await db.conversations.put(conv);
    return { recorded: fresh.length, waitingSince: conv.waitingSince, changed };
  });
}

export interface WaitingConversation {
  conversationId: string;
  waitingSince: number;
}

/** Conversations of a site with an open wait (what the chips count from). */
export async function waitingConversations(db: DeskmateDB, siteId: string): Promise<WaitingConversation[]> {
  const rows = await db.conversations.where('waitingSince').above(0).toArray();
  return rows.filter((c) => c.siteId === siteId).map((c) => ({ conversationId: c.conversationId, waitingSince: c.waitingSince }));
}

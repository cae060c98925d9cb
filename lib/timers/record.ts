import type { DeskmateDB } from '@/lib/db/database';
import type { ConversationRecord, WaitRecord } from '@/lib/db/records';
import type { SenderKind } from '@/lib/sites/schema';
import type { ListBatch, ObserveBatch } from './observe';

// The background side of the reply timers (rule 4: times are stored, never counted). Content
// scripts report the messages they see; this decides which ones are events, de-duplicates them
// by identity (reloads, conversation switches, several tabs of one console all report the same
// message) and keeps each conversation's open wait and the waits (the `rounds` table) in Dexie.

export type { ListActivity, ListBatch, ObserveBatch, ObservedMessage } from './observe';

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
/**
 * Messages without a site id are known by a hash of what they show and their rank among identical
 * ones on screen: such an identity repeats (the same "在吗" tomorrow), so it only de-duplicates
 * against what was seen recently (several tabs, a reload, a re-render), never the whole retention.
 */
export const HASHED_ID_WINDOW_MS = 2 * 60 * 60_000;
const isHashedId = (id: string) => /^[hk][0-9a-z]+(\.\d+)?$/.test(id);

export function conversationKey(siteId: string, conversationId: string): string {
  return `${siteId}:${conversationId}`;
}

const req = <T>(r: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

/**
 * The hot path of the timers (every message a console shows goes through here), written against
 * IndexedDB directly in one relaxed transaction: Dexie's change broadcasting for live queries
 * costs more than the write itself. Pages learn about new waits from the open waits the
 * background publishes to storage (lib/timers/background.ts), not from live queries.
 */
export async function recordObserved(db: DeskmateDB, batch: ObserveBatch, now = Date.now()): Promise<ObserveResult> {
  const key = conversationKey(batch.siteId, batch.conversationId);
  const idb = db.isOpen() ? db.backendDB() : (await db.open(), db.backendDB());
  const tx = idb.transaction(['conversations', 'messageEvents', 'rounds'], 'readwrite', { durability: 'relaxed' });
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
  const conversations = tx.objectStore('conversations');
  const events = tx.objectStore('messageEvents');
  const waits = tx.objectStore('rounds');
  const ids = batch.messages.map((m) => `${key}:${m.id}`);
  // All reads at once (one round of requests).
  const [existing, ...known] = await Promise.all([
    req(conversations.get(key)) as Promise<ConversationRecord | undefined>,
    ...ids.map((id, i) =>
      isHashedId(batch.messages[i]!.id)
        ? (req(events.get(id)) as Promise<{ at: number } | undefined>).then((e) => (e && e.at >= now - HASHED_ID_WINDOW_MS ? 1 : 0))
        : req(events.count(id)),
    ),
  ]);
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
  const fresh: { id: string; sender: SenderKind; at: number }[] = [];
  let seenUntil = existing?.seenUntil ?? 0;
  batch.messages.forEach((m, i) => {
    if (m.at !== null) seenUntil = Math.max(seenUntil, Math.min(m.at, now));
    if (known[i]) return;
    let at: number;
    if (m.live) at = m.at !== null && Math.abs(m.at - now) <= MAX_CLOCK_SKEW_MS ? m.at : now;
    else if (m.at !== null && (m.at > batch.attachedAt || (watermark > 0 && m.at > watermark)) && m.at <= now + MAX_CLOCK_SKEW_MS)
      at = m.at;
    else return; // history: never an event
    fresh.push({ id: ids[i]!, sender: m.sender, at });
  });
  fresh.sort((a, b) => a.at - b.at);
  let changed = false;
  const writes: Promise<unknown>[] = [];
  for (const m of fresh) {
    if (m.sender === 'customer') {
      conv.lastCustomerAt = Math.max(conv.lastCustomerAt, m.at);
      if (conv.waitingSince && m.at < conv.waitingSince && m.at > conv.lastAgentAt) {
        // The wait began earlier than known (it was opened from the list, and the conversation's
        // messages now show the first unanswered one): its start moves back.
        writes.push(updateOpenWait(waits, key, conv.waitingSince, (r) => ({ ...r, startedAt: m.at })));
        if (conv.botSince === conv.waitingSince) conv.botSince = m.at;
        conv.waitingSince = m.at;
        changed = true;
      } else if (!conv.waitingSince) {
        conv.waitingSince = m.at;
        const wait: WaitRecord = { conversationKey: key, siteId: batch.siteId, profile: batch.profile, startedAt: m.at, endedAt: 0 };
        writes.push(req(waits.add(wait)));
        changed = true;
      }
    } else if (m.sender === 'agent') {
      conv.lastAgentAt = Math.max(conv.lastAgentAt, m.at);
      if (conv.waitingSince && m.at >= conv.waitingSince) {
        writes.push(updateOpenWait(waits, key, conv.waitingSince, (r) => ({ ...r, endedAt: Math.max(m.at, r.startedAt) })));
        conv.waitingSince = 0;
        conv.botSince = 0;
        changed = true;
      }
    } else if (m.sender === 'bot' && conv.waitingSince && m.at >= conv.waitingSince && conv.botSince !== conv.waitingSince) {
      // An automatic reply never ends the wait, but the wait is marked: Taobao leaves out a
      // conversation that only the bot answered (docs/counting.md, "Taobao/Tmall"). Once per wait.
      writes.push(updateOpenWait(waits, key, conv.waitingSince, (r) => ({ ...r, bot: 1 })));
      conv.botSince = conv.waitingSince;
    }
    // bot and system messages never start or end a wait (kept for de-duplication; a bot marks the wait).
  }
  for (const m of fresh) writes.push(req(events.put({ id: m.id, conversationKey: key, sender: m.sender, at: m.at })));
  conv.seenUntil = seenUntil;
  conv.updatedAt = now;
  writes.push(req(conversations.put(conv)));
  // The transaction's own outcome too: a refusal at commit (storage full) is reported as its error,
  // and a failed request never leaves the transaction's rejection unhandled.
  await Promise.all([...writes, done]);
  return { recorded: fresh.length, waitingSince: conv.waitingSince, changed };
}

/**
 * Rewrites the conversation's open wait, the one that started at `startedAt`: an index lookup
 * on startedAt, no scan. Requests queued earlier in the transaction (the wait's add) are seen.
 */
function updateOpenWait(waits: IDBObjectStore, key: string, startedAt: number, change: (r: WaitRecord) => WaitRecord): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const c = waits.index('startedAt').openCursor(IDBKeyRange.only(startedAt));
    c.onerror = () => reject(c.error);
    c.onsuccess = () => {
      const cursor = c.result;
      if (!cursor) return resolve();
      const r = cursor.value as WaitRecord;
      if (r.conversationKey === key && r.endedAt === 0) cursor.update(change(r));
      cursor.continue();
    };
  });
}

/**
 * Activity the conversation list shows for conversations that are not open (a buyer writing while
 * the agent is elsewhere): opens the conversation's wait, started at the list's time of the last
 * message when it shows one. A conversation already waiting, or answered since, is left alone; the
 * list as it was at attach counts only where its time is newer than what was last seen (as history).
 */
export async function recordListActivity(db: DeskmateDB, batch: ListBatch, now = Date.now()): Promise<ObserveResult> {
  let changed = false;
  let recorded = 0;
  await db.transaction('rw', db.conversations, db.rounds, async () => {
    for (const item of batch.items) {
      const key = conversationKey(batch.siteId, item.conversationId);
      const existing = await db.conversations.get(key);
      const watermark = existing && existing.updatedAt >= now - RESUME_WINDOW_MS ? (existing.seenUntil ?? 0) : 0;
      let at: number;
      if (item.live) at = item.at !== null && Math.abs(item.at - now) <= MAX_CLOCK_SKEW_MS ? item.at : now;
      else if (
        item.at !== null &&
        (item.at > batch.attachedAt || (watermark > 0 && item.at > watermark)) &&
        item.at <= now + MAX_CLOCK_SKEW_MS
      )
        at = item.at;
      else continue;
      if (existing?.waitingSince) continue;
      if (existing && at <= Math.max(existing.lastAgentAt, existing.lastCustomerAt)) continue;
      const conv: ConversationRecord = existing ?? {
        id: key,
        siteId: batch.siteId,
        conversationId: item.conversationId,
        waitingSince: 0,
        lastCustomerAt: 0,
        lastAgentAt: 0,
        updatedAt: now,
      };
      conv.waitingSince = at;
      conv.lastCustomerAt = at;
      // Not "seenUntil": the conversation's messages were not on screen.
      await db.rounds.add({ conversationKey: key, siteId: batch.siteId, profile: batch.profile, startedAt: at, endedAt: 0 });
      await db.conversations.put(conv);
      recorded++;
      changed = true;
    }
  });
  return { recorded, waitingSince: 0, changed };
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

import { parseConsoleTime, resolveSeen } from '@/lib/sites/console-time';
import { deepQueryAll, splitDeep } from '@/lib/sites/deep-query';
import { extractValue, queryAll, senderBy } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import type { ListActivity } from './record';
import { lastPart, ownersOf } from './selector-parts';

// The conversation list, read for the tracker: an item (not the open conversation) that gains
// unread customer activity is a buyer waiting where the agent is not looking (docs/site-config.md,
// "The conversation list"). Only the items among a batch's changed nodes are read.

/** A list's unread badge as a number: "3" → 3, "99+" → 99, any other text → 1, nothing → 0. */
export function unreadCount(text: string | null): number {
  if (!text) return 0;
  const n = /\d+/.exec(text);
  return n ? Number(n[0]) : 1;
}

interface ListState {
  unread: number;
  time: string | null;
  preview: string | null;
  sender: string | null;
}

export interface ListReader {
  /** Does the config read the list at all (an item rule and at least one rule of what it shows)? */
  readonly reads: boolean;
  /** The list at attach: items already showing a waiting buyer, as history. */
  scan(openConversation: string | null): ListActivity[];
  /**
   * Items among changed nodes that gained customer activity, as live waits. `left`: the
   * conversation the agent switched away from in this batch. Its row changed in the same batch
   * as the switch (its preview and time now show the agent's reply): a console whose list does
   * not say who wrote last (咚咚) would read that as the buyer writing. What happened there up to
   * the switch was read from its thread.
   */
  changes(batch: readonly Element[], openConversation: string | null, left?: string | null): ListActivity[];
}

export function createListReader(config: SiteConfig, doc: Document, now: () => number): ListReader {
  const s = config.selectors;
  const reads = !!(
    s.conversationItem &&
    (s.conversationUnread || s.conversationLastSender || s.conversationLastTime || s.conversationPreview)
  );
  // Like messages: the alternative that finds items (a console's redesign may need the second).
  let listSelector = s.conversationItem?.[0] ?? '';
  let itemSelector = lastPart(listSelector);
  const pick = () => {
    for (const sel of s.conversationItem ?? []) {
      if (deepQueryAll(doc, sel).length) {
        listSelector = sel;
        itemSelector = lastPart(sel);
        return;
      }
    }
  };
  let list = new Map<string, ListState>();

  /** One list item's state, read with the config's list rules. */
  const stateOf = (el: Element): [string, ListState] | null => {
    const id = extractValue(s.conversationItemId ?? { selector: [':scope'] }, el);
    if (!id) return null;
    return [
      id,
      {
        unread: unreadCount(s.conversationUnread ? extractValue(s.conversationUnread, el) : null),
        time: s.conversationLastTime ? extractValue(s.conversationLastTime, el) : null,
        preview: s.conversationPreview ? extractValue(s.conversationPreview, el) : null,
        sender: senderBy(s.conversationLastSender, el),
      },
    ];
  };

  /** Is this change of a list item a buyer writing? */
  const customerActivity = (prev: ListState | undefined, next: ListState): boolean => {
    if (next.sender === 'agent') return false;
    if (s.conversationUnread) return next.unread > (prev?.unread ?? 0);
    // No badge rule: the list says the customer wrote last, and something changed.
    return next.sender === 'customer' && (!prev || prev.time !== next.time || prev.preview !== next.preview || prev.sender !== 'customer');
  };

  return {
    reads,
    scan(open) {
      if (!reads) return [];
      pick();
      list = new Map();
      const activity: ListActivity[] = [];
      for (const el of queryAll(doc, s.conversationItem)) {
        const state = stateOf(el);
        if (!state) continue;
        list.set(state[0], state[1]);
        if (state[0] !== open && customerActivity(undefined, state[1])) {
          const parsed = parseConsoleTime(state[1].time, now());
          activity.push({ conversationId: state[0], at: parsed ? parsed.at : null, live: false });
        }
      }
      return activity;
    },
    changes(batch, open, left = null) {
      if (!reads || !batch.length) return [];
      let changed = ownersOf(batch, itemSelector);
      if (!changed.size && (s.conversationItem?.length ?? 0) > 1) {
        pick();
        changed = ownersOf(batch, itemSelector);
      }
      if (!changed.size) return [];
      if (splitDeep(listSelector).length > 1) {
        const real = new Set(queryAll(doc, s.conversationItem));
        for (const el of changed) if (!real.has(el)) changed.delete(el);
      }
      const activity: ListActivity[] = [];
      for (const el of changed) {
        const state = stateOf(el);
        if (!state) continue;
        const [id, next] = state;
        const prev = list.get(id);
        list.set(id, next);
        if (id === open || id === left || !customerActivity(prev, next)) continue;
        const parsed = parseConsoleTime(next.time, now());
        activity.push({ conversationId: id, at: parsed ? resolveSeen(parsed, now()) : now(), live: true });
      }
      return activity;
    },
  };
}

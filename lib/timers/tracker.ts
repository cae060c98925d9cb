import { parseConsoleTime, resolveSeen } from '@/lib/sites/console-time';
import { deepFoundBy, deepQueryAll, innerRoots, splitDeep } from '@/lib/sites/deep-query';
import { extractValue, inMessageScope, queryAll, senderBy, senderOf } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import type { ListActivity, ObservedMessage } from './record';

// The page side of the reply timers. One MutationObserver per page (observing the document and
// any open shadow roots the console renders into), its records batched (rule 5): the callback
// only collects nodes; every BATCH_MS at most, the added message items — not the whole list —
// are read. A full scan happens only when the watcher attaches and when the conversation
// changes; what it finds is history (never an event unless its timestamp says it is new).
// Consoles render into shadow roots at any depth and same-origin frames: each new root is found
// once, when its host is added, and observed from then on (no tree walk per mutation). Messages
// with no id are told apart by what they show and by how many identical ones are on screen
// (docs/site-config.md, "Messages without an id"). The conversation list is read too: an item
// that gains unread customer activity is reported (a buyer waiting in a conversation not open).

export const BATCH_MS = 250;
export const CHIP_ATTR = 'data-deskmate-chip';

export interface TrackerBatch {
  conversationId: string;
  messages: ObservedMessage[];
}

export interface TrackerOptions {
  config: SiteConfig;
  doc: Document;
  url(): string;
  onBatch(batch: TrackerBatch): void;
  /** Conversations of the list (not the open one) with new customer activity, or their state at attach. */
  onList?(activity: ListActivity[]): void;
  /** The clock (tests pin it). */
  now?(): number;
  /**
   * The identity of what an id-less message shows (sender, console time text, text): keyed with
   * the install's secret in the product (lib/timers/message-key.ts), so stored identities cannot
   * be matched against guessed texts. Default: an unkeyed hash (tests).
   */
  identity?(sender: string, timeText: string | null, text: string): string;
  /** After every batch (the chips re-anchor to the list). */
  onSettled?(conversationId: string | null): void;
  setTimeout(fn: () => void, ms: number): number;
}

type Root = Document | ShadowRoot;

/** FNV-1a over a string, twice with different seeds: an identity for messages the site gives no id. */
export function hashOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return `h${(a >>> 0).toString(36)}${(b >>> 0).toString(36)}`;
}

/** A list's unread badge as a number: "3" → 3, "99+" → 99, any other text → 1, nothing → 0. */
export function unreadCount(text: string | null): number {
  if (!text) return 0;
  const n = /\d+/.exec(text);
  return n ? Number(n[0]) : 1;
}

/**
 * Splits a selector into its last compound ("the item") and what comes before it ("the
 * container"), for matching nodes that are no longer in the document. Selector lists are left
 * whole (item only).
 */
export function splitSelector(selector: string): { item: string; container: string } {
  if (!selector || selector.includes(',')) return { item: selector, container: '' };
  let depth = 0;
  let quote = '';
  for (let i = selector.length - 1; i >= 0; i--) {
    const c = selector[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']' || c === ')') depth++;
    else if (c === '[' || c === '(') depth--;
    else if (depth === 0 && (c === ' ' || c === '>' || c === '~' || c === '+')) {
      const container = selector
        .slice(0, i)
        .trim()
        .replace(/[>~+]\s*$/, '')
        .trim();
      return { item: selector.slice(i + 1).trim(), container: c === '~' || c === '+' ? '' : container };
    }
  }
  return { item: selector, container: '' };
}

interface ListState {
  unread: number;
  time: string | null;
  preview: string | null;
  sender: string | null;
}

export function createTracker(opts: TrackerOptions): { stop(): void } {
  const { config, doc } = opts;
  const s = config.selectors;
  const now = opts.now ?? Date.now;
  const selectors = s.message ?? [];
  const roots: Root[] = [doc];
  const observed = new Set<Root>();
  /** The chosen message selector, whole (may cross roots) and its last part (what an item matches). */
  let messageSelector = selectors[0] ?? '';
  let itemSelector = lastPart(messageSelector);
  // Like messages: the list alternative that finds items (a console's redesign may need the second).
  let listSelector = s.conversationItem?.[0] ?? '';
  let listItemSelector = lastPart(listSelector);
  const pickList = () => {
    for (const sel of s.conversationItem ?? []) {
      if (deepQueryAll(doc, sel).length) {
        listSelector = sel;
        listItemSelector = lastPart(sel);
        return;
      }
    }
  };
  const readsList = !!(
    s.conversationItem &&
    (s.conversationUnread || s.conversationLastSender || s.conversationLastTime || s.conversationPreview)
  );
  const crossesRoots = JSON.stringify(s).includes('>>>');
  /** No message id: identity is what a message shows plus how many identical ones are on screen. */
  const byCount = !s.messageId;
  let conversationId: string | null = null;
  let seen = new Set<string>();
  /** Id-less consoles: per signature, the most identical messages seen on screen at once. */
  let maxSeen = new Map<string, number>();
  let list = new Map<string, ListState>();
  let pending: Element[] = [];
  let removed: { node: Element; parent: Node }[] = [];
  let timer: number | undefined;
  let stopped = false;
  /** The first scan (what the page showed at attach) is done. */
  let attached = false;

  const readConversation = (): string | null => {
    // A console without a conversation rule is one conversation per page address.
    if (!s.activeConversation) {
      try {
        return new URL(opts.url()).pathname || '/';
      } catch {
        return '/';
      }
    }
    for (const root of roots) {
      const v = extractValue(s.activeConversation, root, opts.url());
      if (v) return v;
    }
    return null;
  };

  /** Sender, console time and (when the site gives one) id of a message item. */
  const read = (el: Element, live: boolean) => {
    const sender = senderOf(config, el);
    if (!sender) return null;
    const timeText = extractValue(s.messageTime, el);
    const parsed = parseConsoleTime(timeText, now());
    // Live, or found later (a switch rendered messages that came while another conversation was
    // open): the moment seen, within what the console's time says, else the middle of that time;
    // history on screen at attach: the start of that time (never newer than it may be).
    const at = parsed ? (live || attached ? resolveSeen(parsed, now()) : parsed.at) : null;
    return { sender, at, timeText, id: byCount ? null : extractValue(s.messageId, el) };
  };

  /** What an id-less message shows (the text itself is hashed, never kept); computed once per distinct message. */
  const identity =
    opts.identity ?? ((sender: string, timeText: string | null, text: string) => hashOf(`${sender}\u0000${timeText ?? ''}\u0000${text}`));
  let signatures = new Map<string, string>();
  const signatureOf = (el: Element, sender: string, timeText: string | null): string => {
    const text = ((s.messageText ? extractValue(s.messageText, el) : el.textContent) ?? '').trim();
    const raw = `${sender}\u0000${timeText ?? ''}\u0000${text}`;
    let sig = signatures.get(raw);
    if (sig === undefined) {
      if (signatures.size > 5000) signatures = new Map();
      sig = identity(sender, timeText, text);
      signatures.set(raw, sig);
    }
    return sig;
  };

  const identify = (el: Element, live: boolean): ObservedMessage | null => {
    const m = read(el, live);
    if (!m) return null;
    // An item without the id the config reads (a system line, a console that drops it on some
    // rows): its keyed signature — what it shows, with the console's time text, never the moment
    // it was seen, so a re-render read later is the same message (docs/site-config.md).
    const id = m.id ?? signatureOf(el, m.sender, m.timeText);
    return { id, sender: m.sender, at: m.at, live };
  };

  const allMessages = (): Element[] => {
    for (const sel of selectors) {
      let found: Element[];
      if (splitDeep(sel).length > 1) found = deepQueryAll(doc, sel);
      else {
        found = [];
        for (const root of roots) found.push(...root.querySelectorAll(sel));
      }
      if (found.length) {
        messageSelector = sel;
        itemSelector = lastPart(sel);
        return found.filter((el) => inMessageScope(config, el, conversationId));
      }
    }
    return [];
  };

  const attributeFilter = [
    s.messageId?.attr,
    s.messageSender?.attr,
    s.activeConversation?.attr,
    s.messageTime?.attr,
    s.conversationUnread?.attr,
    s.conversationLastSender?.attr,
    s.conversationLastTime?.attr,
  ].filter((a): a is string => !!a);
  const observe = (root: Root) => {
    if (observed.has(root)) return;
    observed.add(root);
    if (root !== doc && !roots.includes(root)) roots.push(root);
    observer.observe(root instanceof Document ? (root.body ?? root) : root, {
      childList: true,
      subtree: true,
      // Recycled rows of id-less consoles may only change a text node.
      ...(byCount || readsList ? { characterData: true } : {}),
      ...(attributeFilter.length ? { attributes: true, attributeFilter } : {}),
    });
    // Roots already inside this one (a custom element rendered its own children before it was added).
    discoverIn(root);
  };

  /** Hosts of open shadow roots and same-origin frames under `node` (once per new subtree). */
  const discoverIn = (node: Root | Element) => {
    const start = node instanceof Document ? (node.body ?? node.documentElement) : node;
    if (!start) return;
    if (start instanceof Element) enter(start);
    const walker = (node instanceof Document ? node : (node.ownerDocument ?? doc)).createTreeWalker(start, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode() as Element | null; n; n = walker.nextNode() as Element | null) enter(n);
  };
  const enter = (el: Element) => {
    if (el.hasAttribute(CHIP_ATTR) || el.localName === 'deskmate-overlay') return;
    if (el.localName === 'iframe' || el.localName === 'frame') {
      // Frames are entered only for a config whose selectors cross into them (`>>>`): the page's
      // other frames (an editor, an ad) are left alone.
      if (!crossesRoots) return;
      // A frame's document appears (and is replaced) when it loads.
      el.addEventListener('load', () => {
        for (const r of innerRoots(el)) if (r instanceof Document) observe(r);
        timer ??= opts.setTimeout(flush, BATCH_MS);
      });
    }
    for (const r of innerRoots(el)) observe(r);
  };

  /** Id-less consoles: every rendered message with its signature, in document order. */
  const rendered = () => {
    const items: { el: Element; sig: string; sender: NonNullable<ReturnType<typeof read>>['sender']; at: number | null }[] = [];
    for (const el of allMessages()) {
      const m = read(el, false);
      if (m) items.push({ el, sig: signatureOf(el, m.sender, m.timeText), sender: m.sender, at: m.at });
    }
    return items;
  };
  const countsOf = (items: { sig: string }[]) => {
    const counts = new Map<string, number>();
    for (const i of items) counts.set(i.sig, (counts.get(i.sig) ?? 0) + 1);
    return counts;
  };

  const fullScan = (): void => {
    seen = new Set();
    const messages: ObservedMessage[] = [];
    if (byCount) {
      const items = rendered();
      maxSeen = countsOf(items);
      const n = new Map<string, number>();
      for (const i of items) {
        const k = (n.get(i.sig) ?? 0) + 1;
        n.set(i.sig, k);
        messages.push({ id: `${i.sig}.${k}`, sender: i.sender, at: i.at, live: false });
      }
    } else {
      for (const el of allMessages()) {
        const m = identify(el, false);
        if (m && !seen.has(m.id)) {
          seen.add(m.id);
          messages.push(m);
        }
      }
    }
    if (conversationId && messages.length) opts.onBatch({ conversationId, messages });
  };

  /** Id-less consoles: messages beyond the most identical ones ever on screen are new. */
  const newByCount = (): ObservedMessage[] => {
    const items = rendered();
    const counts = countsOf(items);
    const fresh: ObservedMessage[] = [];
    const k = new Map<string, number>();
    for (const i of items) {
      const nth = (k.get(i.sig) ?? 0) + 1;
      k.set(i.sig, nth);
      const before = maxSeen.get(i.sig) ?? 0;
      const total = counts.get(i.sig)!;
      // The last (total − before) of this signature are the new ones.
      if (total > before && nth > before) {
        const live = read(i.el, true);
        fresh.push({ id: `${i.sig}.${nth}`, sender: i.sender, at: live?.at ?? null, live: true });
      }
    }
    for (const [sig, total] of counts) if (total > (maxSeen.get(sig) ?? 0)) maxSeen.set(sig, total);
    return fresh;
  };

  /**
   * The items (matching `item`) among changed nodes still on the page: an item, the item a change
   * is in, or items inside. Items inside are looked for by the selector's last compound only, then
   * matched whole: a query from an element with a selector that starts at an id elsewhere (the
   * list's `#conversation-list [data-conv-id]` asked inside a new message) makes the browser walk
   * far more than the element — 90 µs a call against 2 µs (docs/performance.md).
   */
  const ownersOf = (nodes: readonly Element[], item: string): Set<Element> => {
    const items = new Set<Element>();
    if (!item) return items;
    const last = lastCompound(item);
    for (const el of nodes) {
      if (!el.isConnected) continue;
      if (el.matches(item)) items.add(el);
      else {
        const owner = el.closest(item);
        if (owner) items.add(owner);
        else if (el.firstElementChild) for (const inner of el.querySelectorAll(last)) if (inner.matches(item)) items.add(inner);
      }
    }
    return items;
  };

  const liveOf = (items: Set<Element>, onPage = true): ObservedMessage[] => {
    // A selector that crosses roots: only items it really finds (not a look-alike elsewhere).
    // (Checked per item from the item upwards: a query of every message per batch cost more than
    // the rest of the batch on a console of thousands.)
    const deep = onPage && splitDeep(messageSelector).length > 1;
    const messages: ObservedMessage[] = [];
    for (const el of items) {
      if (deep && !deepFoundBy(el, messageSelector, doc)) continue;
      if (!inMessageScope(config, el, conversationId)) continue;
      const m = identify(el, true);
      if (!m || seen.has(m.id)) continue;
      seen.add(m.id);
      messages.push(m);
    }
    return messages;
  };

  /**
   * Message items that were added and removed again before the batch ran (a reply sent just before
   * the agent switched conversation, a virtualised list scrolling), also when the console removed
   * their whole container. Detached nodes cannot match a selector with ancestors, so the item part
   * is matched on the node and the rest within the removed subtree or on the parent it left.
   */
  const removedItemsOf = (gone: readonly { node: Element; parent: Node }[], added: ReadonlySet<Element>): Element[] => {
    const items: Element[] = [];
    const { item, container } = splitSelector(itemSelector);
    if (!item) return items;
    for (const { node, parent } of gone) {
      if (node.isConnected) continue;
      const candidates = node.matches(item) ? [node] : Array.from(node.querySelectorAll(item));
      for (const el of candidates) {
        // Added in this batch: the item itself, or an ancestor of it within the removed subtree.
        let wasAdded = false;
        for (let a: Element | null = el; a && !wasAdded; a = a === node ? null : a.parentElement) wasAdded = added.has(a);
        if (!wasAdded) continue;
        const inContainer =
          !container ||
          !!el.parentElement?.closest(container) ||
          (parent instanceof Element && (parent.matches(container) || !!parent.closest(container)));
        if (inContainer) items.push(el);
      }
    }
    return items;
  };

  /** Id-less consoles: items gone before they were read are new (they were never on screen at a read). */
  const lateByCount = (items: Element[]): ObservedMessage[] => {
    const out: ObservedMessage[] = [];
    for (const el of items) {
      const m = read(el, true);
      if (!m) continue;
      const sig = signatureOf(el, m.sender, m.timeText);
      const nth = (maxSeen.get(sig) ?? 0) + 1;
      maxSeen.set(sig, nth);
      out.push({ id: `${sig}.${nth}`, sender: m.sender, at: m.at, live: true });
    }
    return out;
  };

  /** One list item's state, read with the config's list rules. */
  const listStateOf = (el: Element): [string, ListState] | null => {
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

  /** The list at attach: items already showing a waiting buyer are reported as history. */
  const scanList = () => {
    if (!readsList) return;
    pickList();
    list = new Map();
    const activity: ListActivity[] = [];
    for (const el of queryAll(doc, s.conversationItem)) {
      const state = listStateOf(el);
      if (!state) continue;
      list.set(state[0], state[1]);
      if (state[0] !== conversationId && customerActivity(undefined, state[1])) {
        const parsed = parseConsoleTime(state[1].time, now());
        activity.push({ conversationId: state[0], at: parsed ? parsed.at : null, live: false });
      }
    }
    if (activity.length) opts.onList?.(activity);
  };

  const readListChanges = (batch: readonly Element[]) => {
    if (!readsList || !batch.length) return;
    let changed = ownersOf(batch, listItemSelector);
    if (!changed.size && (s.conversationItem?.length ?? 0) > 1) {
      pickList();
      changed = ownersOf(batch, listItemSelector);
    }
    if (!changed.size) return;
    if (splitDeep(listSelector).length > 1) {
      const real = new Set(queryAll(doc, s.conversationItem));
      for (const el of changed) if (!real.has(el)) changed.delete(el);
    }
    const activity: ListActivity[] = [];
    for (const el of changed) {
      const state = listStateOf(el);
      if (!state) continue;
      const [id, next] = state;
      const prev = list.get(id);
      list.set(id, next);
      if (id === conversationId || !customerActivity(prev, next)) continue;
      const parsed = parseConsoleTime(next.time, now());
      activity.push({ conversationId: id, at: parsed ? resolveSeen(parsed, now()) : now(), live: true });
    }
    if (activity.length) opts.onList?.(activity);
  };

  const flush = () => {
    timer = undefined;
    if (stopped) return;
    const batch = pending;
    const gone = removed;
    pending = [];
    removed = [];
    // New roots under added hosts (a custom element, a frame), found once.
    for (const el of batch) if (el.isConnected && (el.firstElementChild || el.shadowRoot || el.localName === 'iframe')) discoverIn(el);
    const current = readConversation();
    // Added and removed again within this batch: it was on screen in the conversation we had.
    const goneItems = gone.length && conversationId ? removedItemsOf(gone, new Set(batch)) : [];
    const late = goneItems.length ? (byCount ? lateByCount(goneItems) : liveOf(new Set(goneItems), false)) : [];
    if (conversationId && late.length) opts.onBatch({ conversationId, messages: late });
    if (current !== conversationId) {
      conversationId = current;
      fullScan(); // a switch renders the other conversation's history
    } else if (conversationId) {
      const messages = byCount ? (batch.length ? newByCount() : []) : liveOf(ownersOf(batch, itemSelector));
      if (messages.length) opts.onBatch({ conversationId, messages });
    }
    readListChanges(batch);
    opts.onSettled?.(conversationId);
  };

  const observer = new MutationObserver((records) => {
    const before = pending.length;
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target instanceof Element && !r.target.hasAttribute(CHIP_ATTR)) pending.push(r.target);
        continue;
      }
      if (r.type === 'characterData') {
        if (r.target.parentElement) pending.push(r.target.parentElement);
        continue;
      }
      for (const n of r.removedNodes) if (n instanceof Element && !n.hasAttribute(CHIP_ATTR)) removed.push({ node: n, parent: r.target });
      for (const n of r.addedNodes) {
        if (n instanceof Element && !n.hasAttribute(CHIP_ATTR)) pending.push(n);
        else if (n.nodeType === Node.TEXT_NODE && n.parentElement) pending.push(n.parentElement);
      }
    }
    // Id-less consoles that recycle rows (virtualised threads) may overwrite a message in the very
    // next task (the agent's reply, then a switch): messages are counted per task, not per batch,
    // when this task's changes touched a message item of the same conversation.
    if (
      byCount &&
      conversationId &&
      pending.length > before &&
      ownersOf(pending.slice(before), itemSelector).size &&
      readConversation() === conversationId
    ) {
      const messages = newByCount();
      if (messages.length) opts.onBatch({ conversationId, messages });
    }
    if (pending.length || records.length) timer ??= opts.setTimeout(flush, BATCH_MS);
  });

  observe(doc);
  conversationId = readConversation();
  fullScan();
  attached = true;
  scanList();
  opts.onSettled?.(conversationId);

  const onLocation = () => {
    timer ??= opts.setTimeout(flush, BATCH_MS);
  };
  window.addEventListener('wxt:locationchange', onLocation);
  window.addEventListener('popstate', onLocation);
  window.addEventListener('hashchange', onLocation);

  return {
    stop() {
      stopped = true;
      observer.disconnect();
      window.removeEventListener('wxt:locationchange', onLocation);
      window.removeEventListener('popstate', onLocation);
      window.removeEventListener('hashchange', onLocation);
    },
  };
}

/** The last compound of a selector (`.msg[data-id]` of `#messages .msg[data-id]`), memoised. */
const compounds = new Map<string, string>();
function lastCompound(selector: string): string {
  let c = compounds.get(selector);
  if (c === undefined) {
    c = splitSelector(selector).item || selector;
    compounds.set(selector, c);
  }
  return c;
}

/** The last part of a selector that crosses roots (what an item itself matches). */
function lastPart(selector: string): string {
  const parts = splitDeep(selector);
  return parts[parts.length - 1] ?? '';
}

import { parseConsoleTime, resolveSeen } from '@/lib/sites/console-time';
import { deepFoundBy, deepQueryAll, innerRoots, splitDeep } from '@/lib/sites/deep-query';
import { extractValue, inMessageScope, senderOf } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import { createIdlessCounts, hashOf, type RenderedMessage } from './idless';
import { createListReader } from './list-reader';
import type { ListActivity, ObservedMessage } from './record';
import { lastPart, ownersOf, splitSelectorOnce } from './selector-parts';

// The page side of the reply timers. One MutationObserver per page (observing the document and
// any open shadow roots the console renders into), its records batched (rule 5): the callback
// only collects nodes; every BATCH_MS at most, the added message items — not the whole list —
// are read. A full scan happens only when the watcher attaches and when the conversation
// changes; what it finds is history (never an event unless its timestamp says it is new).
// Consoles render into shadow roots at any depth and same-origin frames: each new root is found
// once, when its host is added, and observed from then on (no tree walk per mutation). Messages
// with no id are told apart by what they show and by how many identical ones are on screen
// (idless.ts; docs/site-config.md, "Messages without an id"). The conversation list is read too
// (list-reader.ts): an item that gains unread customer activity is reported (a buyer waiting in a
// conversation not open).

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
  const listReader = createListReader(config, doc, now);
  const crossesRoots = JSON.stringify(s).includes('>>>');
  /** No message id: identity is what a message shows plus how many identical ones are on screen. */
  const byCount = !s.messageId;
  let conversationId: string | null = null;
  let seen = new Set<string>();
  /** Id-less consoles: per signature, the most identical messages seen on screen at once. */
  const counts = createIdlessCounts();
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
      ...(byCount || listReader.reads ? { characterData: true } : {}),
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
  const rendered = (): RenderedMessage[] => {
    const items: RenderedMessage[] = [];
    for (const el of allMessages()) {
      const m = read(el, false);
      if (m) items.push({ el, sig: signatureOf(el, m.sender, m.timeText), sender: m.sender, at: m.at });
    }
    return items;
  };
  const liveAt = (el: Element) => read(el, true)?.at ?? null;

  const fullScan = (): void => {
    seen = new Set();
    const messages: ObservedMessage[] = [];
    if (byCount) {
      messages.push(...counts.history(rendered()));
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
    const { item, container } = splitSelectorOnce(itemSelector);
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
      if (m) out.push(counts.late(signatureOf(el, m.sender, m.timeText), m.sender, m.at));
    }
    return out;
  };

  const reportList = (activity: ListActivity[]) => {
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
    const left = current !== conversationId ? conversationId : null;
    // Added and removed again within this batch: it was on screen in the conversation we had.
    const goneItems = gone.length && conversationId ? removedItemsOf(gone, new Set(batch)) : [];
    const late = goneItems.length ? (byCount ? lateByCount(goneItems) : liveOf(new Set(goneItems), false)) : [];
    if (conversationId && late.length) opts.onBatch({ conversationId, messages: late });
    if (current !== conversationId) {
      conversationId = current;
      fullScan(); // a switch renders the other conversation's history
    } else if (conversationId) {
      const messages = byCount ? (batch.length ? counts.fresh(rendered(), liveAt) : []) : liveOf(ownersOf(batch, itemSelector));
      if (messages.length) opts.onBatch({ conversationId, messages });
    }
    reportList(listReader.changes(batch, conversationId, left));
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
      const messages = counts.fresh(rendered(), liveAt);
      if (messages.length) opts.onBatch({ conversationId, messages });
    }
    if (pending.length || records.length) timer ??= opts.setTimeout(flush, BATCH_MS);
  });

  observe(doc);
  conversationId = readConversation();
  fullScan();
  attached = true;
  reportList(listReader.scan(conversationId));
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

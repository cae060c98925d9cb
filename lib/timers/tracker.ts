import { extractValue } from '@/lib/sites/extract';
import { senderOf } from '@/lib/sites/extract';
import type { SiteConfig } from '@/lib/sites/schema';
import type { ObservedMessage } from './record';

// The page side of the reply timers. One MutationObserver per page (observing the document and
// any open shadow roots the console renders into), its records batched (rule 5): the callback
// only collects nodes; every BATCH_MS at most, the added message items — not the whole list —
// are read. A full scan happens only when the watcher attaches and when the conversation
// changes; what it finds is history (never an event unless its timestamp says it is new).

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

function parseTime(raw: string | null): number | null {
  if (!raw) return null;
  const n = Number(raw);
  if (Number.isFinite(n) && n > 0) return n < 1e12 ? n * 1000 : n;
  const t = Date.parse(raw);
  return Number.isFinite(t) ? t : null;
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
      const container = selector.slice(0, i).trim().replace(/[>~+]\s*$/, '').trim();
      return { item: selector.slice(i + 1).trim(), container: c === '~' || c === '+' ? '' : container };
    }
  }
  return { item: selector, container: '' };
}

export function createTracker(opts: TrackerOptions): { stop(): void } {
  const { config, doc } = opts;
  const s = config.selectors;
  const selectors = s.message ?? [];
  const roots: Root[] = [doc];
  const observed = new Set<Root>();
  let messageSelector = selectors.join(',');
  let conversationId: string | null = null;
  let seen = new Set<string>();
  let pending: Element[] = [];
  let removed: { node: Element; parent: Node }[] = [];
  let timer: number | undefined;
  let stopped = false;

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
      const v = extractValue(s.activeConversation, root instanceof Document ? root : root, opts.url());
      if (v) return v;
    }
    return null;
  };

  const identify = (el: Element): ObservedMessage | null => {
    const sender = senderOf(config, el);
    if (!sender) return null;
    const at = parseTime(extractValue(s.messageTime, el));
    let id = extractValue(s.messageId, el);
    if (!id) {
      // No id on the page: a hash of what identifies the message (the text itself is not kept).
      const text = (s.messageText ? extractValue(s.messageText, el) : el.textContent) ?? '';
      id = hashOf(`${sender}\u0000${at ?? ''}\u0000${text.trim()}`);
    }
    return { id, sender, at, live: false };
  };

  const allMessages = (): Element[] => {
    for (const sel of selectors) {
      const found: Element[] = [];
      for (const root of roots) found.push(...root.querySelectorAll(sel));
      if (found.length) {
        messageSelector = sel;
        return found;
      }
    }
    return [];
  };

  const observe = (root: Root) => {
    if (observed.has(root)) return;
    observed.add(root);
    if (root !== doc && !roots.includes(root)) roots.push(root);
    const attributeFilter = [s.messageId?.attr, s.messageSender?.attr, s.activeConversation?.attr].filter((a): a is string => !!a);
    observer.observe(root instanceof Document ? root.body ?? root : root, {
      childList: true,
      subtree: true,
      ...(attributeFilter.length ? { attributes: true, attributeFilter } : {}),
    });
  };

  /** Open shadow roots the console renders into (checked on full scans only). */
  const discoverShadowRoots = () => {
    const walker = doc.createTreeWalker(doc.body ?? doc, NodeFilter.SHOW_ELEMENT);
    for (let n = walker.nextNode() as Element | null; n; n = walker.nextNode() as Element | null) {
      if (n.shadowRoot && !n.hasAttribute(CHIP_ATTR) && n.localName !== 'deskmate-overlay') observe(n.shadowRoot);
    }
  };

  const fullScan = (): void => {
    seen = new Set();
    const messages: ObservedMessage[] = [];
    for (const el of allMessages()) {
      const m = identify(el);
      if (m && !seen.has(m.id)) {
        seen.add(m.id);
        messages.push(m);
      }
    }
    if (conversationId && messages.length) opts.onBatch({ conversationId, messages });
  };

  /** The message items among changed nodes still on the page (an item, the item a change is in, or items inside). */
  const itemsOf = (nodes: readonly Element[]): Set<Element> => {
    const items = new Set<Element>();
    if (!messageSelector) return items;
    for (const el of nodes) {
      if (!el.isConnected) continue;
      if (el.matches(messageSelector)) items.add(el);
      else {
        const owner = el.closest(messageSelector);
        if (owner) items.add(owner);
        else for (const inner of el.querySelectorAll(messageSelector)) items.add(inner);
      }
    }
    return items;
  };

  const liveOf = (items: Set<Element>): ObservedMessage[] => {
    const messages: ObservedMessage[] = [];
    for (const el of items) {
      const m = identify(el);
      if (!m || seen.has(m.id)) continue;
      seen.add(m.id);
      messages.push({ ...m, live: true });
    }
    return messages;
  };

  /**
   * Message items among nodes that were removed again before the batch ran (a reply sent just
   * before the agent switched conversation, a virtualised list scrolling). Detached nodes cannot
   * match a selector with ancestors, so the item part is matched on the node and the rest on the
   * parent it was removed from.
   */
  const removedItemsOf = (nodes: readonly { node: Element; parent: Node }[]): Set<Element> => {
    const items = new Set<Element>();
    const { item, container } = splitSelector(messageSelector);
    if (!item) return items;
    for (const { node, parent } of nodes) {
      if (node.isConnected) continue;
      const parentOk = !container || (parent instanceof Element && (parent.matches(container) || !!parent.closest(container)));
      if (!parentOk) continue;
      if (node.matches(item)) items.add(node);
      else for (const inner of node.querySelectorAll(item)) items.add(inner);
    }
    return items;
  };

  const flush = () => {
    timer = undefined;
    if (stopped) return;
    const batch = pending;
    const gone = removed;
    pending = [];
    removed = [];
    const current = readConversation();
    // Added and removed again within this batch: it was on screen in the conversation we had.
    const added = gone.length ? new Set(batch) : null;
    const late = conversationId && added ? liveOf(removedItemsOf(gone.filter((r) => added.has(r.node)))) : [];
    if (conversationId && late.length) opts.onBatch({ conversationId, messages: late });
    if (current !== conversationId) {
      conversationId = current;
      fullScan(); // a switch renders the other conversation's history
    } else if (conversationId) {
      const messages = liveOf(itemsOf(batch));
      if (messages.length) opts.onBatch({ conversationId, messages });
    }
    opts.onSettled?.(conversationId);
  };

  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') {
        if (r.target instanceof Element && !r.target.hasAttribute(CHIP_ATTR)) pending.push(r.target);
        continue;
      }
      for (const n of r.removedNodes) if (n instanceof Element && !n.hasAttribute(CHIP_ATTR)) removed.push({ node: n, parent: r.target });
      for (const n of r.addedNodes) {
        if (n instanceof Element && !n.hasAttribute(CHIP_ATTR)) {
          pending.push(n);
          if (n.shadowRoot) observe(n.shadowRoot);
        } else if (n.nodeType === Node.TEXT_NODE && n.parentElement) pending.push(n.parentElement);
      }
    }
    if (pending.length || records.length) timer ??= opts.setTimeout(flush, BATCH_MS);
  });

  observe(doc);
  discoverShadowRoots();
  conversationId = readConversation();
  fullScan();
  opts.onSettled?.(conversationId);

  const onLocation = () => {
    timer ??= opts.setTimeout(flush, BATCH_MS);
  };
  window.addEventListener('wxt:locationchange', onLocation);
  window.addEventListener('popstate', onLocation);

  return {
    stop() {
      stopped = true;
      observer.disconnect();
      window.removeEventListener('wxt:locationchange', onLocation);
      window.removeEventListener('popstate', onLocation);
    },
  };
}

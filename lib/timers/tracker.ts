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

  const flush = () => {
    timer = undefined;
    if (stopped) return;
    const batch = pending;
    pending = [];
    const current = readConversation();
    if (current !== conversationId) {
      conversationId = current;
      fullScan(); // a switch renders the other conversation's history
    } else if (conversationId && messageSelector) {
      const items = new Set<Element>();
      for (const el of batch) {
        if (!el.isConnected) continue;
        if (el.matches(messageSelector)) items.add(el);
        else {
          const owner = el.closest(messageSelector);
          if (owner) items.add(owner);
          else for (const inner of el.querySelectorAll(messageSelector)) items.add(inner);
        }
      }
      const messages: ObservedMessage[] = [];
      for (const el of items) {
        const m = identify(el);
        if (!m || seen.has(m.id)) continue;
        seen.add(m.id);
        messages.push({ ...m, live: true });
      }
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

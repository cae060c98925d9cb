import { sideOf } from './bubble-side';
import { parseConsoleTime } from './console-time';
import { deepMatches, deepQueryAll, deepQueryFirst, type QueryRoot } from './deep-query';
import type { ExtractRule, SenderKind, SenderRule, SiteConfig } from './schema';
import { compileSafeRegex, EXTRACT_REGEX } from './safe-regex';

// Interprets a site config against a document. Pure: takes the root and URL as parameters so
// that tests run it against saved pages.

type Root = QueryRoot;

/** The first element of the first alternative that finds one (selectors may cross roots: `>>>`). */
export function queryFirst(root: Root, selectors: readonly string[] | undefined): Element | null {
  if (!selectors) return null;
  for (const s of selectors) {
    const el = deepQueryFirst(root, s);
    if (el) return el;
  }
  return null;
}

/** Every element of the first alternative that finds any (selectors may cross roots: `>>>`). */
export function queryAll(root: Root, selectors: readonly string[] | undefined): Element[] {
  if (!selectors) return [];
  for (const s of selectors) {
    const list = deepQueryAll(root, s);
    if (list.length) return list;
  }
  return [];
}

/** The rule's first capture group (or whole match); linear-time engine, capped input (safe-regex.ts). */
function applyRegex(value: string, regex: string | undefined): string | null {
  if (!regex) return value;
  const re = compileSafeRegex(regex, EXTRACT_REGEX);
  if (typeof re === 'string') return null; // refused when the config was saved
  const m = re.exec(value);
  if (!m) return null;
  return m.groups[1] ?? m.groups[0] ?? null;
}

/** Reads one value with a rule, relative to `root` (a page or one message item). */
export function extractValue(rule: ExtractRule | undefined, root: Root, url?: string): string | null {
  if (!rule) return null;
  if (rule.fromUrl) {
    if (!url) return null;
    const v = applyRegex(url, rule.regex);
    return v ? v.trim() || null : null;
  }
  let el: Element | null;
  if (rule.selector) {
    el = null;
    for (const s of rule.selector) {
      // ":scope" lets a rule address the item itself.
      el = deepQueryFirst(root, s);
      if (el) break;
    }
  } else el = root instanceof Element ? root : null;
  if (!el) return null;
  const raw = rule.attr ? el.getAttribute(rule.attr) : el.textContent;
  if (raw == null) return null;
  const v = applyRegex(raw.trim(), rule.regex);
  return v ? v.trim() || null : null;
}

export function senderOf(config: SiteConfig, item: Element): SenderKind | null {
  return senderBy(config.selectors.messageSender, item);
}

/** Who a sender rule says wrote `item` (a message, or a list item's last message). */
export function senderBy(rule: SenderRule | undefined, item: Element): SenderKind | null {
  if (!rule) return null;
  for (const t of rule.byText ?? []) if (extractValue({ selector: t.selector, regex: t.regex }, item) !== null) return t.sender;
  const kinds: SenderKind[] = ['customer', 'agent', 'bot', 'system'];
  let kind: SenderKind | null;
  if (rule.attr) {
    const value = item.getAttribute(rule.attr);
    kind = value == null ? null : (kinds.find((k) => rule[k]?.includes(value)) ?? null);
  } else kind = kinds.find((k) => rule[k]?.some((sel) => deepMatches(item, sel))) ?? null;
  if (kind || !rule.side) return kind;
  // The bubble's side of the thread, for what no rule names (lib/sites/bubble-side.ts).
  const side = sideOf(item);
  return side ? (rule.side[side] ?? null) : null;
}

export interface ExtractedMessage {
  id: string | null;
  sender: SenderKind | null;
  time: number | null;
  text: string;
}

export function extractMessage(config: SiteConfig, item: Element, now = Date.now()): ExtractedMessage {
  const s = config.selectors;
  const time = parseConsoleTime(extractValue(s.messageTime, item), now)?.at ?? null;
  return {
    id: extractValue(s.messageId, item),
    sender: senderOf(config, item),
    time,
    text: (s.messageText ? extractValue(s.messageText, item) : item.textContent?.trim()) ?? '',
  };
}

export interface PageSnapshot {
  conversationId: string | null;
  buyerName: string | null;
  orderNo: string | null;
  disputeType: string | null;
  trackingNo: string | null;
  conversations: string[];
  messages: ExtractedMessage[];
  hasComposer: boolean;
}

export type PageFields = Pick<PageSnapshot, 'conversationId' | 'buyerName' | 'orderNo' | 'disputeType' | 'trackingNo'>;

/** The single values a page shows (no lists): cheap enough to read at insertion time. */
export function pageFields(config: SiteConfig, root: Document, url: string): PageFields {
  const s = config.selectors;
  const conversationId = extractValue(s.activeConversation, root, url);
  // With `messageScope`, the other values are read inside the open conversation's part of the page.
  const scope = scopeElement(config, root, conversationId) ?? root;
  return {
    conversationId,
    buyerName: extractValue(s.buyerName, scope, url),
    orderNo: extractValue(s.orderNo, scope, url),
    disputeType: extractValue(s.disputeType, scope, url),
    trackingNo: extractValue(s.trackingNo, scope, url),
  };
}

/** The element whose `messageScope` attribute names the open conversation, if the config has the rule. */
function scopeElement(config: SiteConfig, root: Document, conversationId: string | null): Element | null {
  const attr = config.selectors.messageScope?.attr;
  if (!attr || conversationId === null) return null;
  for (const el of root.querySelectorAll(`[${CSS.escape(attr)}]`)) if (el.getAttribute(attr) === conversationId) return el;
  return null;
}

/**
 * Is a message item in the open conversation's part of the page (`messageScope`: the nearest
 * element carrying the attribute names that conversation)? Without the rule, every item is.
 */
export function inMessageScope(config: SiteConfig, item: Element, conversationId: string | null): boolean {
  const attr = config.selectors.messageScope?.attr;
  if (!attr) return true;
  if (conversationId === null) return false;
  for (let el: Element | null = item; el; el = el.parentElement) if (el.hasAttribute(attr)) return el.getAttribute(attr) === conversationId;
  return false;
}

/** Everything a config can read from a page at one moment. */
export function snapshotPage(config: SiteConfig, root: Document, url: string): PageSnapshot {
  const s = config.selectors;
  const fields = pageFields(config, root, url);
  return {
    ...fields,
    conversations: queryAll(root, s.conversationItem)
      .map((el) => extractValue(s.conversationItemId ?? { selector: [':scope'] }, el))
      .filter((v): v is string => !!v),
    messages: queryAll(root, s.message)
      .filter((el) => inMessageScope(config, el, fields.conversationId))
      .map((el) => extractMessage(config, el)),
    hasComposer: !!queryFirst(root, s.composer),
  };
}

/** Attributes a config reads: the only attribute changes worth observing on its pages. */
export function observedAttributes(config: SiteConfig): string[] {
  const attrs = new Set<string>();
  for (const rule of Object.values(config.selectors)) {
    if (rule && typeof rule === 'object' && !Array.isArray(rule) && 'attr' in rule && typeof rule.attr === 'string') attrs.add(rule.attr);
  }
  return [...attrs];
}

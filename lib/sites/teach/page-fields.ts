// Teach: the composer, the conversation title and the conversation list.
import { EXTRACT_REGEX, regexProblem } from '../safe-regex';
import type { ExtractRule } from '../schema';
import {
  classPrefix,
  isHashedClass,
  isRandomToken,
  isStableId,
  NOISE_ATTR,
  pickable,
  quote,
  type Root,
  segments,
  stableClasses,
  tagOf,
  TEST_ATTR,
  words,
} from './tokens';
import { nthOfType, safeAll, safeMatches, selectorCandidates, selectorFor } from './selectors';
import { childShape, levelsBetween, listContainer, noneNested, sharedParts, similarSiblings, strongPart } from './items';

export const EDITABLE =
  'textarea, input:not([type]), input[type="text"], input[type="search"], [contenteditable]:not([contenteditable="false"])';

/** The editing host a click on `el` means: the textarea, or the outermost contenteditable. */
export function editableOf(el: Element): Element | null {
  let target = el.closest(EDITABLE) ?? el.querySelector(EDITABLE);
  if (!target) return null;
  while (target.parentElement?.closest('[contenteditable]:not([contenteditable="false"])')) {
    target = target.parentElement.closest('[contenteditable]:not([contenteditable="false"])') as Element;
  }
  return target;
}

export interface ComposerDerivation {
  composer: string[];
  element: Element;
}

/** The reply box: selectors for the editable element the agent clicked in (or around). */
export function deriveComposer(el: Element, root: Root = el.ownerDocument): ComposerDerivation {
  const target = editableOf(el) ?? el;
  const composer = selectorCandidates(target, root, 2);
  return { composer: composer.length ? composer : [selectorFor(target, root)], element: target };
}

export interface TitleDerivation {
  buyerName: ExtractRule;
  conversationHeader: string[];
  element: Element;
}

export const HEADER_WORDS = /\b(?:head|header|topbar|toolbar|banner)\b/i;
export const TITLE_WORDS = /\b(?:title|top|bar|info)\b/i;

/** The conversation title (buyer name) and the header around it, where the chip goes. */
export function deriveTitle(el: Element, root: Root = el.ownerDocument): TitleDerivation {
  const target = pickable(el) ?? el;
  const up: Element[] = [];
  for (let e = target.parentElement; e && up.length < 6 && e.tagName !== 'BODY'; e = e.parentElement) up.push(e);
  // What an element calls itself: its stable classes, id and test ids.
  const names = (e: Element) =>
    [
      ...stableClasses(e),
      isStableId(e.id) ? e.id : '',
      ...Array.from(e.attributes)
        .filter((a) => TEST_ATTR.test(a.name))
        .map((a) => a.value),
    ]
      .map(words)
      .join(' ');
  const header =
    up.find((e) => e.tagName === 'HEADER' || e.getAttribute('role') === 'banner' || HEADER_WORDS.test(names(e))) ??
    up.find((e) => TITLE_WORDS.test(names(e))) ??
    up[0] ??
    target;
  const name = selectorCandidates(target, root, 2);
  return {
    buyerName: { selector: name.length ? name : [selectorFor(target, root)] },
    conversationHeader: [selectorFor(header, root)],
    element: target,
  };
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function idLike(v: string): boolean {
  return /^[\w.:@=-]{2,80}$/.test(v) && (/\d{2,}/.test(v) || isRandomToken(v) || /^[0-9a-f-]{16,}$/i.test(v));
}

/** A conversation id in the URL (?conversationId=…, /chat/123…): an extract rule reading it. */
export function conversationIdFromUrl(url: string): ExtractRule | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  const rules: string[] = [];
  const query = new URLSearchParams(u.search || (u.hash.includes('?') ? u.hash.slice(u.hash.indexOf('?')) : ''));
  for (const [k, v] of query) {
    if (/conv|chat|session|ticket|thread|dialog|cid|uid|buyer|customer|contact|^id$/i.test(k) && idLike(v))
      rules.push(`[?&]${escapeRegExp(k)}=([^&#]+)`);
  }
  const pathOf = (p: string) => p.split(/[?#]/)[0]?.split('/').filter(Boolean) ?? [];
  for (const segs of [pathOf(u.pathname), pathOf(u.hash.replace(/^#!?/, ''))]) {
    for (let i = segs.length - 1; i >= 1; i--) {
      const seg = decodeURIComponent(segs[i] ?? '');
      const prev = segs[i - 1] ?? '';
      if (idLike(seg) && !idLike(prev) && /^[\w-]+$/.test(prev)) {
        rules.push(`/${escapeRegExp(prev)}/([^/?#&]+)`);
        break;
      }
    }
  }
  const regex = rules.find((r) => !regexProblem(r, 200, EXTRACT_REGEX));
  return regex ? { fromUrl: true, regex } : null;
}

export const ACTIVE_MARKERS = [
  '[aria-selected="true"]',
  '[aria-current]:not([aria-current="false"])',
  '[data-active="true"]',
  '[data-selected="true"]',
  '[data-state="active"]',
  '[data-state="selected"]',
];

export interface ConversationDerivation {
  conversationItem: string[];
  conversationItemId?: ExtractRule;
  activeConversation?: ExtractRule;
  /** Per item: the unread badge, found when some item shows one while teaching. */
  conversationUnread?: ExtractRule;
  /** Per item: the time of its last message as the list shows it ("14:05"). */
  conversationLastTime?: ExtractRule;
  element: Element;
  count: number;
}

/** From one conversation in the list: all conversations, their ids, and which one is open. */
export function deriveConversationList(el: Element, root: Root = el.ownerDocument): ConversationDerivation | null {
  const start = pickable(el) ?? el;
  // The item: the nearest list-ish ancestor (li, option, row) or repeated block with content.
  let item: Element | null = null;
  for (let e: Element | null = start; e && e.tagName !== 'BODY'; e = e.parentElement) {
    const role = e.getAttribute('role');
    const listish =
      e.tagName === 'LI' || role === 'option' || role === 'listitem' || role === 'row' || role === 'tab' || role === 'treeitem';
    const sibs = similarSiblings(e);
    if ((listish && sibs.length >= 1) || (sibs.length >= 2 && e.children.length > 0 && sibs.some((s) => sameShape(s, e)))) {
      item = e;
      break;
    }
  }
  if (!item) return null;
  const siblings = [item, ...similarSiblings(item)];
  const container = listContainer(item);
  const containerSel = container.tagName === 'BODY' ? 'body' : selectorFor(container, root);
  const other = siblings[1];
  const shared = other ? sharedParts(item, other, []).filter((p) => p.rank < 10) : [];
  const tries = [
    ...shared.filter(strongPart).map((p) => `${containerSel} ${p.sel}`),
    `${containerSel} > ${levelsBetween(container, item)
      .map((l, i, all) => (i === all.length - 1 ? (shared[0]?.sel ?? tagOf(l)) : tagOf(l)))
      .join(' > ')}`,
    ...shared.map((p) => `${containerSel} ${p.sel}`),
  ];
  let selector: string | null = null;
  let items: Element[] = [];
  for (const s of tries) {
    const found = safeAll(root, s);
    if (found.includes(item) && found.length >= 2 && noneNested(found)) {
      selector = s;
      items = found;
      break;
    }
  }
  if (!selector) return null;
  const result: ConversationDerivation = { conversationItem: [selector], element: item, count: items.length };
  // Its id: an attribute with one value per item, on the item or on a link inside it.
  const distinct = (vals: (string | null)[]) => vals.every((v) => !!v) && new Set(vals).size === vals.length;
  const idAttr = Array.from(item.attributes)
    .map((a) => a.name)
    .filter((n) => (n === 'id' || n.startsWith('data-')) && !NOISE_ATTR.test(n) && !/index|idx|pos|offset|time|date|count|unread/i.test(n))
    .sort((a, b) => Number(/id|key|conv|session|chat|uid|ticket/i.test(b)) - Number(/id|key|conv|session|chat|uid|ticket/i.test(a)))
    .find((n) => distinct(items.map((i) => i.getAttribute(n))));
  let idSelector = ':scope';
  let attr: string | undefined = idAttr;
  if (!attr && distinct(items.map((i) => i.getAttribute('href'))))
    attr = 'href'; // the item is the link
  else if (!attr && distinct(items.map((i) => i.querySelector('a[href]')?.getAttribute('href') ?? null))) {
    idSelector = 'a[href]';
    attr = 'href';
  }
  if (attr) result.conversationItemId = { selector: [idSelector], attr };
  // Which one is open: a marker exactly one item has.
  const activeWord = (s: string) => /^(?:active|selected|current|checked|on)$/i.test(segments(s).pop() ?? '');
  const classes = [...new Set(items.flatMap((i) => Array.from(i.classList)))];
  const markers = [
    ...ACTIVE_MARKERS,
    ...classes.filter((c) => !isHashedClass(c) && activeWord(c)).map((c) => `.${c}`),
    ...classes
      .map(classPrefix)
      .filter((p): p is string => !!p && activeWord(p))
      .map((p) => `[class*=${quote(p)}]`),
  ];
  for (const m of markers) {
    const hits = items.filter((i) => safeMatches(i, m));
    if (hits.length === 1 && attr) {
      const sel = `${selector}${m}${idSelector === ':scope' ? '' : ` ${idSelector}`}`;
      if (safeAll(root, sel).length === 1) result.activeConversation = { selector: [sel], attr };
      break;
    }
  }
  const unread = perItemRule(items, isBadgeText);
  if (unread) result.conversationUnread = unread;
  const time = perItemRule(items, isListTime);
  if (time) result.conversationLastTime = time;
  return result;
}

/** Items of one kind: the same children, or one has an extra one at the end (an unread badge). */
function sameShape(a: Element, b: Element): boolean {
  const x = childShape(a);
  const y = childShape(b);
  return x === y || (x.length > 0 && y.length > 0 && (x.startsWith(`${y},`) || y.startsWith(`${x},`)));
}

/** An unread badge's text: "3", "99+". */
export function isBadgeText(s: string): boolean {
  return /^[1-9]\d{0,2}\+?$/.test(s);
}

/** A list's last-message time as consoles show it (lib/sites/console-time.ts reads it). */
export function isListTime(s: string): boolean {
  return /^(?:(?:今天|昨天|前天) ?)?\d{1,2}:\d{2}(?::\d{2})?$|^\d{1,2}-\d{1,2} \d{1,2}:\d{2}$|^\d{1,2}月\d{1,2}日(?: \d{1,2}:\d{2})?$/.test(
    s,
  );
}

function leaves(item: Element): Element[] {
  return Array.from(item.querySelectorAll('*'))
    .slice(0, 100)
    .filter((e) => e.children.length === 0);
}

/**
 * A rule read inside each list item (an unread badge, a time): from an element whose text looks
 * like one on some item, a selector relative to the item that, on every item, finds nothing or
 * something that looks like one too.
 */
function perItemRule(items: Element[], looks: (text: string) => boolean): ExtractRule | undefined {
  const text = (e: Element | null) => (e?.textContent ?? '').trim();
  for (const item of items.slice(0, 50)) {
    const el = leaves(item).find((e) => looks(text(e)));
    if (!el) continue;
    // Its own classes first ("unread" names a state elsewhere, but here it is what the badge is).
    const own = Array.from(el.classList)
      .filter((c) => !isHashedClass(c))
      .map((c) => `.${c}`);
    // Generated classes only: its place in the item (`:scope > span:nth-of-type(2)`).
    const path: string[] = [];
    for (let e: Element | null = el; e && e !== item; e = e.parentElement) path.unshift(nthOfType(e));
    for (const sel of [...own, ...selectorCandidates(el, item, 3), `:scope > ${path.join(' > ')}`]) {
      if (
        items.every((i) => {
          const found = safeAll(i, sel)[0] ?? null;
          return !found || !text(found) || looks(text(found));
        })
      )
        return { selector: [sel] };
    }
    return undefined;
  }
  return undefined;
}

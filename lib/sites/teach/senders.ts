// Teach: what tells the senders of two picked messages apart (attributes, classes, ancestors,
// descendants, an avatar or a name, generated classes, the side of the thread).
import { measureSide } from '../bubble-side';
import type { SenderKind } from '../schema';
import { extractValue } from '../extract';
import {
  attrSel,
  IDENT,
  isStableValue,
  isStateClass,
  NOISE_ATTR,
  quote,
  type SenderRule,
  stableClasses,
  stableClassPrefixes,
  tagOf,
  TEST_ATTR,
  words,
} from './tokens';
import { safeMatches } from './selectors';
import { attrNames } from './items';

export const CUSTOMER_WORDS =
  /\b(?:customer|buyer|user|client|visitor|guest|in|incoming|inbound|received|receive|left|other|others|them|their|enduser|end-user|end_user|consumer|contact|member|friend|from|peer|opposite|remote|you)\b/i;
export const AGENT_WORDS =
  /\b(?:agent|seller|staff|service|support|operator|out|outgoing|outbound|sent|send|right|self|me|mine|my|own|admin|kefu|waiter|shop|store|merchant|host|owner|local)\b/i;
export const BOT_WORDS = /\b(?:bot|robot|auto|autoreply|ai|assistant|machine)\b/i;
export const SYSTEM_WORDS = /\b(?:system|sys|notice|notification|tip|tips|event|info|log|status|divider|hint)\b/i;
export const SENDER_ATTR_HINT =
  /(?:sender|from|author|role|direction|dir|side|owner|source|origin|position|align|who|user|kind|type|self|mine|is-?me|speaker|party|talker|flow|io)/i;
export const NOT_SENDER_ATTR =
  /(?:index|idx|key|(?:^|-)id$|uuid|time|ts$|date|stamp|created|offset|pos$|row|col|height|width|top|size|count|seq|order|status|read|unread)/i;

export function kindByWords(s: string): SenderKind | null {
  const w = words(s);
  if (BOT_WORDS.test(w)) return 'bot';
  if (SYSTEM_WORDS.test(w)) return 'system';
  if (AGENT_WORDS.test(w)) return 'agent';
  if (CUSTOMER_WORDS.test(w)) return 'customer';
  return null;
}

export function isKeywordValue(v: string): boolean {
  return !!v && v.length <= 24 && isStableValue(v);
}

export interface Distinction {
  rule: SenderRule;
  /** 3 = on the item itself by attribute value, 2 = by class/attribute presence, 1 = via ancestor or descendant, 0.5 = generated classes. */
  strength: number;
  /** Told apart by generated class names, which a new build of the console may change. */
  hashed?: boolean;
  /** Told apart by the side of the thread (left/right). */
  bySide?: boolean;
  /** Told apart by a name shown with the messages (the agent's own, or only the buyer's). */
  byName?: boolean;
}

/**
 * The last resort when nothing stable tells the senders apart: a class (generated ones included,
 * `._k2x1` / `._m4c8`) one item has and the other not, each on some items and never both on one.
 */
export function hashedClassDistinction(x: Element, y: Element, items: Element[]): Distinction | null {
  const usable = (el: Element) => Array.from(el.classList).filter((c) => IDENT.test(c) && c.length <= 60 && !isStateClass(c));
  const onlyX = usable(x).filter((c) => !y.classList.contains(c));
  const onlyY = usable(y).filter((c) => !x.classList.contains(c));
  const apart = (a: string, b: string) => !items.some((i) => i.classList.contains(a) && i.classList.contains(b));
  for (const a of onlyX)
    for (const b of onlyY) if (apart(a, b)) return { rule: { customer: [`.${a}`], agent: [`.${b}`] }, strength: 0.5, hashed: true };
  return null;
}

/** When not even a class differs: the side of the thread each pick sits on (read again per message by the extractor). */
export function sideDistinction(x: Element, y: Element): Distinction | null {
  const sx = measureSide(x);
  const sy = measureSide(y);
  if (!sx || !sy || sx === sy) return null;
  return { rule: { side: { [sx]: 'customer', [sy]: 'agent' } }, strength: 0.4, bySide: true };
}

/**
 * The tag path from `item` down to `el` (`div > img`), when short; `:scope > path` must find `el`
 * first. Rules use it as `:has(> path)`; derivation checks it with `:scope > path`, the same test.
 */
function childPath(item: Element, el: Element): string | null {
  const tags: string[] = [];
  for (let n: Element | null = el; n && n !== item; n = n.parentElement) tags.unshift(tagOf(n));
  if (!tags.length || tags.length > 4) return null;
  const path = tags.join(' > ');
  try {
    return item.querySelector(`:scope > ${path}`) === el ? path : null;
  } catch {
    return null;
  }
}

/** Whether `item` has something at `path` (what `:has(> path)` asks). */
function hasAt(item: Element, path: string): boolean {
  try {
    return item.querySelector(`:scope > ${path}`) !== null;
  } catch {
    return false;
  }
}

/** Elements of `item` that are not part of the message's text (the clicked node `clicked`; all of it when the item was clicked). */
function besideText(item: Element, clicked: Element | undefined, sel: string): Element[] {
  if (clicked === item) return [];
  return Array.from(item.querySelectorAll(sel))
    .slice(0, 50)
    .filter((el) => !(clicked && clicked !== item && (clicked.contains(el) || el.contains(clicked))));
}

/**
 * An avatar picture one pick shows and the other not (the buyer's avatar beside customer messages,
 * none beside the agent's own, or the other way round): told apart by where the picture is in the
 * item (`:has(> div > img)`), not by its class. A picture inside the text (an image message) is not one.
 */
export function avatarDistinction(x: Element, y: Element, cx?: Element, cy?: Element): Distinction | null {
  const one = (a: Element, ca: Element | undefined, b: Element): string | null => {
    for (const img of besideText(a, ca, 'img, [role="img"]')) {
      const path = childPath(a, img);
      if (path && !hasAt(b, path)) return `:has(> ${path})`;
    }
    return null;
  };
  const sx = one(x, cx, y);
  if (sx) return { rule: { customer: [sx], agent: [`:not(${sx})`] }, strength: 0.8 };
  const sy = one(y, cy, x);
  if (sy) return { rule: { customer: [`:not(${sy})`], agent: [sy] }, strength: 0.8 };
  return null;
}

/** Texts that are a message's status or time, never a sender's name. */
const NOT_A_NAME = /\d{1,2}:\d{2}|已读|未读|已送达|送达|发送中|失败|\b(?:read|unread|sent|delivered|seen)\b/i;
/** A name that is the shop's bot, not a person. */
const BOT_NAME = /机器人|自动回复|智能助理|智能客服|\b(?:bot|robot|auto)\b/i;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Short texts outside the message's own text: the candidates for a sender's name. */
function nameElements(item: Element, clicked: Element | undefined): { el: Element; path: string; text: string }[] {
  const out: { el: Element; path: string; text: string }[] = [];
  for (const el of besideText(item, clicked, '*')) {
    if (el.children.length) continue;
    const text = (el.textContent ?? '').trim();
    if (!text || text.length > 24 || NOT_A_NAME.test(text)) continue;
    const path = childPath(item, el);
    if (path) out.push({ el, path, text });
  }
  return out;
}

/**
 * A name element: both picks show a name in the same place and the agent's is the agent's own
 * (read by text: that name is the agent, another name in that place the customer, a bot's name the
 * bot); or only customer messages show a name (the buyer's nickname) and the agent's show none.
 */
export function nameDistinction(x: Element, y: Element, cx?: Element, cy?: Element): Distinction | null {
  const nx = nameElements(x, cx);
  const ny = nameElements(y, cy);
  for (const a of nx) {
    const b = ny.find((n) => n.path === a.path);
    if (!b || b.text === a.text || BOT_NAME.test(b.text)) continue;
    const selector = [`:scope > ${a.path}`];
    const rule: SenderRule = {
      byText: [
        { selector, regex: `^${escapeRegex(b.text)}$`, sender: 'agent' },
        { selector, regex: BOT_NAME.source, sender: 'bot' },
      ],
      customer: [`:has(> ${a.path})`],
    };
    return { rule, strength: 0.7, byName: true };
  }
  for (const a of nx) {
    const sel = `:has(> ${a.path})`;
    if (!hasAt(y, a.path)) return { rule: { customer: [sel], agent: [`:not(${sel})`] }, strength: 0.7, byName: true };
  }
  return null;
}

export function sortByKeyword(list: string[]): string[] {
  return [...list].sort((a, b) => Number(!!kindByWords(b)) - Number(!!kindByWords(a)));
}

/** Bot/system values among the other items' values of a sender attribute. */
export function extraKinds(rule: SenderRule, values: Iterable<string>): SenderRule {
  const known = new Set([...(rule.customer ?? []), ...(rule.agent ?? [])]);
  for (const v of values) {
    if (known.has(v)) continue;
    const k = kindByWords(v);
    if (k === 'bot' || k === 'system') rule[k] = [...(rule[k] ?? []), v];
  }
  return rule;
}

/** How customer item `x` differs from agent item `y`, checked against all `items`. */
export function distinction(x: Element, y: Element, items: Element[]): Distinction | null {
  // 1. An attribute present on both with a small set of values (data-sender="buyer" / "seller").
  const candidates: { name: string; vx: string; vy: string; score: number; keywords: boolean; values: Set<string> }[] = [];
  for (const a of Array.from(x.attributes)) {
    const name = a.name;
    if (!name.startsWith('data-') && name !== 'dir') continue;
    if (NOISE_ATTR.test(name) || TEST_ATTR.test(name) || NOT_SENDER_ATTR.test(name.replace(/^data-/, '')) || !IDENT.test(name)) continue;
    const vy = y.getAttribute(name);
    if (vy == null || vy === a.value || !isKeywordValue(a.value) || !isKeywordValue(vy)) continue;
    const values = new Set(items.map((i) => i.getAttribute(name)).filter((v): v is string => v != null));
    // Categorical: a few values shared by many items, not one per item (an index, an id).
    if (items.length >= 4 && values.size > Math.max(5, items.length / 2)) continue;
    const keywords = !!kindByWords(a.value) || !!kindByWords(vy);
    // "type"/"kind" alone often tells text from image: only with sender-like values.
    if (!keywords && !SENDER_ATTR_HINT.test(name.replace(/^data-/, '').replace(/type|kind/g, ''))) continue;
    const score = (SENDER_ATTR_HINT.test(name) ? 2 : 0) + (keywords ? 3 : 0);
    candidates.push({ name, vx: a.value, vy, score, keywords, values });
  }
  candidates.sort((a, b) => b.score - a.score);
  const best = candidates[0];
  const byAttr = (c: NonNullable<typeof best>, strength: number): Distinction => ({
    rule: extraKinds({ attr: c.name, customer: [c.vx], agent: [c.vy] }, c.values),
    strength,
  });
  if (best?.keywords) return byAttr(best, 3);

  // 2. Classes on one side only (.msg-left / .msg-right, .message--self), or their CSS-module prefix.
  const markers = (el: Element): string[] => [
    ...stableClasses(el).map((c) => `.${c}`),
    ...stableClassPrefixes(el).map((p) => `[class*=${quote(p)}]`),
    ...attrNames(el)
      .filter((n) => !NOT_SENDER_ATTR.test(n.replace(/^data-/, '')) && (SENDER_ATTR_HINT.test(n) || !!kindByWords(n.replace(/^data-/, ''))))
      .map((n) => `[${n}]`),
  ];
  const mx = markers(x);
  const my = markers(y);
  const onlyX = sortByKeyword(mx.filter((m) => !my.includes(m) && !y.matches(m)));
  const onlyY = sortByKeyword(my.filter((m) => !mx.includes(m) && !x.matches(m)));
  const cx = onlyX[0];
  const cy = onlyY[0];
  // An attribute whose values are names (data-author="…"): exact, but only for these people.
  if (best && !(cx && cy)) return byAttr(best, 2);
  let rule: SenderRule | null = null;
  if (cx && cy) rule = { customer: [cx], agent: [cy] };
  else if (cy) rule = { customer: [`:not(${cy})`], agent: [cy] };
  else if (cx) rule = { customer: [cx], agent: [`:not(${cx})`] };
  if (!rule) return null;
  addExtraKindsBySelector(rule, items);
  return { rule, strength: 2 };
}

/** Other items that match a bot/system-looking class: name that kind too. */
export function addExtraKindsBySelector(rule: SenderRule, items: Element[]): void {
  const taken = [...(rule.customer ?? []), ...(rule.agent ?? [])];
  for (const item of items) {
    if (taken.some((s) => !s.startsWith(':not(') && safeMatches(item, s))) continue;
    for (const c of stableClasses(item)) {
      const k = kindByWords(c);
      if ((k === 'bot' || k === 'system') && !(rule[k] ?? []).includes(`.${c}`)) rule[k] = [...(rule[k] ?? []), `.${c}`];
    }
  }
}

/**
 * Customer/agent selectors that are negations or structure (`:not(.agent)`, `:has(> div > img)`)
 * also match bot and system rows, and a rule's kinds are tried customer first: those rows are
 * taken out of them (`:not(.agent):not(.auto-reply)`).
 */
export function excludeOtherKinds(rule: SenderRule): void {
  const others = [...(rule.bot ?? []), ...(rule.system ?? [])];
  if (!others.length || rule.attr) return;
  for (const k of ['customer', 'agent'] as const) {
    const list = rule[k];
    if (list) rule[k] = list.map((sel) => (sel.startsWith(':') ? sel + others.map((o) => `:not(${o})`).join('') : sel));
  }
}

/** Sender markers on descendants (an avatar "avatar-self", a bubble "bubble-left"): only sender-like words count. */
export function descendantDistinction(x: Element, y: Element): Distinction | null {
  const tokens = (el: Element): string[] => {
    const out = new Set<string>();
    const all = Array.from(el.querySelectorAll('*')).slice(0, 200);
    for (const d of all) {
      for (const c of stableClasses(d)) if (kindByWords(c) === 'customer' || kindByWords(c) === 'agent') out.add(`.${c}`);
      for (const n of attrNames(d)) {
        const v = d.getAttribute(n) ?? '';
        if (SENDER_ATTR_HINT.test(n) && !NOT_SENDER_ATTR.test(n.replace(/^data-/, '')) && isKeywordValue(v)) out.add(attrSel(n, v));
      }
    }
    return [...out];
  };
  const tx = tokens(x);
  const ty = tokens(y);
  const onlyX = sortByKeyword(tx.filter((t) => !ty.includes(t)));
  const onlyY = sortByKeyword(ty.filter((t) => !tx.includes(t)));
  const cx = onlyX[0];
  const cy = onlyY[0];
  if (cx && cy) return { rule: { customer: [`:has(${cx})`], agent: [`:has(${cy})`] }, strength: 1 };
  if (cy) return { rule: { customer: [`:not(:has(${cy}))`], agent: [`:has(${cy})`] }, strength: 1 };
  if (cx) return { rule: { customer: [`:has(${cx})`], agent: [`:not(:has(${cx}))`] }, strength: 1 };
  return null;
}

/** Sender markers on an ancestor (runs of messages grouped per sender): `.group-in .msg`. */
export function ancestorDistinction(x: Element, y: Element, stop: Element, itemPart: string): Distinction | null {
  let ax = x.parentElement;
  let ay = y.parentElement;
  while (ax && ay && ax !== stop && ay !== stop && ax !== ay) {
    const d = distinction(ax, ay, [ax, ay]);
    if (d) {
      const toSel = (s: string, v?: string) => (d.rule.attr ? attrSel(d.rule.attr, v ?? null) : s);
      const c = d.rule.customer?.[0];
      const a = d.rule.agent?.[0];
      if (c && a && !c.startsWith(':not(') && !a.startsWith(':not(')) {
        return { rule: { customer: [`${toSel(c, c)} ${itemPart}`], agent: [`${toSel(a, a)} ${itemPart}`] }, strength: 1 };
      }
    }
    ax = ax.parentElement;
    ay = ay.parentElement;
  }
  return null;
}

export function verifySender(rule: SenderRule, x: Element, y: Element): boolean {
  const kind = (item: Element): SenderKind | null => {
    for (const t of rule.byText ?? []) if (extractValue({ selector: t.selector, regex: t.regex }, item) !== null) return t.sender;
    const kinds: SenderKind[] = ['customer', 'agent', 'bot', 'system'];
    if (rule.attr) {
      const v = item.getAttribute(rule.attr);
      return v == null ? null : (kinds.find((k) => rule[k]?.includes(v)) ?? null);
    }
    const found = kinds.find((k) => rule[k]?.some((s) => safeMatches(item, s))) ?? null;
    if (found || !rule.side) return found;
    const side = measureSide(item);
    return side ? (rule.side[side] ?? null) : null;
  };
  return kind(x) === 'customer' && kind(y) === 'agent';
}

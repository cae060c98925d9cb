// Teach: message items from a customer and an agent pick, and what tells their senders apart.
import { measureSide } from '../bubble-side';
import type { ExtractRule, SenderKind } from '../schema';
import {
  attrSel,
  IDENT,
  isStableValue,
  isStateClass,
  NOISE_ATTR,
  pickable,
  quote,
  type Root,
  type SenderRule,
  stableClasses,
  stableClassPrefixes,
  tagOf,
  TEST_ATTR,
  words,
} from './tokens';
import { ancestorsOf, type Part, safeAll, safeMatches, selectorFor } from './selectors';
import { attrNames, commonAncestor, levelsBetween, listContainer, noneNested, sharedParts, similarSiblings, strongPart } from './items';

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
export const ID_ATTR_HINT = /^(?:id|data-(?:[\w-]*-)?(?:id|key|uid|uuid|mid|msgid|messageid|msg-id|message-id|cid|guid))$/i;
export const TIME_ATTR_HINT = /(?:time|ts$|date|created|sent|stamp|(?:^|-)at$)/i;

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

/** Message selector: anchored on the list, by the items' shared kind or by structure. */
export function messageSelectors(
  x: Element,
  y: Element,
  container: Element,
  root: Root,
  exclude: string[],
): { selector: string; items: Element[] }[] {
  const out: { selector: string; items: Element[] }[] = [];
  const containerSel = container.tagName === 'BODY' ? 'body' : selectorFor(container, root);
  const shared = sharedParts(x, y, exclude).filter((p) => p.rank < 10);
  const tryAdd = (sel: string) => {
    if (out.some((o) => o.selector === sel)) return;
    const items = safeAll(root, sel);
    if (items.includes(x) && items.includes(y) && noneNested(items)) out.push({ selector: sel, items });
  };
  for (const p of shared.slice(0, 4)) {
    if (strongPart(p)) tryAdd(`${containerSel} ${p.sel}`);
  }
  // Structural: the chain of levels from the list down to the item (day groups, virtual rows).
  const lx = levelsBetween(container, x);
  const ly = levelsBetween(container, y);
  if (lx.length === ly.length) {
    const chain = lx.map((ex, i) => sharedParts(ex, ly[i] as Element, exclude).find((p) => p.rank < 10 && p.rank !== 6)?.sel ?? tagOf(ex));
    tryAdd(`${containerSel} > ${chain.join(' > ')}`);
  }
  for (const p of shared.slice(0, 4)) tryAdd(`${containerSel} ${p.sel}`);
  return out;
}

export function idRule(x: Element, y: Element, items: Element[], senderAttr?: string): ExtractRule | undefined {
  const names = Array.from(x.attributes)
    .map((a) => a.name)
    .filter((n) => n !== senderAttr && n !== 'class' && n !== 'style' && (n === 'id' || n.startsWith('data-')) && !NOISE_ATTR.test(n))
    .filter((n) => !/index|idx|pos|offset|row|time|date|stamp/i.test(n));
  const ok = (n: string) => {
    const vx = x.getAttribute(n) ?? '';
    const vy = y.getAttribute(n);
    if (!vx || vy == null || vx === vy || vx.length > 120 || /\s/.test(vx)) return false;
    const values = items.map((i) => i.getAttribute(n));
    return values.every((v) => !!v) && new Set(values).size === values.length;
  };
  const hinted = names.filter((n) => ID_ATTR_HINT.test(n) && ok(n));
  const pick = hinted[0] ?? names.find((n) => /id|key/i.test(n) && ok(n));
  return pick ? { selector: [':scope'], attr: pick } : undefined;
}

export function looksLikeTime(v: string, hinted: boolean): boolean {
  if (/^\d{10}(?:\d{3})?(?:\.\d+)?$/.test(v)) return hinted;
  return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v));
}

export function timeRule(x: Element, y: Element): ExtractRule | undefined {
  for (const a of Array.from(x.attributes)) {
    const n = a.name;
    if (!n.startsWith('data-') && n !== 'datetime') continue;
    const vy = y.getAttribute(n);
    const hinted = TIME_ATTR_HINT.test(n.replace(/^data-/, ''));
    if (vy != null && looksLikeTime(a.value, hinted) && looksLikeTime(vy, hinted)) return { selector: [':scope'], attr: n };
  }
  const tx = x.querySelector('time[datetime]');
  const ty = y.querySelector('time[datetime]');
  if (tx && ty && looksLikeTime(tx.getAttribute('datetime') ?? '', true)) return { selector: ['time[datetime]'], attr: 'datetime' };
  return undefined;
}

/** Where the text is inside an item: a part both clicked nodes share and that each item finds first. */
export function textRule(x: Element, y: Element, cx: Element, cy: Element): ExtractRule | undefined {
  let ex: Element | null = cx;
  let ey: Element | null = cy;
  while (ex && ey && ex !== x && ey !== y) {
    const shared: Part[] = sharedParts(ex, ey, []).filter((q) => q.rank < 10);
    for (const p of shared) {
      const px: Element | null = x.querySelector(p.sel);
      if (px === ex && y.querySelector(p.sel) === ey) return { selector: [p.sel] };
    }
    ex = ex.parentElement;
    ey = ey.parentElement;
  }
  return undefined;
}

/** noSender: nothing stable tells the senders apart; senderMismatch: the rule found reads the two clicks otherwise. */
export type MessageProblem = 'noSender' | 'senderMismatch' | 'hashedSender' | 'sideSender';

export interface MessageDerivation {
  message: string[];
  messageSender?: SenderRule;
  messageId?: ExtractRule;
  messageTime?: ExtractRule;
  messageText?: ExtractRule;
  /** The message items found for the two clicks (the repeating elements, not the clicked spans). */
  customerItem: Element;
  agentItem: Element;
  /** How many elements the message selector finds now. */
  count: number;
  problems: MessageProblem[];
}

export function groupLike(item: Element, clicked: Element): boolean {
  let child: Element | null = clicked;
  while (child && child.parentElement !== item) child = child.parentElement;
  if (!child) return false;
  const sibs = similarSiblings(child);
  return sibs.length > 0 && sibs.some((s) => s.children.length > 0 || (s.textContent ?? '').trim().length > 0) && child.children.length > 0;
}

/**
 * From a customer message and an agent message the agent clicked (anywhere inside them, e.g. on
 * an inner text span): the message items, a selector finding all of them, what tells the
 * senders apart, and the id/time/text rules when the items carry them. Null when the two clicks
 * cannot be two messages (the same element, one inside the other — see sameMessage — or no
 * common kind of item at all).
 */
export function deriveMessageRule(customerEl: Element, agentEl: Element, root: Root = customerEl.ownerDocument): MessageDerivation | null {
  const c0 = pickable(customerEl) ?? customerEl;
  const a0 = pickable(agentEl) ?? agentEl;
  if (sameMessage(c0, a0)) return null;
  const top = commonAncestor(c0, a0);
  if (!top) return null;
  const pathC = [c0, ...ancestorsOf(c0, top)];
  const pathA = [a0, ...ancestorsOf(a0, top)];
  interface Candidate {
    x: Element;
    y: Element;
    selector: string;
    items: Element[];
    dist: Distinction | null;
    score: number;
  }
  let best: Candidate | null = null;
  // Pair the levels at the same distance below the common ancestor.
  const depth = Math.min(pathC.length, pathA.length);
  for (let d = 1; d <= depth; d++) {
    const x = pathC[pathC.length - d] as Element;
    const y = pathA[pathA.length - d] as Element;
    if (x.tagName !== y.tagName) continue;
    const container = listContainer(x, y);
    const own = distinction(x, y, [x, y]);
    const exclude = own ? [...(own.rule.customer ?? []), ...(own.rule.agent ?? [])] : [];
    const options = messageSelectors(x, y, container, root, exclude);
    for (const opt of options.slice(0, 2)) {
      let dist = distinction(x, y, opt.items);
      if (!dist) {
        const itemPart = opt.selector.split(/\s+/).pop() ?? '*';
        dist =
          ancestorDistinction(x, y, container, itemPart) ??
          descendantDistinction(x, y) ??
          hashedClassDistinction(x, y, opt.items) ??
          sideDistinction(x, y);
      }
      let score = 0;
      if (dist) score += dist.strength === 3 ? 100 : dist.strength === 2 ? 90 : dist.strength === 1 ? 60 : dist.strength === 0.5 ? 50 : 45;
      if (idRule(x, y, opt.items)) score += 10;
      if (timeRule(x, y)) score += 5;
      if (groupLike(x, c0) || groupLike(y, a0)) score -= 40;
      if (opt.items.length >= 3) score += 5;
      if (!/\s>\s/.test(opt.selector) || /[.[#]/.test(opt.selector.split('>').pop() ?? '')) score += 8;
      score -= d * 2;
      if (!best || score > best.score) best = { x, y, selector: opt.selector, items: opt.items, dist, score };
    }
  }
  if (!best) return null;
  const { x, y, dist } = best;
  const sender = dist?.rule;
  const result: MessageDerivation = {
    message: [best.selector],
    customerItem: x,
    agentItem: y,
    count: best.items.length,
    problems: [],
  };
  if (sender) result.messageSender = sender;
  else result.problems.push('noSender');
  if (dist?.hashed) result.problems.push('hashedSender');
  if (dist?.bySide) result.problems.push('sideSender');
  const id = idRule(x, y, best.items, sender?.attr);
  if (id) result.messageId = id;
  const time = timeRule(x, y);
  if (time) result.messageTime = time;
  const text = c0 !== x && a0 !== y ? textRule(x, y, c0, a0) : undefined;
  if (text) result.messageText = text;
  if (sender && !verifySender(sender, x, y)) result.problems.push('senderMismatch');
  return result;
}

/** Whether two clicks fall in the same message (so they cannot teach the two senders). */
export function sameMessage(a: Element, b: Element): boolean {
  const x = pickable(a) ?? a;
  const y = pickable(b) ?? b;
  return x === y || x.contains(y) || y.contains(x);
}

export function verifySender(rule: SenderRule, x: Element, y: Element): boolean {
  const kind = (item: Element): SenderKind | null => {
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

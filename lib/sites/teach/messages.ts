// Teach: message items from a customer and an agent pick, the selector finding all of them and
// their id, time and text rules; what tells their senders apart is in senders.ts.
import type { ExtractRule } from '../schema';
import { NOISE_ATTR, pickable, type Root, type SenderRule, tagOf } from './tokens';
import { ancestorsOf, type Part, safeAll, selectorFor } from './selectors';
import { commonAncestor, levelsBetween, listContainer, noneNested, sharedParts, similarSiblings, strongPart } from './items';
import {
  addExtraKindsBySelector,
  ancestorDistinction,
  avatarDistinction,
  descendantDistinction,
  type Distinction,
  distinction,
  excludeOtherKinds,
  hashedClassDistinction,
  nameDistinction,
  sideDistinction,
  verifySender,
} from './senders';

export const ID_ATTR_HINT = /^(?:id|data-(?:[\w-]*-)?(?:id|key|uid|uuid|mid|msgid|messageid|msg-id|message-id|cid|guid))$/i;
export const TIME_ATTR_HINT = /(?:time|ts$|date|created|sent|stamp|(?:^|-)at$)/i;

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
          avatarDistinction(x, y, c0, a0) ??
          nameDistinction(x, y, c0, a0) ??
          hashedClassDistinction(x, y, opt.items) ??
          sideDistinction(x, y);
      }
      let score = 0;
      if (dist)
        score +=
          dist.strength >= 3
            ? 100
            : dist.strength >= 2
              ? 90
              : dist.strength >= 1
                ? 60
                : dist.strength >= 0.7
                  ? 55
                  : dist.strength >= 0.5
                    ? 50
                    : 45;
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
  // Bot/system-looking classes name the other rows, which the customer/agent selectors then leave out.
  if (sender && !sender.attr) {
    addExtraKindsBySelector(sender, best.items);
    excludeOtherKinds(sender);
  }
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

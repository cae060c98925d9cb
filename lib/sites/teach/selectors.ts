// Teach: selectors for one element (its own parts, anchored on an ancestor, or structural).
import {
  attrSel,
  isStableId,
  isStableValue,
  PER_ITEM_ATTR,
  quote,
  type Root,
  stableClasses,
  stableClassPrefixes,
  tagOf,
  TEST_ATTR,
  usableAttr,
} from './tokens';

export interface Part {
  sel: string;
  /** Lower is better. */
  rank: number;
}

/** Compound selectors `el` matches, best first (no combinators). */
export function localParts(el: Element): Part[] {
  const parts: Part[] = [];
  const tag = tagOf(el);
  if (isStableId(el.id)) parts.push({ sel: `#${el.id}`, rank: 1 });
  for (const a of Array.from(el.attributes)) {
    const name = a.name;
    if (!usableAttr(name)) continue;
    const v = a.value;
    if (TEST_ATTR.test(name) && isStableValue(v)) parts.push({ sel: attrSel(name, v), rank: 2 });
    else if (name === 'role') {
      if (v && !['presentation', 'none', 'generic'].includes(v) && isStableValue(v)) parts.push({ sel: attrSel(name, v), rank: 4.5 });
    } else if (name === 'contenteditable') {
      if (v !== 'false') parts.push({ sel: `${tag}[contenteditable${v ? `=${quote(v)}` : ''}]`, rank: 6 });
    } else if (name === 'name' || name === 'itemprop') {
      if (isStableValue(v)) parts.push({ sel: `${tag}${attrSel(name, v)}`, rank: 4 });
    } else if (name.startsWith('data-')) {
      if (v && isStableValue(v) && v.length <= 30 && !PER_ITEM_ATTR.test(name)) parts.push({ sel: attrSel(name, v), rank: 4 });
      parts.push({ sel: `${tag}${attrSel(name)}`, rank: 8 });
    } else if (name === 'aria-label' || name === 'aria-roledescription' || name === 'placeholder') {
      if (v && v.length <= 30 && !/\d{2,}/.test(v)) parts.push({ sel: `${tag}${attrSel(name, v)}`, rank: name === 'placeholder' ? 7 : 6 });
    } else if (name === 'type' && (tag === 'input' || tag === 'button')) {
      if (isStableValue(v)) parts.push({ sel: `${tag}${attrSel(name, v)}`, rank: 9 });
    }
  }
  const classes = stableClasses(el);
  for (const c of classes) parts.push({ sel: `.${c}`, rank: 5 });
  if (classes.length >= 2) parts.push({ sel: `.${classes[0]}.${classes[1]}`, rank: 5.5 });
  for (const p of stableClassPrefixes(el)) parts.push({ sel: `[class*=${quote(p)}]`, rank: 7 });
  // A custom element's name (desk-app, chat-thread) is chosen by the page's authors, like a class.
  parts.push({ sel: tag, rank: tag.includes('-') ? 5.2 : 10 });
  parts.sort((a, b) => a.rank - b.rank);
  const seen = new Set<string>();
  return parts.filter((p) => (seen.has(p.sel) ? false : (seen.add(p.sel), true)));
}

export function safeAll(root: Root, sel: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(sel));
  } catch {
    return [];
  }
}

export function uniqueIn(root: Root, sel: string, el: Element): boolean {
  const list = safeAll(root, sel);
  return list.length === 1 && list[0] === el;
}

export function ancestorsOf(el: Element, stop?: Element | null): Element[] {
  const out: Element[] = [];
  let p = el.parentElement;
  while (p && p !== stop && p !== el.ownerDocument.documentElement) {
    out.push(p);
    p = p.parentElement;
  }
  return out;
}

export function nthOfType(el: Element): string {
  const tag = tagOf(el);
  const parent = el.parentElement;
  if (!parent) return tag;
  const same = Array.from(parent.children).filter((c) => c.tagName === el.tagName);
  return same.length > 1 ? `${tag}:nth-of-type(${same.indexOf(el) + 1})` : tag;
}

/**
 * Unique selectors for `el` in `root`, best first: its own attributes or classes, then anchored
 * on a stable ancestor, and as a last resort a structural path (child combinators, :nth-of-type).
 */
export function selectorCandidates(el: Element, root: Root = el.ownerDocument, limit = 3): string[] {
  const out: string[] = [];
  // Alternatives must not lean on each other: ".a #x" adds nothing to "#x".
  const add = (s: string) => {
    if (!out.some((o) => s.split(/\s+/).includes(o)) && uniqueIn(root, s, el)) out.push(s);
    return out.length >= limit;
  };
  const own = localParts(el);
  for (const p of own) if (p.rank < 10 && add(p.sel)) return out;
  const stop = root.nodeType === 1 ? (root as Element) : null;
  const ancestors = ancestorsOf(el, stop)
    .filter((a) => a.tagName !== 'BODY')
    .slice(0, 12);
  const ownTop = own.slice(0, 5);
  for (const a of ancestors) {
    const anchors = localParts(a)
      .filter((p) => p.rank <= 7)
      .slice(0, 3);
    for (const ap of anchors) for (const p of ownTop) if (add(`${ap.sel} ${p.sel}`)) return out;
    if (out.length) return out;
  }
  if (out.length) return out;
  // Structure: climb until unique, starting from the nearest stable ancestor or the body.
  let path = nthOfType(el);
  let node: Element = el;
  for (const a of ancestors) {
    const anchor = localParts(a).find((p) => p.rank <= 5);
    if (anchor) {
      if (add(`${anchor.sel} > ${path}`)) return out;
      if (out.length) return out;
    }
    path = `${nthOfType(a)} > ${path}`;
    node = a;
  }
  if (node.parentElement?.tagName === 'BODY' || node.tagName === 'BODY') add(`body > ${path}`);
  // At the top of a shadow root the path needs no anchor.
  else if (!node.parentElement && root.nodeType === 11) add(path);
  return out;
}

/** A short, robust selector that finds `el` (and only it) in `root`. */
export function selectorFor(el: Element, root: Root = el.ownerDocument): string {
  return selectorCandidates(el, root, 1)[0] ?? nthPath(el, root);
}

export function nthPath(el: Element, root: Root = el.ownerDocument): string {
  const parts: string[] = [];
  let e: Element | null = el;
  while (e && e.tagName !== 'BODY' && e.tagName !== 'HTML') {
    parts.unshift(nthOfType(e));
    e = e.parentElement;
  }
  // Inside a shadow root the path starts at its top element.
  return (root.nodeType === 11 ? parts : ['body', ...parts]).join(' > ');
}

export function safeMatches(el: Element, sel: string): boolean {
  try {
    return el.matches(sel);
  } catch {
    return false;
  }
}

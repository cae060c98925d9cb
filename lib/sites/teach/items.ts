// Teach: repeating items (siblings of one kind, the list around them, what two items share).
import { isStateClass, NOISE_ATTR } from './tokens';
import { localParts, type Part } from './selectors';

export function attrNames(el: Element): string[] {
  return Array.from(el.attributes)
    .map((a) => a.name)
    .filter((n) => n.startsWith('data-') && !NOISE_ATTR.test(n))
    .sort();
}

/** Same kind of element (for repetition: generated classes count here, they are shared by siblings). */
export function similar(a: Element, b: Element): boolean {
  if (a.tagName !== b.tagName) return false;
  const ca = Array.from(a.classList);
  const cb = new Set(Array.from(b.classList));
  if (ca.length || cb.size) return ca.some((c) => cb.has(c) && !isStateClass(c));
  const na = attrNames(a).join(' ');
  const nb = attrNames(b).join(' ');
  if (na || nb) return na === nb;
  return childShape(a) === childShape(b);
}

export function childShape(el: Element): string {
  return Array.from(el.children)
    .slice(0, 6)
    .map((c) => c.tagName)
    .join(',');
}

export function similarSiblings(el: Element): Element[] {
  const parent = el.parentElement;
  if (!parent) return [];
  return Array.from(parent.children).filter((c) => c !== el && similar(c, el));
}

export function commonAncestor(a: Element, b: Element): Element | null {
  const chain = new Set<Element>();
  for (let e: Element | null = a; e; e = e.parentElement) chain.add(e);
  for (let e: Element | null = b; e; e = e.parentElement) if (chain.has(e)) return e;
  return null;
}

/** The list around repeated items: climb past wrappers that themselves repeat (day groups, pages). */
export function listContainer(item: Element, other?: Element): Element {
  let c: Element = (other ? commonAncestor(item, other) : item.parentElement) ?? item.ownerDocument.body;
  if (c === item || c === other) c = c.parentElement ?? c;
  while (c.parentElement && c.tagName !== 'BODY' && similarSiblings(c).length > 0) c = c.parentElement;
  return c;
}

export function noneNested(list: Element[]): boolean {
  const set = new Set(list);
  return list.every((el) => {
    for (let p = el.parentElement; p; p = p.parentElement) if (set.has(p)) return false;
    return true;
  });
}

/** The compound selector shared by both items (their kind), best first. */
export function sharedParts(x: Element, y: Element, exclude: string[]): Part[] {
  const py = new Set(localParts(y).map((p) => p.sel));
  return localParts(x).filter((p) => py.has(p.sel) && !p.sel.startsWith('#') && !exclude.includes(p.sel));
}

/** Says what an item is (test id, role, data value, stable class or class prefix), not merely that it has an attribute. */
export function strongPart(p: Part): boolean {
  return p.rank <= 5.5 || p.sel.startsWith('[class*=');
}

export function levelsBetween(container: Element, item: Element): Element[] {
  const chain: Element[] = [];
  for (let e: Element | null = item; e && e !== container; e = e.parentElement) chain.unshift(e);
  return chain;
}

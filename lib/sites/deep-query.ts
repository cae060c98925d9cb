// The selector syntax of site configs crosses shadow roots and frames (docs/site-config.md,
// "Shadow roots and frames"): `desk-app >>> chat-thread >>> .msgs > .msg` finds `desk-app`, looks
// inside its open shadow root for `chat-thread`, then inside that one's for `.msgs > .msg`;
// `iframe.composer >>> textarea` looks inside a same-origin frame's document. Every selector field
// takes it. Closed shadow roots and cross-origin frames cannot be entered (nothing is found there).

export type QueryRoot = Document | Element | ShadowRoot;

export const PIERCE = '>>>';

/** The parts of a selector between `>>>` (quotes and brackets respected), trimmed. */
export function splitDeep(selector: string): string[] {
  if (!selector.includes(PIERCE)) return [selector.trim()];
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (depth === 0 && selector.startsWith(PIERCE, i)) {
      parts.push(selector.slice(start, i).trim());
      start = i + PIERCE.length;
      i += PIERCE.length - 1;
    }
  }
  parts.push(selector.slice(start).trim());
  return parts;
}

/** The roots inside an element that a `>>>` step enters: its open shadow root, a same-origin frame's document. */
export function innerRoots(el: Element): (ShadowRoot | Document)[] {
  const roots: (ShadowRoot | Document)[] = [];
  if (el.shadowRoot) roots.push(el.shadowRoot);
  if (el.localName === 'iframe' || el.localName === 'frame') {
    try {
      const doc = (el as HTMLIFrameElement).contentDocument;
      if (doc) roots.push(doc);
    } catch {
      // cross-origin: not ours to read
    }
  }
  return roots;
}

function stepAll(root: QueryRoot, part: string): Element[] {
  // ":scope" addresses the item itself (rules read inside a message or list item).
  if (part === ':scope') return root instanceof Element ? [root] : [];
  return Array.from(root.querySelectorAll(part));
}

/** Every element a (possibly deep) selector finds under `root`, in document order per root. */
export function deepQueryAll(root: QueryRoot, selector: string): Element[] {
  const parts = splitDeep(selector);
  let scopes: QueryRoot[] = [root];
  for (let i = 0; i < parts.length - 1; i++) {
    const next: QueryRoot[] = [];
    for (const scope of scopes) for (const el of stepAll(scope, parts[i]!)) next.push(...innerRoots(el));
    scopes = next;
    if (!scopes.length) return [];
  }
  const last = parts[parts.length - 1]!;
  if (scopes.length === 1) return stepAll(scopes[0]!, last);
  const found: Element[] = [];
  for (const scope of scopes) found.push(...stepAll(scope, last));
  return found;
}

/** The first element a (possibly deep) selector finds under `root`. */
export function deepQueryFirst(root: QueryRoot, selector: string): Element | null {
  if (!selector.includes(PIERCE)) {
    const part = selector.trim();
    if (part === ':scope') return root instanceof Element ? root : null;
    return root.querySelector(part);
  }
  return deepQueryAll(root, selector)[0] ?? null;
}

/**
 * Does `el` match a (possibly deep) selector used to classify an item (sender rules)? The first
 * part must match the element itself; any later parts must find something inside it.
 */
export function deepMatches(el: Element, selector: string): boolean {
  const parts = splitDeep(selector);
  if (!el.matches(parts[0]!)) return false;
  if (parts.length === 1) return true;
  return innerRoots(el).some((r) => deepQueryFirst(r, parts.slice(1).join(` ${PIERCE} `)) !== null);
}

/**
 * Would `deepQueryAll(root, selector)` find `el`? Answered from the element upwards — each part
 * matched on the element, then on the shadow host or frame element of the root it sits in — so
 * checking one item costs the depth of the selector, not a query of every item under `root`
 * (the tracker checks each changed message this way, on consoles with thousands of them).
 */
export function deepFoundBy(el: Element, selector: string, root: QueryRoot): boolean {
  const parts = splitDeep(selector);
  if (parts.includes(':scope')) return deepQueryAll(root, selector).includes(el);
  let cur: Element = el;
  for (let i = parts.length - 1; ; i--) {
    if (!cur.matches(parts[i]!)) return false;
    const scope = cur.getRootNode();
    if (i === 0) {
      if (root instanceof Element) return root !== cur && root.contains(cur) && scope === root.getRootNode();
      return scope === root;
    }
    let host: Element | null = null;
    if (scope instanceof ShadowRoot) host = scope.host;
    else if (scope instanceof Document) {
      try {
        host = scope.defaultView?.frameElement ?? null;
      } catch {
        host = null;
      }
    }
    if (!host || !innerRoots(host).includes(scope as ShadowRoot | Document)) return false;
    cur = host;
  }
}

/** A selector checker for deep selectors: every part non-empty and accepted by `check`. */
export function deepChecker(check: (s: string) => boolean): (s: string) => boolean {
  return (s) => splitDeep(s).every((part) => part.length > 0 && (part === ':scope' || check(part)));
}

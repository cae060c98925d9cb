// Teach: picks inside open shadow roots and same-origin frames. Selectors are derived inside the
// root that holds the pick (its shadow root or frame document) and reached from the page's
// document with the runtime's ` >>> ` steps (lib/sites/deep-query.ts, docs/site-config.md).
import type { ExtractRule } from '../schema';
import { PIERCE } from '../deep-query';
import { selectorFor } from './selectors';

export interface PickScope {
  /** The document or shadow root that holds the element: derive its selectors in there. */
  root: Document | ShadowRoot;
  /** The `>>>` steps from the page's document to that root ("desk-app >>> chat-thread >>> "), or "". */
  prefix: string;
}

const isShadowRoot = (n: Node): n is ShadowRoot => n.nodeType === 11 && 'host' in n;

/**
 * Where a picked element lives, seen from `top` (the page's document): each shadow root's host
 * and each frame element on the way gets a selector unique in its own root. Elements of another
 * document that is not a frame of `top` (or a closed root) give the element's own root, no steps.
 */
export function scopeOf(el: Element, top: Document): PickScope {
  const first = el.getRootNode();
  const root = isShadowRoot(first) ? first : el.ownerDocument;
  const steps: string[] = [];
  let node: Node = first;
  for (let guard = 0; guard < 32; guard++) {
    if (isShadowRoot(node)) {
      const host = node.host;
      const up = host.getRootNode();
      steps.unshift(selectorFor(host, isShadowRoot(up) ? up : host.ownerDocument));
      node = up;
    } else if (node.nodeType === 9 && node !== top) {
      const frame = (node as Document).defaultView?.frameElement ?? null;
      if (!frame) return { root, prefix: '' };
      const up = frame.getRootNode();
      steps.unshift(selectorFor(frame, isShadowRoot(up) ? up : frame.ownerDocument));
      node = up;
    } else break;
  }
  return { root, prefix: steps.map((s) => `${s} ${PIERCE} `).join('') };
}

/** Selectors found inside a scope, as seen from the page's document. */
export function scoped(prefix: string, list: readonly string[]): string[] {
  return list.map((s) => `${prefix}${s}`);
}

/** An extract rule read from the page (not per item) whose selectors were found inside a scope. */
export function scopedRule(prefix: string, rule: ExtractRule): ExtractRule {
  return rule.selector ? { ...rule, selector: scoped(prefix, rule.selector) } : rule;
}

/** The element a step up from `el` means: its parent, else its shadow root's host, else its frame. */
export function composedParent(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  if (isShadowRoot(root)) return root.host;
  if (root.nodeType === 9) {
    try {
      return (root as Document).defaultView?.frameElement ?? null;
    } catch {
      return null;
    }
  }
  return null;
}

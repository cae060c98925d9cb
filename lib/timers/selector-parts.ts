import { splitDeep } from '@/lib/sites/deep-query';

// Pieces of a config's selectors the tracker matches changed nodes with: the item's own compound
// (what a detached node can still match), the last part of a selector crossing roots, and the
// items among a batch of changed nodes.

/**
 * Splits a selector into its last compound ("the item") and what comes before it ("the
 * container"), for matching nodes that are no longer in the document. Selector lists are left
 * whole (item only).
 */
export function splitSelector(selector: string): { item: string; container: string } {
  if (!selector || selector.includes(',')) return { item: selector, container: '' };
  let depth = 0;
  let quote = '';
  for (let i = selector.length - 1; i >= 0; i--) {
    const c = selector[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']' || c === ')') depth++;
    else if (c === '[' || c === '(') depth--;
    else if (depth === 0 && (c === ' ' || c === '>' || c === '~' || c === '+')) {
      const container = selector
        .slice(0, i)
        .trim()
        .replace(/[>~+]\s*$/, '')
        .trim();
      return { item: selector.slice(i + 1).trim(), container: c === '~' || c === '+' ? '' : container };
    }
  }
  return { item: selector, container: '' };
}

/** `splitSelector`, memoised: the tracker asks it for the same few selectors on every batch. */
const splits = new Map<string, { item: string; container: string }>();
export function splitSelectorOnce(selector: string): { item: string; container: string } {
  let split = splits.get(selector);
  if (split === undefined) {
    split = splitSelector(selector);
    if (splits.size > 200) splits.clear();
    splits.set(selector, split);
  }
  return split;
}

/** The last part of a selector that crosses roots (what an item itself matches). */
export function lastPart(selector: string): string {
  const parts = splitDeep(selector);
  return parts[parts.length - 1] ?? '';
}

/**
 * The items (matching `item`) among changed nodes still on the page: an item, the item a change
 * is in, or items inside. Items inside are looked for by the selector's last compound only, then
 * matched whole: a query from an element with a selector that starts at an id elsewhere (the
 * list's `#conversation-list [data-conv-id]` asked inside a new message) makes the browser walk
 * far more than the element — 90 µs a call against 2 µs (docs/performance.md).
 */
export function ownersOf(nodes: readonly Element[], item: string): Set<Element> {
  const items = new Set<Element>();
  if (!item) return items;
  const last = splitSelectorOnce(item).item || item;
  for (const el of nodes) {
    if (!el.isConnected) continue;
    if (el.matches(item)) items.add(el);
    else {
      const owner = el.closest(item);
      if (owner) items.add(owner);
      else if (el.firstElementChild) for (const inner of el.querySelectorAll(last)) if (inner.matches(item)) items.add(inner);
    }
  }
  return items;
}

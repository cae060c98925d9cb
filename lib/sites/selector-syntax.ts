import { parse, type Selector } from 'css-what';

// CSS selector checks where no DOM exists (the service worker, which has the last word on every
// config it stores: `sites.save` from teach mode, backups). Pages and the options page check with
// the browser's own parser (selectors.ts, domSelectorChecker); this one is a strict subset of it:
// syntax by css-what, then only the pseudo-classes `querySelector` knows, no pseudo-elements
// (they never match an element), selector lists inside :is/:not/:where/:has checked the same way.

const PSEUDO_CLASSES = new Set([
  'scope',
  'root',
  'empty',
  'not',
  'is',
  'where',
  'has',
  'first-child',
  'last-child',
  'only-child',
  'first-of-type',
  'last-of-type',
  'only-of-type',
  'nth-child',
  'nth-last-child',
  'nth-of-type',
  'nth-last-of-type',
  'checked',
  'disabled',
  'enabled',
  'default',
  'indeterminate',
  'required',
  'optional',
  'read-only',
  'read-write',
  'placeholder-shown',
  'valid',
  'invalid',
  'in-range',
  'out-of-range',
  'focus',
  'focus-within',
  'focus-visible',
  'hover',
  'active',
  'visited',
  'link',
  'any-link',
  'target',
  'lang',
  'dir',
  'defined',
  'popover-open',
  'modal',
  'fullscreen',
  'autofill',
  'open',
]);
const SELECTOR_ARGUMENT = new Set(['not', 'is', 'where', 'has']);
const AN_PLUS_B = /^\s*(?:odd|even|[+-]?\d+|[+-]?\d*n(?:\s*[+-]\s*\d+)?)(?:\s+of\s+.+)?\s*$/i;

function tokensOk(list: Selector[][]): boolean {
  for (const compound of list) {
    if (compound.length === 0) return false;
    for (const token of compound) {
      if (token.type === 'pseudo-element') return false;
      if (token.type !== 'pseudo') continue;
      if (!PSEUDO_CLASSES.has(token.name)) return false;
      if (SELECTOR_ARGUMENT.has(token.name)) {
        if (!Array.isArray(token.data) || !tokensOk(token.data)) return false;
      } else if (token.name.startsWith('nth-')) {
        if (typeof token.data !== 'string' || !AN_PLUS_B.test(token.data)) return false;
        const of = /\s+of\s+(.+)$/i.exec(token.data);
        if (of && !syntaxSelectorChecker(of[1]!)) return false;
      } else if ((token.name === 'lang' || token.name === 'dir') !== (typeof token.data === 'string' && token.data.trim() !== '')) {
        return false;
      }
    }
  }
  return true;
}

/** True when `selector` is a selector list every browser's querySelector accepts. */
export function syntaxSelectorChecker(selector: string): boolean {
  if (!selector.trim()) return false;
  // css-what reads `[a=]` as `[a=""]`; a browser refuses an attribute operator with no value.
  if (/=\s*\]/.test(selector.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""'))) return false;
  try {
    return tokensOk(parse(selector));
  } catch {
    return false;
  }
}

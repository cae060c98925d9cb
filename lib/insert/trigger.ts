import { isTextField } from './editors';

// Reading what the agent typed after the trigger ("/" — or "、", which the "/" key gives in
// Chinese punctuation mode), from the field's current state. Stateless on purpose: editors that
// re-render or recycle text nodes are read afresh on every keystroke.

export const TRIGGERS = ['/', '、'] as const;
const MAX_QUERY = 40;

export type TriggerMatch =
  | { kind: 'text'; query: string; start: number; end: number; trigger: string }
  | { kind: 'rich'; query: string; node: Text; start: number; end: number; trigger: string };

function findTrigger(before: string): { index: number; trigger: string } | null {
  const windowStart = Math.max(0, before.length - MAX_QUERY - 1);
  for (let i = before.length - 1; i >= windowStart; i--) {
    const c = before[i]!;
    if (c === '\n') return null;
    if ((TRIGGERS as readonly string[]).includes(c)) {
      const prev = before[i - 1];
      if (prev === undefined || /\s/.test(prev)) return { index: i, trigger: c };
    }
  }
  return null;
}

/** The selection of the tree the element lives in (open shadow roots have their own in Chrome). */
export function selectionFor(el: Node): Selection | null {
  const root = el.getRootNode() as (ShadowRoot & { getSelection?: () => Selection | null }) | Document;
  if ('getSelection' in root && typeof root.getSelection === 'function' && root !== el.ownerDocument) return root.getSelection();
  return el.ownerDocument?.getSelection() ?? null;
}

/** The trigger and query before the caret, or null when there is none (the picker then closes). */
export function readTrigger(el: HTMLElement): TriggerMatch | null {
  if (isTextField(el)) {
    const caret = el.selectionStart;
    if (caret === null || caret !== el.selectionEnd) return null;
    const found = findTrigger(el.value.slice(0, caret));
    if (!found) return null;
    return { kind: 'text', query: el.value.slice(found.index + 1, caret), start: found.index, end: caret, trigger: found.trigger };
  }
  const sel = selectionFor(el);
  if (!sel || sel.rangeCount === 0 || !sel.isCollapsed) return null;
  const node = sel.anchorNode;
  if (!(node instanceof Text) || !el.contains(node)) return null;
  const found = findTrigger(node.data.slice(0, sel.anchorOffset));
  if (!found) return null;
  return {
    kind: 'rich',
    query: node.data.slice(found.index + 1, sel.anchorOffset),
    node,
    start: found.index,
    end: sel.anchorOffset,
    trigger: found.trigger,
  };
}

/**
 * Is the caret somewhere readTrigger can judge? Editors that render their own DOM (Lexical, Slate,
 * Draft.js) briefly leave the selection outside any text node while they re-render; a null from
 * readTrigger then means "not yet", not "gone".
 */
export function caretSettled(el: HTMLElement): boolean {
  if (isTextField(el)) return true;
  const sel = selectionFor(el);
  return !!sel && sel.rangeCount > 0 && sel.isCollapsed && sel.anchorNode instanceof Text && el.contains(sel.anchorNode);
}

/** Did this input event just type a trigger where a picker may open? */
export function isTriggerInput(event: InputEvent): boolean {
  if (event.isComposing || event.inputType !== 'insertText' || !event.data) return false;
  return (TRIGGERS as readonly string[]).includes(event.data.slice(-1));
}

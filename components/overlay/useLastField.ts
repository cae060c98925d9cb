import { useEffect, useRef, type RefObject } from 'react';
import type { SavedCaret } from '@/lib/insert/bridge';
import { editableRoot, isTextField } from '@/lib/insert/editors';

/** The field the agent last typed in, and where its caret was when focus left it. */
export interface LastField {
  el: HTMLElement;
  caret: SavedCaret | null;
}

/** Where the caret is in `el` now: offsets in a text field, a copy of the selection's range in an editor (or null). */
export function caretOf(el: HTMLElement): SavedCaret | null {
  if (isTextField(el)) return { start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length };
  const sel = el.ownerDocument.getSelection();
  return sel && sel.rangeCount && el.contains(sel.anchorNode) ? sel.getRangeAt(0).cloneRange() : null;
}

/** Follows focus leaving editable fields in the document: the 话术 panel inserts into the last one. */
export function useLastField(): RefObject<LastField | null> {
  const lastField = useRef<LastField | null>(null);
  useEffect(() => {
    const onFocusOut = (e: FocusEvent) => {
      const el = editableRoot(e.target);
      if (!el) return;
      lastField.current = { el, caret: caretOf(el) };
    };
    document.addEventListener('focusout', onFocusOut, true);
    return () => document.removeEventListener('focusout', onFocusOut, true);
  }, []);
  return lastField;
}

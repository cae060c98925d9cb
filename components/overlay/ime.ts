import type { KeyboardEvent as ReactKeyboardEvent } from 'react';

/** Whether a key belongs to an IME composition (the key that picks a candidate is no command). */
export function composing(e: KeyboardEvent | ReactKeyboardEvent): boolean {
  const native = 'nativeEvent' in e ? e.nativeEvent : e;
  return native.isComposing || native.keyCode === 229;
}

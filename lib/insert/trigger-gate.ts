// The picker opens only for a trigger the agent typed. `document.execCommand('insertText', …)`
// run by page script produces *trusted* beforeinput/input events, so isTrusted on the input is
// not enough (docs/security.md S1, round 2): the input must follow, within a moment, a trusted
// keydown of a key that can type the trigger ("/", "、", or a key an IME is processing), and the
// page must hold the user's transient activation (which a keypress grants and a script cannot).
// execCommand makes no keydown at all.

/** How long after the trigger key its input may come (editors may apply it a frame later). */
export const TRIGGER_KEY_MS = 1000;

/** Keys that can type a trigger: the characters themselves, and IME processing (key "Process", keyCode 229). */
function canTypeTrigger(e: KeyboardEvent): boolean {
  return e.key === '/' || e.key === '、' || e.key === 'Process' || e.keyCode === 229 || e.isComposing;
}

export interface TriggerGate {
  /** Whether a trigger input seen now was typed by the agent; consumes the keypress. */
  take(): boolean;
  stop(): void;
}

export function triggerGate(doc: Document, now: () => number = () => performance.now()): TriggerGate {
  let keyAt = -Infinity;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.isTrusted && !e.ctrlKey && !e.metaKey && !e.altKey && canTypeTrigger(e)) keyAt = now();
  };
  // On the window, capturing: the earliest place an extension can listen.
  const win = doc.defaultView ?? window;
  win.addEventListener('keydown', onKeyDown, true);
  return {
    take() {
      const ok = now() - keyAt <= TRIGGER_KEY_MS && (doc.defaultView?.navigator.userActivation?.isActive ?? true);
      if (ok) keyAt = -Infinity;
      return ok;
    },
    stop: () => win.removeEventListener('keydown', onKeyDown, true),
  };
}

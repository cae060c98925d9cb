// Editors such as Lexical, Slate and Draft.js cancel the browser's own insertion (beforeinput →
// preventDefault) and apply the keystroke to their model, so no "input" event follows. To see
// every committed keystroke, listen to both: "input" when it comes, else shortly after
// "beforeinput", once the editor has rendered.

export type EditListener = (target: EventTarget | null, event: InputEvent) => void;

/**
 * `settle`: 'frame' waits for the editor's render (a task, then an animation frame), for readers
 * that must see the final text; 'task' only lets the editor's handlers run first (faster: the
 * caller retries on the next frame itself when the text is not there yet).
 */
export function onEveryEdit(
  doc: Document,
  listener: EditListener,
  settle: 'frame' | 'task' = 'frame',
  /** Cheap pre-check: keystrokes it rejects cost nothing more (no timers). */
  wanted: (e: InputEvent) => boolean = () => true,
): () => void {
  // One deferred call per keystroke: fast typing must not drop an earlier keystroke's call.
  const pending = new Set<{ timer: ReturnType<typeof setTimeout>; frame: number }>();
  let latest: { timer: ReturnType<typeof setTimeout>; frame: number } | null = null;
  const cancel = (p: { timer: ReturnType<typeof setTimeout>; frame: number } | null) => {
    if (!p || !pending.has(p)) return;
    clearTimeout(p.timer);
    cancelAnimationFrame(p.frame);
    pending.delete(p);
  };
  // Only the agent's own typing counts: events a page script dispatches (isTrusted false) must
  // never open the picker or feed it keys (docs/security.md, S1).
  const onInput = (e: Event) => {
    if (!e.isTrusted || !(e instanceof InputEvent) || e.isComposing || !wanted(e)) return;
    cancel(latest); // the browser applied this keystroke itself: no need for the deferred call
    latest = null;
    listener(e.composedPath()[0] ?? null, e);
  };
  const onBeforeInput = (e: Event) => {
    if (!e.isTrusted || !(e instanceof InputEvent) || e.isComposing || !wanted(e)) return;
    const target = e.composedPath()[0] ?? null;
    // After the editor's own handler and its render (React editors render in a later task).
    const p = {
      timer: setTimeout(() => {
        const fire = () => {
          pending.delete(p);
          listener(target, e);
        };
        if (settle === 'task') fire();
        else p.frame = requestAnimationFrame(fire);
      }, 0),
      frame: 0,
    };
    pending.add(p);
    latest = p;
  };
  doc.addEventListener('beforeinput', onBeforeInput, true);
  doc.addEventListener('input', onInput, true);
  return () => {
    for (const p of [...pending]) cancel(p);
    doc.removeEventListener('beforeinput', onBeforeInput, true);
    doc.removeEventListener('input', onInput, true);
  };
}

// Editors such as Lexical, Slate and Draft.js cancel the browser's own insertion (beforeinput →
// preventDefault) and apply the keystroke to their model, so no "input" event follows. To see
// every committed keystroke, listen to both: "input" when it comes, else shortly after
// "beforeinput", once the editor has rendered.

export type EditListener = (target: EventTarget | null, event: InputEvent) => void;

export function onEveryEdit(doc: Document, listener: EditListener, filter: (e: InputEvent) => boolean = () => true): () => void {
  let pending: { timer: ReturnType<typeof setTimeout>; frame: number } | null = null;
  const cancel = () => {
    if (!pending) return;
    clearTimeout(pending.timer);
    cancelAnimationFrame(pending.frame);
    pending = null;
  };
  const onInput = (e: Event) => {
    if (!(e instanceof InputEvent) || e.isComposing || !filter(e)) return;
    cancel();
    listener(e.composedPath()[0] ?? null, e);
  };
  const onBeforeInput = (e: Event) => {
    if (!(e instanceof InputEvent) || e.isComposing || !filter(e)) return;
    const target = e.composedPath()[0] ?? null;
    cancel();
    // After the editor's own handler and its render (React editors render in a later task).
    const run = () => {
      cancel();
      listener(target, e);
    };
    pending = { timer: setTimeout(() => (pending!.frame = requestAnimationFrame(run)), 0), frame: 0 };
  };
  doc.addEventListener('beforeinput', onBeforeInput, true);
  doc.addEventListener('input', onInput, true);
  return () => {
    cancel();
    doc.removeEventListener('beforeinput', onBeforeInput, true);
    doc.removeEventListener('input', onInput, true);
  };
}

import { detectEditorKind, type EditorKind } from './editors';
import { selectionFor, type TriggerMatch } from './trigger';

// Replaces the typed "/query" with text IN THE EDITOR'S OWN MODEL, so the site's app sees it and
// sends it, and undo works. Each editor kind has an ordered list of strategies; every strategy is
// confirmed by reading the field back, and the next one is tried only when it did not land.
//
//   textarea / input   execCommand('insertText')  → native value setter + input event (last resort)
//   plain contenteditable  execCommand('insertText' / 'insertLineBreak')  → paste
//   Lexical, Slate     beforeinput insertReplacementText (with targetRanges)  → paste → execCommand
//   ProseMirror/TipTap, Draft.js, Quill, CKEditor 5   paste (text/plain)  → beforeinput → execCommand

export type Strategy = 'execCommand' | 'beforeinput' | 'paste' | 'setter';

export interface InsertResult {
  ok: boolean;
  kind: EditorKind;
  strategy: Strategy | null;
}

const PLAN: Record<EditorKind, Strategy[]> = {
  textarea: ['execCommand', 'setter'],
  input: ['execCommand', 'setter'],
  contenteditable: ['execCommand', 'paste'],
  lexical: ['beforeinput', 'paste', 'execCommand'],
  slate: ['beforeinput', 'paste', 'execCommand'],
  prosemirror: ['paste', 'beforeinput', 'execCommand'],
  draft: ['paste', 'beforeinput', 'execCommand'],
  quill: ['paste', 'beforeinput', 'execCommand'],
  ckeditor: ['paste', 'beforeinput', 'execCommand'],
};

const CONFIRM_MS = 400;

function occurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Waits (without polling) until the field holds one more copy of `needle` than it had before
 * the strategy ran, or gives up after `ms`.
 */
function landed(el: HTMLElement, read: () => string, needle: string, before: number, ms = CONFIRM_MS): Promise<boolean> {
  const has = () => occurrences(normalize(read()), needle) > before;
  if (has()) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (v: boolean) => {
      observer.disconnect();
      el.removeEventListener('input', check);
      clearTimeout(timer);
      resolve(v);
    };
    const check = () => has() && done(true);
    const observer = new MutationObserver(check);
    observer.observe(el, { childList: true, subtree: true, characterData: true });
    el.addEventListener('input', check);
    const timer = setTimeout(() => done(has()), ms);
  });
}

/** Whitespace-insensitive comparison: editors turn "\n" into paragraphs, nbsp, etc. */
function normalize(s: string): string {
  return s.replace(/\s+/g, '');
}

/** A fragment of the inserted text that must appear in the field once it landed. */
function probe(text: string): string {
  const n = normalize(text);
  return n.length > 60 ? n.slice(0, 60) : n;
}

function richText(el: HTMLElement): string {
  return el.textContent ?? '';
}

function waitForSelectionSync(doc: Document): Promise<void> {
  // Editors copy the DOM selection into their model on "selectionchange" (a queued task).
  return new Promise((resolve) => {
    const timer = setTimeout(finish, 50);
    function finish() {
      clearTimeout(timer);
      doc.removeEventListener('selectionchange', onChange);
      setTimeout(resolve, 0);
    }
    function onChange() {
      finish();
    }
    doc.addEventListener('selectionchange', onChange);
  });
}

// Firefox: objects made in a content script are wrapped for the page, so an editor's paste or
// beforeinput handler cannot read a DataTransfer we created. There we build the event and its
// data in the page's own compartment (wrappedJSObject + cloneInto). Chrome shares DOM objects
// between worlds and needs none of this.
type PageWindow = Window & typeof globalThis;
declare const cloneInto: (<T>(obj: T, target: object, options?: { wrapReflectors?: boolean }) => T) | undefined;

function pageWorld(doc: Document): PageWindow | null {
  const win = doc.defaultView as (Window & { wrappedJSObject?: PageWindow }) | null;
  return typeof cloneInto === 'function' && win?.wrappedJSObject ? win.wrappedJSObject : null;
}

function dataTransfer(doc: Document, text: string): DataTransfer {
  const DT = pageWorld(doc)?.DataTransfer ?? DataTransfer;
  const dt = new DT();
  dt.setData('text/plain', text);
  return dt;
}

function pageEvent<K extends 'InputEvent' | 'ClipboardEvent'>(
  doc: Document,
  kind: K,
  type: string,
  init: K extends 'InputEvent' ? InputEventInit : ClipboardEventInit,
): Event {
  const page = pageWorld(doc);
  if (page && typeof cloneInto === 'function') {
    const Ctor = page[kind] as unknown as new (type: string, init: object) => Event;
    return new Ctor(type, cloneInto(init, page, { wrapReflectors: true }));
  }
  return kind === 'InputEvent' ? new InputEvent(type, init as InputEventInit) : new ClipboardEvent(type, init as ClipboardEventInit);
}

function nativeSetter(el: HTMLTextAreaElement | HTMLInputElement): ((v: string) => void) | undefined {
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  return Object.getOwnPropertyDescriptor(proto, 'value')?.set?.bind(el);
}

async function insertIntoTextField(
  el: HTMLTextAreaElement | HTMLInputElement,
  match: Extract<TriggerMatch, { kind: 'text' }>,
  text: string,
  caret: number,
): Promise<InsertResult> {
  const kind = detectEditorKind(el);
  const value = kind === 'input' ? text.replace(/\r?\n/g, ' ') : text;
  const doc = el.ownerDocument;
  const expected = el.value.slice(0, match.start) + value + el.value.slice(match.end);
  for (const strategy of PLAN[kind]) {
    el.focus();
    el.setSelectionRange(match.start, match.end);
    if (strategy === 'execCommand') doc.execCommand('insertText', false, value);
    else {
      // Last resort (no undo): the prototype's setter, so React's value tracker sees a change.
      nativeSetter(el)?.(expected);
      el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: value }));
    }
    if (el.value === expected) {
      const at = match.start + Math.min(caret, value.length);
      el.setSelectionRange(at, at);
      return { ok: true, kind, strategy };
    }
  }
  return { ok: false, kind, strategy: null };
}

function selectMatch(el: HTMLElement, match: Extract<TriggerMatch, { kind: 'rich' }>): Range | null {
  if (!match.node.isConnected || match.end > match.node.length) return null;
  const range = el.ownerDocument.createRange();
  range.setStart(match.node, match.start);
  range.setEnd(match.node, match.end);
  const sel = selectionFor(el);
  if (!sel) return null;
  sel.removeAllRanges();
  sel.addRange(range);
  return range;
}

async function runRichStrategy(strategy: Strategy, el: HTMLElement, range: Range, text: string): Promise<void> {
  const doc = el.ownerDocument;
  const target = (range.startContainer.parentElement ?? el) as HTMLElement;
  if (strategy === 'beforeinput') {
    const event = pageEvent(doc, 'InputEvent', 'beforeinput', {
      inputType: 'insertReplacementText',
      dataTransfer: dataTransfer(doc, text),
      targetRanges: [
        new StaticRange({
          startContainer: range.startContainer,
          startOffset: range.startOffset,
          endContainer: range.endContainer,
          endOffset: range.endOffset,
        }),
      ],
      bubbles: true,
      cancelable: true,
      composed: true,
    });
    target.dispatchEvent(event);
  } else if (strategy === 'paste') {
    await waitForSelectionSync(doc);
    // Gecko fills a synthetic paste's clipboardData from its own `dataType`/`data` init fields.
    const init = {
      clipboardData: dataTransfer(doc, text),
      dataType: 'text/plain',
      data: text,
      bubbles: true,
      cancelable: true,
      composed: true,
    };
    const event = pageEvent(doc, 'ClipboardEvent', 'paste', init);
    target.dispatchEvent(event);
  } else if (strategy === 'execCommand') {
    const lines = text.split(/\r?\n/);
    lines.forEach((line, i) => {
      if (i > 0) doc.execCommand('insertLineBreak');
      if (line) doc.execCommand('insertText', false, line);
      else if (i === 0) doc.execCommand('delete'); // replace the selected "/query" even if the first line is empty
    });
  }
}

/** Moves the caret back from the end of the insertion to where {{cursor}} was. */
function placeCaret(el: HTMLElement, text: string, caret: number): void {
  const back = text.slice(caret).replace(/\r\n/g, '\n').length;
  if (back <= 0) return;
  const sel = selectionFor(el) as (Selection & { modify?: (a: string, d: string, g: string) => void }) | null;
  if (!sel?.modify) return;
  for (let i = 0; i < back; i++) sel.modify('move', 'backward', 'character');
}

async function insertIntoRich(
  el: HTMLElement,
  match: Extract<TriggerMatch, { kind: 'rich' }>,
  text: string,
  caret: number,
): Promise<InsertResult> {
  const kind = detectEditorKind(el);
  const needle = probe(text);
  for (const strategy of PLAN[kind]) {
    el.focus();
    const range = selectMatch(el, match);
    if (!range) break;
    const before = occurrences(normalize(richText(el)), needle);
    await runRichStrategy(strategy, el, range, text);
    if (await landed(el, () => richText(el), needle, before)) {
      placeCaret(el, text, caret);
      return { ok: true, kind, strategy };
    }
  }
  return { ok: false, kind, strategy: null };
}

/**
 * Replaces the trigger and query with `text`; the caret lands at `caret` (an offset into text).
 * The field keeps focus.
 */
export async function replaceQuery(el: HTMLElement, match: TriggerMatch, text: string, caret = text.length): Promise<InsertResult> {
  if (match.kind === 'text') return insertIntoTextField(el as HTMLTextAreaElement | HTMLInputElement, match, text, caret);
  return insertIntoRich(el, match, text, caret);
}

/** Inserts at the caret without a typed query (the picker opened by the keyboard shortcut). */
export async function insertAtCaret(el: HTMLElement, text: string, caret = text.length): Promise<InsertResult> {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? start;
    return insertIntoTextField(el, { kind: 'text', query: '', start, end, trigger: '' }, text, caret);
  }
  const sel = selectionFor(el);
  let node = sel?.anchorNode ?? null;
  let offset = sel?.anchorOffset ?? 0;
  if (!(node instanceof Text) || !el.contains(node)) {
    // Caret between elements (empty editor): put an empty text node there to anchor the range.
    node = el.ownerDocument.createTextNode('');
    const host = sel?.anchorNode && el.contains(sel.anchorNode) ? sel.anchorNode : el;
    (host instanceof Text ? host.parentNode! : host).appendChild(node);
    offset = 0;
  }
  return insertIntoRich(el, { kind: 'rich', query: '', node: node as Text, start: offset, end: offset, trigger: '' }, text, caret);
}

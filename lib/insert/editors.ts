// What kind of editor a field is: decides how text is inserted (see insert.ts). Detection uses
// each library's own stable DOM markers, never a site's classes.

export type EditorKind = 'textarea' | 'input' | 'lexical' | 'slate' | 'draft' | 'prosemirror' | 'quill' | 'ckeditor' | 'contenteditable';

const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);

export function isTextField(el: Element): el is HTMLTextAreaElement | HTMLInputElement {
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) return TEXT_INPUT_TYPES.has(el.type) && !el.readOnly && !el.disabled;
  return false;
}

/** The editable root for an event target: a text field, or the outermost contenteditable host. */
export function editableRoot(target: EventTarget | null): HTMLElement | null {
  if (!(target instanceof Element)) return null;
  if (isTextField(target)) return target;
  let el: Element | null = target;
  if (!(el instanceof HTMLElement) || !el.isContentEditable) return null;
  // Walk up to the element that turns editing on (the editor root).
  while (el.parentElement && el.parentElement.isContentEditable) el = el.parentElement;
  return el as HTMLElement;
}

export function detectEditorKind(el: HTMLElement): EditorKind {
  if (el instanceof HTMLTextAreaElement) return 'textarea';
  if (el instanceof HTMLInputElement) return 'input';
  if (el.hasAttribute('data-lexical-editor')) return 'lexical';
  if (el.hasAttribute('data-slate-editor')) return 'slate';
  if (el.classList.contains('public-DraftEditor-content') || el.closest('.DraftEditor-root')) return 'draft';
  if (el.classList.contains('ProseMirror')) return 'prosemirror';
  if (el.classList.contains('ql-editor')) return 'quill';
  if (el.classList.contains('ck-editor__editable')) return 'ckeditor';
  return 'contenteditable';
}

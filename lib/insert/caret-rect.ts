import { selectionFor } from './trigger';

// Where the caret is on screen, to open the picker next to it. Read once when the picker opens
// (never in a loop).

const MIRRORED = [
  'boxSizing',
  'width',
  'height',
  'overflowX',
  'overflowY',
  'borderTopWidth',
  'borderRightWidth',
  'borderBottomWidth',
  'borderLeftWidth',
  'paddingTop',
  'paddingRight',
  'paddingBottom',
  'paddingLeft',
  'fontStyle',
  'fontVariant',
  'fontWeight',
  'fontStretch',
  'fontSize',
  'lineHeight',
  'fontFamily',
  'textAlign',
  'textTransform',
  'textIndent',
  'letterSpacing',
  'wordSpacing',
  'tabSize',
] as const;

export interface Point {
  left: number;
  top: number;
  bottom: number;
}

/** Caret position of a textarea/input, measured with an off-screen mirror element. */
function textFieldCaret(el: HTMLTextAreaElement | HTMLInputElement, index: number): Point {
  const doc = el.ownerDocument;
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  const mirror = doc.createElement('div');
  for (const prop of MIRRORED) mirror.style[prop] = style[prop];
  mirror.style.position = 'fixed';
  mirror.style.visibility = 'hidden';
  mirror.style.left = `${box.left}px`;
  mirror.style.top = `${box.top}px`;
  mirror.style.whiteSpace = el instanceof HTMLTextAreaElement ? 'pre-wrap' : 'pre';
  mirror.style.overflowWrap = 'break-word';
  mirror.textContent = el.value.slice(0, index);
  const marker = doc.createElement('span');
  marker.textContent = el.value.slice(index) || '.';
  mirror.appendChild(marker);
  doc.body.appendChild(mirror);
  const rect = marker.getBoundingClientRect();
  mirror.remove();
  const lineHeight = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.3;
  const top = Math.min(Math.max(rect.top - el.scrollTop, box.top), box.bottom - lineHeight);
  const left = Math.min(Math.max(rect.left - el.scrollLeft, box.left), box.right);
  return { left, top, bottom: top + lineHeight };
}

export function caretPoint(el: HTMLElement): Point {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) return textFieldCaret(el, el.selectionStart ?? el.value.length);
  const sel = selectionFor(el);
  if (sel && sel.rangeCount) {
    const range = sel.getRangeAt(0).cloneRange();
    let rect = range.getBoundingClientRect();
    if (!rect.width && !rect.height) {
      const rects = range.getClientRects();
      if (rects.length) rect = rects[0]!;
      else if (range.startContainer instanceof Element) rect = range.startContainer.getBoundingClientRect();
    }
    if (rect.width || rect.height || rect.top) return { left: rect.left, top: rect.top, bottom: rect.bottom };
  }
  const box = el.getBoundingClientRect();
  return { left: box.left, top: box.top, bottom: box.top + 20 };
}

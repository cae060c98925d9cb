import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { composedParent, pickable } from '@/lib/sites/teach';

// The element picker of "Teach this site": while active, outlines the element under the pointer,
// swallows the page's pointer events and picks what the agent clicks (or chooses with the arrow
// keys and Enter). It sees elements inside open shadow roots at any depth (the event's composed
// path, not its retargeted target) and inside same-origin frames (it listens in their windows
// too). Only the agent's own pointer and keys pick: events a page script makes (`el.click()`,
// dispatchEvent) have isTrusted false and are ignored (docs/security.md S2).

export interface PickerOptions {
  /** Picking now (a step is waiting for its element). */
  active: boolean;
  /** The page's document. */
  doc: Document;
  /** Deskmate's own UI (inside the overlay's shadow root): never picked, its events never swallowed. */
  rootRef: RefObject<HTMLElement | null>;
  /** The outline box (position: fixed in the top frame), moved over the element under the pointer. */
  boxRef: RefObject<HTMLElement | null>;
  onChoose: (el: Element) => void;
  onStop: () => void;
  /** The element chosen with the keyboard, to announce. */
  onOutline: (el: Element) => void;
}

const isShadowRoot = (n: Node): n is ShadowRoot => n.nodeType === 11 && 'host' in n;

/** The windows of the same-origin frames in `doc`, open shadow roots and nested frames included (found once per picking session). */
export function frameWindows(doc: Document, limit = 20): Window[] {
  const out: Window[] = [];
  const visit = (root: Document | ShadowRoot, depth: number) => {
    if (depth > 4 || out.length >= limit) return;
    const walker = (root.nodeType === 9 ? (root as Document) : root.ownerDocument!).createTreeWalker(root, 1);
    for (let n = walker.nextNode() as Element | null; n && out.length < limit; n = walker.nextNode() as Element | null) {
      if (n.shadowRoot) visit(n.shadowRoot, depth + 1);
      if (n.localName === 'iframe' || n.localName === 'frame') {
        try {
          const inner = (n as HTMLIFrameElement).contentDocument;
          const win = (n as HTMLIFrameElement).contentWindow;
          if (inner && win) {
            out.push(win);
            visit(inner, depth + 1);
          }
        } catch {
          // cross-origin: not ours to read
        }
      }
    }
  };
  visit(doc, 0);
  return out;
}

/** Where an element of a frame is on the top frame's viewport: the frames' offsets added up. */
function frameOffset(el: Element, top: Document): { x: number; y: number } {
  let x = 0;
  let y = 0;
  let d: Document = el.ownerDocument;
  for (let guard = 0; d !== top && guard < 8; guard++) {
    const frame = d.defaultView?.frameElement;
    if (!frame) break;
    const r = frame.getBoundingClientRect();
    x += r.left + frame.clientLeft;
    y += r.top + frame.clientTop;
    d = frame.ownerDocument;
  }
  return { x, y };
}

export function usePicker({ active, doc, rootRef, boxRef, onChoose, onStop, onOutline }: PickerOptions): void {
  // The listeners below are registered once per picking session; they call the latest callbacks.
  const latest = useRef({ onChoose, onStop, onOutline });
  useLayoutEffect(() => {
    latest.current = { onChoose, onStop, onOutline };
  });

  useEffect(() => {
    if (!active) return;
    const win = doc.defaultView ?? window;
    const root = rootRef.current;
    const rootNode = root?.getRootNode();
    const host = rootNode && isShadowRoot(rootNode) ? rootNode.host : null;
    const box = boxRef.current;
    let hover: Element | null = null;
    let raf = 0;

    const ours = (target: EventTarget | null): boolean => {
      const node = target as Node | null;
      if (!node || typeof node.nodeType !== 'number') return false;
      return !!root?.contains(node) || !!host?.contains(node);
    };
    // The innermost node of the composed path: inside open shadow roots, not the retargeted host.
    const targetOf = (e: Event): Element | null => {
      const node = (e.composedPath()[0] ?? e.target) as Node | null;
      if (!node || ours(node) || ours(e.target)) return null;
      const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
      return pickable(el);
    };
    // Layout is read for this one element only, once per frame.
    const paint = () => {
      raf = 0;
      if (!box) return;
      if (!hover || !hover.isConnected) {
        box.hidden = true;
        return;
      }
      const r = hover.getBoundingClientRect();
      const off = hover.ownerDocument === doc ? { x: 0, y: 0 } : frameOffset(hover, doc);
      box.hidden = false;
      box.style.transform = `translate(${Math.round(r.left + off.x)}px, ${Math.round(r.top + off.y)}px)`;
      box.style.width = `${Math.round(r.width)}px`;
      box.style.height = `${Math.round(r.height)}px`;
    };
    const schedule = () => {
      if (!raf) raf = win.requestAnimationFrame(paint);
    };
    const setHover = (el: Element | null, announce: boolean) => {
      hover = el;
      schedule();
      if (announce && el) {
        el.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
        latest.current.onOutline(el);
      }
    };

    const onMove = (e: PointerEvent) => {
      if (!e.isTrusted) return;
      const el = targetOf(e);
      if (el !== hover) setHover(el, false);
    };
    const swallow = (e: Event) => {
      if (ours(e.target)) return;
      e.preventDefault();
      e.stopPropagation();
      e.stopImmediatePropagation();
    };
    const onClick = (e: MouseEvent) => {
      if (!e.isTrusted || ours(e.target)) return;
      swallow(e);
      const el = targetOf(e);
      if (el) latest.current.onChoose(el);
    };
    const notOurs = (el: Element | null): Element | null => (el && (el === host || ours(el)) ? null : el);
    const onKey = (e: KeyboardEvent) => {
      if (!e.isTrusted) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        latest.current.onStop();
        return;
      }
      if (e.key === 'Enter' && hover) {
        e.preventDefault();
        e.stopPropagation();
        latest.current.onChoose(hover);
        return;
      }
      let next: Element | null = null;
      const start = (): Element | null => {
        const active = doc.activeElement;
        if (active && active !== doc.body && !ours(active) && active !== host) return pickable(active);
        return notOurs(doc.body?.firstElementChild ?? null);
      };
      if (e.key === 'ArrowUp') next = hover ? pickable(composedParent(hover)) : start();
      else if (e.key === 'ArrowDown')
        next = hover ? notOurs(pickable(hover.firstElementChild ?? hover.shadowRoot?.firstElementChild ?? null)) : start();
      else if (e.key === 'ArrowLeft') next = hover ? notOurs(hover.previousElementSibling) : start();
      else if (e.key === 'ArrowRight') next = hover ? notOurs(hover.nextElementSibling) : start();
      else return;
      e.preventDefault();
      e.stopPropagation();
      if (next) setHover(next, true);
    };
    const onScroll = () => schedule();

    // The page's window and those of its same-origin frames (a composer in an iframe).
    const windows = [win, ...frameWindows(doc)];
    const swallowed = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'dblclick', 'auxclick', 'contextmenu'] as const;
    for (const w of windows) {
      w.addEventListener('pointermove', onMove, true);
      for (const type of swallowed) w.addEventListener(type, swallow, true);
      w.addEventListener('click', onClick, true);
      w.addEventListener('keydown', onKey, true);
      w.addEventListener('scroll', onScroll, { capture: true, passive: true });
    }
    return () => {
      for (const w of windows) {
        try {
          w.removeEventListener('pointermove', onMove, true);
          for (const type of swallowed) w.removeEventListener(type, swallow, true);
          w.removeEventListener('click', onClick, true);
          w.removeEventListener('keydown', onKey, true);
          w.removeEventListener('scroll', onScroll, true);
        } catch {
          // a frame that navigated away
        }
      }
      if (raf) win.cancelAnimationFrame(raf);
      if (box) box.hidden = true;
    };
  }, [active, doc, rootRef, boxRef]);
}

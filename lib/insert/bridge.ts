// The hand-off between the tiny loader and the lazily injected overlay. Both content scripts run
// in the same isolated world of a frame, so they share these window slots (the page cannot see
// them: isolated worlds have their own globals).

import type { PickerTemplate } from '@/lib/templates/search';

export type PickerMode = 'inline' | 'command';

/** Where the caret was in a field that has since lost focus: offsets in a text field, or a range. */
export type SavedCaret = { start: number; end: number } | Range;

export interface PickerRequest {
  target: HTMLElement;
  mode: PickerMode;
  /** Chosen already (the overlay's 话术 panel): insert it, asking only for missing fields. */
  template?: PickerTemplate;
  /** The caret to restore before inserting (the field lost focus to the panel). */
  caret?: SavedCaret | null;
}

export interface OverlayApi {
  openPicker(request: PickerRequest): void;
  openPanel(): void;
}

const API = Symbol.for('deskmate.overlay.api');
const PENDING = Symbol.for('deskmate.overlay.pending');

type Slots = { [API]?: OverlayApi; [PENDING]?: PickerRequest | 'panel' };
const slots = () => window as unknown as Slots;

export function overlayApi(): OverlayApi | undefined {
  return slots()[API];
}

export function setOverlayApi(api: OverlayApi | undefined): void {
  slots()[API] = api;
}

export function setPending(request: PickerRequest | 'panel' | undefined): void {
  slots()[PENDING] = request;
}

export function takePending(): PickerRequest | 'panel' | undefined {
  const p = slots()[PENDING];
  slots()[PENDING] = undefined;
  return p;
}

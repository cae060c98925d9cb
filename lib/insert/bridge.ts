// The hand-off between the tiny loader and the lazily injected overlay. Both content scripts run
// in the same isolated world of a frame, so they share these window slots (the page cannot see
// them: isolated worlds have their own globals).

export type PickerMode = 'inline' | 'command';

export interface PickerRequest {
  target: HTMLElement;
  mode: PickerMode;
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

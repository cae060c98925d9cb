import { create } from 'zustand';
import type { PickerRequest } from '@/lib/insert/bridge';

// Per-tab UI state of the overlay only; records live in the background's database.

export type OverlayTab = 'templates' | 'cases' | 'status';

interface OverlayState {
  open: boolean;
  tab: OverlayTab;
  setOpen: (open: boolean) => void;
  setTab: (tab: OverlayTab) => void;
  picker: PickerRequest | null;
  /** Bumped on every open, so a new request always starts a fresh picker. */
  pickerSeq: number;
  openPicker: (request: PickerRequest) => void;
  closePicker: () => void;
  /** "Teach this site" is open (replaces the panel while it is). */
  teaching: boolean;
  setTeaching: (teaching: boolean) => void;
  sitesRevision: number;
  sitesChanged: () => void;
  /** The overlay hides itself while the visible tab is captured as evidence. */
  capturing: boolean;
  setCapturing: (capturing: boolean) => void;
}

export const useOverlayStore = create<OverlayState>((set) => ({
  open: false,
  tab: 'templates',
  setOpen: (open) => set({ open }),
  setTab: (tab) => set({ tab }),
  picker: null,
  pickerSeq: 0,
  openPicker: (picker) => set((s) => ({ picker, pickerSeq: s.pickerSeq + 1 })),
  closePicker: () => set({ picker: null }),
  teaching: false,
  setTeaching: (teaching) => set({ teaching, ...(teaching ? { open: false } : {}) }),
  sitesRevision: 0,
  sitesChanged: () => set((s) => ({ sitesRevision: s.sitesRevision + 1 })),
  capturing: false,
  setCapturing: (capturing) => set({ capturing }),
}));

import { create } from 'zustand';

// Per-tab UI state of the overlay only; records live in the background's database.

export type OverlayTab = 'templates' | 'status';

interface OverlayState {
  open: boolean;
  tab: OverlayTab;
  setOpen: (open: boolean) => void;
  setTab: (tab: OverlayTab) => void;
}

export const useOverlayStore = create<OverlayState>((set) => ({
  open: false,
  tab: 'templates',
  setOpen: (open) => set({ open }),
  setTab: (tab) => set({ tab }),
}));

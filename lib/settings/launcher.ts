import { storage } from 'wxt/utils/storage';

/**
 * Where the overlay's launcher sits: a slim tab on the left or right edge of the window, `y` the
 * share of the window's height below it (0 = bottom). Kept in the extension's storage (never the
 * page's), the same on every site.
 */
export interface LauncherPosition {
  side: 'left' | 'right';
  y: number;
}

export const LAUNCHER_Y_MIN = 0.02;
export const LAUNCHER_Y_MAX = 0.92;

export function clampLauncher(p: LauncherPosition): LauncherPosition {
  const y = Number.isFinite(p.y) ? Math.min(LAUNCHER_Y_MAX, Math.max(LAUNCHER_Y_MIN, p.y)) : 0.4;
  return { side: p.side === 'left' ? 'left' : 'right', y: Math.round(y * 1000) / 1000 };
}

export const launcherPosition = storage.defineItem<LauncherPosition>('local:launcherPosition', {
  fallback: { side: 'right', y: 0.4 },
});

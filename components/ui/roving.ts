import type { KeyboardEvent } from 'react';

/**
 * Arrow-key focus for a group of buttons that is one Tab stop (the current one has tabIndex 0, the
 * others -1): ↑/↓ (and ←/→) move focus to the previous/next button, Home/End to the first/last;
 * Enter or Space then activates the focused one as usual. Put it on the group's container.
 */
export function rovingKeyDown(e: KeyboardEvent<HTMLElement>): void {
  const step = e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 0;
  if (!step && e.key !== 'Home' && e.key !== 'End') return;
  const buttons = Array.from(e.currentTarget.querySelectorAll<HTMLButtonElement>('button:not(:disabled)'));
  if (!buttons.length) return;
  const i = buttons.indexOf(e.target as HTMLButtonElement);
  if (i < 0) return;
  e.preventDefault();
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : Math.min(buttons.length - 1, Math.max(0, i + step));
  buttons[next]!.focus();
}

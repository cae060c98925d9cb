import { browser } from 'wxt/browser';
import { casesDueSoon } from '@/lib/cases/background';
import type { DeskmateDB } from '@/lib/db/database';
import { badgeText, type WaitState } from '@/lib/timers/alerts';

// The toolbar badge: conversations past their reply target (the timers) plus open cases due
// within 2 h (the cases). It belongs to neither capability, so the background entrypoint calls it
// after either changes.

// What was last shown, so that a sync only writes a change. Null after a worker restart: the first
// sync sets the colour and the text.
let lastBadge: string | null = null;

/** Sets the badge from the open waits (lib/timers/background.ts syncWaitAlerts returns them). */
export async function syncBadge(db: DeskmateDB, waits: readonly WaitState[], now = Date.now()): Promise<void> {
  const late = Number(badgeText(waits, now) || 0);
  const due = await casesDueSoon(db, now);
  const text = late + due ? String(late + due) : '';
  if (text === lastBadge) return;
  if (lastBadge === null) await browser.action.setBadgeBackgroundColor({ color: '#d93025' });
  await browser.action.setBadgeText({ text });
  lastBadge = text;
}

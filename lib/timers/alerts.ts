import type { DeskmateDB } from '@/lib/db/database';
import { countingFor, parseClock } from '@/lib/sites/counting';
import type { TimerAlerts } from '@/lib/settings';

// Which waits are past their target, when the next one will be, and whether an alert may sound
// now. Pure over the database so that tests run it; the background turns the answers into the
// toolbar badge, `alarms` (rule 4: never setTimeout) and notifications.

/** Waits older than this are treated as abandoned (the tab closed for the day): no badge, no alarm. */
export const STALE_WAIT_MS = 24 * 3600_000;

export interface WaitState {
  key: string;
  siteId: string;
  conversationId: string;
  waitingSince: number;
  targetSec: number;
  /** When this wait crosses its target. */
  lateAt: number;
}

export async function openWaits(db: DeskmateDB, now: number): Promise<WaitState[]> {
  const [rows, configs] = await Promise.all([
    db.conversations
      .where('waitingSince')
      .above(now - STALE_WAIT_MS)
      .toArray(),
    db.siteConfigs.toArray(),
  ]);
  const targets = new Map(configs.map((c) => [c.id, countingFor(c.config).targetSec]));
  return rows.map((c) => {
    const targetSec = targets.get(c.siteId) ?? 180;
    return {
      key: c.id,
      siteId: c.siteId,
      conversationId: c.conversationId,
      waitingSince: c.waitingSince,
      targetSec,
      lateAt: c.waitingSince + targetSec * 1000,
    };
  });
}

/** The badge text: how many conversations are past target ("" when none). */
export function badgeText(waits: readonly WaitState[], now: number): string {
  const late = waits.filter((w) => w.lateAt <= now).length;
  return late ? String(late) : '';
}

/** True when `now` falls in the quiet hours (which may span midnight). */
export function inQuietHours(settings: TimerAlerts, now: number): boolean {
  if (!settings.quiet.enabled) return false;
  const d = new Date(now);
  const minute = d.getHours() * 60 + d.getMinutes();
  const from = parseClock(settings.quiet.from);
  const to = parseClock(settings.quiet.to);
  if (from === to) return false;
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

export const LATE_ALARM_PREFIX = 'wait-late:';

import { browser } from 'wxt/browser';

// One rolling alarm per kind of deadline (docs/security.md S17): not one per wait or case — Chrome
// refuses alarms past 500 without an error, and a per-item name would carry what identifies the
// item into the browser's alarm storage. The kinds: late waits (lib/timers/background.ts) and
// case deadlines (lib/cases/background.ts).

/**
 * Sets the alarm `name` for `next` (or clears it when nothing is due), and clears every alarm of
 * an earlier version's per-item scheme (names starting with `legacyPrefix`). The browser may
 * deliver an alarm due within 30 s a little late, so one already set for `next` or slightly after
 * (up to a minute from now) is kept rather than rewritten.
 */
export async function syncRollingAlarm(name: string, next: number | undefined, now: number, legacyPrefix: string): Promise<void> {
  const due = next !== undefined && Number.isFinite(next) ? next : undefined;
  let present = false;
  for (const alarm of await browser.alarms.getAll()) {
    if (alarm.name.startsWith(legacyPrefix)) await browser.alarms.clear(alarm.name);
    else if (alarm.name === name) {
      if (due !== undefined && alarm.scheduledTime >= due && alarm.scheduledTime <= Math.max(due, now + 60_000)) present = true;
      else await browser.alarms.clear(alarm.name);
    }
  }
  if (due !== undefined && !present) await browser.alarms.create(name, { when: due });
}

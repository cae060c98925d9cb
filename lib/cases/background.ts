import { browser } from 'wxt/browser';
import type { DeskmateDB } from '@/lib/db/database';
import { resolveLocale, translator } from '@/lib/i18n';
import { caseReminderLeads, languageSetting } from '@/lib/settings';
import { formatDuration, reminderTimes } from './deadlines';
import { openCases } from './store';

// Case deadlines that cannot be missed (rule 4): every open case's reminders are `alarms`, which
// survive the service worker and browser restarts; each fires a notification and refreshes the
// badge (cases due within 2 h count there).

export const CASE_ALARM_PREFIX = 'case:';
export const DUE_SOON_MS = 2 * 3600_000;

/** Alarm names: `case:<id>:<lead minutes>` for reminders, `case:<id>:due` two hours before. */
export async function syncCaseAlarms(db: DeskmateDB, now = Date.now()): Promise<void> {
  const leads = await caseReminderLeads.getValue();
  const wanted = new Map<string, number>();
  for (const c of await openCases(db)) {
    if (!c.deadlineAt) continue;
    for (const at of reminderTimes(c.deadlineAt, leads, now)) wanted.set(`${CASE_ALARM_PREFIX}${c.id}:${Math.round((c.deadlineAt - at) / 60_000)}`, at);
    const soon = c.deadlineAt - DUE_SOON_MS;
    if (soon > now) wanted.set(`${CASE_ALARM_PREFIX}${c.id}:due`, soon);
    if (c.deadlineAt > now) wanted.set(`${CASE_ALARM_PREFIX}${c.id}:over`, c.deadlineAt);
  }
  for (const alarm of await browser.alarms.getAll()) {
    if (!alarm.name.startsWith(CASE_ALARM_PREFIX)) continue;
    if (wanted.get(alarm.name) === alarm.scheduledTime) wanted.delete(alarm.name);
    else if (!wanted.has(alarm.name)) await browser.alarms.clear(alarm.name);
  }
  for (const [name, when] of wanted) await browser.alarms.create(name, { when });
}

/** A reminder alarm fired: notify about the case if it is still open. */
export async function onCaseAlarm(db: DeskmateDB, name: string, now = Date.now()): Promise<void> {
  const [, id, kind] = name.split(':');
  if (!id || kind === 'due') return; // the badge refresh is done by the caller
  const c = await db.cases.get(id);
  if (!c || c.status !== 'open') return;
  const locale = resolveLocale(await languageSetting.getValue(), browser.i18n.getUILanguage());
  const t = translator(locale);
  const left = c.deadlineAt - now;
  await browser.notifications.create(name, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: left > 0 ? t('caseAlerts.dueTitle', { left: formatDuration(left, locale) }) : t('caseAlerts.overdueTitle'),
    message: t('caseAlerts.body', { order: c.orderNo, type: c.caseTypeTitle ?? c.disputeType }),
    priority: 2,
  });
}

/** Open cases due within two hours (or overdue): what the badge adds to the late waits. */
export async function casesDueSoon(db: DeskmateDB, now = Date.now()): Promise<number> {
  const open = await db.cases.where('deadlineAt').between(1, now + DUE_SOON_MS, true, true).toArray();
  return open.filter((c) => c.status === 'open').length;
}

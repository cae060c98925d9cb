import { browser } from 'wxt/browser';
import { syncRollingAlarm } from '@/lib/alarms';
import { storage } from 'wxt/utils/storage';
import type { CaseRecord, CasesDB } from './record';
import { resolveLocale, translator } from '@/lib/i18n';
import { caseReminderLeads, languageSetting } from '@/lib/settings';
import { formatDuration, reminderTimes } from './deadlines';
import { openCases } from './store';

// Case deadlines that cannot be missed (docs/security.md S17; alarms, not timers, because they
// survive the service worker and browser restarts): ONE rolling alarm at the next moment any open
// case needs attention — a reminder lead, two hours before its deadline (the badge counts it from
// then), the deadline itself. When it fires, every moment that passed since the last notice (a
// stored time, no ids) is handled, and the alarm moves on. One alarm per case and reminder, as
// earlier versions made, went past Chrome's 500-alarm cap with ~125 open cases (create() then
// fails silently) and put case ids into the browser's alarm storage.

/** The one alarm for case deadlines. */
export const CASE_ALARM = 'case-next';
/** Earlier versions' per-case alarms (`case:<id>:<lead>`): cleared at the next sync. */
export const CASE_ALARM_PREFIX = 'case:';
export const DUE_SOON_MS = 2 * 3600_000;

/** What a moment means: a reminder or the deadline notify; `due` only refreshes the badge. */
type MomentKind = 'reminder' | 'due' | 'over';
interface Moment {
  caseId: string;
  at: number;
  kind: MomentKind;
}

/** Every moment of the open cases strictly after `after` (ascending). */
function momentsAfter(cases: readonly CaseRecord[], leads: readonly number[], after: number): Moment[] {
  const out: Moment[] = [];
  for (const c of cases) {
    if (!c.deadlineAt) continue;
    // A lead longer than the case was open reminds of nothing (it was made with less time left).
    const from = Math.max(after, (c.createdAt || 0) - 1);
    for (const at of reminderTimes(c.deadlineAt, leads, from)) out.push({ caseId: c.id, at, kind: 'reminder' });
    const soon = c.deadlineAt - DUE_SOON_MS;
    if (soon > after) out.push({ caseId: c.id, at: soon, kind: 'due' });
    if (c.deadlineAt > after) out.push({ caseId: c.id, at: c.deadlineAt, kind: 'over' });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Sets the one case alarm at the next moment (clearing earlier versions' per-case alarms). */
export async function syncCaseAlarms(db: CasesDB, now = Date.now()): Promise<void> {
  const next = momentsAfter(await openCases(db), await caseReminderLeads.getValue(), now)[0]?.at;
  await syncRollingAlarm(CASE_ALARM, next, now, CASE_ALARM_PREFIX);
}

/** Case moments up to this time were handled (a time, no ids): the rolling alarm's watermark. */
const caseNotifiedUntil = storage.defineItem<number>('local:caseNotifiedUntil', { fallback: 0 });

/**
 * The case alarm fired (or an earlier version's per-case alarm): notify once per open case whose
 * reminder or deadline passed since the last notice — one notification per case even when the
 * machine slept through several of its moments — then set the alarm for the next moment.
 */
export async function onCaseAlarm(db: CasesDB, name: string, now = Date.now()): Promise<void> {
  if (name !== CASE_ALARM && !name.startsWith(CASE_ALARM_PREFIX)) return;
  const cases = await openCases(db);
  const leads = await caseReminderLeads.getValue();
  // At most the last 10 minutes' after a first run (or a long gap nothing was noticed in).
  const from = Math.max(await caseNotifiedUntil.getValue(), now - 10 * 60_000);
  const passed = momentsAfter(cases, leads, from).filter((m) => m.at <= now + 1000 && m.kind !== 'due');
  await caseNotifiedUntil.setValue(now + 1000);
  await syncCaseAlarms(db, now);
  const notify = new Set(passed.map((m) => m.caseId));
  if (!notify.size) return;
  const locale = resolveLocale(await languageSetting.getValue(), browser.i18n.getUILanguage());
  const t = translator(locale);
  for (const c of cases) {
    if (!notify.has(c.id)) continue;
    const left = c.deadlineAt - now;
    // An opaque name: notification ids are kept by the browser.
    await browser.notifications.create(`${CASE_ALARM}:${crypto.randomUUID()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: left > 0 ? t('caseAlerts.dueTitle', { left: formatDuration(left, locale) }) : t('caseAlerts.overdueTitle'),
      message: t('caseAlerts.body', { order: c.orderNo, type: c.caseTypeTitle ?? c.disputeType }),
      priority: 2,
    });
  }
}

/** Open cases due within two hours (or overdue): what the badge adds to the late waits. */
export async function casesDueSoon(db: CasesDB, now = Date.now()): Promise<number> {
  const open = await db.cases
    .where('deadlineAt')
    .between(1, now + DUE_SOON_MS, true, true)
    .toArray();
  return open.filter((c) => c.status === 'open').length;
}

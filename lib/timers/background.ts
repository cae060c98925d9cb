import { browser } from 'wxt/browser';
import type { DeskmateDB } from '@/lib/db/database';
import { resolveLocale, translator } from '@/lib/i18n';
import { pruneOlderThan } from '@/lib/metrics/retention';
import { languageSetting, openWaitsBySite, retentionDays, timerAlerts, type OpenWait } from '@/lib/settings';
import { casesDueSoon } from '@/lib/cases/background';
import { rateLimiter } from '@/lib/messaging/rate-limit';
import { badgeText, inQuietHours, LATE_ALARM_PREFIX, openWaits } from './alerts';

/** Late-wait notifications shown per minute: waits are started by what pages show (S16). */
export const MAX_LATE_NOTIFICATIONS_PER_MINUTE = 3;
const notifications = rateLimiter(MAX_LATE_NOTIFICATIONS_PER_MINUTE, 60_000);

// The background's side of the timers: badge, one alarm per open wait at the moment it crosses
// its target (rule 4: alarms survive the service worker and the browser), notifications, and
// the daily retention pruning.

export const RETENTION_ALARM = 'retention';

// What was last published, so that a sync only touches what changed (a reply must not cost a
// round of badge, alarm and storage writes). Empty after a worker restart: the first sync sets all.
let lastBadge: string | null = null;
let lastPublished = '';

export async function syncWaitAlerts(db: DeskmateDB, now = Date.now()): Promise<void> {
  const waits = await openWaits(db, now);
  const bySite: Record<string, OpenWait[]> = {};
  for (const w of waits) (bySite[w.siteId] ??= []).push({ conversationId: w.conversationId, waitingSince: w.waitingSince });
  const published = JSON.stringify(bySite);
  if (published !== lastPublished) {
    await openWaitsBySite.setValue(bySite);
    lastPublished = published;
  }
  // The badge: conversations past their reply target plus cases due within 2 h.
  const late = Number(badgeText(waits, now) || 0);
  const due = await casesDueSoon(db, now);
  const text = late + due ? String(late + due) : '';
  if (text !== lastBadge) {
    if (lastBadge === null) await browser.action.setBadgeBackgroundColor({ color: '#d93025' });
    await browser.action.setBadgeText({ text });
    lastBadge = text;
  }
  const wanted = new Map(waits.filter((w) => w.lateAt > now).map((w) => [LATE_ALARM_PREFIX + w.key, w.lateAt]));
  for (const alarm of await browser.alarms.getAll()) {
    if (!alarm.name.startsWith(LATE_ALARM_PREFIX)) continue;
    if (wanted.get(alarm.name) === alarm.scheduledTime) wanted.delete(alarm.name);
    else if (!wanted.has(alarm.name)) await browser.alarms.clear(alarm.name);
  }
  for (const [name, when] of wanted) await browser.alarms.create(name, { when });
}

export async function onAlarm(db: DeskmateDB, name: string, now = Date.now()): Promise<void> {
  if (name === RETENTION_ALARM) {
    await pruneOlderThan(db, await retentionDays.getValue(), now);
    return;
  }
  if (!name.startsWith(LATE_ALARM_PREFIX)) return;
  const key = name.slice(LATE_ALARM_PREFIX.length);
  const waits = await openWaits(db, now);
  await syncWaitAlerts(db, now);
  const wait = waits.find((w) => w.key === key && w.lateAt <= now + 1000);
  const settings = await timerAlerts.getValue();
  if (!wait || !settings.notify || inQuietHours(settings, now)) return;
  if (!notifications('late')) return; // the badge still counts it
  const t = translator(resolveLocale(await languageSetting.getValue(), browser.i18n.getUILanguage()));
  await browser.notifications.create(name, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title: t('timers.lateTitle'),
    message: t('timers.lateBody', { conversation: wait.conversationId.slice(0, 40), minutes: Math.round(wait.targetSec / 60) || 1 }),
    priority: 2,
  });
}

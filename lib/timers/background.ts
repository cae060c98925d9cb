import { browser } from 'wxt/browser';
import { syncRollingAlarm } from '@/lib/alarms';
import { storage } from 'wxt/utils/storage';
import type { DeskmateDB } from '@/lib/db/database';
import { resolveLocale, translator } from '@/lib/i18n';
import { pruneOlderThan } from '@/lib/metrics/retention';
import { languageSetting, openWaitsBySite, retentionDays, timerAlerts, type OpenWait } from '@/lib/settings';
import { casesDueSoon } from '@/lib/cases/background';
import { rateLimiter } from '@/lib/messaging/rate-limit';
import { badgeText, inQuietHours, LATE_ALARM_PREFIX, openWaits } from './alerts';

/** Late-wait notifications shown per minute: waits are started by what pages show (S16). */
export const MAX_LATE_NOTIFICATIONS_PER_MINUTE = 3;
const notifications = rateLimiter('lateNotice', MAX_LATE_NOTIFICATIONS_PER_MINUTE, 60_000);

// The background's side of the timers: badge, one alarm per open wait at the moment it crosses
// its target (rule 4: alarms survive the service worker and the browser), notifications, and
// the daily retention pruning.

export const RETENTION_ALARM = 'retention';

// What was last published, so that a sync only touches what changed (a reply must not cost a
// round of badge, alarm and storage writes). Empty after a worker restart: the first sync sets all.
let lastBadge: string | null = null;
let lastPublished = '';

/** The one alarm for late waits (earlier versions made one per wait, named LATE_ALARM_PREFIX + key). */
export const LATE_ALARM = 'wait-late';

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
  // One rolling alarm at the next moment a wait crosses its target (lib/alarms.ts); per-wait
  // alarms of earlier versions are cleared.
  const next = Math.min(...waits.filter((w) => w.lateAt > now).map((w) => w.lateAt));
  await syncRollingAlarm(LATE_ALARM, next, now, LATE_ALARM_PREFIX);
}

/** Late waits up to this time were notified (a time, no names): the rolling alarm's watermark. */
const lateNotifiedUntil = storage.defineItem<number>('local:lateNotifiedUntil', { fallback: 0 });

export async function onAlarm(db: DeskmateDB, name: string, now = Date.now()): Promise<void> {
  if (name === RETENTION_ALARM) {
    await pruneOlderThan(db, await retentionDays.getValue(), now);
    return;
  }
  if (name !== LATE_ALARM) return;
  const waits = await openWaits(db, now);
  await syncWaitAlerts(db, now); // the badge, and the alarm for the next wait
  // The waits that crossed their target since the last notice (several when the machine slept;
  // at most the last 10 minutes' after a long sleep or a first run).
  const from = Math.max(await lateNotifiedUntil.getValue(), now - 10 * 60_000);
  const due = waits.filter((w) => w.lateAt > from && w.lateAt <= now + 1000);
  await lateNotifiedUntil.setValue(now + 1000);
  const settings = await timerAlerts.getValue();
  if (!due.length || !settings.notify || inQuietHours(settings, now)) return;
  const t = translator(resolveLocale(await languageSetting.getValue(), browser.i18n.getUILanguage()));
  for (const wait of due) {
    if (!(await notifications('late'))) return; // the badge still counts it
    // An opaque name: notification ids are kept by the browser.
    await browser.notifications.create(`${LATE_ALARM}:${crypto.randomUUID()}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('timers.lateTitle'),
      message: t('timers.lateBody', { conversation: wait.conversationId.slice(0, 40), minutes: Math.round(wait.targetSec / 60) || 1 }),
      priority: 2,
    });
  }
}

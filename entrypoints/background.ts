import { browser } from 'wxt/browser';
import { ensureMessageSecret } from '@/lib/timers/message-key';
import { defineBackground } from 'wxt/utils/define-background';
import { getDb } from '@/lib/db/database';
import { createHandlers } from '@/lib/messaging/handlers';
import { listen } from '@/lib/messaging/server';
import { syncBuiltinSiteConfigs } from '@/lib/sites/store';
import { ensureDefaultPacks } from '@/lib/templates/packs';
import { syncBadge } from '@/lib/background/badge';
import { pruneExpired, RETENTION_ALARM } from '@/lib/metrics/retention';
import { onAlarm, syncWaitAlerts } from '@/lib/timers/background';
import { CASE_ALARM, CASE_ALARM_PREFIX, onCaseAlarm, syncCaseAlarms } from '@/lib/cases/background';
import { activeChecklists } from '@/lib/cases/active';
import { resolveLocale } from '@/lib/i18n';
import { caseReminderLeads, languageSetting } from '@/lib/settings';
import { reinjectLoaders } from '@/lib/messaging/lifecycle';

const OVERLAY_SCRIPT = '/content-scripts/overlay.js';

/** Injects the overlay into one frame of one tab (it guards itself against double mounting). */
async function injectOverlay(tabId: number, frameId = 0): Promise<boolean> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [OVERLAY_SCRIPT] });
  return true;
}

export default defineBackground(() => {
  const db = getDb();
  // Debounced and coalesced: a burst of messages costs one badge/alarm/chip update, shortly after
  // it (this is not a deadline: the alarms themselves are what must survive the worker).
  let syncing: Promise<void> | null = null;
  let again = false;
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const runSync = () => {
    if (syncing) {
      again = true;
      return;
    }
    syncing = syncWaitAlerts(db)
      .then((waits) => syncBadge(db, waits))
      .catch((e: unknown) => console.warn('Deskmate: wait alerts', e))
      .finally(() => {
        syncing = null;
        if (again) {
          again = false;
          runSync();
        }
      });
  };
  const refreshWaits = () => {
    clearTimeout(debounce);
    debounce = setTimeout(runSync, 100);
  };
  // Checklist definitions in the agent's language (their own edited copy, else the shipped ones).
  const checklists = async (language?: 'zh-CN' | 'en') =>
    activeChecklists(language ?? resolveLocale(await languageSetting.getValue(), browser.i18n.getUILanguage()));
  listen(createHandlers(db, { injectOverlay, waitsChanged: refreshWaits, casesChanged: () => refreshCases(), checklists }));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === CASE_ALARM || alarm.name.startsWith(CASE_ALARM_PREFIX)) void onCaseAlarm(db, alarm.name).finally(refreshWaits);
    else if (alarm.name === RETENTION_ALARM) void pruneExpired(db).catch((e: unknown) => console.warn('Deskmate: retention', e));
    else void onAlarm(db, alarm.name).finally(refreshWaits); // a wait turned late: the badge counts it
  });
  const refreshCases = () => {
    void syncCaseAlarms(db).catch((e: unknown) => console.warn('Deskmate: case alarms', e));
    refreshWaits(); // the badge counts cases due soon
  };

  const setUp = async () => {
    // The key of id-less message identities (docs/security.md, S8): before any watcher reads it.
    await ensureMessageSecret();
    await syncBuiltinSiteConfigs(db);
    await ensureDefaultPacks(db, [browser.i18n.getUILanguage(), ...(navigator.languages ?? [])]);
    await browser.alarms.create(RETENTION_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 });
    refreshCases(); // alarms and the badge after a browser restart
  };
  // New reminder lead times apply to the open cases at once.
  caseReminderLeads.watch(() => refreshCases());
  browser.runtime.onInstalled.addListener(({ reason }) => {
    void setUp();
    // Tabs open before this install or update get the new loader (the old one is cut off). Not
    // after a browser update: the browser restarted and its tabs loaded the loader themselves.
    if (reason === 'install' || reason === 'update') {
      void reinjectLoaders().catch((e: unknown) => console.warn('Deskmate: loader re-injection', e));
    }
  });
  browser.runtime.onStartup.addListener(() => void setUp());

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'open-picker' || tab?.id === undefined) return;
    const tabId = tab.id;
    // The loader of the focused frame opens the picker on the focused field (or the panel).
    void browser.tabs.sendMessage(tabId, { type: 'picker.open' }).catch(
      () =>
        // No loader in this tab (opened before Deskmate was installed): bring the overlay in.
        injectOverlay(tabId)
          .then(() => browser.tabs.sendMessage(tabId, { type: 'overlay.open' }))
          .catch(() => undefined), // pages extensions may not touch (store, settings)
    );
  });
});

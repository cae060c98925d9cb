import { browser } from 'wxt/browser';
import type { DeskmateDB } from '@/lib/db/database';
import { listTemplates, pickerTemplates, recordUse, saveTemplate } from '@/lib/templates/store';
import { recordListActivity, recordObserved, type ObserveResult } from '@/lib/timers/record';
import { parseSiteConfig } from '@/lib/sites/schema';
import { saveUserSiteConfigs } from '@/lib/sites/store';
import { dataUrlToBlob, storeAttachment } from '@/lib/cases/capture';
import { shippedChecklists } from '@/lib/cases/definitions';
import type { Checklists } from '@/lib/cases/schema';
import { attachmentsOf, casesForOrder, closeCase, openCase, reopenCase, updateCase } from '@/lib/cases/store';
import type { Handlers } from './server';
import { syntaxSelectorChecker } from '@/lib/sites/selector-syntax';
import { isQuotaError } from '@/lib/quota';
import { siteChoices, siteHealth, siteMatchIndex, storageFullAt } from '@/lib/settings';
import { REPORT_EVERY_MS as HEALTH_WRITE_EVERY_MS } from '@/lib/sites/health';
import { choiceKey, rankSites } from '@/lib/sites/precedence';
import { openWaits } from '@/lib/timers/alerts';
import { patternsForOrigin, senderKind } from './sender-policy';

export interface BackgroundServices {
  /** Injects the overlay into a frame of a tab. */
  injectOverlay(tabId: number, frameId: number): Promise<boolean>;
  /** A wait started or ended: badge, alarms and every tab's chips need refreshing. */
  waitsChanged?(): void;
  /** Cases changed: deadline alarms and the badge follow. */
  casesChanged?(): void;
  /** The checklist definitions in a language (default: the agent's). */
  checklists?(language?: 'zh-CN' | 'en'): Promise<Checklists>;
}

/** Requests only Deskmate's own pages may make (not content scripts running in web pages). */
function fromExtensionPage(sender: { url?: string; tab?: unknown }): boolean {
  const root = browser.runtime.getURL('/');
  return !!sender.url && sender.url.startsWith(root);
}

/** The published storage-full flag, read once per worker life and written only when it changes. */
function storageFullFlag() {
  let known: boolean | undefined;
  return {
    async set(full: boolean): Promise<void> {
      known ??= (await storageFullAt.getValue()) > 0;
      if (known === full) return;
      known = full;
      await storageFullAt.setValue(full ? Date.now() : 0);
    },
  };
}

/** Every request the background answers, bound to its database (the tests use the same table). */
export function createHandlers(db: DeskmateDB, services: BackgroundServices): Handlers {
  const storageFull = storageFullFlag();
  const defs = (language?: 'zh-CN' | 'en') => services.checklists?.(language) ?? Promise.resolve(shippedChecklists(language ?? 'zh-CN'));
  const changed = <T>(value: T): T => {
    services.casesChanged?.();
    return value;
  };
  // The timers' hot path runs unattended: a refusal for lack of space is published (the agent is
  // told in the side panel, the popup and the overlay) and cleared by the next successful write.
  const recordUnattended = async (write: () => Promise<ObserveResult>): Promise<ObserveResult> => {
    const result = await write().catch(async (e: unknown) => {
      if (isQuotaError(e)) await storageFull.set(true).catch(() => undefined);
      throw e;
    });
    if (result.changed) {
      await storageFull.set(false).catch(() => undefined);
      services.waitsChanged?.();
    }
    return result;
  };
  return {
    ping: () => ({ pong: true, at: Date.now() }),
    'templates.list': ({ limit }) => listTemplates(db, limit),
    'templates.save': (draft) => saveTemplate(db, draft),
    'templates.count': () => db.templates.count(),
    'templates.picker': () => pickerTemplates(db),
    'templates.recordUse': async (use) => {
      await recordUse(db, use);
      return null;
    },
    'lint.record': async (event) => {
      await db.lintEvents.add({ ...event, at: Date.now() });
      return null;
    },
    'sites.get': async ({ id }) => (await db.siteConfigs.get(id)) ?? null,
    'sites.health': async ({ siteId, failing, lastMatchAt }, sender) => {
      // A page reports only for a config that matches it (never marks another console's config).
      if (senderKind(sender) === 'content') {
        const index = await siteMatchIndex.getValue();
        if (!sender.url || !rankSites(index, sender.url).some((e) => e.id === siteId))
          throw new Error(`sites.health: siteId: "${siteId}" does not match this page`);
      }
      const all = await siteHealth.getValue();
      const old = all[siteId];
      const now = Date.now();
      const last = Math.min(lastMatchAt ?? 0, now) || null;
      // Throttled: written when the failing parts change or the last match moved on by a while.
      const moved = last !== null && (old?.lastMatchAt == null || last - old.lastMatchAt >= HEALTH_WRITE_EVERY_MS);
      if (old && old.failing.join() === failing.join() && !moved) return null;
      await siteHealth.setValue({ ...all, [siteId]: { failing, lastMatchAt: moved ? last : (old?.lastMatchAt ?? last), at: now } });
      return null;
    },
    'sites.choose': async ({ url, id }) => {
      const key = choiceKey(url);
      if (!key) throw new Error('sites.choose: url: not a page address');
      const choices = { ...(await siteChoices.getValue()) };
      if (id === null) delete choices[key];
      else {
        // Only a config that is enabled and matches the page can be chosen for it.
        const index = await siteMatchIndex.getValue();
        if (!rankSites(index, url).some((e) => e.id === id)) throw new Error(`sites.choose: id: "${id}" does not match this page`);
        choices[key] = id;
      }
      await siteChoices.setValue(choices);
      return { id };
    },
    'teach.start': async ({ tabId }, sender) => {
      if (!fromExtensionPage(sender)) throw new Error('teach.start must come from an extension page');
      await services.injectOverlay(tabId, 0);
      await browser.tabs.sendMessage(tabId, { type: 'teach.start' }, { frameId: 0 }).catch(() => undefined); // no reply expected
      return { started: true };
    },
    'waits.show': async ({ key }, sender) => {
      if (!fromExtensionPage(sender)) throw new Error('waits.show must come from an extension page');
      const waits = await openWaits(db, Date.now());
      const wait = (key ? waits.find((w) => w.key === key) : undefined) ?? [...waits].sort((a, b) => a.waitingSince - b.waitingSince)[0];
      if (!wait) return { shown: false };
      const entry = (await siteMatchIndex.getValue()).find((e) => e.id === wait.siteId);
      if (!entry) return { shown: false };
      const tabs = await browser.tabs.query({ url: entry.matches }).catch(() => []);
      const tab = tabs.find((x) => x.active) ?? tabs[0];
      if (tab?.id === undefined) return { shown: false };
      await browser.tabs.update(tab.id, { active: true });
      if (tab.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true }).catch(() => undefined);
      // The overlay in that tab opens the conversation from the console's list (no reply expected).
      await browser.tabs
        .sendMessage(tab.id, { type: 'overlay.showConversation', conversationId: wait.conversationId })
        .catch(() => undefined);
      return { shown: true };
    },
    'sites.save': async ({ config }, sender) => {
      // The worker has no DOM: selectors are checked by syntax (a strict subset of the browser's).
      const parsed = parseSiteConfig(config, syntaxSelectorChecker);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      if (senderKind(sender) === 'content') {
        // From a page (teach mode): its own origin only (checked in sender-policy), and never over
        // a built-in or another site's config.
        const existing = await db.siteConfigs.get(parsed.value.id);
        const origin = new URL(sender.url!);
        if (existing && (existing.source !== 'user' || !patternsForOrigin(existing.config.matches, origin)))
          throw new Error(`sites.save: id: "${parsed.value.id}" belongs to another site`);
      }
      await saveUserSiteConfigs(db, [parsed.value]);
      return { id: parsed.value.id };
    },
    'cases.definitions': ({ language }) => defs(language),
    'cases.forOrder': ({ orderNo }) => casesForOrder(db, orderNo),
    'cases.open': async ({ language, ...input }) => changed(await openCase(db, input, await defs(language))),
    'cases.update': async (update) => changed(await updateCase(db, update, await defs())),
    'cases.close': async ({ id, outcome }) => changed(await closeCase(db, id, outcome)),
    'cases.reopen': async ({ id }) => changed(await reopenCase(db, id)),
    'cases.attachments': ({ caseId }) => attachmentsOf(db, caseId),
    'cases.captureTab': async ({ caseId, itemId }, sender) => {
      const tab = sender.tab;
      if (!tab?.windowId || tab.windowId < 0) throw new Error('cases.captureTab must come from a tab');
      // The capture shows the window's visible tab: only the tab the agent is looking at may ask.
      if (!tab.active) throw new Error('cases.captureTab: the tab is not the one on screen');
      const dataUrl = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const meta = await storeAttachment(db, {
        caseId,
        itemId,
        name: `screen-${stamp}.png`,
        blob: dataUrlToBlob(dataUrl),
        sourceUrl: tab.url ?? '',
      });
      // The capture shows whatever is on screen, cross-origin frames included: its picture never
      // goes back to the page (the overlay only says it was taken; the case page shows it).
      return senderKind(sender) === 'extension' ? meta : { ...meta, preview: undefined };
    },
    'cases.openPage': async ({ caseId }) => {
      await browser.tabs.create({ url: browser.runtime.getURL(`/case.html?id=${encodeURIComponent(caseId)}`) });
      return null;
    },
    'cases.changed': (_input, sender) => {
      if (!fromExtensionPage(sender)) throw new Error('cases.changed must come from an extension page');
      services.casesChanged?.();
      return null;
    },
    'timers.observe': (batch) => recordUnattended(() => recordObserved(db, batch)),
    'timers.list': (batch) => recordUnattended(() => recordListActivity(db, batch)),
    'overlay.inject': async (_input, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('overlay.inject must come from a tab');
      return { injected: await services.injectOverlay(tabId, sender.frameId ?? 0) };
    },
  };
}

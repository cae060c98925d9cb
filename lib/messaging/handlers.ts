import { browser } from 'wxt/browser';
import type { DeskmateDB } from '@/lib/db/database';
import { listTemplates, pickerTemplates, recordUse, saveTemplate } from '@/lib/templates/store';
import { recordObserved } from '@/lib/timers/record';
import { parseSiteConfig } from '@/lib/sites/schema';
import { saveUserSiteConfigs } from '@/lib/sites/store';
import type { Handlers } from './server';

export interface BackgroundServices {
  /** Injects the overlay into a frame of a tab. */
  injectOverlay(tabId: number, frameId: number): Promise<boolean>;
  /** A wait started or ended: badge, alarms and every tab's chips need refreshing. */
  waitsChanged?(): void;
}

/** Every request the background answers, bound to its database (the tests use the same table). */
export function createHandlers(db: DeskmateDB, services: BackgroundServices): Handlers {
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
    'teach.start': async ({ tabId }) => {
      await services.injectOverlay(tabId, 0);
      await browser.tabs.sendMessage(tabId, { type: 'teach.start' }, { frameId: 0 }).catch(() => undefined); // no reply expected
      return { started: true };
    },
    'sites.save': async ({ config }) => {
      const parsed = parseSiteConfig(config);
      if (!parsed.ok) throw new Error(parsed.errors.join('; '));
      await saveUserSiteConfigs(db, [parsed.value]);
      return { id: parsed.value.id };
    },
    'timers.observe': async (batch) => {
      const result = await recordObserved(db, batch);
      if (result.changed) services.waitsChanged?.();
      return result;
    },
    'overlay.inject': async (_input, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('overlay.inject must come from a tab');
      return { injected: await services.injectOverlay(tabId, sender.frameId ?? 0) };
    },
  };
}

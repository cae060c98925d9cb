import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { getDb } from '@/lib/db/database';
import { listen, type Handlers } from '@/lib/messaging/server';
import { syncBuiltinSiteConfigs } from '@/lib/sites/store';
import { listTemplates, saveTemplate } from '@/lib/templates/store';

const OVERLAY_SCRIPT = '/content-scripts/overlay.js';

/** Injects the overlay into one frame of one tab (it guards itself against double mounting). */
async function injectOverlay(tabId: number, frameId = 0): Promise<boolean> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [OVERLAY_SCRIPT] });
  return true;
}

export default defineBackground(() => {
  const db = getDb();

  const handlers: Handlers = {
    ping: () => ({ pong: true, at: Date.now() }),
    'templates.list': ({ limit }) => listTemplates(db, limit),
    'templates.save': (draft) => saveTemplate(db, draft),
    'templates.count': () => db.templates.count(),
    'sites.get': async ({ id }) => (await db.siteConfigs.get(id)) ?? null,
    'overlay.inject': async (_input, sender) => {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new Error('overlay.inject must come from a tab');
      return { injected: await injectOverlay(tabId, sender.frameId ?? 0) };
    },
  };
  listen(handlers);

  browser.runtime.onInstalled.addListener(() => void syncBuiltinSiteConfigs(db));
  browser.runtime.onStartup.addListener(() => void syncBuiltinSiteConfigs(db));

  browser.commands.onCommand.addListener((command, tab) => {
    if (command !== 'open-picker' || tab?.id === undefined) return;
    const tabId = tab.id;
    void injectOverlay(tabId)
      .then(() => browser.tabs.sendMessage(tabId, { type: 'overlay.open' }))
      .catch(() => undefined); // pages extensions may not touch (store, settings)
  });
});

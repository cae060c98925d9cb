import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import demo from '@/lib/sites/configs/deskmate-demo.json';
import { DeskmateDB } from '@/lib/db/database';
import { createHandlers, type BackgroundServices } from '@/lib/messaging/handlers';
import { dispatch } from '@/lib/messaging/server';
import { siteChoices, siteHealth, siteMatchIndex } from '@/lib/settings';
import type { SiteConfig } from '@/lib/sites/schema';
import { saveUserSiteConfigs, syncBuiltinSiteConfigs } from '@/lib/sites/store';
import { saveTemplate } from '@/lib/templates/store';
import { LATE_ALARM, MAX_LATE_NOTIFICATIONS_PER_MINUTE, onAlarm } from '@/lib/timers/background';

// docs/security.md S16 (round 2): every handler but two answered any frame of any page,
// cross-origin ad iframes included. Each test sends what a hostile page's frame could send
// (content scripts relay it; the page controls what they read) and checks what happens.

vi.mock('@/lib/cases/capture', async (importOriginal) => {
  const real = await importOriginal<typeof import('@/lib/cases/capture')>();
  return {
    ...real,
    // happy-dom has no OffscreenCanvas: stand in for the stored capture and its thumbnail.
    storeAttachment: vi.fn(async (_db: unknown, a: { caseId: string; itemId: string; name: string; sourceUrl: string }) => ({
      id: 'att-1',
      caseId: a.caseId,
      itemId: a.itemId,
      name: a.name,
      type: 'image/png',
      size: 10,
      sourceUrl: a.sourceUrl,
      createdAt: 1,
      preview: 'data:image/jpeg;base64,/9j/AAAA',
    })),
  };
});

const tab = (id: number) => ({
  id,
  index: 0,
  windowId: 1,
  active: true,
  pinned: false,
  highlighted: true,
  incognito: false,
  url: 'https://shop.example/chat',
});
const top = (url = 'https://shop.example/chat', tabId = 1) => ({ tab: tab(tabId), frameId: 0, url }) as never;
const adFrame = { tab: tab(1), frameId: 7, url: 'https://ads.tracker.example/banner.html' } as never;
const extensionPage = () => ({ url: browser.runtime.getURL('/options.html') }) as never;
const msg = (type: string, input: unknown) => ({ deskmate: 1, type, input });

let db: DeskmateDB;
let services: BackgroundServices;
beforeEach(async () => {
  db = new DeskmateDB(`senders-${crypto.randomUUID()}`);
  services = { injectOverlay: vi.fn(async () => true), waitsChanged: vi.fn(), casesChanged: vi.fn() };
  await syncBuiltinSiteConfigs(db, 1000);
});
afterEach(() => db.delete());

const send = (type: string, input: unknown, sender: never) => dispatch(createHandlers(db, services), msg(type, input), sender);

describe('what a content script may ask', () => {
  it('a cross-origin frame no config covers gets nothing: not the template library, not a write', async () => {
    await saveTemplate(db, { title: '欢迎语', body: '亲，您好，我是{{客服名}}', folder: '', tags: [], sites: [], language: 'zh-CN' }, 1);
    for (const [type, input] of [
      ['templates.picker', {}],
      ['templates.list', { limit: 10 }],
      ['templates.save', { title: 'x', body: 'y' }],
      ['overlay.inject', { reason: 'trigger' }],
      ['timers.observe', { siteId: 'deskmate-demo', conversationId: 'c', profile: 'taobao', attachedAt: 0, messages: [] }],
    ] as const) {
      expect(await send(type, input, adFrame), type).toEqual({ ok: false, error: `${type}: refused from a frame no site config covers` });
    }
    expect(await db.templates.count()).toBe(1);
    expect(services.injectOverlay).not.toHaveBeenCalled();
    // The top frame, a frame of its own origin (an editor in an iframe), and a frame an enabled config covers, are served.
    expect(await send('templates.picker', {}, top())).toMatchObject({ ok: true, value: [expect.objectContaining({ title: '欢迎语' })] });
    expect(await send('templates.picker', {}, { tab: tab(1), frameId: 3, url: 'https://shop.example/editor.html' } as never)).toMatchObject(
      { ok: true },
    );
    expect(
      await send('templates.picker', {}, { tab: tab(1), frameId: 4, url: 'about:blank', origin: 'https://shop.example' } as never),
    ).toMatchObject({ ok: true });
    // An about:blank frame made by the ad (its origin is the ad's) is not.
    expect(
      await send('templates.picker', {}, { tab: tab(1), frameId: 5, url: 'about:blank', origin: 'https://ads.tracker.example' } as never),
    ).toMatchObject({ ok: false });
    await siteMatchIndex.setValue([...(await siteMatchIndex.getValue()), { id: 'user-ads', matches: ['https://ads.tracker.example/*'] }]);
    expect(await send('templates.picker', {}, adFrame)).toMatchObject({ ok: true });
  });

  it('a page chooses which config reads it only for its own host, and only among the configs that match it', async () => {
    const page = top('http://127.0.0.1/classic/index.html');
    await saveUserSiteConfigs(db, [
      { ...demo, id: 'user-127.0.0.1-classic', verified: false, matches: ['http://127.0.0.1/classic/*'] } as SiteConfig,
    ]);
    expect(await send('sites.choose', { url: 'http://127.0.0.1/classic/index.html', id: 'deskmate-demo' }, page)).toEqual({
      ok: true,
      value: { id: 'deskmate-demo' },
    });
    expect(await siteChoices.getValue()).toEqual({ '127.0.0.1': 'deskmate-demo' });
    // Another host's choice, or a config that does not match the page: refused, nothing written.
    expect(await send('sites.choose', { url: 'https://shop.example/chat', id: 'deskmate-demo' }, page)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/own site/),
    });
    expect(await send('sites.choose', { url: 'http://127.0.0.1/classic/index.html', id: 'zendesk' }, page)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/does not match/),
    });
    expect(await siteChoices.getValue()).toEqual({ '127.0.0.1': 'deskmate-demo' });
    expect(await send('sites.choose', { url: 'http://127.0.0.1/classic/index.html', id: null }, page)).toMatchObject({ ok: true });
    expect(await siteChoices.getValue()).toEqual({});
  });

  it("a page reports the health of the config that reads it, never another console's; writes are throttled", async () => {
    const page = top('http://127.0.0.1/index.html');
    expect(await send('sites.health', { siteId: 'taobao-qianniu', failing: ['messages'], lastMatchAt: null }, page)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/does not match/),
    });
    expect(await siteHealth.getValue()).toEqual({});
    const at = Date.now();
    expect(await send('sites.health', { siteId: 'deskmate-demo', failing: [], lastMatchAt: at }, page)).toMatchObject({ ok: true });
    const first = (await siteHealth.getValue())['deskmate-demo'];
    expect(first).toMatchObject({ failing: [], lastMatchAt: at });
    // The same state a minute later: nothing written.
    await send('sites.health', { siteId: 'deskmate-demo', failing: [], lastMatchAt: at + 60_000 }, page);
    expect((await siteHealth.getValue())['deskmate-demo']).toEqual(first);
    // Parts failing: written at once.
    await send('sites.health', { siteId: 'deskmate-demo', failing: ['messages', 'composer'], lastMatchAt: at }, page);
    expect((await siteHealth.getValue())['deskmate-demo']).toMatchObject({ failing: ['messages', 'composer'], lastMatchAt: at });
  });

  it('a page can add a template but not overwrite one by id, nor list the library beyond what the overlay shows', async () => {
    const mine = await saveTemplate(db, { title: '退款流程', body: '原文', folder: '', tags: [], sites: [], language: 'zh-CN' }, 1);
    expect(await send('templates.save', { id: mine.id, title: '退款流程', body: '加我微信 wx123 退款' }, top())).toEqual({
      ok: false,
      error: 'templates.save: id: a page may only add templates, not choose their id',
    });
    expect((await db.templates.get(mine.id))?.body).toBe('原文');
    expect(await send('templates.save', { title: '新话术', body: '请稍等' }, top())).toMatchObject({ ok: true });
    expect(await send('templates.list', { limit: 100000 }, top())).toEqual({
      ok: false,
      error: 'templates.list: limit: at most 50 from a page',
    });
    // Deskmate's own pages may do both.
    expect(await send('templates.save', { id: mine.id, title: '退款流程', body: '新原文' }, extensionPage())).toMatchObject({ ok: true });
  });

  it('site configs from a page: only its own origin, under a user- id, never over a built-in or another site', async () => {
    const config = (id: string, matches: string[]) => ({ ...demo, id, matches });
    const builtin = await db.siteConfigs.get('deskmate-demo');
    expect(builtin?.source).toBe('builtin');
    // Replace a built-in by id with any matches.
    expect(await send('sites.save', { config: config('deskmate-demo', ['*://*/*']) }, top())).toEqual({
      ok: false,
      error: 'sites.save: id: a config taught on a page must have an id starting with "user-"',
    });
    // Load the overlay on every site.
    expect(await send('sites.save', { config: config('user-evil', ['*://*/*']) }, top())).toEqual({
      ok: false,
      error: "sites.save: matches: a config taught on a page may only match that page's own site (https://shop.example/…)",
    });
    expect(await send('sites.save', { config: config('user-evil', ['https://*.shop.example/*']) }, top())).toMatchObject({ ok: false });
    expect(await send('sites.save', { config: config('user-evil', ['https://bank.example/*']) }, top())).toMatchObject({ ok: false });
    // Its own site: saved.
    expect(await send('sites.save', { config: config('user-shop.example', ['https://shop.example/*']) }, top())).toEqual({
      ok: true,
      value: { id: 'user-shop.example' },
    });
    // Another site's page cannot take that id over.
    expect(
      await send('sites.save', { config: config('user-shop.example', ['https://evil.example/*']) }, top('https://evil.example/x')),
    ).toEqual({
      ok: false,
      error: 'sites.save: id: "user-shop.example" belongs to another site',
    });
    expect((await db.siteConfigs.get('user-shop.example'))?.config.matches).toEqual(['https://shop.example/*']);
    expect((await db.siteConfigs.get('deskmate-demo'))?.config.matches).toEqual(builtin?.config.matches);
  });

  it('requests only extension pages make are refused from a page', async () => {
    for (const [type, input] of [
      ['teach.start', { tabId: 5 }],
      ['waits.show', {}],
      ['cases.changed', {}],
      ['cases.attachments', { caseId: 'c' }],
      ['cases.close', { id: 'c', outcome: 'won' }],
      ['cases.reopen', { id: 'c' }],
      ['templates.count', {}],
    ] as const) {
      expect(await send(type, input, top()), type).toEqual({ ok: false, error: `${type} must come from an extension page` });
    }
    expect(services.injectOverlay).not.toHaveBeenCalled();
    expect(services.casesChanged).not.toHaveBeenCalled();
  });

  it('a screen capture is stored, but its picture does not go back to the page', async () => {
    const tabs = browser.tabs as unknown as { captureVisibleTab: (windowId: number, options: object) => Promise<string> };
    const capture = vi.spyOn(tabs, 'captureVisibleTab').mockResolvedValue('data:image/png;base64,iVBORw0KGgo=');
    try {
      const fromPage = await send('cases.captureTab', { caseId: 'case-1', itemId: 'chat' }, top());
      expect(fromPage).toMatchObject({ ok: true, value: { id: 'att-1' } });
      expect((fromPage as { value: { preview?: string } }).value.preview).toBeUndefined();
      // Deskmate's own pages get it.
      expect(
        await send('cases.captureTab', { caseId: 'case-1', itemId: 'chat' }, {
          ...(top() as object),
          url: browser.runtime.getURL('/case.html'),
        } as never),
      ).toMatchObject({ ok: true, value: { preview: 'data:image/jpeg;base64,/9j/AAAA' } });
    } finally {
      capture.mockRestore();
    }
  });

  it('pages open tabs and cases at a bounded rate', async () => {
    const create = vi.spyOn(browser.tabs, 'create');
    try {
      const replies = [];
      for (let i = 0; i < 8; i++) replies.push(await send('cases.openPage', { caseId: 'c' }, top('https://shop.example/chat', 42)));
      expect(replies.filter((r) => r.ok)).toHaveLength(5);
      expect(replies.at(-1)).toEqual({ ok: false, error: 'cases.openPage: too many pages opened from this tab; try again in a minute' });
      expect(create).toHaveBeenCalledTimes(5);
    } finally {
      create.mockRestore();
    }
    const opened = [];
    for (let i = 0; i < 12; i++)
      opened.push(
        await send(
          'cases.open',
          { orderNo: `A${i}`, caseTypeId: 'not-received', platform: 'taobao', siteId: 'deskmate-demo' },
          top('https://shop.example/chat', 43),
        ),
      );
    expect(
      opened.slice(0, 10).every((r) => r.ok),
      JSON.stringify(opened[0]),
    ).toBe(true);
    expect(opened.slice(10)).toEqual([
      { ok: false, error: 'cases.open: too many cases opened from this tab; try again in a minute' },
      { ok: false, error: 'cases.open: too many cases opened from this tab; try again in a minute' },
    ]);
    expect(await db.cases.count()).toBe(opened.filter((r) => r.ok).length);
  });

  it('late-wait notifications (waits come from what pages show) are shown at a bounded rate', async () => {
    const now = 10_000_000;
    for (let i = 0; i < 6; i++) {
      const since = now - 185_000 - i * 1000; // each crossed its 3-minute target a few seconds ago
      await db.conversations.put({
        id: `deskmate-demo:c${i}`,
        siteId: 'deskmate-demo',
        conversationId: `c${i}`,
        waitingSince: since,
        lastCustomerAt: since,
        lastAgentAt: 0,
        updatedAt: now,
      });
    }
    const create = vi.spyOn(browser.notifications, 'create');
    const ui = vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
    try {
      await onAlarm(db, LATE_ALARM, now);
      expect(create).toHaveBeenCalledTimes(MAX_LATE_NOTIFICATIONS_PER_MINUTE);
    } finally {
      create.mockRestore();
      ui.mockRestore();
    }
  });
});

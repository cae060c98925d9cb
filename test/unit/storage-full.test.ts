import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shippedChecklists } from '@/lib/cases/definitions';
import { storeAttachment, storeAttachments } from '@/lib/cases/capture';
import { openCase } from '@/lib/cases/store';
import { DeskmateDB } from '@/lib/db/database';
import { isQuotaError } from '@/lib/quota';
import { translator } from '@/lib/i18n';
import { errorText } from '@/lib/i18n/errors';
import { MessagingError } from '@/lib/messaging/client';
import { createHandlers, type BackgroundServices } from '@/lib/messaging/handlers';
import { dispatch } from '@/lib/messaging/server';
import { applyImport } from '@/lib/templates/import';

/** A content script in a console's top frame (lib/messaging/sender-policy.ts). */
const topFrame = {
  tab: { id: 1, index: 0, windowId: 1, active: true, pinned: false, highlighted: true, incognito: false },
  frameId: 0,
  url: 'http://127.0.0.1:5174/',
} as never;

// Storage running out (the browser's quota, or the disk) in the middle of a write: the agent is
// told so in words, nothing of the refused write remains, and what was there before is intact.
// The real browser case is test/e2e/chromium-storage-full.test.mjs; here the failure is injected
// into fake-indexeddb's object store, below Dexie, the way a browser raises it.

let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`quota-${crypto.randomUUID()}`);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const quota = () => new DOMException('', 'QuotaExceededError');
/** Every `add`/`put` after the first `allowed` ones is refused for lack of space. */
function fillAfter(allowed: number) {
  let n = 0;
  const refuse = (original: (...a: unknown[]) => unknown) =>
    function (this: IDBObjectStore, ...args: unknown[]) {
      if (++n > allowed) throw quota();
      return original.apply(this, args);
    };
  vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(refuse(IDBObjectStore.prototype.add as never) as never);
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(refuse(IDBObjectStore.prototype.put as never) as never);
}

const defs = shippedChecklists('zh-CN');
const png = (n: number) => new Blob([new Uint8Array(n)], { type: 'image/png' });

describe('storage full', () => {
  it('recognises the error however it arrives: the DOMException, Dexie wrapping it, a background reply', async () => {
    expect(isQuotaError(quota())).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: quota() })).toBe(true);
    expect(isQuotaError(new MessagingError('', 'quota'))).toBe(true);
    expect(isQuotaError(new Error('Transaction aborted: QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new Error('caseId: no case "x"'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    const t = translator('zh-CN');
    expect(errorText(quota(), t)).toContain('存储空间已满');
    expect(errorText(new Error('caseId: no case "x"'), t)).toBe('caseId: no case "x"');
    expect(errorText(new MessagingError('', 'quota'), translator('en'))).toMatch(/^Storage is full/);
    // A context for other errors, never for the storage-full message (it is complete by itself).
    expect(errorText(new Error('disk error'), t, (m) => `未保存：${m}`)).toBe('未保存：disk error');
    expect(errorText(quota(), t, (m) => `未保存：${m}`)).toContain('存储空间已满');
  });

  it('stores a batch of evidence files all or none: the third refused leaves none of them, earlier evidence intact', async () => {
    const c = await openCase(db, { orderNo: '3859201746682', caseTypeId: defs.caseTypes[0]!.id, platform: 'taobao', siteId: 'demo' }, defs);
    const itemId = c.items[0]!.itemId;
    const first = await storeAttachment(db, { caseId: c.id, itemId, name: 'before.png', blob: png(10), sourceUrl: '' });
    fillAfter(2);
    const batch = ['a.png', 'b.png', 'c.png'].map((name) => ({ caseId: c.id, itemId, name, blob: png(100), sourceUrl: '' }));
    const error = await storeAttachments(db, batch).catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    vi.restoreAllMocks();
    const rows = await db.attachments.toArray();
    expect(rows.map((r) => r.name)).toEqual(['before.png']);
    expect(rows[0]!.id).toBe(first.id);
    expect(await db.cases.get(c.id)).toEqual(c);
  });

  it('imports templates all or none when storage runs out part-way, and the library stays as it was', async () => {
    await applyImport(db, [{ title: '已有', body: '您好', folder: '', tags: [] }], 'skip', () => undefined, 'zh-CN');
    fillAfter(500);
    const many = Array.from({ length: 2000 }, (_, i) => ({ title: `导入 ${i}`, body: `内容 ${i}`, folder: '导入', tags: [] }));
    const error = await applyImport(db, many, 'skip', () => undefined, 'zh-CN').catch((e: unknown) => e);
    expect(isQuotaError(error)).toBe(true);
    vi.restoreAllMocks();
    expect((await db.templates.toArray()).map((t) => t.title)).toEqual(['已有']);
  });

  it('answers a content script with code "quota", so the overlay can say storage is full', async () => {
    const services = {
      injectOverlay: async () => true,
      waitsChanged: () => undefined,
      casesChanged: () => undefined,
      checklists: async () => defs,
    } as unknown as BackgroundServices;
    const handlers = createHandlers(db, services);
    fillAfter(0);
    const reply = await dispatch(handlers, { deskmate: 1, type: 'templates.save', input: { title: '新话术', body: '请稍等' } }, topFrame);
    expect(reply).toMatchObject({ ok: false, code: 'quota' });
    vi.restoreAllMocks();
    expect(await db.templates.count()).toBe(0);
  });
});

describe('storage full while recording reply events', () => {
  it('publishes the flag when a report is refused and clears it at the next stored one', async () => {
    const { storageFullAt } = await import('@/lib/settings');
    const services = {
      injectOverlay: async () => true,
      waitsChanged: () => undefined,
      casesChanged: () => undefined,
      checklists: async () => defs,
    } as unknown as BackgroundServices;
    const handlers = createHandlers(db, services);
    const report = (id: string, at: number) => ({
      deskmate: 1,
      type: 'timers.observe',
      input: {
        siteId: 'deskmate-demo',
        profile: 'taobao',
        attachedAt: 0,
        conversationId: 'c-1',
        messages: [{ id, sender: 'customer', at, live: true }],
      },
    });
    fillAfter(0);
    expect(await dispatch(handlers, report('m-1', Date.now()), topFrame)).toMatchObject({ ok: false, code: 'quota' });
    expect(await storageFullAt.getValue()).toBeGreaterThan(0);
    vi.restoreAllMocks();
    expect(await dispatch(handlers, report('m-2', Date.now()), topFrame)).toMatchObject({ ok: true });
    expect(await storageFullAt.getValue()).toBe(0);
  });
});

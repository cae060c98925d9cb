import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { decodeRecord, encodeRecord, exportAll, parseBackup, restoreAll } from '@/lib/backup/backup';
import { DeskmateDB, LATEST_VERSION } from '@/lib/db/database';
import { saveTemplate } from '@/lib/templates/store';

let a: DeskmateDB;
let b: DeskmateDB;
beforeEach(() => {
  a = new DeskmateDB(`backup-a-${crypto.randomUUID()}`);
  b = new DeskmateDB(`backup-b-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await a.delete();
  await b.delete();
});

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 255]);

async function fill(db: DeskmateDB) {
  const tpl = await saveTemplate(
    db,
    { title: '欢迎语', body: '亲，在的~', folder: '通用', tags: ['售前'], sites: [], language: 'zh-CN' },
    1000,
  );
  await db.templateUses.add({ templateId: tpl.id, at: 2000, siteId: 'demo', chars: 5 });
  await db.conversations.put({
    id: 'demo:c-1',
    siteId: 'demo',
    conversationId: 'c-1',
    waitingSince: 0,
    lastCustomerAt: 1,
    lastAgentAt: 2,
    updatedAt: 3,
    seenUntil: 3,
  });
  await db.messageEvents.put({ id: 'demo:c-1:m1', conversationKey: 'demo:c-1', sender: 'customer', at: 10 });
  await db.rounds.add({ conversationKey: 'demo:c-1', siteId: 'demo', profile: 'taobao', startedAt: 10, endedAt: 70 });
  await db.cases.put({
    id: 'case-1',
    orderNo: '3859201746682',
    disputeType: 'quality',
    platform: 'taobao',
    siteId: 'demo',
    status: 'open',
    startedAt: 5,
    deadlineAt: 500,
    items: [{ itemId: 'invoice', done: 1, note: '有专用章', doneAt: 6 }],
    createdAt: 5,
    updatedAt: 6,
    closedAt: 0,
  });
  await db.attachments.put({
    id: 'att-1',
    caseId: 'case-1',
    itemId: 'invoice',
    name: '发票.png',
    type: 'image/png',
    size: png.length,
    sourceUrl: 'http://127.0.0.1/',
    createdAt: 7,
    blob: new Blob([png], { type: 'image/png' }),
  });
  await db.lintEvents.add({ at: 8, ruleId: 'wechat', kind: 'shown', siteId: 'demo' });
}

describe('backup and restore', () => {
  it('round-trips every table (Blobs included) and the settings through one JSON file', async () => {
    await fill(a);
    const backup = await exportAll(a, { language: 'zh-CN', typingSpeed: 55, openWaits: { demo: [] }, siteMatchIndex: [] });
    expect(backup.settings).toEqual({ language: 'zh-CN', typingSpeed: 55 });
    // fake-indexeddb does not keep Blobs: encode the attachment as a browser's export would.
    const [att] = await a.attachments.toArray();
    backup.tables.attachments = [await encodeRecord({ ...att!, blob: new Blob([png], { type: 'image/png' }) })];
    const text = JSON.stringify(backup);
    const parsed = parseBackup(text);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    await b.templates.add({ ...(await a.templates.toArray())[0]!, id: 'stale', title: 'will be replaced' });
    const counts = await restoreAll(b, parsed.value);
    expect(counts).toMatchObject({
      templates: 1,
      templateUses: 1,
      rounds: 1,
      cases: 1,
      attachments: 1,
      lintEvents: 1,
      messageEvents: 1,
      conversations: 1,
    });
    for (const name of ['templates', 'templateUses', 'conversations', 'messageEvents', 'rounds', 'cases', 'lintEvents', 'siteConfigs']) {
      expect(await b.table(name).toArray(), name).toEqual(await a.table(name).toArray());
    }
    expect((await b.attachments.get('att-1'))?.name).toBe('发票.png');
  });

  it('a restore that fails midway leaves neither half behind: tables fail → settings put back; settings fail → tables untouched', async () => {
    await fill(a);
    const backup = await exportAll(a, { language: 'en', typingSpeed: 99 });
    const parsed = parseBackup(JSON.stringify({ ...backup, tables: { ...backup.tables, attachments: [] } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    await browser.storage.local.set({ language: 'zh-CN' }); // typingSpeed never set here
    await b.templates.add({ ...(await a.templates.toArray())[0]!, id: 'mine', title: '我的模板' });
    // 1. The disk fills while the tables are written.
    const full = vi.spyOn(b.table('cases'), 'bulkAdd').mockRejectedValueOnce(new DOMException('full', 'QuotaExceededError'));
    await expect(restoreAll(b, parsed.value, browser.storage.local)).rejects.toThrow('full');
    full.mockRestore();
    expect(await browser.storage.local.get(['language', 'typingSpeed'])).toEqual({ language: 'zh-CN' });
    expect((await b.templates.toArray()).map((t) => t.id)).toEqual(['mine']);
    // 2. The settings write fails first: nothing of the tables changes.
    const failing = {
      ...browser.storage.local,
      get: browser.storage.local.get,
      remove: browser.storage.local.remove,
      set: () => Promise.reject(new Error('storage is gone')),
    };
    await expect(restoreAll(b, parsed.value, failing as never)).rejects.toThrow('storage is gone');
    expect((await b.templates.toArray()).map((t) => t.id)).toEqual(['mine']);
    // 3. And when nothing fails, both halves are the backup's.
    await restoreAll(b, parsed.value, browser.storage.local);
    expect(await browser.storage.local.get(['language', 'typingSpeed'])).toEqual({ language: 'en', typingSpeed: 99 });
    expect(await b.cases.count()).toBe(1);
  });

  it('encodes Blobs as base64 and decodes them byte for byte', async () => {
    // (fake-indexeddb cannot store Blobs in Node; the end-to-end backup test does it in Chromium.)
    const encoded = await encodeRecord({ id: 'x', blob: new Blob([png], { type: 'image/png' }) });
    const back = decodeRecord(JSON.parse(JSON.stringify(encoded)) as Record<string, unknown>);
    const blob = back.blob as Blob;
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(png);
  });

  it('refuses a bad file naming what is wrong, and changes nothing', async () => {
    await fill(b);
    const before = await b.templates.toArray();
    expect(parseBackup('{"format":"deskmate/backup"')).toMatchObject({ ok: false });
    const r = parseBackup(
      JSON.stringify({
        format: 'deskmate/backup',
        version: 1,
        schemaVersion: 99,
        tables: { templates: [{ title: 'no id' }], secrets: [] },
      }),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toContain(`schemaVersion: 99 is not a database version this Deskmate knows (1–${LATEST_VERSION})`);
      expect(r.errors).toContain('tables.secrets: unknown table');
    }
    const rows = parseBackup(
      JSON.stringify({ format: 'deskmate/backup', version: 1, schemaVersion: 1, tables: { templates: [{ title: 'no id' }] } }),
    );
    expect(rows.ok).toBe(false);
    if (!rows.ok) expect(rows.errors).toContain('tables.templates.0.id: is missing');
    expect(await b.templates.toArray()).toEqual(before);
  });
});

describe('backup validation', () => {
  const base = { format: 'deskmate/backup', version: 1, schemaVersion: 1 };
  it('validates restored site configs, previews, setting keys and lint rules like their own imports', () => {
    const r = parseBackup(
      JSON.stringify({
        ...base,
        tables: {
          siteConfigs: [
            {
              id: 'x',
              source: 'user',
              enabled: 1,
              updatedAt: 0,
              config: {
                format: 'deskmate/site-config',
                version: 1,
                id: 'x',
                name: 'X',
                matches: ['https://x.example/*'],
                selectors: { orderNo: { selector: ['#o'], regex: '(\\d+)(?=元)' } },
              },
            },
          ],
          attachments: [
            {
              id: 'a',
              caseId: 'c',
              itemId: 'i',
              name: 'n',
              type: 'image/png',
              size: 1,
              sourceUrl: '',
              createdAt: 0,
              preview: 'https://evil.example/pixel.gif',
            },
          ],
        },
        settings: { language: 'zh-CN', evil: 1, lintRules: [{ id: 'r', regex: '((a+))+' }] },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.some((e) => e.startsWith('tables.siteConfigs.0.config.selectors.orderNo.regex:'))).toBe(true);
    expect(r.errors).toContain('tables.attachments.0.preview: must be a data:image URL');
    expect(r.errors).toContain('settings.evil: is not a Deskmate setting');
    expect(r.errors.some((e) => e.startsWith('settings.lintRules.0'))).toBe(true);
  });
});

describe('restoring data of an older version', () => {
  it('upgrades rows one version at a time with the same steps as the live database', async () => {
    const { upgradeTables } = await import('@/lib/db/upgrades');
    const steps = {
      2: {
        row: (table: string, row: Record<string, unknown>) => (table === 'rounds' ? { ...row, profile: row.profile ?? 'helpdesk' } : row),
      },
      3: { row: (_t: string, row: Record<string, unknown>) => ({ ...row, v3: true }) },
    };
    expect(upgradeTables({ rounds: [{ id: 1 }], cases: [{ id: 'c' }] }, 1, 3, steps)).toEqual({
      rounds: [{ id: 1, profile: 'helpdesk', v3: true }],
      cases: [{ id: 'c', v3: true }],
    });
    expect(upgradeTables({ rounds: [{ id: 1 }] }, 2, 3, steps)).toEqual({ rounds: [{ id: 1, v3: true }] });
  });

  it("brings stored lint rules of an older release (lookahead regexes) to today's, instead of refusing the backup", () => {
    const rule = {
      id: 'offplatform.phone',
      category: 'off-platform',
      severity: 'error',
      patterns: [],
      regex: '(?<!\\d)1[3-9]\\d(?:[\\s-]?\\d{4}){2}(?!\\d)',
      message: 'm',
      suggestion: 's',
      enabled: true,
    };
    const r = parseBackup(
      JSON.stringify({
        format: 'deskmate/backup',
        version: 1,
        schemaVersion: 1,
        tables: {},
        settings: { lintRules: [rule], lintRules$: { v: 1 } },
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.settings).toEqual({ lintRules: [{ ...rule, regex: '(?<!\\d)1[3-9]\\d(?:[\\s-]?\\d{4}){2}\\b' }] });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeskmateDB } from '@/lib/db/database';
import { applyImport, planImport } from '@/lib/templates/import';
import { escapeCell, unescapeCell } from '@/lib/csv';
import { exportCsv, exportJson, parseCsv, parseImport, parsePack } from '@/lib/templates/io';
import { installPack, packTemplates } from '@/lib/templates/packs';
import { deleteTemplates, saveTemplate } from '@/lib/templates/store';

const enc = (s: string) => new TextEncoder().encode(s);
let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`io-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

describe('default packs', () => {
  it('ship at least 40 zh-CN templates, every one with a shortcode, and an en pack with the same ids', () => {
    const zh = packTemplates('zh-CN');
    const en = packTemplates('en');
    expect(zh.length).toBeGreaterThanOrEqual(40);
    expect(zh.every((t) => t.shortcode)).toBe(true);
    expect(new Set(zh.map((t) => t.id))).toEqual(new Set(en.map((t) => t.id)));
    expect(zh.map((t) => t.title).slice(0, 5)).toEqual(['欢迎语', '活动告知', '宝贝介绍', '订单确认', '收藏店铺']);
  });

  it('installs once, never brings back a deleted template, and keeps the agent’s edits', async () => {
    const count = await installPack(db, 'zh-CN', 1000);
    expect(await db.templates.count()).toBe(count);
    const welcome = await db.templates.where('builtinId').equals('builtin.presale.welcome').first();
    expect(welcome).toMatchObject({ shortcode: 'hyy', title: '欢迎语', py: 'huanyingyu', pyi: 'hyy' });
    await deleteTemplates(db, [welcome!.id]);
    const promo = await db.templates.where('builtinId').equals('builtin.presale.promotion').first();
    await saveTemplate(
      db,
      { id: promo!.id, title: '我的活动告知', body: '自己写的', folder: '售前', tags: [], sites: [], language: 'zh-CN', shortcode: 'hdgz' },
      2000,
    );
    expect(await installPack(db, 'zh-CN', 3000)).toBe(0); // an update: nothing to change
    expect(await db.templates.where('builtinId').equals('builtin.presale.welcome').count()).toBe(0);
    expect((await db.templates.get(promo!.id))?.title).toBe('我的活动告知');
    expect(await db.templates.count()).toBe(count - 1);
  });
});

describe('JSON import', () => {
  it('names the item and field of every error, and nothing is written', async () => {
    const r = parsePack({
      format: 'deskmate/templates',
      version: 1,
      templates: [
        { title: 'ok', body: 'fine' },
        { title: '', body: 'x' },
        { title: '长文', body: 'x'.repeat(20001) },
        { title: 'a', body: 'b', colour: 'red' },
      ],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'templates[1].title: is empty',
      'templates[2] (“长文”).body: is longer than 20000 characters',
      expect.stringMatching(/^templates\[3\] \(“a”\)\.item: .*colour/),
    ]);
  });

  it('rejects a wrong format tag, truncated JSON and invalid UTF-8 with clear messages', () => {
    expect(parseImport(enc('{"format":"other","version":1,"templates":[]}'))).toEqual({
      ok: false,
      errors: ['format: must be "deskmate/templates"'],
    });
    expect(parseImport(enc('{"format":"deskmate/templates","templ'))).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/^file: is not valid JSON/)],
    });
    expect(parseImport(new Uint8Array([0x66, 0x6f, 0xff, 0xfe, 0x2c]))).toMatchObject({
      ok: false,
      errors: [expect.stringMatching(/not valid UTF-8/)],
    });
  });

  it('finds duplicate shortcodes inside the file', () => {
    const r = parsePack({
      format: 'deskmate/templates',
      version: 1,
      templates: [
        { title: 'a', body: 'a', shortcode: 'x' },
        { title: 'b', body: 'b', shortcode: 'x' },
      ],
    });
    expect(r).toEqual({ ok: false, errors: ['templates[1].shortcode: "x" is also used by templates[0]'] });
  });
});

describe('CSV import', () => {
  it('reads spreadsheet CSV with BOM, quotes, commas and line breaks', () => {
    const csv =
      '\ufefffolder,shortcode,title,body\r\n售后/物流,wl,物流查询,"亲，您的包裹在路上\r\n单号：{{物流单号}}"\r\n,qd,请稍等,"请稍等,我查一下 ""马上"""\r\n';
    const r = parseImport(enc(csv), 'x.csv');
    expect(r).toEqual({
      ok: true,
      value: {
        templates: [
          { folder: '售后/物流', shortcode: 'wl', title: '物流查询', body: '亲，您的包裹在路上\r\n单号：{{物流单号}}' },
          { shortcode: 'qd', title: '请稍等', body: '请稍等,我查一下 "马上"' },
        ],
      },
    });
  });

  it('accepts Chinese headers and names wrong columns and short rows', () => {
    expect(parseCsv('目录,快捷码,标题,内容\n,a,T,B\n')).toMatchObject({ ok: true });
    expect(parseCsv('folder,code,title,body\n')).toEqual({
      ok: false,
      errors: ['row 1 (header): expected the columns folder,shortcode,title,body; missing shortcode; unknown "code"'],
    });
    expect(parseCsv('folder,shortcode,title,body\nx,y,z\n,ok,,body\n')).toEqual({
      ok: false,
      errors: ['row 2: has 3 cells, the header has 4', 'row 3, title: is empty'],
    });
  });

  it('escapes formula cells on export and restores them on import', () => {
    for (const v of ['=cmd|" /C calc"!A0', '+1', '-5元', '@SUM(A1)', "'=x", "'plain", 'plain']) expect(unescapeCell(escapeCell(v))).toBe(v);
    const csv = exportCsv([{ id: '1', title: '=HYPERLINK("x")', body: '-', folder: '', tags: [], sites: [], shortcode: 'a' }]);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.split('\r\n')[1]).toBe(`,a,"'=HYPERLINK(""x"")",'-`);
  });
});

describe('import into the library', () => {
  it('round-trips exactly through JSON and CSV export', async () => {
    await installPack(db, 'zh-CN', 1000);
    const before = (await db.templates.toArray()).sort((a, b) => a.id.localeCompare(b.id));
    const fromJson = parseImport(enc(exportJson(before)));
    expect(fromJson.ok && fromJson.value.templates.map((t) => [t.id, t.title, t.body, t.shortcode, t.folder, t.tags])).toEqual(
      before.map((t) => [t.id, t.title, t.body, t.shortcode, t.folder || undefined, t.tags.length ? t.tags : undefined]),
    );
    const fromCsv = parseImport(enc(exportCsv(before)), 'lib.csv');
    expect(fromCsv.ok && fromCsv.value.templates.map((t) => [t.folder ?? '', t.shortcode, t.title, t.body])).toEqual(
      before.map((t) => [t.folder, t.shortcode, t.title, t.body]),
    );
  });

  it('lets the agent update, keep both or skip duplicates', async () => {
    await saveTemplate(db, { title: '请稍等', body: '旧', shortcode: 'qd', folder: '', tags: [], sites: [], language: 'zh-CN' });
    const incoming = [
      { title: '请稍等', body: '新', shortcode: 'qd' },
      { title: '新模板', body: 'x', shortcode: 'xm' },
    ];
    expect(await planImport(db, incoming)).toEqual({ total: 2, duplicates: 1 });
    expect(await applyImport(db, incoming, 'skip')).toEqual({ added: 1, updated: 0, skipped: 1 });
    expect(await applyImport(db, incoming.slice(0, 1), 'both')).toEqual({ added: 1, updated: 0, skipped: 0 });
    expect((await db.templates.where('shortcode').equals('qd-2').first())?.body).toBe('新');
    expect(await applyImport(db, incoming.slice(0, 1), 'update')).toEqual({ added: 0, updated: 1, skipped: 0 });
    expect((await db.templates.where('shortcode').equals('qd').first())?.body).toBe('新');
  });

  it('imports 10,000 templates in one transaction with progress', async () => {
    const many = Array.from({ length: 10000 }, (_, i) => ({ title: `模板${i}`, body: `内容 ${i}`, shortcode: `m${i}` }));
    const progress: number[] = [];
    const r = await applyImport(db, many, 'skip', (done) => progress.push(done));
    expect(r.added).toBe(10000);
    expect(progress.at(-1)).toBe(10000);
    expect(progress.length).toBe(10);
    expect(await db.templates.count()).toBe(10000);
  });
});

